import type { CollectionRow } from '../../store/shared/collections';

/**
 * Per-collection state that is valid for one generation of the collection (the counter every
 * transaction that changes its chunks bumps). A reader passes the collection row it read; the state
 * it gets back belongs to that row's generation, so nothing cached for an older generation is ever
 * served. A racing write can at worst leave the old generation's entry holding newer data, which
 * only readers of that older row ever see.
 *
 * Collections are kept in least-recently-used order (Map order), at most `maxCollections` of them.
 */
export class GenerationCache<T> {
  private readonly entries = new Map<string, { generation: number; state: T }>();

  constructor(
    private readonly create: () => T,
    private readonly maxCollections: number,
  ) {}

  stateFor(collection: Pick<CollectionRow, 'id' | 'generation'>): T {
    let entry = this.entries.get(collection.id);
    // a reader holding an older row than the cache's: state for it alone, uncached
    if (entry && entry.generation > collection.generation) return this.create();
    if (entry) this.entries.delete(collection.id); // re-inserted below as the most recent
    if (!entry || entry.generation !== collection.generation) entry = { generation: collection.generation, state: this.create() };
    this.entries.set(collection.id, entry);
    if (this.entries.size > this.maxCollections) this.entries.delete(this.entries.keys().next().value!);
    return entry.state;
  }

  /** cached states, least recently used first */
  states(): T[] {
    return [...this.entries.values()].map((entry) => entry.state);
  }
}

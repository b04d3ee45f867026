import { z } from 'zod';
import { defineExecutor } from '../../core/context';
import { NodeError } from '../../core/errors';
import { validateCollectionName } from '../shared/collections';
import { storePgvector } from './definition';
import { planDocuments } from './plan';
import { storeDocuments } from './write';

export const storePgvectorExecutor = defineExecutor(storePgvector, {
  async execute(ctx, inputs, config) {
    const value = inputs.chunks;
    if (!value) throw new NodeError('INVALID_INPUT', 'store.pgvector needs embedded chunks on its "chunks" input');
    const collection = validateCollectionName(config.collection);
    const remove = inputs.remove === undefined ? undefined : sourceIdsToRemove(inputs.remove);
    const summary = await storeDocuments(
      ctx.sql,
      { collection, model: value.model, dims: value.dims, m: config.m, efConstruction: config.efConstruction, indexThreshold: config.indexThreshold, remove },
      (collectionId) => planDocuments(value, collectionId, { indexTitle: config.indexTitle }),
    );
    ctx.record({ chunksWritten: summary.chunksWritten, skippedUnchanged: summary.skippedUnchanged, replaced: summary.replaced, ...(remove ? { removed: summary.removed } : {}) });
    return { summary };
  },
});

const MAX_REMOVED = 10_000;
const sourceIds = z.array(z.string().min(1).max(1000)).max(MAX_REMOVED);

/** The Remove input: a list of source ids (an empty one removes nothing). */
function sourceIdsToRemove(value: unknown): string[] {
  const parsed = sourceIds.safeParse(value);
  if (!parsed.success) {
    throw new NodeError('INVALID_INPUT', `store.pgvector's "remove" input takes a list of source ids (at most ${MAX_REMOVED.toLocaleString('en')}), such as the Web pages node's "gone" output: ${parsed.error.issues[0]!.message}`);
  }
  return parsed.data;
}

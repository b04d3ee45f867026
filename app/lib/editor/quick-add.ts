import { latestDefinitions, type NodeCatalog } from '../../../nodes/core/catalog-types';
import { NODE_CATEGORIES, type AnyNodeDefinition } from '../../../nodes/core/define';
import { canConnect, type PortKind, type PortMap } from '../../../nodes/core/ports';
import { matchesSearch } from './catalog';

/**
 * A connection dropped on empty canvas offers the node types that can take its other end: dragged
 * from an output, the types with an input that accepts its kind; from an input, the types with an
 * output that can feed it. The pick is added there and connected in one step.
 */
export type OpenEnd = { kind: PortKind; side: 'output' | 'input' };

export interface QuickAddOption {
  definition: AnyNodeDefinition;
  /** the new node's port the connection goes to (an input when dragged from an output, and back). */
  port: string;
}

/** How well a port fits: its own kind first, then a widening (a query into text), then "json", which takes anything. */
function fit(from: PortKind, to: PortKind): number | null {
  if (!canConnect(from, to).ok) return null;
  return from === to ? 0 : to === 'json' ? 2 : 1;
}

function bestPort(ports: PortMap, fitOf: (kind: PortKind) => number | null): { port: string; rank: number } | null {
  let best: { port: string; rank: number } | null = null;
  for (const [port, definition] of Object.entries(ports)) {
    const rank = fitOf(definition.kind);
    if (rank !== null && (!best || rank < best.rank)) best = { port, rank };
  }
  return best;
}

export function quickAddOptions(catalog: NodeCatalog, end: OpenEnd, search = ''): QuickAddOption[] {
  const ranked: (QuickAddOption & { rank: number })[] = [];
  for (const definition of latestDefinitions(catalog)) {
    if (!matchesSearch(search, definition.title, definition.type, definition.category)) continue;
    const best =
      end.side === 'output'
        ? bestPort(definition.inputs, (kind) => fit(end.kind, kind))
        : bestPort(definition.outputs, (kind) => fit(kind, end.kind));
    if (best) ranked.push({ definition, port: best.port, rank: best.rank });
  }
  const order = (d: AnyNodeDefinition) => NODE_CATEGORIES.indexOf(d.category);
  ranked.sort((a, b) => a.rank - b.rank || order(a.definition) - order(b.definition) || a.definition.title.localeCompare(b.definition.title));
  return ranked.map(({ definition, port }) => ({ definition, port }));
}

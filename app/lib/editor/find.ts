import type { NodeCatalog } from '../../../nodes/core/catalog-types';
import type { GraphSpec } from '../../../nodes/core/spec';
import { matchesSearch } from './catalog';

/**
 * The nodes a "Find" query names, in reading order (top to bottom, then left to right): every word
 * of the query must appear in the node's id, display name, type or title, case aside.
 */
export function findNodes(spec: GraphSpec, catalog: NodeCatalog, query: string): string[] {
  if (!query.trim()) return [];
  return spec.nodes
    .filter((node) => matchesSearch(query, node.id, node.label ?? '', node.type, catalog.get(node.type, node.typeVersion)?.title ?? ''))
    .sort((a, b) => a.position.y - b.position.y || a.position.x - b.position.x)
    .map((node) => node.id);
}

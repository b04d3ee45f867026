import type { NodeCatalog } from '../../../nodes/core/catalog-types';
import type { GraphSpec } from '../../../nodes/core/spec';

/**
 * The nodes a "Find" query names, in reading order (top to bottom, then left to right): every word
 * of the query must appear in the node's id, display name, type or title, case aside.
 */
export function findNodes(spec: GraphSpec, catalog: NodeCatalog, query: string): string[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  return spec.nodes
    .filter((node) => {
      const title = catalog.get(node.type, node.typeVersion)?.title ?? '';
      const haystack = `${node.id} ${node.label ?? ''} ${node.type} ${title}`.toLowerCase();
      return words.every((w) => haystack.includes(w));
    })
    .sort((a, b) => a.position.y - b.position.y || a.position.x - b.position.x)
    .map((node) => node.id);
}

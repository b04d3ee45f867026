import type { GraphSpec } from '../../../nodes/core/spec';

/**
 * Readable ids for new nodes and edges: a node is named after its category ("retrieve.pgvector" →
 * "retrieve", then "retrieve-2"), io nodes after their role ("io.query-input" → "query-input"), so
 * specs, diffs and error messages stay legible.
 */
export function nextNodeId(taken: Iterable<string>, type: string): string {
  const used = new Set(taken);
  const [category, name] = type.split('.');
  const word = category === 'io' && name ? name : (category ?? 'node');
  const base = word.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 40) || 'node';
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!used.has(candidate)) return candidate;
  }
}

/** "e1", "e2", ... the smallest free number above every existing numbered edge id. */
export function nextEdgeId(taken: Iterable<string>): string {
  let max = 0;
  const used = new Set(taken);
  for (const id of used) {
    const match = /^e(\d+)$/.exec(id);
    if (match) max = Math.max(max, Number(match[1]));
  }
  let n = max + 1;
  while (used.has(`e${n}`)) n++;
  return `e${n}`;
}

export function nodeIds(spec: GraphSpec): string[] {
  return spec.nodes.map((n) => n.id);
}

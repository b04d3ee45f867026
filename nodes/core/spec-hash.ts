import { canonicalJson, sha256Hex } from './hash';
import type { GraphSpec } from './spec';

/**
 * The semantic part of a spec: positions, labels and element ids of edges do not change what a graph
 * does, so moving a node or renaming it keeps the hash. Nodes and edges are sorted so order is irrelevant.
 */
export function semanticSpec(spec: GraphSpec): unknown {
  return {
    schemaVersion: spec.schemaVersion,
    nodes: [...spec.nodes]
      .sort((a, b) => compare(a.id, b.id))
      .map((n) => ({ id: n.id, type: n.type, typeVersion: n.typeVersion, config: n.config })),
    edges: spec.edges
      .map((e) => `${e.from.node}.${e.from.port}->${e.to.node}.${e.to.port}`)
      .sort(compare),
  };
}

export function specHash(spec: GraphSpec): string {
  return sha256Hex(canonicalJson(semanticSpec(spec)));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

import type { GraphSpec } from '../core/spec';

/**
 * Graph specs written by hand in tests and benchmarks: a node at (x, y) and an edge between two
 * ports, its id naming both ends (unique even for two edges between the same nodes).
 */
type SpecNode = GraphSpec['nodes'][number];
type SpecEdge = GraphSpec['edges'][number];

export function specNode(id: string, type: string, config: Record<string, unknown> = {}, x = 0, y = 0): SpecNode {
  return { id, type, typeVersion: 1, config, position: { x, y } };
}

export function specEdge(from: string, fromPort: string, to: string, toPort: string): SpecEdge {
  return { id: `${from}.${fromPort}-${to}.${toPort}`, from: { node: from, port: fromPort }, to: { node: to, port: toPort } };
}

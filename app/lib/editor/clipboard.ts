import type { EdgeSpec, GraphSpec, NodeSpec } from '../../../nodes/core/spec';
import { nextEdgeId, nextNodeId } from './ids';

/** What Ctrl+C keeps: the selected nodes and the edges between them (edges to the outside are dropped). */
export interface Fragment {
  nodes: NodeSpec[];
  edges: EdgeSpec[];
}

export function copyFragment(spec: GraphSpec, nodeIds: Iterable<string>): Fragment | null {
  const ids = new Set(nodeIds);
  const nodes = spec.nodes.filter((n) => ids.has(n.id));
  if (nodes.length === 0) return null;
  const edges = spec.edges.filter((e) => ids.has(e.from.node) && ids.has(e.to.node));
  return structuredClone({ nodes, edges });
}

/** Pastes with fresh ids, shifted by `offset`; returns the new node ids (to select them). */
export function pasteFragment(spec: GraphSpec, fragment: Fragment, offset: { x: number; y: number }): { spec: GraphSpec; nodeIds: string[] } {
  const taken = spec.nodes.map((n) => n.id);
  const renamed = new Map<string, string>();
  const nodes: NodeSpec[] = fragment.nodes.map((n) => {
    const id = nextNodeId(taken, n.type);
    taken.push(id);
    renamed.set(n.id, id);
    return { ...structuredClone(n), id, position: { x: n.position.x + offset.x, y: n.position.y + offset.y } };
  });
  const edgeIds = spec.edges.map((e) => e.id);
  const edges: EdgeSpec[] = fragment.edges.map((e) => {
    const id = nextEdgeId(edgeIds);
    edgeIds.push(id);
    return { id, from: { node: renamed.get(e.from.node)!, port: e.from.port }, to: { node: renamed.get(e.to.node)!, port: e.to.port } };
  });
  return { spec: { ...spec, nodes: [...spec.nodes, ...nodes], edges: [...spec.edges, ...edges] }, nodeIds: nodes.map((n) => n.id) };
}

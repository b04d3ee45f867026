import type { AnyNodeDefinition } from '../../../nodes/core/define';
import type { EdgeSpec, GraphSpec, NodeSpec } from '../../../nodes/core/spec';
import { nextEdgeId, nextNodeId } from './ids';

/**
 * Pure edits of a GraphSpec. Each returns a new spec and keeps untouched nodes and edges by identity,
 * so memoised canvas nodes re-render only when their own spec changed.
 */
export interface XY {
  x: number;
  y: number;
}

const round = (p: XY): XY => ({ x: Math.round(p.x), y: Math.round(p.y) });

export function addNode(spec: GraphSpec, definition: AnyNodeDefinition, position: XY): { spec: GraphSpec; id: string } {
  const id = nextNodeId(spec.nodes.map((n) => n.id), definition.type);
  const node: NodeSpec = { id, type: definition.type, typeVersion: definition.typeVersion, config: {}, position: round(position) };
  return { spec: { ...spec, nodes: [...spec.nodes, node] }, id };
}

export function addEdge(spec: GraphSpec, from: { node: string; port: string }, to: { node: string; port: string }): { spec: GraphSpec; id: string } {
  const id = nextEdgeId(spec.edges.map((e) => e.id));
  const edge: EdgeSpec = { id, from, to };
  return { spec: { ...spec, edges: [...spec.edges, edge] }, id };
}

/** Removes nodes (and every edge touching them) and edges. */
export function removeElements(spec: GraphSpec, nodeIds: Iterable<string>, edgeIds: Iterable<string>): GraphSpec {
  const nodes = new Set(nodeIds);
  const edges = new Set(edgeIds);
  if (nodes.size === 0 && edges.size === 0) return spec;
  return {
    ...spec,
    nodes: spec.nodes.filter((n) => !nodes.has(n.id)),
    edges: spec.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.from.node) && !nodes.has(e.to.node)),
  };
}

export function moveNodes(spec: GraphSpec, positions: ReadonlyMap<string, XY>): GraphSpec {
  let changed = false;
  const nodes = spec.nodes.map((n) => {
    const p = positions.get(n.id);
    if (!p) return n;
    const position = round(p);
    if (position.x === n.position.x && position.y === n.position.y) return n;
    changed = true;
    return { ...n, position };
  });
  return changed ? { ...spec, nodes } : spec;
}

function updateNode(spec: GraphSpec, id: string, update: (node: NodeSpec) => NodeSpec): GraphSpec {
  return { ...spec, nodes: spec.nodes.map((n) => (n.id === id ? update(n) : n)) };
}

/** Sets one top-level config field; `undefined` removes it so the schema's default applies again. */
export function setConfigField(spec: GraphSpec, nodeId: string, key: string, value: unknown): GraphSpec {
  return updateNode(spec, nodeId, (n) => {
    const config = { ...n.config };
    if (value === undefined) delete config[key];
    else config[key] = value;
    return { ...n, config };
  });
}

export function setLabel(spec: GraphSpec, nodeId: string, label: string): GraphSpec {
  return updateNode(spec, nodeId, (n) => {
    const trimmed = label.trim();
    const { label: _old, ...rest } = n;
    return trimmed ? { ...rest, label: trimmed.slice(0, 200) } : rest;
  });
}

import type { NodeCatalog } from './catalog-types';
import type { AnyNodeDefinition } from './define';
import type { EdgeSpec, GraphSpec } from './spec';
import { assertValidGraph } from './validate';

/**
 * A validated graph ready to run: each node with its definition and parsed config (defaults applied),
 * its incoming edges by port, and a topological order. Build → validate → compile → run.
 */
export interface CompiledNode {
  id: string;
  definition: AnyNodeDefinition;
  config: Record<string, unknown>;
  /** incoming edges grouped by input port */
  inputs: Map<string, EdgeSpec[]>;
  /** outgoing edges grouped by output port */
  outputs: Map<string, EdgeSpec[]>;
}

export interface CompiledGraph {
  spec: GraphSpec;
  nodes: Map<string, CompiledNode>;
  order: string[];
  entries: string[];
  exits: string[];
}

export function compileGraph(input: unknown, catalog: NodeCatalog): CompiledGraph {
  const spec = assertValidGraph(input, catalog);
  const nodes = new Map<string, CompiledNode>();
  for (const node of spec.nodes) {
    const definition = catalog.get(node.type, node.typeVersion)!;
    const config = definition.config.parse(node.config) as Record<string, unknown>;
    nodes.set(node.id, { id: node.id, definition, config, inputs: new Map(), outputs: new Map() });
  }
  for (const edge of spec.edges) {
    push(nodes.get(edge.to.node)!.inputs, edge.to.port, edge);
    push(nodes.get(edge.from.node)!.outputs, edge.from.port, edge);
  }
  const order = topologicalOrder(spec);
  return {
    spec,
    nodes,
    order,
    entries: order.filter((id) => nodes.get(id)!.definition.role === 'entry'),
    exits: order.filter((id) => nodes.get(id)!.definition.role === 'exit'),
  };
}

/** Kahn's algorithm; ties broken by spec order so the order is deterministic. */
export function topologicalOrder(spec: GraphSpec): string[] {
  const indegree = new Map(spec.nodes.map((n) => [n.id, 0]));
  const next = new Map<string, string[]>(spec.nodes.map((n) => [n.id, []]));
  for (const edge of spec.edges) {
    indegree.set(edge.to.node, (indegree.get(edge.to.node) ?? 0) + 1);
    next.get(edge.from.node)?.push(edge.to.node);
  }
  const ready = spec.nodes.filter((n) => indegree.get(n.id) === 0).map((n) => n.id);
  const order: string[] = [];
  while (ready.length) {
    const id = ready.shift()!;
    order.push(id);
    for (const to of next.get(id) ?? []) {
      const left = indegree.get(to)! - 1;
      indegree.set(to, left);
      if (left === 0) ready.push(to);
    }
  }
  if (order.length !== spec.nodes.length) throw new Error('graph has a cycle');
  return order;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

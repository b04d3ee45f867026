import type { NodeCatalog } from './catalog-types';
import type { EdgeSpec, GraphSpec, NodeSpec } from './spec';

/**
 * "Run up to here": the part of a graph a node needs (the node and every node upstream of it), with
 * a Result output on each of its output ports, so the run ends at that node and returns what it
 * produced, port by port. A valid graph of its own: it runs, is traced and kept like any other.
 * An exit node is its own end. Fails when the node is missing or no input node feeds it.
 */
export function specUpTo(spec: GraphSpec, catalog: NodeCatalog, nodeId: string): { spec: GraphSpec } | { error: string } {
  const target = spec.nodes.find((n) => n.id === nodeId);
  if (!target) return { error: `the graph has no node "${nodeId}"` };
  const needed = upstreamOf(spec, nodeId);
  const nodes = spec.nodes.filter((n) => needed.has(n.id));
  const roleOf = (n: NodeSpec) => catalog.get(n.type, n.typeVersion)?.role;
  if (!nodes.some((n) => roleOf(n) === 'entry')) {
    return { error: `no input node feeds "${nodeId}": connect it (through other nodes) to a Query input or File input to run up to it` };
  }
  const edges: EdgeSpec[] = spec.edges.filter((e) => needed.has(e.from.node) && needed.has(e.to.node));
  const definition = catalog.get(target.type, target.typeVersion);
  if (roleOf(target) !== 'exit') {
    const taken = new Set([...spec.nodes.map((n) => n.id), ...spec.edges.map((e) => e.id)]);
    Object.keys(definition?.outputs ?? {}).forEach((port, i) => {
      let id = `up-to.${port}`;
      while (taken.has(id) || taken.has(`${id}.edge`)) id = `_${id}`;
      taken.add(id);
      // a Result output's field is an identifier: the port's name, made one
      const field = port.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(?=\d)/, '_');
      nodes.push({ id, type: 'io.result-output', typeVersion: 1, config: { field }, position: { x: target.position.x + 260, y: target.position.y + i * 120 } });
      edges.push({ id: `${id}.edge`, from: { node: nodeId, port }, to: { node: id, port: 'value' } });
    });
  }
  return { spec: { schemaVersion: spec.schemaVersion, nodes, edges } };
}

function upstreamOf(spec: GraphSpec, nodeId: string): Set<string> {
  const needed = new Set([nodeId]);
  const queue = [nodeId];
  while (queue.length) {
    const id = queue.pop()!;
    for (const e of spec.edges) {
      if (e.to.node === id && !needed.has(e.from.node)) {
        needed.add(e.from.node);
        queue.push(e.from.node);
      }
    }
  }
  return needed;
}

import type { GraphSpec } from '../../nodes/core/spec';

/**
 * Graphs for runner tests and benchmarks, built from the real utility nodes: a query enters, flows
 * through pass-through or delay nodes, and leaves as the `result` field of the run output.
 */
type Step = { id: string; type: 'util.passthrough' } | { id: string; type: 'util.delay'; ms: number; timeoutMs?: number };

const node = (id: string, type: string, config: Record<string, unknown> = {}, x = 0) => ({ id, type, typeVersion: 1, config, position: { x, y: 0 } });
const edge = (from: string, fromPort: string, to: string, toPort: string) => ({ id: `${from}-${to}`, from: { node: from, port: fromPort }, to: { node: to, port: toPort } });

/** query → step → step → … → result */
export function chainGraph(steps: Step[]): GraphSpec {
  const nodes = [node('in', 'io.query-input')];
  const edges = [];
  let previous = { id: 'in', port: 'query' };
  steps.forEach((step, i) => {
    nodes.push(node(step.id, step.type, step.type === 'util.delay' ? { ms: step.ms, timeoutMs: step.timeoutMs ?? 120_000 } : {}, (i + 1) * 200));
    edges.push(edge(previous.id, previous.port, step.id, 'value'));
    previous = { id: step.id, port: 'value' };
  });
  nodes.push(node('out', 'io.result-output', { field: 'result' }, (steps.length + 1) * 200));
  edges.push(edge(previous.id, previous.port, 'out', 'value'));
  return { schemaVersion: 1, nodes, edges } as GraphSpec;
}

/** `n` pass-through nodes in a row (the overhead benchmark's graph) */
export function noopChain(n: number): GraphSpec {
  return chainGraph(Array.from({ length: n }, (_, i) => ({ id: `p${i + 1}`, type: 'util.passthrough' as const })));
}

/** query → two delays side by side → result (both feed the output) */
export function parallelGraph(ms: number): GraphSpec {
  return {
    schemaVersion: 1,
    nodes: [node('in', 'io.query-input'), node('a', 'util.delay', { ms }), node('b', 'util.delay', { ms }), node('out', 'io.result-output', { field: 'result' })],
    edges: [edge('in', 'query', 'a', 'value'), edge('in', 'query', 'b', 'value'), edge('a', 'value', 'out', 'value'), edge('b', 'value', 'out', 'value')],
  } as GraphSpec;
}

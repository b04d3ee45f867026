import type { GraphSpec } from '../../nodes/core/spec';
import { specEdge, specNode } from '../../nodes/testing/spec-builders';

/**
 * Graphs for runner tests and benchmarks, built from the real utility nodes: a query enters, flows
 * through pass-through or delay nodes, and leaves as the `result` field of the run output.
 */
type Step = { id: string; type: 'util.passthrough' } | { id: string; type: 'util.delay'; ms: number; timeoutMs?: number };

/** query → step → step → … → result */
export function chainGraph(steps: Step[]): GraphSpec {
  const nodes = [specNode('in', 'io.query-input')];
  const edges = [];
  let previous = { id: 'in', port: 'query' };
  steps.forEach((step, i) => {
    nodes.push(specNode(step.id, step.type, step.type === 'util.delay' ? { ms: step.ms, timeoutMs: step.timeoutMs ?? 120_000 } : {}, (i + 1) * 200));
    edges.push(specEdge(previous.id, previous.port, step.id, 'value'));
    previous = { id: step.id, port: 'value' };
  });
  nodes.push(specNode('out', 'io.result-output', { field: 'result' }, (steps.length + 1) * 200));
  edges.push(specEdge(previous.id, previous.port, 'out', 'value'));
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
    nodes: [specNode('in', 'io.query-input'), specNode('a', 'util.delay', { ms }), specNode('b', 'util.delay', { ms }), specNode('out', 'io.result-output', { field: 'result' })],
    edges: [specEdge('in', 'query', 'a', 'value'), specEdge('in', 'query', 'b', 'value'), specEdge('a', 'value', 'out', 'value'), specEdge('b', 'value', 'out', 'value')],
  } as GraphSpec;
}

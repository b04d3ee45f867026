import { randomUUID } from 'node:crypto';
import { catalog } from '../nodes/catalog';
import { compileGraph, type CompiledGraph } from '../nodes/core/compile';
import type { ModelHost, NodeEvent, NodeMetrics, SqlClient } from '../nodes/core/context';
import { isNodeError, NodeError } from '../nodes/core/errors';
import { executorFor } from '../nodes/registry';
import { createModelHost } from './model-host';
import { gatherInputs, initialState, nextStep } from './plan';

/**
 * Runs a graph in this process, one node at a time, without persistence: for the CLI, benchmarks and
 * whole-graph tests. It walks the same plan (runners/plan.ts) as the orchestrator, which adds
 * queues, batching, retries and tracing: a node runs when its inputs have settled; an output port
 * that does not emit skips the nodes that need it; exit nodes write the run output.
 */
export interface InlineRunOptions {
  sql: SqlClient;
  graph: unknown | CompiledGraph;
  input: Record<string, unknown>;
  models?: ModelHost;
  signal?: AbortSignal;
  runId?: string;
  onEvent?: (nodeId: string, event: NodeEvent) => void;
}

export interface InlineNodeResult {
  status: 'succeeded' | 'failed' | 'skipped';
  outputs?: Record<string, unknown>;
  metrics?: NodeMetrics;
  error?: { code: string; message: string };
  ms?: number;
}

export interface InlineRunResult {
  output: Record<string, unknown>;
  nodes: Record<string, InlineNodeResult>;
}

const sharedModels = createModelHost();

export async function runGraphInline(options: InlineRunOptions): Promise<InlineRunResult> {
  const graph = isCompiled(options.graph) ? options.graph : compileGraph(options.graph, catalog);
  const runId = options.runId ?? randomUUID();
  const output: Record<string, unknown> = {};
  const results: Record<string, InlineNodeResult> = {};
  const signal = options.signal ?? new AbortController().signal;

  const state = initialState(graph);
  for (;;) {
    const step = nextStep(graph, state);
    for (const nodeId of step.skip) {
      state.set(nodeId, { status: 'skipped' });
      results[nodeId] = { status: 'skipped' };
    }
    if (step.skip.length) continue;
    const nodeId = step.ready[0];
    if (nodeId === undefined) break;
    const node = graph.nodes.get(nodeId)!;
    const inputs = gatherInputs(graph, nodeId, (from, port) => results[from]?.outputs?.[port]);
    const executor = executorFor(node.definition.type, node.definition.typeVersion);
    if (!executor) {
      throw new NodeError('NOT_IMPLEMENTED', `node "${nodeId}": ${node.definition.type} v${node.definition.typeVersion} has no executor yet`);
    }
    const metrics: NodeMetrics = {};
    const ctx = {
      runId,
      nodeId,
      attempt: 1,
      device: 'cpu',
      signal,
      sql: options.sql,
      models: options.models ?? sharedModels,
      runInput: options.input,
      setOutput: (fields: Record<string, unknown>) => Object.assign(output, fields),
      emit: (event: NodeEvent) => options.onEvent?.(nodeId, event),
      record: (m: NodeMetrics) => Object.assign(metrics, m),
    };
    const started = performance.now();
    try {
      const outputs = executor.execute
        ? await executor.execute(ctx, inputs as never, node.config as never)
        : (await executor.executeBatch!([{ ctx, inputs: inputs as never, config: node.config as never }]))[0]!;
      const emitted = Object.fromEntries(Object.entries(outputs as Record<string, unknown>).filter(([, v]) => v !== undefined));
      results[nodeId] = { status: 'succeeded', outputs: emitted, metrics, ms: performance.now() - started };
      state.set(nodeId, { status: 'succeeded', emitted: new Set(Object.keys(emitted)) });
    } catch (error) {
      const code = isNodeError(error) ? error.code : 'INTERNAL';
      results[nodeId] = { status: 'failed', error: { code, message: (error as Error).message }, ms: performance.now() - started };
      throw new NodeError(code, `node "${nodeId}" (${node.definition.title}) failed: ${(error as Error).message}`, { cause: error });
    }
  }
  return { output, nodes: results };
}

function isCompiled(graph: unknown): graph is CompiledGraph {
  return typeof graph === 'object' && graph !== null && 'order' in graph && 'nodes' in graph && graph.nodes instanceof Map;
}

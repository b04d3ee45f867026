import { randomUUID } from 'node:crypto';
import { catalog } from '../nodes/catalog';
import { compileGraph, type CompiledGraph } from '../nodes/core/compile';
import type { NodeEvent, NodeMetrics, SqlClient } from '../nodes/core/context';
import { NodeError } from '../nodes/core/errors';
import { parseDevices } from './devices';
import { createModelHost, type WarmModels } from './model-host';
import { NodeHost } from './node-host';
import { gatherInputs, initialState, inputOrigins, nextStep, nodeLimits } from './plan';

/**
 * Runs a graph in this process, one node at a time, without persistence: for the CLI, benchmarks and
 * whole-graph tests. It walks the same plan (runners/plan.ts) and executes nodes through the same
 * NodeHost as the orchestrator, which adds persistence, queues, retries and tracing: a node runs when its inputs have settled; an output port
 * that does not emit skips the nodes that need it; exit nodes write the run output.
 */
export interface InlineRunOptions {
  sql: SqlClient;
  graph: unknown | CompiledGraph;
  input: Record<string, unknown>;
  models?: WarmModels;
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
/** One node host per database (and model host): warm models and CPU threads across calls. */
const hosts = new WeakMap<SqlClient, WeakMap<WarmModels, NodeHost>>();

function hostFor(sql: SqlClient, models: WarmModels): NodeHost {
  let byModels = hosts.get(sql);
  if (!byModels) hosts.set(sql, (byModels = new WeakMap()));
  let host = byModels.get(models);
  if (!host) byModels.set(models, (host = new NodeHost({ workerId: 'inline', devices: parseDevices('cpu'), sql, models })));
  return host;
}

export async function runGraphInline(options: InlineRunOptions): Promise<InlineRunResult> {
  const graph = isCompiled(options.graph) ? options.graph : compileGraph(options.graph, catalog);
  const runId = options.runId ?? randomUUID();
  const host = hostFor(options.sql, options.models ?? sharedModels);
  const output: Record<string, unknown> = {};
  const results: Record<string, InlineNodeResult> = {};
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
    const limits = nodeLimits(node);
    const outputOf = (from: string, port: string) => results[from]?.outputs?.[port];
    // the same executor layer as the runner's workers: placement, batching, CPU threads, timeout
    const result = await host.execute({
      runId,
      nodeId,
      attempt: 1,
      type: node.definition.type,
      typeVersion: node.definition.typeVersion,
      config: node.config,
      inputs: gatherInputs(graph, nodeId, outputOf),
      inputFrom: inputOrigins(graph, nodeId, outputOf),
      runInput: options.input,
      timeoutMs: limits.timeoutMs,
      signal: options.signal,
      onEvent: (event) => options.onEvent?.(nodeId, event),
    });
    const ms = result.finishedAt - result.startedAt;
    if (result.status === 'failed') {
      const error = result.error!;
      results[nodeId] = { status: 'failed', error: { code: error.code, message: error.message }, metrics: result.metrics, ms };
      throw new NodeError(error.code, `node "${nodeId}" (${node.definition.title}) failed: ${error.message}`, { details: { nodeId, nodeType: node.definition.type } });
    }
    const emitted = Object.fromEntries(Object.entries(result.outputs ?? {}).filter(([, v]) => v !== undefined));
    Object.assign(output, result.runOutput);
    results[nodeId] = { status: 'succeeded', outputs: emitted, metrics: result.metrics, ms };
    state.set(nodeId, { status: 'succeeded', emitted: new Set(Object.keys(emitted)) });
  }
  return { output, nodes: results };
}

function isCompiled(graph: unknown): graph is CompiledGraph {
  return typeof graph === 'object' && graph !== null && 'order' in graph && 'nodes' in graph && graph.nodes instanceof Map;
}

import { context, trace, SpanStatusCode, type Context, type Span } from '@opentelemetry/api';
import { catalog } from '../nodes/catalog';
import { compileGraph, type CompiledGraph, type CompiledNode } from '../nodes/core/compile';
import type { NodeEvent } from '../nodes/core/context';
import { GraphValidationError } from '../nodes/core/errors';
import type { EventBus, RunError, RunStatus } from './events';
import { previewInputs } from './input-preview';
import type { ExecutionResult } from './node-host';
import { gatherInputs, initialState, inputOrigins, nextStep, nodeLimits, type PlanState } from './plan';
import { preview } from './redact';
import type { Artifact, RunStore } from './run-store';

/**
 * Runs one run to its end: walks the plan, dispatches each ready node (in parallel where branches
 * allow), retries retryable failures with backoff, keeps every finished node's output so a retried
 * run resumes, records a NodeRun row and a span per attempt, and publishes live events.
 */
/**
 * Stands for an output a distributed worker stored itself because it was too large to send back:
 * the next worker loads it from the database by reference.
 */
export const STORED: unique symbol = Symbol('stored output');

export interface NodeDispatch {
  runId: string;
  node: CompiledNode;
  attempt: number;
  timeoutMs: number;
  /** the node's inputs by port; a value may be STORED (load it by reference) */
  inputs: Record<string, unknown>;
  /** by port, the upstream nodes that gave those values, in order (NodeContext.inputFrom) */
  inputFrom: Record<string, string[]>;
  runInput: Record<string, unknown>;
  signal: AbortSignal;
  onEvent(event: NodeEvent): void;
}

export interface DispatchResult extends ExecutionResult {
  /** the output ports that emitted */
  emitted: string[];
  /** the worker stored the outputs itself (too large to send back): `outputs` is absent */
  stored?: boolean;
}

export interface Dispatcher {
  dispatch(task: NodeDispatch): Promise<DispatchResult>;
}

export interface OrchestratorDeps {
  store: RunStore;
  bus: EventBus;
  dispatcher: Dispatcher;
}

const tracer = trace.getTracer('ragraph-runner');

/**
 * Ends a run as failed from outside its orchestration (an orchestration that crashed, a queue job
 * that ended without the run), and tells its watchers even when the database write fails.
 */
export async function failRun(deps: Pick<OrchestratorDeps, 'store' | 'bus'>, runId: string, error: RunError): Promise<void> {
  try {
    await deps.store.finishRun(runId, 'failed', { error });
  } finally {
    deps.bus.publish({ type: 'run', runId, status: 'failed', error });
  }
}

/** A run this process has just created: no need to read it back, nothing stored to resume from. */
export interface FreshRun {
  spec: unknown;
  input: Record<string, unknown>;
  graph?: CompiledGraph;
}

export async function orchestrateRun(deps: OrchestratorDeps, runId: string, signal: AbortSignal, fresh?: FreshRun): Promise<RunStatus> {
  const run = fresh ? { ...fresh, status: 'running' as RunStatus, cancelRequested: false } : await deps.store.loadRun(runId);
  if (!run || (run.status !== 'queued' && run.status !== 'running')) return run?.status ?? 'failed';
  const span = tracer.startSpan('run', { attributes: { 'rag.run.id': runId } });
  try {
    const status = await runToEnd(deps, runId, run, signal, span, fresh);
    span.setAttribute('rag.run.status', status);
    if (status === 'failed') span.setStatus({ code: SpanStatusCode.ERROR });
    return status;
  } finally {
    span.end();
  }
}

async function runToEnd(
  deps: OrchestratorDeps,
  runId: string,
  run: { spec: unknown; input: Record<string, unknown>; cancelRequested: boolean },
  signal: AbortSignal,
  span: Span,
  fresh: FreshRun | undefined,
): Promise<RunStatus> {
  const started = Date.now();
  const finish = async (status: RunStatus, output?: Record<string, unknown>, error?: RunError) => {
    await deps.store.finishRun(runId, status, { output, error, timings: { totalMs: Date.now() - started } });
    deps.bus.publish({ type: 'run', runId, status, output, error });
    return status;
  };
  let graph: CompiledGraph;
  try {
    graph = fresh?.graph ?? compileGraph(run.spec, catalog);
  } catch (error) {
    const message = error instanceof GraphValidationError ? error.message : `the graph could not be compiled: ${(error as Error).message}`;
    return finish('failed', undefined, { code: 'INVALID_SPEC', message });
  }
  if (run.cancelRequested || signal.aborted) return finish('cancelled', undefined, { code: 'CANCELLED', message: 'the run was cancelled' });
  if (!fresh) await deps.store.markRunning(runId); // fresh runs are created running
  deps.bus.publish({ type: 'run', runId, status: 'running' });
  span.setAttribute('rag.graph.nodes', graph.order.length);

  const state: PlanState = initialState(graph);
  const outputs = new Map<string, Artifact>();
  for (const [nodeId, artifact] of fresh ? [] : await deps.store.loadArtifacts(runId)) {
    if (!state.has(nodeId)) continue;
    outputs.set(nodeId, artifact);
    state.set(nodeId, { status: 'succeeded', emitted: new Set(Object.keys(artifact.outputs)) });
  }

  const inFlight = new Map<string, Promise<void>>();
  const deferredExits = new Map<string, Artifact>();
  let failure: RunError | undefined;
  // a failed node stops its running siblings too: their results could no longer be used
  const local = new AbortController();
  const stop = () => local.abort(signal.reason);
  signal.addEventListener('abort', stop, { once: true });
  const runCtx = trace.setSpan(context.active(), span);

  for (;;) {
    if (signal.aborted && !failure) failure = { code: 'CANCELLED', message: 'the run was cancelled' };
    if (!failure) {
      const step = nextStep(graph, state);
      for (const nodeId of step.skip) {
        state.set(nodeId, { status: 'skipped' });
        const node = graph.nodes.get(nodeId)!;
        const now = new Date();
        deps.store.recordNode({ runId, nodeId, nodeType: node.definition.type, attempt: 1, status: 'skipped', queuedAt: now, finishedAt: now });
        deps.bus.publish({ type: 'node', runId, nodeId, status: 'skipped', attempt: 1 });
      }
      if (step.skip.length) continue;
      for (const nodeId of step.ready) {
        state.set(nodeId, { status: 'running' });
        const promise = runNode(deps, runId, graph, nodeId, outputs, run.input, local.signal, runCtx, deferredExits).then(
          (artifact) => {
            outputs.set(nodeId, artifact);
            state.set(nodeId, { status: 'succeeded', emitted: new Set(Object.keys(artifact.outputs)) });
          },
          (error: RunError) => {
            state.set(nodeId, { status: 'failed' });
            failure ??= error;
            local.abort(new Error('another node failed'));
          },
        );
        inFlight.set(nodeId, promise.finally(() => inFlight.delete(nodeId)));
      }
    }
    if (inFlight.size === 0) break;
    await Promise.race(inFlight.values());
  }

  signal.removeEventListener('abort', stop);
  if (failure) {
    saveExitArtifacts(deps.store, runId, deferredExits);
    return finish(failure.code === 'CANCELLED' ? 'cancelled' : 'failed', undefined, failure);
  }
  const output: Record<string, unknown> = {};
  for (const nodeId of graph.exits) Object.assign(output, outputs.get(nodeId)?.runOutput);
  saveExitArtifacts(deps.store, runId, deferredExits, output);
  return finish('succeeded', output);
}

/**
 * Saves the artifacts of exit nodes that waited for the run's finish, in the same write. Where the
 * run output holds exactly what an exit node wrote (no later exit node overwrote a field of it), the
 * artifact only names those fields (`runOutputFields`) instead of holding the run output a second
 * time: for a search endpoint that was a fifth of what each call wrote. Without a run output (a
 * failed run) the artifact is kept whole.
 */
function saveExitArtifacts(store: RunStore, runId: string, deferred: Map<string, Artifact>, output?: Record<string, unknown>): void {
  for (const [nodeId, artifact] of deferred) {
    const fields = Object.keys(artifact.runOutput);
    const inRunOutput = output !== undefined && fields.every((field) => field in output && output[field] === artifact.runOutput[field]);
    store.saveArtifact(runId, nodeId, inRunOutput ? { outputs: {}, runOutput: {}, runOutputFields: fields } : artifact);
  }
}

/** All attempts of one node; resolves with its artifact or rejects with the run's error. */
async function runNode(
  deps: OrchestratorDeps,
  runId: string,
  graph: CompiledGraph,
  nodeId: string,
  outputs: Map<string, Artifact>,
  runInput: Record<string, unknown>,
  signal: AbortSignal,
  parent: Context,
  deferredExits: Map<string, Artifact>,
): Promise<Artifact> {
  const node = graph.nodes.get(nodeId)!;
  const { definition } = node;
  const { timeoutMs, retries } = nodeLimits(node);
  const outputOf = (from: string, port: string) => outputs.get(from)?.outputs[port];
  const inputs = gatherInputs(graph, nodeId, outputOf);
  const inputFrom = inputOrigins(graph, nodeId, outputOf);
  const inputPreview = previewInputs(node, inputs, outputOf);

  for (let attempt = 1; ; attempt++) {
    const queuedAt = new Date();
    deps.bus.publish({ type: 'node', runId, nodeId, status: 'running', attempt });
    const span = tracer.startSpan(`node ${nodeId}`, {
      attributes: { 'rag.run.id': runId, 'rag.node.id': nodeId, 'rag.node.type': definition.type, 'rag.node.attempt': attempt },
    }, parent);
    const result = await deps.dispatcher.dispatch({
      runId,
      node,
      attempt,
      timeoutMs,
      inputs,
      inputFrom,
      runInput,
      signal,
      onEvent: (event) => publishNodeEvent(deps.bus, runId, nodeId, event),
    });
    span.setAttributes({
      'rag.device': result.device,
      'rag.worker': result.worker,
      'rag.batch.size': result.batchSize,
      'rag.queue_wait_ms': Math.round(result.queueWaitMs),
      ...numericMetrics(result.metrics),
    });
    if (result.status === 'failed') span.setStatus({ code: SpanStatusCode.ERROR, message: result.error?.message });
    span.end(result.finishedAt);

    const durationMs = result.finishedAt - result.startedAt;
    deps.store.recordNode({
      runId,
      nodeId,
      nodeType: definition.type,
      attempt,
      status: result.status,
      device: result.device,
      worker: result.worker,
      batchSize: result.batchSize,
      queuedAt,
      startedAt: new Date(result.startedAt),
      finishedAt: new Date(result.finishedAt),
      inputPreview,
      outputPreview: result.outputs ? preview(result.outputs) : undefined,
      metrics: { ...result.metrics, queueWaitMs: Math.round(result.queueWaitMs) },
      errorCode: result.error?.code,
      errorMessage: result.error?.message,
    });
    const event = { type: 'node' as const, runId, nodeId, attempt, device: result.device, worker: result.worker, batchSize: result.batchSize, durationMs, queueWaitMs: result.queueWaitMs };
    if (result.status === 'succeeded') {
      deps.bus.publish({ ...event, status: 'succeeded' });
      if (result.stored) return { outputs: Object.fromEntries(result.emitted.map((p) => [p, STORED])), runOutput: result.runOutput ?? {} };
      const artifact: Artifact = { outputs: definedOnly(result.outputs ?? {}), runOutput: result.runOutput ?? {} };
      // an exit node that feeds no other node: what it produced is its part of the run output, which
      // the run's finish writes anyway, so its artifact waits for the finish (saveExitArtifacts)
      if (graph.exits.includes(nodeId) && Object.keys(artifact.outputs).length === 0) deferredExits.set(nodeId, artifact);
      else deps.store.saveArtifact(runId, nodeId, artifact);
      return artifact;
    }
    const error = result.error!;
    const again = error.retryable && attempt <= retries && !signal.aborted;
    deps.bus.publish({ ...event, status: again ? 'retrying' : 'failed', error: { code: error.code, message: error.message } });
    if (!again) {
      throw { code: error.code, message: `node "${nodeId}" (${definition.title}) failed: ${error.message}`, nodeId } satisfies RunError;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(10_000, 250 * 2 ** (attempt - 1))));
  }
}

/** A node's own events (LLM tokens, progress) as run events, wherever the node runs. */
export function publishNodeEvent(bus: EventBus, runId: string, nodeId: string, event: NodeEvent): void {
  if (event.type === 'token') bus.publish({ type: 'token', runId, nodeId, text: String(event.data) });
  else bus.publish({ type: 'progress', runId, nodeId, data: event.data });
}

function definedOnly(outputs: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(outputs).filter(([, v]) => v !== undefined));
}

function numericMetrics(metrics: Record<string, unknown>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(metrics)) if (typeof v === 'number') out[`rag.metric.${k}`] = v;
  return out;
}

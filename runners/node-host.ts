import type { NodeContext, NodeEvent, NodeExecutor, NodeMetrics, SqlClient } from '../nodes/core/context';
import { isNodeError, NodeError, type NodeErrorCode } from '../nodes/core/errors';
import { cpuReplicasPerModel } from '../nodes/models/onnx-session';
import { executorFor } from '../nodes/registry';
import { AdaptiveBatcher, type BatchRun } from './batcher';
import { summarizeBatches } from './batch-summary';
import { wantedDevice, type Device } from './devices';
import { createModelHost, watchingLoads, type WarmModels } from './model-host';
import { DevicePlacer } from './placement';
import { ThreadPool } from './thread-pool';
import type { WorkerInfo } from './workers';

/**
 * Executes node tasks in this process: places each on a device, routes model calls through the
 * adaptive batcher of its (model, device), and enforces the per-attempt timeout. Both modes use it:
 * the in-process runner calls it directly, BullMQ workers call it from their job processor.
 */
export interface NodeExecution {
  runId: string;
  nodeId: string;
  attempt: number;
  type: string;
  typeVersion: number;
  config: Record<string, unknown>;
  inputs: Record<string, unknown>;
  /** by port, the upstream nodes that gave the inputs (NodeContext.inputFrom); none when omitted */
  inputFrom?: Record<string, readonly string[]>;
  runInput: Record<string, unknown>;
  timeoutMs: number;
  /** aborted on cancellation */
  signal?: AbortSignal;
  onEvent?(event: NodeEvent): void;
}

export interface ExecutionError {
  code: NodeErrorCode;
  message: string;
  retryable: boolean;
}

export interface ExecutionResult {
  status: 'succeeded' | 'failed';
  outputs?: Record<string, unknown>;
  /** fields exit nodes wrote into the run's output */
  runOutput?: Record<string, unknown>;
  metrics: NodeMetrics;
  error?: ExecutionError;
  device: string;
  worker: string;
  batchSize: number;
  queueWaitMs: number;
  startedAt: number;
  finishedAt: number;
}

export interface NodeHostOptions {
  workerId: string;
  devices: Device[];
  sql: SqlClient;
  models?: WarmModels;
  /** false runs every model call alone (benchmark baseline) */
  batching?: boolean;
  /** copies of each `ownThread` model on a CPU device, each on its own thread; default ONNX_REPLICAS (1) */
  modelReplicas?: number;
}

/** The abort reason once a node has finished (one shared value: no stack trace per node). */
const FINISHED = Object.freeze({ code: 'CANCELLED', message: 'the node finished' });

type BatchItem = { ctx: NodeContext; inputs: Record<string, unknown>; config: Record<string, unknown> };

/** One batcher (and, for `ownThread` models, one set of threads) per model and device. */
const batcherKey = (model: string, device: string) => `${model}@${device}`;

export class NodeHost {
  readonly placer: DevicePlacer;
  readonly models: WarmModels;
  private readonly batchers = new Map<string, AdaptiveBatcher<BatchItem, Record<string, unknown>>>();
  private threads: ThreadPool | undefined;
  private readonly modelThreads = new Map<string, ThreadPool>();
  /** copies of an `ownThread` model a CPU keeps (the placer counts them only on CPUs) */
  private readonly cpuCopies: number;
  /** the model threads' environment when this host's copy count differs from the process's */
  private readonly modelThreadEnv: Record<string, string | undefined> | undefined;

  constructor(private readonly options: NodeHostOptions) {
    this.placer = new DevicePlacer(options.devices);
    this.models = options.models ?? createModelHost();
    this.cpuCopies = options.modelReplicas ?? cpuReplicasPerModel();
    // each model session takes its share of the cores from ONNX_REPLICAS in its thread's environment
    this.modelThreadEnv = options.modelReplicas === undefined ? undefined : { ...process.env, ONNX_REPLICAS: String(options.modelReplicas) };
  }

  get workerId(): string {
    return this.options.workerId;
  }

  /** per batched (model, device): the threads its copies run on, started as concurrent batches needed them */
  threadsPerModel(): { key: string; threads: number }[] {
    return [...this.batchers.keys()].map((key) => ({ key, threads: this.modelThreads.get(key)?.started ?? 0 }));
  }

  /**
   * What is loaded where (memory of all its copies), with what each model's batcher has been doing:
   * for heartbeats and the Workers page.
   */
  loadedModels(): WorkerInfo['models'] {
    return this.placer.models().map((m) => {
      const batcher = this.batchers.get(batcherKey(m.model, m.device));
      const batching = batcher && summarizeBatches(batcher.history, batcher.fit, batcher.queued);
      return batching ? { ...m, batching } : m;
    });
  }

  async execute(task: NodeExecution): Promise<ExecutionResult> {
    const startedAt = Date.now();
    const executor = executorFor(task.type, task.typeVersion);
    const definition = executor?.definition;
    const modelKey = executor?.modelKey?.(task.config as never);
    const cpuCopies = definition?.resources.ownThread ? this.cpuCopies : 1;
    const { device } = this.placer.place(modelKey, definition ? wantedDevice(definition, task.config) : 'any', definition?.resources.memoryMB, cpuCopies);
    const base = { device, worker: this.options.workerId, startedAt };
    const metrics: NodeMetrics = {};
    if (!executor) {
      return this.failed(base, metrics, 1, 0, new NodeError('NOT_IMPLEMENTED', `${task.type} v${task.typeVersion} has no executor in this build (is the worker older than the server?)`));
    }
    // a timeout or a cancellation aborts the node's signal and ends its wait at once
    const controller = new AbortController();
    let endWait!: (error: unknown) => void;
    const stopped = new Promise<never>((_, reject) => (endWait = reject));
    const stop = (error: NodeError) => {
      if (!controller.signal.aborted) controller.abort(error);
      endWait(error);
    };
    const abortOnCancel = () => stop(new NodeError('CANCELLED', 'the run was cancelled'));
    task.signal?.addEventListener('abort', abortOnCancel, { once: true });
    if (task.signal?.aborted) abortOnCancel();
    const timer = setTimeout(() => stop(new NodeError('TIMEOUT', `node "${task.nodeId}" (${executor.definition.title}) did not finish within ${task.timeoutMs} ms`)), task.timeoutMs);
    const runOutput: Record<string, unknown> = {};
    const ctx: NodeContext = {
      runId: task.runId,
      nodeId: task.nodeId,
      attempt: task.attempt,
      device,
      signal: controller.signal,
      sql: this.options.sql,
      models: this.models,
      runInput: task.runInput,
      inputFrom: task.inputFrom ?? {},
      setOutput: (fields) => Object.assign(runOutput, fields),
      emit: (event) => task.onEvent?.(event),
      record: (m) => Object.assign(metrics, m),
    };
    let batchSize = 1;
    let queueWaitMs = 0;
    try {
      const work = async (): Promise<Record<string, unknown>> => {
        const deadline = performance.now() + task.timeoutMs;
        if (executor.executeBatch && definition!.batch && modelKey) {
          const batcher = this.batcherFor(executor, batcherKey(modelKey, device), this.placer.copiesOf(modelKey, device));
          const weight = executor.batchWeight?.(task.inputs as never) ?? 1;
          const limit = executor.modelBatchSize?.(task.config as never);
          const length = executor.batchLength?.(task.inputs as never);
          const outcome = await batcher.submit({ ctx, inputs: task.inputs, config: task.config }, weight, deadline, limit, length);
          batchSize = outcome.batchSize;
          queueWaitMs = outcome.queueWaitMs;
          return outcome.output;
        }
        // threaded executors run on the CPU pool even unbatched, so long parses never block this thread
        if (executor.execute && !definition!.resources.threaded) return (await executor.execute(ctx, task.inputs as never, task.config as never)) as Record<string, unknown>;
        const {
          outputs: [only],
        } = await this.runBatch(executor, [{ ctx, inputs: task.inputs, config: task.config }]);
        return only as Record<string, unknown>;
      };
      const outputs = await Promise.race([work(), stopped]);
      return { status: 'succeeded', outputs, runOutput, metrics, ...base, batchSize, queueWaitMs, finishedAt: Date.now() };
    } catch (error) {
      return this.failed(base, metrics, batchSize, queueWaitMs, error);
    } finally {
      clearTimeout(timer);
      task.signal?.removeEventListener('abort', abortOnCancel);
      if (!controller.signal.aborted) controller.abort(FINISHED); // stops anything the node left running
    }
  }

  /**
   * The batcher of a (model, device), and for `ownThread` executors its warm threads: one per copy
   * of the model, started as concurrent batches need them.
   */
  private batcherFor(executor: NodeExecutor, key: string, copies: number) {
    let batcher = this.batchers.get(key);
    if (!batcher) {
      const settings = executor.definition.batch!;
      const { threaded, ownThread } = executor.definition.resources;
      if (ownThread) this.modelThreads.set(key, new ThreadPool(copies, this.modelThreadEnv));
      batcher = new AdaptiveBatcher<BatchItem, Record<string, unknown>>({
        name: key,
        maxBatchSize: settings.maxBatchSize,
        maxLatencyMs: settings.maxLatencyMs,
        enabled: this.options.batching !== false,
        maxInFlight: threaded ? this.pool().size : copies,
        // a model's only thread takes its batches in order, so a full one can wait there; with
        // several copies each batch goes to a free one instead
        sendAhead: Boolean(ownThread) && copies === 1,
        run: (items) => this.runBatch(executor, items, key),
      });
      this.batchers.set(key, batcher);
    }
    return batcher;
  }

  /**
   * Runs a batch here, on the CPU thread pool (executors that declare `threaded`), or on the thread
   * of its own (model, device) (`ownThread`).
   */
  private async runBatch(executor: NodeExecutor, items: BatchItem[], batcherKey?: string): Promise<BatchRun<Record<string, unknown>>> {
    const { threaded, ownThread } = executor.definition.resources;
    const threads = ownThread && batcherKey ? this.modelThreads.get(batcherKey) : threaded ? this.pool() : undefined;
    if (!threads) {
      const { value, coldStart } = await watchingLoads(this.models, () => executor.executeBatch!(items as never) as Promise<Record<string, unknown>[]>);
      return { outputs: value, coldStart };
    }
    const { outputs, metrics, coldStart } = await threads.run(
      {
        type: executor.definition.type,
        typeVersion: executor.definition.typeVersion,
        device: items[0]!.ctx.device,
        items: items.map((i) => ({ runId: i.ctx.runId, nodeId: i.ctx.nodeId, attempt: i.ctx.attempt, inputs: i.inputs, inputFrom: i.ctx.inputFrom, config: i.config })),
      },
      (events) => items.forEach((item, k) => events[k]?.forEach((event) => item.ctx.emit(event))),
      // a lone item's cancellation or timeout stops it on the thread too; a merged batch runs on for
      // its other items
      items.length === 1 ? items[0]!.ctx.signal : undefined,
    );
    items.forEach((item, k) => item.ctx.record(metrics[k] ?? {}));
    return { outputs, coldStart };
  }

  private pool(): ThreadPool {
    this.threads ??= new ThreadPool();
    return this.threads;
  }

  async close(): Promise<void> {
    await Promise.all([this.threads?.close(), ...[...this.modelThreads.values()].map((t) => t.close())]);
  }

  private failed(
    base: { device: string; worker: string; startedAt: number },
    metrics: NodeMetrics,
    batchSize: number,
    queueWaitMs: number,
    error: unknown,
  ): ExecutionResult {
    const code: NodeErrorCode = isNodeError(error) ? error.code : 'INTERNAL';
    const retryable = isNodeError(error) ? error.retryable : false;
    const message = error instanceof Error ? error.message : String(error);
    return { status: 'failed', error: { code, message, retryable }, metrics, ...base, batchSize, queueWaitMs, finishedAt: Date.now() };
  }
}

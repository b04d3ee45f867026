import { Queue, QueueEvents, Worker, type Job } from 'bullmq';
import type { Db } from '../../server/db/client';
import { deviceClassQueue, queuesFor, wantedDevice, WORKER_ROLES, type Device, type WorkerRole } from '../devices';
import { NodeHost, type ExecutionError, type ExecutionResult } from '../node-host';
import { failRun, orchestrateRun, publishNodeEvent, STORED, type Dispatcher, type DispatchResult, type NodeDispatch } from '../orchestrator';
import type { RunStatus } from '../events';
import { inputSources } from '../plan';
import { jsonBytesLowerBound } from '../json-size';
import { RunStore } from '../run-store';
import { storableJson } from '../storable-json';
import { HEARTBEAT_MS, startHeartbeat } from '../workers';
import { blockingConnection, nodeQueueName, queuePrefix, RUN_QUEUE } from './connection';
import { addAndWait } from './lost-job';
import { INLINE_LIMIT_BYTES, loadJobInputs, NODE_JOB_RETENTION, nodeJobId, type NodeJobData } from './node-job';
import { createRedisBus } from './redis-bus';
import { addRunJob } from './run-job';
import { startRunRecovery } from './run-recovery';
import { abortRejection } from './abort-rejection';
import { log } from '../../server/log';

/**
 * A BullMQ worker process: orchestrates runs from the run queue and executes node tasks from the
 * queues of its device classes, or does one of the two (`roles`). A worker killed mid-task loses
 * nothing: its jobs' locks expire, BullMQ hands them to another worker, and a re-orchestrated run
 * resumes from the stored outputs.
 * Neither does a Redis that restarts empty: lost node tasks and runs are queued again.
 */
export interface WorkerOptions {
  db: Db;
  redisUrl: string;
  workerId: string;
  devices: Device[];
  concurrency: number;
  /** what it does; default both (WORKER_ROLES) */
  roles?: readonly WorkerRole[];
  batching?: boolean;
  /** how fast a dead worker's jobs are taken over (tests shorten it) */
  lockDurationMs?: number;
  /** how often lost jobs are looked for (tests shorten it) */
  recoveryIntervalMs?: number;
  /** the largest node output passed on to the next worker, in MB (tests lower it) */
  maxOutputMB?: number;
}

/**
 * Between workers a node's output travels through the database as one JSON value. Postgres refuses
 * a jsonb value past 256 MB, and long before that, serialising and parsing it held a worker's event
 * loop so long that its job locks lapsed: a 96 MB text upload's embedding output failed its run after
 * three minutes of retried jobs, with the worker at 7 GB. Past this size the node fails at once,
 * naming the fix. In-process runs keep outputs in memory and have no such limit.
 */
const MAX_OUTPUT_MB = 128;

/** Margin on top of a node's timeout for a dead worker's job to be detected and run again. */
const TAKEOVER_GRACE_MS = 60_000;

export async function startWorker(options: WorkerOptions) {
  const { db, redisUrl, workerId, devices } = options;
  const roles = options.roles ?? WORKER_ROLES;
  const [orchestrates, executes] = [roles.includes('orchestrator'), roles.includes('executor')];
  const store = new RunStore(db);
  const bus = createRedisBus(redisUrl);
  const host = new NodeHost({ workerId, devices, sql: db.sql, batching: options.batching });
  const connection = blockingConnection(redisUrl);
  const lockDuration = options.lockDurationMs ?? 30_000;
  const workerSettings = { prefix: queuePrefix(), lockDuration, stalledInterval: Math.max(1_000, Math.floor(lockDuration / 2)), maxStalledCount: 5 };
  const recoveryIntervalMs = options.recoveryIntervalMs ?? HEARTBEAT_MS;
  const maxOutputMB = options.maxOutputMB ?? MAX_OUTPUT_MB;
  const maxOutputBytes = maxOutputMB * 1024 * 1024;

  const nodeQueues = { cpu: new Queue(nodeQueueName('cpu'), { connection, prefix: queuePrefix() }), gpu: new Queue(nodeQueueName('gpu'), { connection, prefix: queuePrefix() }) };
  const queueEvents = {
    cpu: new QueueEvents(nodeQueueName('cpu'), { connection: blockingConnection(redisUrl), prefix: queuePrefix() }),
    gpu: new QueueEvents(nodeQueueName('gpu'), { connection: blockingConnection(redisUrl), prefix: queuePrefix() }),
  };
  await Promise.all([queueEvents.cpu.waitUntilReady(), queueEvents.gpu.waitUntilReady()]);

  // runId → the controllers of its orchestration and of its tasks running here, for cancellation
  const running = new Map<string, Set<AbortController>>();
  const stopCancel = bus.onCancel((runId) => running.get(runId)?.forEach((c) => c.abort(new Error('cancelled'))));
  const track = async <T>(runId: string, fn: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    const controller = new AbortController();
    let set = running.get(runId);
    if (!set) running.set(runId, (set = new Set()));
    set.add(controller);
    try {
      return await fn(controller.signal);
    } finally {
      set.delete(controller);
      if (set.size === 0) running.delete(runId);
    }
  };

  const dispatcher: Dispatcher = {
    async dispatch(task): Promise<DispatchResult> {
      const definition = task.node.definition;
      const queueClass = deviceClassQueue(wantedDevice(definition, task.node.config)) === 'gpu' && (await gpuWorkersAlive(db)) ? 'gpu' : 'cpu';
      const data: NodeJobData = {
        runId: task.runId,
        nodeId: task.node.id,
        attempt: task.attempt,
        type: definition.type,
        typeVersion: definition.typeVersion,
        config: task.node.config,
        ...(await splitInputs(store, task)),
        inputFrom: task.inputFrom,
        entry: definition.role === 'entry',
        timeoutMs: task.timeoutMs,
      };
      const queuedAt = Date.now();
      const cancelled = abortRejection(task.signal);
      try {
        const queue = nodeQueues[queueClass];
        const add = (jobId: string) => queue.add('node', data, { jobId, ...NODE_JOB_RETENTION });
        return await addAndWait<DispatchResult>(queue, queueEvents[queueClass], nodeJobId(task.runId, task.node.id, task.attempt), add, {
          ttlMs: task.timeoutMs + TAKEOVER_GRACE_MS,
          checkEveryMs: recoveryIntervalMs,
          cancelled: cancelled.promise,
        });
      } catch (error) {
        const message = (error as Error)?.message ?? String(error);
        const isCancel = task.signal.aborted;
        return {
          status: 'failed',
          emitted: [],
          metrics: {},
          error: { code: isCancel ? 'CANCELLED' : 'INTERNAL', message: isCancel ? 'the run was cancelled' : `the node task failed in the queue: ${message}`, retryable: !isCancel },
          device: 'unknown',
          worker: 'unknown',
          batchSize: 1,
          queueWaitMs: 0,
          startedAt: queuedAt,
          finishedAt: Date.now(),
        };
      } finally {
        cancelled.dispose();
      }
    },
  };

  // runId → its orchestration here: a run queued again while this process still orchestrates it
  // (its job lost with Redis) joins that orchestration instead of running twice
  const orchestrations = new Map<string, Promise<RunStatus>>();
  const orchestrateJob = async (job: Job<{ runId: string }>) => {
    const { runId } = job.data;
    let orchestration = orchestrations.get(runId);
    if (!orchestration) {
      orchestration = track(runId, (signal) => orchestrateRun({ store, bus, dispatcher }, runId, signal)).finally(() => orchestrations.delete(runId));
      orchestrations.set(runId, orchestration);
    }
    return orchestration;
  };
  const runWorker = orchestrates ? new Worker(RUN_QUEUE, orchestrateJob, { connection: blockingConnection(redisUrl), concurrency: 64, ...workerSettings }) : undefined;

  const nodeWorkers = (executes ? queuesFor(devices) : []).map(
    (queueClass) =>
      new Worker(
        nodeQueueName(queueClass),
        async (job: Job<NodeJobData>): Promise<DispatchResult> => {
          const data = job.data;
          const [inputs, run] = await Promise.all([
            loadJobInputs(store, data),
            data.entry ? store.loadRun(data.runId) : Promise.resolve(undefined),
          ]);
          const result: ExecutionResult = await track(data.runId, (signal) => host.execute({
            runId: data.runId,
            nodeId: data.nodeId,
            attempt: data.attempt,
            type: data.type,
            typeVersion: data.typeVersion,
            config: data.config,
            inputs,
            inputFrom: data.inputFrom,
            runInput: run?.input ?? {},
            timeoutMs: data.timeoutMs,
            signal,
            onEvent: (event) => publishNodeEvent(bus, data.runId, data.nodeId, event),
          }));
          const outputs = Object.fromEntries(Object.entries(result.outputs ?? {}).filter(([, v]) => v !== undefined));
          const { outputs: _sent, ...rest } = result;
          if (result.status !== 'succeeded') return { ...rest, emitted: [] };
          const artifact = { outputs, runOutput: result.runOutput ?? {} };
          if (jsonBytesLowerBound(artifact, maxOutputBytes) > maxOutputBytes) return { ...rest, status: 'failed', error: outputTooLarge(data.nodeId, maxOutputMB), emitted: [] };
          const json = storableJson(artifact);
          const bytes = Buffer.byteLength(json);
          if (bytes <= INLINE_LIMIT_BYTES) return { ...rest, outputs, emitted: Object.keys(outputs) };
          // too large for Redis: stored here, durably, before the job completes (the next node reads it)
          await db.sql.execute(
            `INSERT INTO run_artifact (run_id, node_id, data, size_bytes) VALUES ($1, $2, $3::jsonb, $4)
             ON CONFLICT (run_id, node_id) DO UPDATE SET data = EXCLUDED.data, size_bytes = EXCLUDED.size_bytes`,
            [data.runId, data.nodeId, json, bytes],
          );
          return { ...rest, emitted: Object.keys(outputs), stored: true };
        },
        { connection: blockingConnection(redisUrl), concurrency: options.concurrency, ...workerSettings },
      ),
  );

  const workers = [...(runWorker ? [runWorker] : []), ...nodeWorkers];
  for (const w of workers) w.on('error', (error) => log.error(`[worker ${workerId}]`, error.message));
  const orchestrating = () => [...orchestrations.keys()];
  const heartbeat = startHeartbeat(db, {
    id: workerId,
    roles,
    devices: executes ? devices : [], // an orchestrator runs no node here
    concurrency: options.concurrency,
    models: () => host.loadedModels(),
    orchestrating,
  });
  // finding lost runs is the orchestrators' job: they are the ones that queue and walk runs
  const runQueue = orchestrates ? new Queue(RUN_QUEUE, { connection, prefix: queuePrefix() }) : undefined;
  const recovery = runQueue
    ? startRunRecovery({
        db,
        runs: runQueue,
        localRuns: orchestrating,
        requeue: (runId) => addRunJob(runQueue, runId),
        fail: (runId, reason) => failRun({ store, bus }, runId, { code: 'INTERNAL', message: `the run was lost: ${reason}` }),
        intervalMs: recoveryIntervalMs,
      })
    : undefined;

  return {
    host,
    async close() {
      stopCancel();
      await recovery?.stop();
      await Promise.all(workers.map((w) => w.close()));
      await runQueue?.close();
      await Promise.all([queueEvents.cpu.close(), queueEvents.gpu.close(), nodeQueues.cpu.close(), nodeQueues.gpu.close()]);
      await host.close();
      await heartbeat.stop();
      await bus.close();
      connection.disconnect();
    },
  };
}

/**
 * Which inputs travel with the job and which the worker loads by reference: values another worker
 * stored (too large to send back), and everything once the job would exceed the inline limit.
 */
async function splitInputs(store: RunStore, task: NodeDispatch): Promise<Pick<NodeJobData, 'inputs' | 'sources'>> {
  const all = inputSources(task.node);
  const inline: Record<string, unknown> = {};
  const sources: NodeJobData['sources'] = {};
  for (const [port, value] of Object.entries(task.inputs)) {
    if (value === undefined) continue;
    const byReference = value === STORED || (Array.isArray(value) && value.includes(STORED));
    if (byReference) sources[port] = all[port] ?? [];
    else inline[port] = value;
  }
  if (Buffer.byteLength(JSON.stringify(inline)) > INLINE_LIMIT_BYTES) {
    await store.flush(); // values still in the write-behind buffer must be readable first
    return { inputs: {}, sources: all };
  }
  if (Object.keys(sources).length) await store.flush();
  return { inputs: inline, sources };
}

let gpuCache: { at: number; alive: boolean } | undefined;
async function gpuWorkersAlive(db: Db): Promise<boolean> {
  if (gpuCache && Date.now() - gpuCache.at < 5_000) return gpuCache.alive;
  // an orchestrator-only worker reports no devices, so only executors count
  const rows = await db.prisma.worker.findMany({ where: { heartbeatAt: { gt: new Date(Date.now() - 15_000) } }, select: { devices: true } });
  const alive = rows.some((r) => (r.devices as unknown as Device[]).some((d) => d.kind === 'gpu'));
  gpuCache = { at: Date.now(), alive };
  return alive;
}

function outputTooLarge(nodeId: string, maxOutputMB: number): ExecutionError {
  return {
    code: 'TOO_LARGE',
    retryable: false,
    message:
      `the output of node "${nodeId}" is over ${maxOutputMB} MB (a large upload's chunks and vectors, say), more than queue workers pass on to each other: ` +
      'send the files in smaller uploads, or run without REDIS_URL, where outputs stay in the process',
  };
}

import { hostname } from 'node:os';
import { catalog } from '../nodes/catalog';
import { compileGraph, type CompiledGraph } from '../nodes/core/compile';
import { graphInputSchema } from '../nodes/core/io';
import type { GraphSpec } from '../nodes/core/spec';
import { specHash } from '../nodes/core/spec-hash';
import type { Db } from '../server/db/client';
import { ServiceError } from '../server/services/errors';
import { createDistributedClient } from './bullmq/client';
import { parseDevices, WORKER_ROLES } from './devices';
import { TERMINAL_STATUSES, type EventBus, type RunEvent, type RunStatus } from './events';
import { createInProcessEngine } from './in-process';
import type { FreshRun } from './orchestrator';
import type { RunStore } from './run-store';
import { listWorkers, startHeartbeat, type WorkerInfo } from './workers';

export type { RunEvent, RunStatus } from './events';
export type { WorkerInfo } from './workers';

/**
 * The runner as the server sees it. `createRunner` picks the mode: in-process without REDIS_URL,
 * BullMQ with it (orchestration and node tasks then run in `npm run worker` processes).
 */
export interface StartRunRequest {
  graphId: string;
  graphVersionId: string | null;
  spec: GraphSpec;
  input: Record<string, unknown>;
  source: string;
  endpointId?: string;
  apiKeyPrefix?: string;
}

export interface FinishedRun {
  runId: string;
  status: RunStatus;
  output: Record<string, unknown> | null;
  error: { code: string; message: string; nodeId?: string } | null;
}

export interface Runner {
  readonly mode: 'in-process' | 'bullmq';
  start(request: StartRunRequest): Promise<{ runId: string }>;
  cancel(runId: string): Promise<void>;
  /** live events of a run; the listener first hears the run's current state */
  subscribe(runId: string, listener: (event: RunEvent) => void): () => void;
  /** resolves when the run has ended (sync endpoints, the CLI, tests); NOT_FOUND at once for a run that does not exist */
  wait(runId: string, timeoutMs?: number): Promise<FinishedRun>;
  workers(): Promise<WorkerInfo[]>;
  close(): Promise<void>;
}

export interface RunnerOptions {
  redisUrl?: string;
  /** devices of the in-process executor (WORKER_DEVICES) */
  devices?: string;
  batching?: boolean;
  /** resume runs a previous process left unfinished (in-process mode) */
  resume?: boolean;
}

export async function createRunner(db: Db, options: RunnerOptions = {}): Promise<Runner> {
  if (options.redisUrl) {
    if (db.kind !== 'postgres') {
      throw new Error('REDIS_URL needs DATABASE_URL too: workers in other processes share the database, which the embedded one cannot do');
    }
    const client = await createDistributedClient(db, options.redisUrl);
    return facade('bullmq', db, client.store, client.bus, {
      initialStatus: 'queued',
      enqueue: (runId) => client.enqueueRun(runId),
      cancelRunning: (runId) => client.cancel(runId),
      close: client.close,
    });
  }
  const workerId = `in-process@${hostname()}:${process.pid}`;
  const devices = parseDevices(options.devices ?? 'cpu');
  const engine = createInProcessEngine(db, { devices, workerId, batching: options.batching });
  const heartbeat = startHeartbeat(db, { id: workerId, roles: WORKER_ROLES, devices, concurrency: 0, models: () => engine.host.loadedModels(), orchestrating: engine.activeRuns });
  if (options.resume !== false) for (const runId of await engine.store.unfinishedRuns()) engine.launch(runId);
  return facade('in-process', db, engine.store, engine.bus, {
    initialStatus: 'running',
    enqueue: async (runId, fresh) => engine.launch(runId, fresh),
    cancelRunning: async (runId) => engine.cancelLocal(runId),
    async close() {
      await engine.drain();
      await engine.close();
      await heartbeat.stop();
      await engine.bus.close();
    },
  });
}

interface ModeParts {
  /** in-process runs start at once; queued ones wait for a worker */
  initialStatus: 'queued' | 'running';
  enqueue(runId: string, fresh: FreshRun): Promise<void>;
  cancelRunning(runId: string): Promise<void>;
  close(): Promise<void>;
}

function facade(mode: Runner['mode'], db: Db, store: RunStore, bus: EventBus, parts: ModeParts): Runner {
  const { enqueue, cancelRunning, close } = parts;
  // In-process, every event of a run started here passes through this process synchronously: the
  // runner knows whether such a run has ended, and `wait` needs no database read for it.
  const ended = new Map<string, FinishedRun>();
  const running = new Set<string>();
  const remember = (runId: string) => {
    if (mode !== 'in-process') return () => undefined;
    running.add(runId);
    const stop = bus.subscribe(runId, (event) => {
      if (event.type !== 'run' || !TERMINAL_STATUSES.has(event.status)) return;
      stop();
      running.delete(runId);
      ended.set(runId, { runId, status: event.status, output: event.output ?? null, error: event.error ?? null });
      if (ended.size > 1000) ended.delete(ended.keys().next().value!);
    });
    return () => (stop(), running.delete(runId));
  };
  const runner: Runner = {
    mode,
    async start(request) {
      const hash = hashOf(request.spec);
      const graph = compiled(hash, request.spec); // a bad graph is refused before a run exists
      const parsed = inputSchemaOf(graph).safeParse(request.input);
      if (!parsed.success) {
        throw new ServiceError('BAD_REQUEST', `the run input does not fit this graph: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`, {
          zodIssues: parsed.error.issues,
        });
      }
      const runId = await store.createRun({ ...request, specHash: hash, input: request.input }, parts.initialStatus);
      const forget = remember(runId);
      try {
        await enqueue(runId, { spec: request.spec, input: request.input, graph });
      } catch (error) {
        const message = `the run could not be queued: ${(error as Error).message}`;
        forget();
        await store.finishRun(runId, 'failed', { error: { code: 'QUEUE_UNAVAILABLE', message } }).catch(() => undefined);
        throw new ServiceError('UNAVAILABLE', message, { runId });
      }
      return { runId };
    },
    async cancel(runId) {
      if (await store.requestCancel(runId)) {
        bus.publishCancel(runId);
        await cancelRunning(runId);
      }
    },
    subscribe(runId, listener) {
      let live = true;
      const buffered: RunEvent[] = [];
      let replaying = true;
      const unsubscribe = bus.subscribe(runId, (event) => (replaying ? buffered.push(event) : live && listener(event)));
      void Promise.all([snapshot(db, runId), bus.current(runId).catch(() => [])]).then(([stored, current]) => {
        // finished attempts from the database, then what is happening now (running nodes), then the run
        const events = [...stored.filter((e) => e.type !== 'run'), ...current, ...stored.filter((e) => e.type === 'run')];
        if (!live) return;
        for (const event of events) listener(event);
        replaying = false;
        for (const event of buffered) listener(event);
      });
      return () => {
        live = false;
        unsubscribe();
      };
    },
    wait(runId, timeoutMs = 10 * 60_000) {
      const known = ended.get(runId);
      if (known) return Promise.resolve(known);
      return new Promise<FinishedRun>((resolve, reject) => {
        let settled = false;
        // the first outcome wins and releases the timer and the subscription
        const end = (outcome: () => void) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          unsubscribe();
          outcome();
        };
        const settle = (run: FinishedRun) => end(() => resolve(run));
        // the run's final event carries what the row holds, so no read is needed after it
        const unsubscribe = bus.subscribe(runId, (event) => {
          if (event.type === 'run' && TERMINAL_STATUSES.has(event.status)) {
            settle({ runId, status: event.status, output: event.output ?? null, error: event.error ?? null });
          }
        });
        const timer = setTimeout(() => end(() => reject(new ServiceError('UNAVAILABLE', `run ${runId} did not finish within ${timeoutMs} ms (it goes on; poll it by id)`, { runId }))), timeoutMs);
        // it may have ended before we subscribed (a run started here is known to be unfinished)
        if (running.has(runId)) return;
        db.sql
          .query<{ status: string; output: unknown; error: unknown }>('SELECT status, output, error FROM run WHERE id = $1', [runId])
          .then(([run]) => {
            if (!run) end(() => reject(new ServiceError('NOT_FOUND', `run ${runId} does not exist (it was deleted, or never started)`, { runId })));
            else if (TERMINAL_STATUSES.has(run.status as RunStatus)) {
              settle({ runId, status: run.status as RunStatus, output: run.output as FinishedRun['output'], error: run.error as FinishedRun['error'] });
            }
          }, (error: unknown) => end(() => reject(error)));
      });
    },
    workers: () => listWorkers(db),
    close,
  };
  return runner;
}

/** Hashes by spec object: an endpoint serves the same spec object call after call. */
const hashes = new WeakMap<GraphSpec, string>();
function hashOf(spec: GraphSpec): string {
  let hash = hashes.get(spec);
  if (!hash) hashes.set(spec, (hash = specHash(spec)));
  return hash;
}

const inputSchemas = new WeakMap<CompiledGraph, ReturnType<typeof graphInputSchema>>();
function inputSchemaOf(graph: CompiledGraph) {
  let schema = inputSchemas.get(graph);
  if (!schema) inputSchemas.set(graph, (schema = graphInputSchema(graph)));
  return schema;
}

/** Compiled graphs by spec hash: a published graph is compiled once, not on every call. */
const compiledCache = new Map<string, CompiledGraph>();
function compiled(hash: string, spec: GraphSpec): CompiledGraph {
  let graph = compiledCache.get(hash);
  if (!graph) {
    graph = compileGraph(spec, catalog);
    if (compiledCache.size >= 256) compiledCache.delete(compiledCache.keys().next().value!);
    compiledCache.set(hash, graph);
  }
  return graph;
}

/** The events that bring a late subscriber up to date: finished nodes, then the run's status. */
async function snapshot(db: Db, runId: string): Promise<RunEvent[]> {
  const run = await db.prisma.run.findUnique({
    where: { id: runId },
    select: { status: true, output: true, error: true, nodeRuns: { orderBy: [{ queuedAt: 'asc' }, { attempt: 'asc' }] } },
  });
  if (!run) return [];
  const events: RunEvent[] = run.nodeRuns.map((n) => ({
    type: 'node',
    runId,
    nodeId: n.nodeId,
    status: n.status as 'succeeded',
    attempt: n.attempt,
    device: n.device ?? undefined,
    worker: n.worker ?? undefined,
    batchSize: n.batchSize ?? undefined,
    durationMs: n.startedAt && n.finishedAt ? n.finishedAt.getTime() - n.startedAt.getTime() : undefined,
    error: n.errorCode ? { code: n.errorCode, message: n.errorMessage ?? '' } : undefined,
  }));
  events.push({
    type: 'run',
    runId,
    status: run.status as RunStatus,
    output: (run.output as Record<string, unknown> | null) ?? undefined,
    error: (run.error as { code: string; message: string } | null) ?? undefined,
  });
  return events;
}

import type { Db } from '../server/db/client';
import type { Device } from './devices';
import { createMemoryBus, type EventBus } from './events';
import { NodeHost } from './node-host';
import { failRun, orchestrateRun, type Dispatcher, type FreshRun } from './orchestrator';
import { RunStore } from './run-store';
import { log } from '../server/log';

/**
 * In-process mode (no REDIS_URL): the orchestrator and the node executors run in this process —
 * `npm start`, the CLI and tests. Same semantics as the distributed mode, minus the queue hop.
 */
export function createInProcessEngine(db: Db, options: { devices: Device[]; workerId: string; batching?: boolean }) {
  const store = new RunStore(db);
  const bus: EventBus = createMemoryBus();
  const host = new NodeHost({ workerId: options.workerId, devices: options.devices, sql: db.sql, batching: options.batching });
  const dispatcher: Dispatcher = {
    async dispatch(task) {
      const result = await host.execute({
        runId: task.runId,
        nodeId: task.node.id,
        attempt: task.attempt,
        type: task.node.definition.type,
        typeVersion: task.node.definition.typeVersion,
        config: task.node.config,
        inputs: task.inputs,
        inputFrom: task.inputFrom,
        runInput: task.runInput,
        timeoutMs: task.timeoutMs,
        signal: task.signal,
        onEvent: task.onEvent,
      });
      return { ...result, emitted: Object.keys(result.outputs ?? {}).filter((k) => result.outputs?.[k] !== undefined) };
    },
  };
  const active = new Map<string, { controller: AbortController; done: Promise<unknown> }>();

  /** runs (or resumes) a run; `fresh` skips reading back a run this process just created */
  function launch(runId: string, fresh?: FreshRun): void {
    if (active.has(runId)) return;
    const controller = new AbortController();
    const done = orchestrateRun({ store, bus, dispatcher }, runId, controller.signal, fresh)
      .catch(async (error: unknown) => {
        // an orchestrator bug or a database outage must still end the run, never leave it "running"
        log.error(`[runner] run ${runId} crashed:`, error);
        await failRun({ store, bus }, runId, { code: 'INTERNAL', message: `the runner failed: ${(error as Error).message}` }).catch(() => undefined);
      })
      .finally(() => active.delete(runId));
    active.set(runId, { controller, done });
  }

  return {
    store,
    bus,
    host,
    launch,
    cancelLocal(runId: string) {
      active.get(runId)?.controller.abort(new Error('cancelled'));
    },
    async drain() {
      await Promise.all([...active.values()].map((a) => a.done));
    },
    close: () => host.close(),
    activeRuns: () => [...active.keys()],
  };
}

import { EventEmitter } from 'node:events';

/** What the editor, SSE endpoints and `wait()` hear about a run while it runs. */
export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export type NodeStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'retrying';

export type RunEvent =
  | { type: 'run'; runId: string; status: RunStatus; output?: Record<string, unknown>; error?: RunError }
  | {
      type: 'node';
      runId: string;
      nodeId: string;
      status: NodeStatus;
      attempt: number;
      device?: string;
      worker?: string;
      batchSize?: number;
      durationMs?: number;
      queueWaitMs?: number;
      error?: { code: string; message: string };
    }
  | { type: 'token'; runId: string; nodeId: string; text: string }
  | { type: 'progress'; runId: string; nodeId: string; data: unknown };

export interface RunError {
  code: string;
  message: string;
  nodeId?: string;
}

export const TERMINAL_STATUSES: ReadonlySet<RunStatus> = new Set(['succeeded', 'failed', 'cancelled']);

/** Carries run events (and cancellations) between the processes that run and watch a run. */
export interface EventBus {
  publish(event: RunEvent): void;
  /** the latest event of each node of a run still going (late subscribers see running nodes) */
  current(runId: string): Promise<RunEvent[]>;
  subscribe(runId: string, listener: (event: RunEvent) => void): () => void;
  publishCancel(runId: string): void;
  onCancel(listener: (runId: string) => void): () => void;
  close(): Promise<void>;
}

export function createMemoryBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const latest = new Map<string, Map<string, RunEvent>>();
  return {
    publish(event) {
      trackLatest(latest, event);
      emitter.emit(`run:${event.runId}`, event);
    },
    current: async (runId) => [...(latest.get(runId)?.values() ?? [])],
    subscribe(runId, listener) {
      emitter.on(`run:${runId}`, listener);
      return () => emitter.off(`run:${runId}`, listener);
    },
    publishCancel: (runId) => emitter.emit('cancel', runId),
    onCancel(listener) {
      emitter.on('cancel', listener);
      return () => emitter.off('cancel', listener);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}

/** Keeps the latest node event per running run; forgets the run when it ends. */
function trackLatest(latest: Map<string, Map<string, RunEvent>>, event: RunEvent): void {
  if (event.type === 'node') {
    let nodes = latest.get(event.runId);
    if (!nodes) latest.set(event.runId, (nodes = new Map()));
    nodes.set(event.nodeId, event);
  } else if (event.type === 'run' && TERMINAL_STATUSES.has(event.status)) {
    latest.delete(event.runId);
  }
}

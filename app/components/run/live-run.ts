import type { NodeStatus, RunEvent, RunStatus } from './types';

/**
 * What a viewer knows about a run from its live events (run.events): the run's status and output,
 * each node's latest attempt, streamed tokens, and when each attempt was seen to start and end (client
 * clock), so a timeline can draw attempts that have no NodeRun row yet. Pure: a reducer over events.
 */
export interface LiveNode {
  nodeId: string;
  status: NodeStatus;
  attempt: number;
  device?: string;
  worker?: string;
  batchSize?: number;
  durationMs?: number;
  queueWaitMs?: number;
  error?: { code: string; message: string };
  /** text streamed by the node (LLM tokens) */
  tokens: string;
  progress?: unknown;
}

export interface LiveAttempt {
  nodeId: string;
  attempt: number;
  status: NodeStatus;
  /** client time the attempt was first heard of */
  seenAt: number;
  /** client time it ended */
  endedAt?: number;
}

export interface LiveRun {
  runId: string;
  status: RunStatus | null;
  output?: Record<string, unknown>;
  error?: { code: string; message: string; nodeId?: string };
  nodes: Record<string, LiveNode>;
  attempts: LiveAttempt[];
  /** how many events were applied (a cheap change counter for effects) */
  events: number;
}

const ENDED: ReadonlySet<NodeStatus> = new Set(['succeeded', 'failed', 'skipped', 'retrying']);

export function emptyLiveRun(runId: string): LiveRun {
  return { runId, status: null, nodes: {}, attempts: [], events: 0 };
}

export function applyRunEvent(state: LiveRun, event: RunEvent, now: number = Date.now()): LiveRun {
  if (event.runId !== state.runId) return state;
  const events = state.events + 1;
  switch (event.type) {
    case 'run':
      return {
        ...state,
        events,
        status: event.status,
        output: event.output ?? state.output,
        error: event.error ?? (event.status === 'succeeded' ? undefined : state.error),
      };
    case 'node': {
      const previous = state.nodes[event.nodeId];
      // replayed history may arrive after newer live events: an older attempt never overwrites a newer one
      if (previous && event.attempt < previous.attempt) return { ...state, events };
      const sameAttempt = previous?.attempt === event.attempt;
      const node: LiveNode = {
        nodeId: event.nodeId,
        status: event.status,
        attempt: event.attempt,
        device: event.device ?? (sameAttempt ? previous?.device : undefined),
        worker: event.worker ?? (sameAttempt ? previous?.worker : undefined),
        batchSize: event.batchSize ?? (sameAttempt ? previous?.batchSize : undefined),
        durationMs: event.durationMs,
        queueWaitMs: event.queueWaitMs,
        error: event.error,
        tokens: sameAttempt ? (previous?.tokens ?? '') : '',
        progress: sameAttempt ? previous?.progress : undefined,
      };
      return { ...state, events, nodes: { ...state.nodes, [event.nodeId]: node }, attempts: trackAttempt(state.attempts, event.nodeId, event.attempt, event.status, now) };
    }
    case 'token': {
      const node = state.nodes[event.nodeId];
      if (!node) return { ...state, events };
      return { ...state, events, nodes: { ...state.nodes, [event.nodeId]: { ...node, tokens: node.tokens + event.text } } };
    }
    case 'progress': {
      const node = state.nodes[event.nodeId];
      if (!node) return { ...state, events };
      return { ...state, events, nodes: { ...state.nodes, [event.nodeId]: { ...node, progress: event.data } } };
    }
    default:
      return state;
  }
}

function trackAttempt(attempts: LiveAttempt[], nodeId: string, attempt: number, status: NodeStatus, now: number): LiveAttempt[] {
  const index = attempts.findIndex((a) => a.nodeId === nodeId && a.attempt === attempt);
  const endedAt = ENDED.has(status) ? now : undefined;
  if (index === -1) return [...attempts, { nodeId, attempt, status, seenAt: now, endedAt }];
  const current = attempts[index]!;
  const next = [...attempts];
  next[index] = { ...current, status, endedAt: current.endedAt ?? endedAt };
  return next;
}

/** The short per-node status the editor canvas colours nodes by. */
export interface NodeStatusSummary {
  status: NodeStatus;
  durationMs?: number;
  device?: string;
  batchSize?: number;
  attempt: number;
}

export function nodeStatusSummary(node: LiveNode): NodeStatusSummary {
  return { status: node.status, durationMs: node.durationMs, device: node.device, batchSize: node.batchSize, attempt: node.attempt };
}

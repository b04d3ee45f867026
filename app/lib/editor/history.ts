import type { GraphSpec } from '../../../nodes/core/spec';

/**
 * Undo/redo over whole specs (immutable, structurally shared, so snapshots are cheap). Typing in a
 * config field records one entry per field and pause rather than one per keystroke: successive edits
 * with the same `coalesceKey` within `COALESCE_MS` merge into the first one.
 */
export const HISTORY_LIMIT = 100;
export const COALESCE_MS = 1000;

export interface History {
  past: GraphSpec[];
  future: GraphSpec[];
  lastKey: string | null;
  lastAt: number;
}

export const emptyHistory = (): History => ({ past: [], future: [], lastKey: null, lastAt: 0 });

/** Records `before` as an undo point for an edit that is about to replace it. */
export function record(history: History, before: GraphSpec, coalesceKey: string | null = null, now = Date.now()): History {
  if (coalesceKey !== null && coalesceKey === history.lastKey && now - history.lastAt < COALESCE_MS) {
    return { ...history, future: [], lastAt: now };
  }
  return { past: [...history.past, before].slice(-HISTORY_LIMIT), future: [], lastKey: coalesceKey, lastAt: now };
}

export function undo(history: History, current: GraphSpec): { history: History; spec: GraphSpec } | null {
  const previous = history.past[history.past.length - 1];
  if (!previous) return null;
  return { spec: previous, history: { past: history.past.slice(0, -1), future: [current, ...history.future], lastKey: null, lastAt: 0 } };
}

export function redo(history: History, current: GraphSpec): { history: History; spec: GraphSpec } | null {
  const next = history.future[0];
  if (!next) return null;
  return { spec: next, history: { past: [...history.past, current], future: history.future.slice(1), lastKey: null, lastAt: 0 } };
}

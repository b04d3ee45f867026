import type { LiveAttempt } from './live-run';
import type { SpanRow } from './timeline';

/**
 * Which nodes are running right now, for a viewer who subscribed after they started: the runner's
 * replay only has finished attempts (NodeRun rows), so a node counts as in flight when it has not
 * finished and every node feeding it has (succeeded or skipped). Placed from the moment its last input
 * arrived. Pure; the live events, when heard, take precedence over this guess.
 */
export interface SpecShape {
  nodes: readonly { id: string }[];
  edges: readonly { from: { node: string }; to: { node: string } }[];
}

const DONE = new Set(['succeeded', 'skipped']);
const ENDED = new Set(['succeeded', 'skipped', 'failed', 'cancelled']);

export function inferInFlight(spec: SpecShape | null | undefined, rows: readonly SpanRow[], heardLive: ReadonlySet<string>, runStartedAt: number): LiveAttempt[] {
  if (!spec) return [];
  const latest = new Map<string, SpanRow>();
  for (const row of rows) {
    const seen = latest.get(row.nodeId);
    if (!seen || row.attempt > seen.attempt) latest.set(row.nodeId, row);
  }
  const finishedAt = (row: SpanRow) => (row.finishedAt ? new Date(row.finishedAt).getTime() : runStartedAt);
  const out: LiveAttempt[] = [];
  for (const node of spec.nodes) {
    const own = latest.get(node.id);
    if ((own && ENDED.has(own.status)) || heardLive.has(node.id)) continue;
    const upstream = spec.edges.filter((e) => e.to.node === node.id).map((e) => latest.get(e.from.node));
    if (!upstream.every((row) => row && DONE.has(row.status))) continue;
    // a retried node is on its next attempt, which began when the previous one ended
    const since = own ? finishedAt(own) : Math.max(runStartedAt, ...upstream.map((row) => finishedAt(row!)));
    out.push({ nodeId: node.id, attempt: own ? own.attempt + 1 : 1, status: 'running', seenAt: since });
  }
  return out;
}

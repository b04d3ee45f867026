import { describe, expect, it } from 'vitest';
import { inferInFlight } from './in-flight';
import type { SpanRow } from './timeline';

const T0 = Date.parse('2026-11-24T10:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms);
const SPEC = {
  nodes: [{ id: 'query' }, { id: 'guard' }, { id: 'embed' }, { id: 'retrieve' }, { id: 'out' }],
  edges: [
    { from: { node: 'query' }, to: { node: 'guard' } },
    { from: { node: 'guard' }, to: { node: 'embed' } },
    { from: { node: 'embed' }, to: { node: 'retrieve' } },
    { from: { node: 'guard' }, to: { node: 'out' } },
    { from: { node: 'retrieve' }, to: { node: 'out' } },
  ],
};
const row = (nodeId: string, status: string, finished: number, attempt = 1): SpanRow => ({ nodeId, nodeType: 't', attempt, status, queuedAt: at(finished - 5), startedAt: at(finished - 5), finishedAt: at(finished) });

describe('nodes in flight, guessed for a late viewer', () => {
  it('is the node whose inputs have all arrived, placed from the last input', () => {
    const rows = [row('query', 'succeeded', 10), row('guard', 'succeeded', 30)];
    expect(inferInFlight(SPEC, rows, new Set(), T0)).toEqual([{ nodeId: 'embed', attempt: 1, status: 'running', seenAt: T0 + 30 }]);
  });

  it('starts with the entry nodes, and waits for every input of a join', () => {
    expect(inferInFlight(SPEC, [], new Set(), T0).map((a) => a.nodeId)).toEqual(['query']);
    const rows = [row('query', 'succeeded', 10), row('guard', 'succeeded', 30), row('embed', 'succeeded', 50)];
    expect(inferInFlight(SPEC, rows, new Set(), T0).map((a) => a.nodeId)).toEqual(['retrieve']);
  });

  it('counts a retried node as on its next attempt, and defers to what was heard live', () => {
    const rows = [row('query', 'succeeded', 10), row('guard', 'retrying', 20)];
    expect(inferInFlight(SPEC, rows, new Set(), T0)).toEqual([{ nodeId: 'guard', attempt: 2, status: 'running', seenAt: T0 + 20 }]);
    expect(inferInFlight(SPEC, rows, new Set(['guard']), T0)).toEqual([]);
  });

  it('guesses nothing past a failure or without the spec', () => {
    expect(inferInFlight(SPEC, [row('query', 'failed', 10)], new Set(), T0)).toEqual([]);
    expect(inferInFlight(null, [], new Set(), T0)).toEqual([]);
  });
});

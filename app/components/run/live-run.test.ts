import { describe, expect, it } from 'vitest';
import { applyRunEvent, emptyLiveRun, nodeStatusSummary, type LiveRun } from './live-run';
import type { RunEvent } from './types';

const RUN = 'run-1';
function play(events: RunEvent[], start = 1000): LiveRun {
  return events.reduce((state, event, i) => applyRunEvent(state, event, start + i * 10), emptyLiveRun(RUN));
}

describe('live run reducer', () => {
  it('follows a node from running to succeeded and keeps where it ran', () => {
    const state = play([
      { type: 'run', runId: RUN, status: 'running' },
      { type: 'node', runId: RUN, nodeId: 'embed', status: 'running', attempt: 1 },
      { type: 'node', runId: RUN, nodeId: 'embed', status: 'succeeded', attempt: 1, device: 'cpu', batchSize: 3, durationMs: 12, queueWaitMs: 2 },
      { type: 'run', runId: RUN, status: 'succeeded', output: { answer: { text: 'x', citations: [] } } },
    ]);
    expect(state.status).toBe('succeeded');
    expect(state.output).toEqual({ answer: { text: 'x', citations: [] } });
    expect(nodeStatusSummary(state.nodes.embed!)).toEqual({ status: 'succeeded', durationMs: 12, device: 'cpu', batchSize: 3, attempt: 1 });
    expect(state.attempts).toEqual([{ nodeId: 'embed', attempt: 1, status: 'succeeded', seenAt: 1010, endedAt: 1020 }]);
    expect(state.events).toBe(4);
  });

  it('shows each retry as its own attempt and never lets a replayed older attempt win', () => {
    const state = play([
      { type: 'node', runId: RUN, nodeId: 'llm', status: 'running', attempt: 1 },
      { type: 'node', runId: RUN, nodeId: 'llm', status: 'retrying', attempt: 1, error: { code: 'TIMEOUT', message: 'slow' } },
      { type: 'node', runId: RUN, nodeId: 'llm', status: 'running', attempt: 2 },
      // a late subscriber's snapshot replays attempt 1 after attempt 2 was heard live
      { type: 'node', runId: RUN, nodeId: 'llm', status: 'retrying', attempt: 1, error: { code: 'TIMEOUT', message: 'slow' } },
    ]);
    expect(state.nodes.llm).toMatchObject({ status: 'running', attempt: 2, error: undefined });
    expect(state.attempts.map((a) => [a.attempt, a.status, a.endedAt !== undefined])).toEqual([
      [1, 'retrying', true],
      [2, 'running', false],
    ]);
  });

  it('appends streamed tokens to their node and ignores events of other runs', () => {
    const state = play([
      { type: 'node', runId: RUN, nodeId: 'llm', status: 'running', attempt: 1 },
      { type: 'token', runId: RUN, nodeId: 'llm', text: 'Hel' },
      { type: 'token', runId: RUN, nodeId: 'llm', text: 'lo' },
      { type: 'token', runId: 'other', nodeId: 'llm', text: '!!' },
      { type: 'progress', runId: RUN, nodeId: 'llm', data: { done: 1, total: 2 } },
    ]);
    expect(state.nodes.llm).toMatchObject({ tokens: 'Hello', progress: { done: 1, total: 2 } });
  });

  it('keeps the failure of a failed run', () => {
    const state = play([
      { type: 'node', runId: RUN, nodeId: 'store', status: 'failed', attempt: 1, error: { code: 'DIMENSION_MISMATCH', message: 'dims differ' } },
      { type: 'run', runId: RUN, status: 'failed', error: { code: 'DIMENSION_MISMATCH', message: 'node "store" failed', nodeId: 'store' } },
    ]);
    expect(state.status).toBe('failed');
    expect(state.error).toEqual({ code: 'DIMENSION_MISMATCH', message: 'node "store" failed', nodeId: 'store' });
    expect(state.nodes.store?.error?.code).toBe('DIMENSION_MISMATCH');
  });
});

import { describe, expect, it } from 'vitest';
import { RECENT_BATCHES, summarizeBatches } from './batch-summary';
import type { BatchRecord } from './batcher';

const batch = (size: number, weight: number, maxWaitMs: number, at = 1_700_000_000_000): BatchRecord => ({ at, size, weight, ms: 5, maxWaitMs, coldStart: false });

describe('summarizeBatches', () => {
  it('is absent before the first batch', () => {
    expect(summarizeBatches([], { a: 0, b: 0, count: 0 }, 0)).toBeUndefined();
  });

  it('averages requests, items and longest waits over the recent batches, with the fit and the queue', () => {
    const history = [batch(4, 10, 2), batch(2, 2, 1), batch(3, 6, 3.5, 1_700_000_001_000)];
    expect(summarizeBatches(history, { a: 0.2125, b: 1.5, count: 1 }, 7)).toEqual({
      batches: 3,
      meanRequests: 3,
      maxRequests: 4,
      meanItems: 6,
      meanMaxWaitMs: 2.17,
      perItemMs: 0.21,
      fixedMs: 1.5,
      queued: 7,
      lastBatchAt: new Date(1_700_000_001_000).toISOString(),
    });
  });

  it('has no batch time before batches past the warm-up have been fitted', () => {
    expect(summarizeBatches([batch(4, 4, 1)], { a: 0, b: 0, count: 0 }, 0)).toMatchObject({ batches: 1, perItemMs: null, fixedMs: null });
  });

  it(`looks only at the last ${RECENT_BATCHES} batches`, () => {
    const history = [...Array.from({ length: 30 }, () => batch(64, 64, 9)), ...Array.from({ length: RECENT_BATCHES }, () => batch(1, 1, 0))];
    expect(summarizeBatches(history, { a: 0, b: 1, count: 20 }, 0)).toMatchObject({ batches: RECENT_BATCHES, meanRequests: 1, maxRequests: 1, meanMaxWaitMs: 0 });
  });
});

import { describe, expect, it } from 'vitest';
import { describeBatching, type BatchingSummary } from './batching-text';

const summary = (over: Partial<BatchingSummary>): BatchingSummary => ({
  batches: 50,
  meanRequests: 28.4,
  maxRequests: 32,
  meanItems: 30.1,
  meanMaxWaitMs: 3.1,
  perItemMs: 0.19,
  fixedMs: 1.2,
  queued: 0,
  lastBatchAt: '2026-11-27T06:00:00.000Z',
  ...over,
});

describe('describeBatching', () => {
  it('says how many requests recent batches merged, how long they waited and the fitted batch time', () => {
    expect(describeBatching(summary({}))).toBe(
      'last 50 batches: 28.4 requests merged on average (max 32), 30.1 items in all · each waited up to 3.1 ms for its batch (on average) · a batch takes ≈ 1.2 ms + 0.19 ms per item',
    );
  });

  it('counts what is queued when something is', () => {
    expect(describeBatching(summary({ queued: 7 }))).toMatch(/ · 7 queued$/);
  });

  it('speaks of a single batch in the singular, before any batch time is fitted', () => {
    expect(describeBatching(summary({ batches: 1, meanRequests: 1, maxRequests: 1, meanItems: 1, meanMaxWaitMs: 0.67, perItemMs: null, fixedMs: null }))).toBe(
      'last batch: 1 request, 1 item · it waited 0.67 ms for its batch · batch time not fitted yet (the first batches load the model)',
    );
  });

  it('says when no requests came in together, without a plural for one', () => {
    expect(describeBatching(summary({ batches: 3, meanRequests: 1, maxRequests: 1, meanItems: 1 }))).toMatch(/^last 3 batches: one request each \(none arrived together\), of 1 item on average · /);
  });
});

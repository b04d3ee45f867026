import type { RouterOutputs } from '../lib/api-types';
import { plural } from '../lib/format';

/** what a worker's heartbeat says of a model's batcher */
export type BatchingSummary = NonNullable<RouterOutputs['worker']['list']['workers'][number]['models'][number]['batching']>;


/**
 * One line on what a model's batcher has been doing, e.g. "last 50 batches: 28.4 requests merged on
 * average (max 32), 30.1 items (texts, rows) in all · each waited up to 3.1 ms for its batch · a
 * batch takes ≈ 1.2 ms + 0.19 ms per item · 3 queued". Items are what a model call processes, and a
 * request can carry several (an upload's chunks): hence both counts.
 */
export function describeBatching(b: BatchingSummary): string {
  const one = b.batches === 1;
  const parts = [
    one
      ? `last batch: ${plural(b.maxRequests, 'request')}, ${plural(b.meanItems, 'item')}`
      : b.maxRequests === 1
        ? `last ${b.batches} batches: one request each (none arrived together), of ${plural(b.meanItems, 'item')} on average`
        : `last ${b.batches} batches: ${b.meanRequests} requests merged on average (max ${b.maxRequests}), ${plural(b.meanItems, 'item')} in all`,
    one ? `it waited ${b.meanMaxWaitMs} ms for its batch` : `each waited up to ${b.meanMaxWaitMs} ms for its batch (on average)`,
    b.perItemMs === null || b.fixedMs === null
      ? 'batch time not fitted yet (the first batches load the model)'
      : `a batch takes ≈ ${b.fixedMs} ms + ${b.perItemMs} ms per item`,
  ];
  if (b.queued > 0) parts.push(`${b.queued} queued`);
  return parts.join(' · ');
}

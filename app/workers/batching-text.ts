import type { RouterOutputs } from '../lib/api-types';

/** what a worker's heartbeat says of a model's batcher */
export type BatchingSummary = NonNullable<RouterOutputs['worker']['list']['workers'][number]['models'][number]['batching']>;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * One line on what a model's batcher has been doing, e.g. "last 50 batches: 28.4 requests merged on
 * average (max 32), 28.4 items · longest wait 3.1 ms on average · batch time ≈ 0.19 ms per item +
 * 1.2 ms · 3 queued".
 */
export function describeBatching(b: BatchingSummary): string {
  const one = b.batches === 1;
  const parts = [
    one
      ? `last batch: ${plural(b.maxRequests, 'request', 'requests')}, ${plural(b.meanItems, 'item', 'items')}`
      : b.maxRequests === 1
        ? `last ${b.batches} batches: one request each (none came in together), ${plural(b.meanItems, 'item', 'items')} on average`
        : `last ${b.batches} batches: ${b.meanRequests} requests merged on average (max ${b.maxRequests}), ${plural(b.meanItems, 'item', 'items')}`,
    one ? `longest wait ${b.meanMaxWaitMs} ms` : `longest wait ${b.meanMaxWaitMs} ms on average`,
    b.perItemMs === null || b.fixedMs === null
      ? 'batch time not fitted yet (the first batches load the model)'
      : `batch time ≈ ${b.perItemMs} ms per item + ${b.fixedMs} ms`,
  ];
  if (b.queued > 0) parts.push(`${b.queued} queued`);
  return parts.join(' · ');
}

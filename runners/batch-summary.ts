import type { BatchRecord } from './batcher';

/**
 * What a (model, device)'s batcher has been doing, for heartbeats and the Workers page: how big its
 * recent batches were, how long requests waited for them and the batch time it has fitted
 * (a·n + b, the figures its dispatch decisions rest on). BentoML shows the same of its dispatchers.
 */
export interface BatchingSummary {
  /** batches summarised (the most recent, at most RECENT_BATCHES) */
  batches: number;
  /** requests merged per batch, mean and largest */
  meanRequests: number;
  maxRequests: number;
  /** items (texts, pairs) per batch, mean */
  meanItems: number;
  /** the longest wait of a request in each batch, averaged over the batches */
  meanMaxWaitMs: number;
  /** fitted time per item and fixed time per batch; null until batches past the warm-up have run */
  perItemMs: number | null;
  fixedMs: number | null;
  /** requests waiting now */
  queued: number;
  lastBatchAt: string;
}

export const RECENT_BATCHES = 50;

const rounded = (x: number) => Math.round(x * 100) / 100;

/** The summary of a batcher's recent batches; undefined before its first batch (or with batching off). */
export function summarizeBatches(history: readonly BatchRecord[], fit: { a: number; b: number; count: number }, queued: number): BatchingSummary | undefined {
  const recent = history.slice(-RECENT_BATCHES);
  if (recent.length === 0) return undefined;
  const mean = (pick: (r: BatchRecord) => number) => rounded(recent.reduce((sum, r) => sum + pick(r), 0) / recent.length);
  return {
    batches: recent.length,
    meanRequests: mean((r) => r.size),
    maxRequests: Math.max(...recent.map((r) => r.size)),
    meanItems: mean((r) => r.weight),
    meanMaxWaitMs: mean((r) => r.maxWaitMs),
    perItemMs: fit.count > 0 ? rounded(fit.a) : null,
    fixedMs: fit.count > 0 ? rounded(fit.b) : null,
    queued,
    lastBatchAt: new Date(recent.at(-1)!.at).toISOString(),
  };
}

import { z } from 'zod';
import type { Db } from '../db/client';
import { endpointRow } from './endpoints';

/**
 * An endpoint's traffic over a recent window, from its runs: calls and failures per time bucket for
 * the chart, latency percentiles, and the same per version, so a canary is judged against the version
 * it may replace on errors and latency before it takes every call.
 */

/** Each window and the width of its buckets (24 hourly bars, or 28 six-hour bars). */
export const TRAFFIC_WINDOWS = {
  '24h': { hours: 24, bucketMinutes: 60 },
  '7d': { hours: 7 * 24, bucketMinutes: 6 * 60 },
} as const;
export type TrafficWindow = keyof typeof TRAFFIC_WINDOWS;
export const trafficWindow = z.enum(Object.keys(TRAFFIC_WINDOWS) as [TrafficWindow, ...TrafficWindow[]]);

export interface TrafficSummary {
  calls: number;
  failed: number;
  /** calls not finished yet (queued or running) */
  inFlight: number;
  /**
   * latency of the succeeded calls as their callers saw it (queued to finished), in ms; null when
   * none succeeded. A failure is often fast, and would flatter the figures.
   */
  p50Ms: number | null;
  p95Ms: number | null;
}

export interface TrafficBucket {
  start: Date;
  calls: number;
  failed: number;
}

export interface EndpointTraffic {
  window: TrafficWindow;
  from: Date;
  to: Date;
  bucketMinutes: number;
  /** every bucket of the window, oldest first (empty ones included) */
  buckets: TrafficBucket[];
  total: TrafficSummary;
  /** one line per version that served a call in the window, newest version first */
  byVersion: (TrafficSummary & { versionId: string; versionNumber: number })[];
}

interface SummaryRow {
  calls: number;
  failed: number;
  inFlight: number;
  p50Ms: number | null;
  p95Ms: number | null;
}

/** Counts and latency percentiles of the runs selected; `r` qualifies run's columns in a join. */
const summaryColumns = (r = '') => `
  count(*)::int AS calls,
  (count(*) FILTER (WHERE ${r}status = 'failed'))::int AS failed,
  (count(*) FILTER (WHERE ${r}status IN ('queued', 'running')))::int AS "inFlight",
  (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM ${r}finished_at - ${r}created_at) * 1000) FILTER (WHERE ${r}status = 'succeeded' AND ${r}finished_at IS NOT NULL))::float8 AS "p50Ms",
  (percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM ${r}finished_at - ${r}created_at) * 1000) FILTER (WHERE ${r}status = 'succeeded' AND ${r}finished_at IS NOT NULL))::float8 AS "p95Ms"`;

const rounded = (row: SummaryRow): TrafficSummary => ({ ...row, p50Ms: row.p50Ms === null ? null : Math.round(row.p50Ms), p95Ms: row.p95Ms === null ? null : Math.round(row.p95Ms) });

export async function endpointTraffic(db: Db, id: string, window: TrafficWindow, now = new Date()): Promise<EndpointTraffic> {
  await endpointRow(db, id); // polled every few seconds: the row alone, not the endpoint's whole detail
  const { hours, bucketMinutes } = TRAFFIC_WINDOWS[window];
  const bucketMs = bucketMinutes * 60_000;
  // the window ends with the bucket holding `now`, so the last bar fills as calls arrive
  const to = new Date(Math.ceil((now.getTime() + 1) / bucketMs) * bucketMs);
  const from = new Date(to.getTime() - hours * 3_600_000);
  const range = [id, from, to] as const;
  const where = (alias = '') => `${alias}endpoint_id = $1 AND ${alias}created_at >= $2 AND ${alias}created_at < $3`;
  const [perBucket, [total], perVersion] = await Promise.all([
    db.sql.query<{ start: Date | string; calls: number; failed: number }>(
      `SELECT date_bin('${bucketMinutes} minutes'::interval, created_at, $2::timestamptz) AS start, count(*)::int AS calls,
              (count(*) FILTER (WHERE status = 'failed'))::int AS failed
       FROM run WHERE ${where()} GROUP BY 1`,
      [...range],
    ),
    db.sql.query<SummaryRow>(`SELECT ${summaryColumns()} FROM run WHERE ${where()}`, [...range]),
    db.sql.query<SummaryRow & { versionId: string; versionNumber: number }>(
      `SELECT r.graph_version_id AS "versionId", v.number AS "versionNumber", ${summaryColumns('r.')}
       FROM run r JOIN graph_version v ON v.id = r.graph_version_id
       WHERE ${where('r.')} GROUP BY 1, 2 ORDER BY 2 DESC`,
      [...range],
    ),
  ]);
  const counted = new Map(perBucket.map((b) => [new Date(b.start).getTime(), b]));
  const buckets = Array.from({ length: (hours * 60) / bucketMinutes }, (_, i): TrafficBucket => {
    const start = new Date(from.getTime() + i * bucketMs);
    const found = counted.get(start.getTime());
    return { start, calls: found?.calls ?? 0, failed: found?.failed ?? 0 };
  });
  return { window, from, to, bucketMinutes, buckets, total: rounded(total!), byVersion: perVersion.map((v) => ({ ...rounded(v), versionId: v.versionId, versionNumber: v.versionNumber })) };
}

import type { QueryResult } from '../../server/evaluation/metrics';
import { nearestOlder } from '../../server/evaluation/nearest-older';
import type { EvaluationSummary } from '../../server/services/evaluations';

/**
 * What the history shows of a graph's evaluations: per version, the latest scores on each dataset
 * (and collection), each metric with its change from the nearest older version scored on the same
 * dataset and collection.
 */

/** The fields of a listed evaluation (server/services/evaluations.ts) the history reads. */
export type EvaluationRow = Pick<EvaluationSummary, 'id' | 'graphVersionId' | 'versionNumber' | 'dataset' | 'datasetId' | 'collection' | 'queries' | 'failed' | 'status' | 'done' | 'error' | 'metrics' | 'createdAt'>;

export interface MetricScore {
  name: string;
  label: string;
  value: number;
  /** the change from the older version's score; undefined when no older version was scored */
  delta?: number;
  /** the version `delta` is measured from */
  since?: number;
}

export interface VersionScore {
  evaluationId: string;
  dataset: string;
  /** the stored dataset, whose page ranks every version scored on it */
  datasetId: string | null;
  collection: string;
  queries: number;
  failed: number;
  /** why some queries failed, when some did */
  error: string | null;
  createdAt: Date;
  metrics: MetricScore[];
  /** the older version's evaluation the changes are measured from */
  base?: { evaluationId: string; versionNumber: number };
}

const LABELS: Record<string, string> = { ndcg10: 'nDCG@10', recall100: 'Recall@100', mrr10: 'MRR@10' };
const ORDER = Object.keys(LABELS);

export const metricLabel = (name: string) => LABELS[name] ?? name;

const keyOf = (e: EvaluationRow) => JSON.stringify([e.graphVersionId, e.dataset, e.collection]);

/**
 * `evaluations` newest first (as the API lists them); the result is keyed by version id. Only
 * finished scores count (running, failed and cancelled evaluations have none).
 */
export function scoresByVersion(evaluations: readonly EvaluationRow[]): Map<string, VersionScore[]> {
  // the latest succeeded evaluation of each (version, dataset, collection)
  const latest = new Map<string, EvaluationRow>();
  for (const e of evaluations) {
    if (e.status === 'succeeded' && !latest.has(keyOf(e))) latest.set(keyOf(e), e);
  }
  const byVersion = new Map<string, VersionScore[]>();
  for (const e of latest.values()) {
    const older = nearestOlder(evaluations, e);
    const names = Object.keys(e.metrics).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    const metrics = names.map((name): MetricScore => {
      const value = e.metrics[name]!;
      const before = older?.metrics[name];
      return before === undefined ? { name, label: metricLabel(name), value } : { name, label: metricLabel(name), value, delta: value - before, since: older!.versionNumber };
    });
    const list = byVersion.get(e.graphVersionId) ?? [];
    const base = older ? { evaluationId: older.id, versionNumber: older.versionNumber } : undefined;
    list.push({ evaluationId: e.id, dataset: e.dataset, datasetId: e.datasetId, collection: e.collection, queries: e.queries, failed: e.failed, error: e.error, createdAt: e.createdAt, metrics, ...(base ? { base } : {}) });
    byVersion.set(e.graphVersionId, list);
  }
  return byVersion;
}

/**
 * What is under way or went wrong, per version: every running evaluation, and a failed one while it
 * is the latest of its (version, dataset, collection), so a failure later run again successfully
 * is not shown. Cancelled ones are not shown.
 */
export function activityByVersion(evaluations: readonly EvaluationRow[]): Map<string, EvaluationRow[]> {
  const seen = new Set<string>();
  const byVersion = new Map<string, EvaluationRow[]>();
  for (const e of evaluations) {
    const latestOfItsKind = !seen.has(keyOf(e));
    if (e.status !== 'cancelled') seen.add(keyOf(e));
    if (e.status === 'running' || (e.status === 'failed' && latestOfItsKind)) {
      byVersion.set(e.graphVersionId, [...(byVersion.get(e.graphVersionId) ?? []), e]);
    }
  }
  return byVersion;
}

function rank(name: string): number {
  const i = ORDER.indexOf(name);
  return i === -1 ? ORDER.length : i;
}

/** Scores between 0 and 1 to three decimals; other figures as they come, rounded to three. */
export function formatScore(value: number): string {
  return Math.abs(value) <= 1 ? value.toFixed(3) : String(Math.round(value * 1000) / 1000);
}

/** Which way a change went, as shown: a change that rounds to 0.000 went nowhere. */
export function deltaDirection(delta: number | undefined): 'up' | 'down' | '' {
  if (delta === undefined || Number(formatScore(Math.abs(delta))) === 0) return '';
  return delta > 0 ? 'up' : 'down';
}

/** A change with its sign; "±0.000" when it rounds to nothing. */
export function formatDelta(delta: number): string {
  const sign = { up: '+', down: '−', '': '±' }[deltaDirection(delta)];
  return `${sign}${formatScore(Math.abs(delta))}`;
}

export interface QueryComparison extends QueryResult {
  /** the older version's nDCG@10 on this query, when it was scored there */
  baseNdcg10?: number;
  delta?: number;
}

/**
 * Each query of an evaluation beside its score in an older one: with a base, the biggest drops
 * first (what a change broke), then the gains; without, the weakest queries first.
 */
export function compareQueries(current: readonly QueryResult[], base?: readonly QueryResult[]) {
  const before = new Map((base ?? []).map((q) => [q.id, q.ndcg10]));
  const rows: QueryComparison[] = current.map((q) => {
    const old = before.get(q.id);
    return old === undefined ? { ...q } : { ...q, baseNdcg10: old, delta: q.ndcg10 - old };
  });
  rows.sort(base ? (a, b) => (a.delta ?? 0) - (b.delta ?? 0) || a.id.localeCompare(b.id) : (a, b) => a.ndcg10 - b.ndcg10 || a.id.localeCompare(b.id));
  return {
    rows,
    // counted as the table shows them
    worse: rows.filter((q) => deltaDirection(q.delta) === 'down').length,
    better: rows.filter((q) => deltaDirection(q.delta) === 'up').length,
    same: rows.filter((q) => q.delta !== undefined && deltaDirection(q.delta) === '').length,
  };
}

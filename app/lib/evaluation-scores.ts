/**
 * What the history shows of a graph's evaluations: per version, the latest scores on each dataset
 * (and collection), each metric with its change from the nearest older version scored on the same
 * dataset and collection.
 */
export interface EvaluationRow {
  id: string;
  graphVersionId: string;
  versionNumber: number;
  dataset: string;
  collection: string;
  queries: number;
  failed: number;
  metrics: Record<string, number>;
  createdAt: Date | string;
}

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
  collection: string;
  queries: number;
  failed: number;
  createdAt: Date | string;
  metrics: MetricScore[];
}

const LABELS: Record<string, string> = { ndcg10: 'nDCG@10', recall100: 'Recall@100', mrr10: 'MRR@10' };
const ORDER = Object.keys(LABELS);

export const metricLabel = (name: string) => LABELS[name] ?? name;

/** `evaluations` newest first (as the API lists them); the result is keyed by version id. */
export function scoresByVersion(evaluations: readonly EvaluationRow[]): Map<string, VersionScore[]> {
  // the latest evaluation of each (version, dataset, collection)
  const latest = new Map<string, EvaluationRow>();
  for (const e of evaluations) {
    const key = JSON.stringify([e.graphVersionId, e.dataset, e.collection]);
    if (!latest.has(key)) latest.set(key, e);
  }
  const byVersion = new Map<string, VersionScore[]>();
  for (const e of latest.values()) {
    const older = [...latest.values()]
      .filter((o) => o.dataset === e.dataset && o.collection === e.collection && o.versionNumber < e.versionNumber)
      .sort((a, b) => b.versionNumber - a.versionNumber)[0];
    const names = Object.keys(e.metrics).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    const metrics = names.map((name): MetricScore => {
      const value = e.metrics[name]!;
      const before = older?.metrics[name];
      return before === undefined ? { name, label: metricLabel(name), value } : { name, label: metricLabel(name), value, delta: value - before, since: older!.versionNumber };
    });
    const list = byVersion.get(e.graphVersionId) ?? [];
    list.push({ evaluationId: e.id, dataset: e.dataset, collection: e.collection, queries: e.queries, failed: e.failed, createdAt: e.createdAt, metrics });
    byVersion.set(e.graphVersionId, list);
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

/** A change with its sign; "±0.000" when it rounds to nothing. */
export function formatDelta(delta: number): string {
  const text = formatScore(Math.abs(delta));
  if (Number(text) === 0) return `±${text}`;
  return `${delta > 0 ? '+' : '−'}${text}`;
}

import type { EvaluationRow } from './evaluation-scores';

/**
 * What an endpoint's page shows of quality: for each dataset (and collection) either served version
 * was scored on, the latest scores of the main version and of the canary side by side, and the
 * canary's change from main, so a canary is judged on what it retrieves before it gets every call.
 */
export interface ServedScore {
  evaluationId: string;
  version: number;
  metrics: Record<string, number>;
  createdAt: Date;
}

export interface ServedQualityRow {
  dataset: string;
  datasetId: string | null;
  collection: string;
  main?: ServedScore;
  canary?: ServedScore;
  /** canary minus main, per metric both have */
  delta?: Record<string, number>;
}

export interface ServedQuality {
  rows: ServedQualityRow[];
  /** evaluations of the served versions under way */
  running: EvaluationRow[];
}

/** `evaluations` newest first, as the API lists a graph's; `canary` may be a 0 % canary (scored before it serves). */
export function servedQuality(evaluations: readonly EvaluationRow[], main: number | null, canary: number | null): ServedQuality {
  const served = (version: number) => version === main || version === canary;
  const rows = new Map<string, ServedQualityRow>();
  const running: EvaluationRow[] = [];
  for (const e of evaluations) {
    if (!served(e.versionNumber)) continue;
    if (e.status === 'running') running.push(e);
    if (e.status !== 'succeeded') continue;
    const key = JSON.stringify([e.dataset, e.collection]);
    const row = rows.get(key) ?? { dataset: e.dataset, datasetId: e.datasetId, collection: e.collection };
    const side = e.versionNumber === canary ? 'canary' : 'main';
    // newest first: the first seen of each side is its latest
    if (!row[side]) row[side] = { evaluationId: e.id, version: e.versionNumber, metrics: e.metrics, createdAt: e.createdAt };
    row.datasetId ??= e.datasetId;
    rows.set(key, row);
  }
  for (const row of rows.values()) {
    if (!row.main || !row.canary) continue;
    const shared = Object.keys(row.canary.metrics).filter((name) => name in row.main!.metrics);
    row.delta = Object.fromEntries(shared.map((name) => [name, row.canary!.metrics[name]! - row.main!.metrics[name]!]));
  }
  const sorted = [...rows.values()].sort((a, b) => a.dataset.localeCompare(b.dataset) || a.collection.localeCompare(b.collection));
  return { rows: sorted, running };
}

/**
 * What a version's scores are compared with, in the editor's History and by `rag eval --max-drop`:
 * the latest finished evaluation of the nearest older version on the same dataset and collection.
 * Pure and client-safe (the History computes it in the browser from the listed evaluations).
 */
export interface ComparableEvaluation {
  versionNumber: number;
  dataset: string;
  collection: string;
  status: string;
}

/** `evaluations` newest first, as listEvaluations returns them. */
export function nearestOlder<E extends ComparableEvaluation>(evaluations: readonly E[], at: Omit<ComparableEvaluation, 'status'>): E | undefined {
  let found: E | undefined;
  for (const e of evaluations) {
    if (e.status !== 'succeeded' || e.dataset !== at.dataset || e.collection !== at.collection || e.versionNumber >= at.versionNumber) continue;
    // newest first: the first line of the highest older version is that version's latest
    if (!found || e.versionNumber > found.versionNumber) found = e;
  }
  return found;
}

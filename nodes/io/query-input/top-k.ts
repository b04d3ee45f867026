/** How many passages a run may ask retrievers for (the run input's topK). */
export const TOP_K = { min: 1, max: 200 } as const;

/**
 * An evaluation's depth: how many documents each judged query retrieves, sent as the run input's
 * topK, so within its bounds. The server's schema, the CLI's flags and the editor's field all check
 * against this, so a depth one accepts the others do too. Recall@100 needs at least 100.
 */
export const EVALUATION_DEPTH = { ...TOP_K, default: 100 } as const;

export function isEvaluationDepth(value: number): boolean {
  return Number.isInteger(value) && value >= EVALUATION_DEPTH.min && value <= EVALUATION_DEPTH.max;
}

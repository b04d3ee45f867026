import { diffSpecs, type SpecDiff } from '../../../nodes/core/diff';
import type { GraphSpec } from '../../../nodes/core/spec';
import { buildDiffOverlay, isSameGraph, type DiffOverlay } from './diff-overlay';

/** Two saved versions compared in History: listed there, not drawn on the canvas. */
export interface VersionComparison {
  from: number;
  to: number;
  diff: SpecDiff;
}

export interface SavedSpec {
  number: number;
  spec: GraphSpec;
}

/**
 * Two saved versions, the older one always the "from" side whichever the user picked first.
 *
 * The canvas always shows the draft. Tinting it with the changes from v2 to v5 would mark the draft's
 * nodes as if the draft were v5: nodes v5 has but the draft lacks would be missing, and the draft's own
 * edits would pass for v5's. So the comparison goes on the canvas only when the draft is the same graph
 * as the newer version (say, v5 was just saved) and there is something to show; otherwise it is listed
 * in History alone and the canvas stays as it is, editable.
 */
export function compareVersions(a: SavedSpec, b: SavedSpec, draft: GraphSpec): { onCanvas: DiffOverlay } | { listed: VersionComparison } {
  const [from, to] = a.number < b.number ? [a, b] : [b, a];
  const diff = diffSpecs(from.spec, to.spec);
  if (!isSameGraph(diff) && isSameGraph(diffSpecs(to.spec, draft))) {
    return { onCanvas: buildDiffOverlay(diff, `v${from.number} → v${to.number} (the current draft)`) };
  }
  return { listed: { from: from.number, to: to.number, diff } };
}

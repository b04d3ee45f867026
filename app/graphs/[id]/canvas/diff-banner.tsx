'use client';
import { changedNodeCount } from '../../../lib/editor/diff-overlay';
import { useEditor } from '../../../lib/editor/react';

/** Shown over the canvas while a comparison is open: what is compared, the legend, and a way out. */
export function DiffBanner() {
  const diff = useEditor((s) => s.diff);
  const setDiff = useEditor((s) => s.setDiff);
  if (!diff) return null;
  const { nodesAdded, nodesRemoved, edgesAdded, edgesRemoved } = diff.diff;
  return (
    <div className="diff-banner" role="region" aria-label="Comparison">
      <div className="diff-banner-info">
        <strong>Comparing {diff.title}</strong>
        <span className="legend added">{nodesAdded.length} added</span>
        <span className="legend changed">{changedNodeCount(diff.diff)} changed</span>
        <span className="legend removed">{nodesRemoved.length} removed</span>
        <span className="muted small">
          edges +{edgesAdded.length} −{edgesRemoved.length} · read-only
        </span>
      </div>
      <button type="button" className="btn small" onClick={() => setDiff(null)}>
        Close comparison
      </button>
    </div>
  );
}

'use client';
import { useReactFlow } from '@xyflow/react';
import type { ReactNode } from 'react';
import { useEditor, useEditorStore } from '../../../lib/editor/react';
import { isSameGraph } from '../../../lib/editor/diff-overlay';
import type { VersionComparison } from '../../../lib/editor/version-comparison';
import { DiffSummary } from './diff-summary';

/**
 * The open comparison in History: the one drawn on the canvas, whose nodes (ghosts of removed ones
 * included) can all be focused, or two saved versions listed here alone.
 */
export function ComparisonSection() {
  const store = useEditorStore();
  const flow = useReactFlow();
  const overlay = useEditor((s) => s.diff);
  const listed = useEditor((s) => s.versionComparison);
  const focus = (nodeId: string) => void flow.fitView({ nodes: [{ id: nodeId }], duration: 250, maxZoom: 1.2, padding: 0.6 });
  if (overlay) {
    return (
      <Section title={overlay.title} onClose={() => store.getState().setDiff(null)}>
        <DiffSummary diff={overlay.diff} onFocus={focus} />
      </Section>
    );
  }
  if (listed) return <ListedComparison comparison={listed} onFocus={focus} onClose={() => store.getState().setVersionComparison(null)} />;
  return null;
}

/** Two saved versions: the canvas shows the draft, so only the nodes the draft also has are there to focus. */
function ListedComparison({ comparison, onFocus, onClose }: { comparison: VersionComparison; onFocus: (nodeId: string) => void; onClose: () => void }) {
  const draftNodes = useEditor((s) => s.spec.nodes);
  const { from, to, diff } = comparison;
  return (
    <Section title={`v${from} → v${to}`} onClose={onClose}>
      {!isSameGraph(diff) && <p className="muted small">The canvas shows the current draft, so these changes are listed here only.</p>}
      <DiffSummary diff={diff} same={`v${from} and v${to} are the same graph`} onFocus={onFocus} canFocus={(id) => draftNodes.some((n) => n.id === id)} />
    </Section>
  );
}

function Section({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  return (
    <section className="history-diff" aria-label="Comparison">
      <div className="history-diff-head">
        <h3>{title}</h3>
        <button type="button" className="btn small" onClick={onClose}>
          Close
        </button>
      </div>
      {children}
    </section>
  );
}

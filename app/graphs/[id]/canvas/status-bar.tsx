'use client';
import { useEffect } from 'react';
import { useEditor } from '../../../lib/editor/react';

const HINT_MS = 6000;

/** One line under the canvas: refusals and confirmations (copied, pasted, nothing to undo). */
export function StatusBar() {
  const hint = useEditor((s) => s.hint);
  const clearHint = useEditor((s) => s.clearHint);
  const counts = useEditor((s) => `${s.spec.nodes.length} node${s.spec.nodes.length === 1 ? '' : 's'} · ${s.spec.edges.length} edge${s.spec.edges.length === 1 ? '' : 's'}`);
  useEffect(() => {
    if (!hint) return;
    const timer = setTimeout(() => clearHint(hint.at), HINT_MS);
    return () => clearTimeout(timer);
  }, [hint, clearHint]);
  return (
    <div className="canvas-status">
      <span role="status" aria-live="polite" className={hint ? `status-hint ${hint.tone}` : 'status-hint'} data-testid="canvas-status">
        {hint?.message}
      </span>
      <span className="muted small">{counts}</span>
    </div>
  );
}

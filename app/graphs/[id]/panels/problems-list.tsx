'use client';
import { useReactFlow } from '@xyflow/react';
import { useEditor, useEditorStore } from '../../../lib/editor/react';

/** Every validation problem of the draft; choosing one selects and centres the node at fault. */
export function ProblemsList() {
  const issues = useEditor((s) => s.issues);
  const store = useEditorStore();
  const flow = useReactFlow();
  if (issues.all.length === 0) {
    return (
      <div className="problems-empty">
        <span className="badge ok">✓ Valid</span>
        <p className="muted small">The graph passes the same checks the server runs when a version is saved.</p>
      </div>
    );
  }
  const focus = (nodeId: string | undefined, edgeId: string | undefined) => {
    const state = store.getState();
    const edge = edgeId ? state.spec.edges.find((e) => e.id === edgeId) : undefined;
    const target = nodeId ?? edge?.to.node;
    if (!target || !state.spec.nodes.some((n) => n.id === target)) return;
    state.select([target], edge ? [edge.id] : []);
    void flow.fitView({ nodes: [{ id: target }], duration: 250, maxZoom: 1.2, padding: 0.6 });
  };
  return (
    <div>
      <p className="muted small">
        {issues.all.length} problem{issues.all.length === 1 ? '' : 's'} to fix before saving a version.
      </p>
      <ul className="problems" aria-label="Problems">
        {issues.all.map((issue, i) => (
          <li key={i}>
            {issue.nodeId || issue.edgeId ? (
              <button type="button" className="problem" onClick={() => focus(issue.nodeId, issue.edgeId)}>
                <span className="problem-code">{issue.code}</span>
                {issue.message}
              </button>
            ) : (
              <div className="problem">
                <span className="problem-code">{issue.code}</span>
                {issue.message}
              </div>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

'use client';
import { useState } from 'react';
import { EVALUATION_DEPTH, isEvaluationDepth } from '../../nodes/io/query-input/top-k';

/** An evaluation's depth as typed, and the number it means when valid (within the server's bounds). */
export function useDepth() {
  const [text, setText] = useState(String(EVALUATION_DEPTH.default));
  const value = Number(text);
  return { text, setText, value: isEvaluationDepth(value) ? value : null };
}

/** How many documents each query retrieves in an evaluation. */
export function DepthField({ id, depth }: { id: string; depth: ReturnType<typeof useDepth> }) {
  return (
    <div className="field">
      <label htmlFor={id}>Depth</label>
      <input id={id} className="input" type="number" min={EVALUATION_DEPTH.min} max={EVALUATION_DEPTH.max} value={depth.text} onChange={(e) => depth.setText(e.target.value)} style={{ width: 100 }} />
      <span className="hint">Documents retrieved per query (the run input’s topK); Recall@100 needs 100.</span>
    </div>
  );
}

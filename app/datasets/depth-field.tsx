'use client';
import { useState } from 'react';

/** An evaluation's depth as typed, and the number it means when valid (1–200, the server's bounds). */
export function useDepth() {
  const [text, setText] = useState('100');
  const value = Number(text);
  return { text, setText, value: Number.isInteger(value) && value >= 1 && value <= 200 ? value : null };
}

/** How many documents each query retrieves in an evaluation. */
export function DepthField({ id, depth }: { id: string; depth: ReturnType<typeof useDepth> }) {
  return (
    <div className="field">
      <label htmlFor={id}>Depth</label>
      <input id={id} className="input" type="number" min={1} max={200} value={depth.text} onChange={(e) => depth.setText(e.target.value)} style={{ width: 100 }} />
      <span className="hint">Documents retrieved per query (the run input’s topK); Recall@100 needs 100.</span>
    </div>
  );
}

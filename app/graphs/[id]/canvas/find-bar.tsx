'use client';
import { useReactFlow } from '@xyflow/react';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { editorCatalog } from '../../../lib/editor/catalog';
import { findNodes } from '../../../lib/editor/find';
import { useEditor, useEditorStore } from '../../../lib/editor/react';

/**
 * Ctrl+F on the canvas: type part of a node's id, name or type; Enter brings the next match into
 * view and selects it (Shift+Enter the one before), Escape closes.
 */
export function FindBar() {
  const open = useEditor((s) => s.findOpen);
  return open ? <OpenFindBar /> : null;
}

function OpenFindBar() {
  const store = useEditorStore();
  const flow = useReactFlow();
  const spec = useEditor((s) => s.spec);
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState(-1);
  const matches = useMemo(() => findNodes(spec, editorCatalog, query), [spec, query]);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  const go = (step: number) => {
    if (matches.length === 0) return;
    const next = current < 0 && step < 0 ? matches.length - 1 : (current + step + matches.length) % matches.length;
    setCurrent(next);
    const id = matches[next]!;
    const node = flow.getNode(id);
    if (!node) return;
    const state = store.getState();
    state.select([id], []);
    state.setPanel('inspector');
    const width = node.measured?.width ?? 200;
    const height = node.measured?.height ?? 100;
    void flow.setCenter(node.position.x + width / 2, node.position.y + height / 2, { zoom: Math.max(flow.getZoom(), 0.8), duration: 200 });
  };
  const close = () => store.getState().setFindOpen(false);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter') go(event.shiftKey ? -1 : 1);
    else if (event.key === 'Escape') close();
    else return;
    event.preventDefault();
  };
  const count = query.trim() ? (matches.length === 0 ? 'no match' : current >= 0 ? `${current + 1} of ${matches.length}` : `${matches.length} found`) : '';
  return (
    <div className="find-bar" role="search" aria-label="Find a node">
      <input
        ref={input}
        className="input"
        type="search"
        value={query}
        placeholder="Find a node: id, name or type"
        aria-label="Find a node"
        onChange={(event) => {
          setQuery(event.target.value);
          setCurrent(-1);
        }}
        onKeyDown={onKeyDown}
      />
      <span className="muted small find-count" aria-live="polite">
        {count}
      </span>
      <button type="button" className="btn ghost small" onClick={() => go(-1)} disabled={matches.length === 0} aria-label="Previous match">
        ↑
      </button>
      <button type="button" className="btn ghost small" onClick={() => go(1)} disabled={matches.length === 0} aria-label="Next match">
        ↓
      </button>
      <button type="button" className="btn ghost small" onClick={close} aria-label="Close Find">
        ×
      </button>
    </div>
  );
}

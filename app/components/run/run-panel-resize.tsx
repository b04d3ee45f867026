'use client';
import { useEffect, useRef, type KeyboardEvent, type PointerEvent, type RefObject } from 'react';
import { readLayoutPrefs, rememberLayout } from '../../lib/editor/layout-prefs';
import { useRunPanelState } from './run-panel-state';

/**
 * The open panel's height before it is resized (as .run-panel.open in run.css), its least height, and
 * how much of the editor's column the canvas keeps when the panel is dragged taller (as its max-height).
 */
const DEFAULT_HEIGHT = 310;
const MIN_HEIGHT = 120;
const CANVAS_KEEPS = 180;
/** A result grows the panel to at most this share of the column; dragging goes further. */
const GROW_SHARE = 0.65;

/**
 * While a run is shown and the user has not set the panel's height, grow the panel (never shrink it)
 * so its result fits, up to GROW_SHARE of the editor's column.
 */
export function useGrowToFit(panelRef: RefObject<HTMLElement | null>, resultRef: RefObject<HTMLElement | null>, active: boolean) {
  const resized = useRunPanelState((s) => s.resized);
  useEffect(() => {
    const panel = panelRef.current;
    const result = resultRef.current;
    if (!active || resized || !panel || !result) return;
    const grow = () => {
      const body = result.parentElement;
      const column = panel.parentElement;
      if (!body || !column) return;
      const overflow = body.scrollHeight - body.clientHeight;
      if (overflow <= 1) return;
      const current = panel.getBoundingClientRect().height;
      const next = Math.round(Math.min(current + overflow, column.clientHeight * GROW_SHARE));
      if (next > current + 1) useRunPanelState.getState().setHeight(next, false);
    };
    const observer = new ResizeObserver(grow);
    observer.observe(result);
    grow();
    return () => observer.disconnect();
  }, [panelRef, resultRef, active, resized]);
}

/**
 * A height the user set (dragged or keyed) outlives a reload (lib/editor/layout-prefs): restored when
 * the editor opens, forgotten on a reset (double-click), so the panel grows to fit results again. A
 * height the panel grew to is never remembered. Too tall a height for this window is held down by
 * the panel's CSS max-height, which keeps the canvas its share.
 */
export function useRememberedHeight() {
  useEffect(() => {
    const remembered = readLayoutPrefs().runPanelHeight;
    if (remembered !== undefined) useRunPanelState.getState().setHeight(Math.max(MIN_HEIGHT, Math.round(remembered)), true);
    const userHeight = (s: { height: number | null; resized: boolean }) => (s.resized ? s.height : null);
    return useRunPanelState.subscribe((state, previous) => {
      const height = userHeight(state);
      if (height !== userHeight(previous)) rememberLayout({ runPanelHeight: height ?? undefined });
    });
  }, []);
}

/** The open panel's top edge: drag it (or focus it and press ↑/↓) to make the panel taller or shorter; double-click resets it. */
export function ResizeHandle({ panelRef }: { panelRef: RefObject<HTMLElement | null> }) {
  const setHeight = useRunPanelState((s) => s.setHeight);
  const height = useRunPanelState((s) => s.height);
  const drag = useRef<{ y: number; height: number } | null>(null);
  const resizeTo = (next: number) => {
    const column = panelRef.current?.parentElement;
    const max = Math.max(MIN_HEIGHT, (column?.clientHeight ?? 600) - CANVAS_KEEPS);
    setHeight(Math.round(Math.min(max, Math.max(MIN_HEIGHT, next))), true);
  };
  const current = () => panelRef.current?.getBoundingClientRect().height ?? 0;
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { y: e.clientY, height: current() };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (drag.current) resizeTo(drag.current.height + drag.current.y - e.clientY);
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    drag.current = null;
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? 80 : 20;
    if (e.key === 'ArrowUp') resizeTo(current() + step);
    else if (e.key === 'ArrowDown') resizeTo(current() - step);
    else return;
    e.preventDefault();
  };
  return (
    <div
      className="run-panel-resize"
      role="separator"
      aria-orientation="horizontal"
      aria-label="Resize the run panel"
      aria-valuemin={MIN_HEIGHT}
      aria-valuenow={height ?? DEFAULT_HEIGHT}
      tabIndex={0}
      title="Drag to resize the run panel · double-click to reset"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onDoubleClick={() => setHeight(null, false)}
      onKeyDown={onKeyDown}
    />
  );
}

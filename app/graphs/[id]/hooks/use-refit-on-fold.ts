'use client';
import { useReactFlow, useStore } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { useEditor } from '../../../lib/editor/react';

/** As the canvas's fit button and the run panel's re-fit. */
const FIT = { padding: 0.2, maxZoom: 1, duration: 200 };

/**
 * Folding or unfolding the palette or the side panel changes the canvas's width: fit the graph into
 * it, so the graph is neither hidden under an unfolded panel nor left beside empty space. The fit
 * waits until React Flow has measured the new width (fitting earlier would fit the old one). Only a
 * fold toggle re-fits: not the first render, nor a window resize, which keep the user's pan and zoom.
 */
export function useRefitOnFold(paletteOpen: boolean): void {
  const flow = useReactFlow();
  const panelOpen = useEditor((s) => s.panelOpen);
  const width = useStore((s) => s.width);
  const folds = `${paletteOpen}/${panelOpen}`;
  const last = useRef({ folds, width });
  // the canvas width when the folds changed, until the canvas has resized
  const widthBeforeFold = useRef<number | null>(null);
  useEffect(() => {
    if (folds !== last.current.folds && widthBeforeFold.current === null) widthBeforeFold.current = last.current.width;
    last.current = { folds, width };
    if (widthBeforeFold.current === null || width === widthBeforeFold.current) return;
    widthBeforeFold.current = null;
    void flow.fitView(FIT);
  }, [folds, width, flow]);
}

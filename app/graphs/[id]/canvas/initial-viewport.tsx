'use client';
import { useNodesInitialized, useReactFlow } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { useEditorStore } from '../../../lib/editor/react';
import { canvasRect } from './view-center';

/** Below this zoom node text is unreadable: wide graphs open at this zoom, showing their start. */
export const READABLE_ZOOM = 0.6;
const PADDING = 40;

/**
 * Opens the canvas on the whole graph when it fits at a readable zoom; a wide pipeline instead opens
 * at a readable zoom on its left end (where it starts), with the minimap showing the rest.
 */
export function InitialViewport() {
  const initialized = useNodesInitialized();
  const flow = useReactFlow();
  // a graph that opens empty keeps the default viewport: nodes dropped later must land under the cursor
  const openedEmpty = useEditorStore().getState().spec.nodes.length === 0;
  const done = useRef(openedEmpty);
  useEffect(() => {
    if (!initialized || done.current) return;
    done.current = true;
    const nodes = flow.getNodes();
    const pane = canvasRect();
    if (nodes.length === 0 || !pane) return;
    const bounds = flow.getNodesBounds(nodes);
    const fit = Math.min((pane.width - 2 * PADDING) / bounds.width, (pane.height - 2 * PADDING) / bounds.height, 1);
    if (fit >= READABLE_ZOOM) {
      void flow.fitView({ padding: 0.15, maxZoom: 1 });
      return;
    }
    const zoom = READABLE_ZOOM;
    const fitsHeight = bounds.height * zoom <= pane.height - 2 * PADDING;
    const y = fitsHeight ? pane.height / 2 - (bounds.y + bounds.height / 2) * zoom : PADDING - bounds.y * zoom;
    void flow.setViewport({ x: PADDING - bounds.x * zoom, y, zoom });
  }, [initialized, flow]);
  return null;
}

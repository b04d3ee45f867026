import type { ReactFlowInstance } from '@xyflow/react';
import type { EditorStore } from '../../../lib/editor/store';
import { canvasRect } from './view-center';

type Flow = Pick<ReactFlowInstance, 'getNodes' | 'fitView'>;

/** The "Tidy up" button and the L key: the graph laid out by data flow to suit the canvas' shape, then fitted into view. */
export function tidyUp(store: EditorStore, flow: Flow): void {
  const state = store.getState();
  if (state.diff) return state.showHint('Close the comparison to edit the graph', 'info');
  const measured: Record<string, { width: number; height: number }> = {};
  for (const node of flow.getNodes()) {
    if (node.type === 'graph' && node.measured?.width && node.measured.height) measured[node.id] = { width: node.measured.width, height: node.measured.height };
  }
  const canvas = canvasRect();
  const view = { width: canvas?.width || 800, height: canvas?.height || 600 };
  if (!state.tidyUp(measured, view)) return state.showHint('The graph is already tidy', 'info');
  state.showHint('Laid out by data flow (Ctrl+Z puts it back)', 'info');
  // once React Flow has the new positions
  requestAnimationFrame(() => void flow.fitView({ padding: 0.2, duration: 200, maxZoom: 1 }));
}

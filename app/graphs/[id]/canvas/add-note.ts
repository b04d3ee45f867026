import type { ReactFlowInstance } from '@xyflow/react';
import { LIMITS } from '../../../../nodes/core/spec';
import { DEFAULT_NOTE_SIZE, freeNoteSpot } from '../../../lib/editor/notes';
import type { EditorStore } from '../../../lib/editor/store';
import { inView, viewCenter } from './view-center';

type Flow = Pick<ReactFlowInstance, 'screenToFlowPosition' | 'setCenter' | 'getZoom'>;

/**
 * The "Add note" button and the N key: an empty note in the middle of the view, or the nearest spot
 * that covers no node, selected and ready to type into. A spot outside the view is panned to.
 */
export function addNoteAtCenter(store: EditorStore, flow: Flow): void {
  const state = store.getState();
  if (state.diff) return state.showHint('Close the comparison to edit the graph', 'info');
  const size = DEFAULT_NOTE_SIZE;
  const spot = freeNoteSpot(state.spec, viewCenter(flow, { x: size.width / 2, y: size.height / 2 }), size);
  const id = state.addNote(spot);
  if (!id) return state.showHint(`A graph holds at most ${LIMITS.notes} notes`);
  state.showHint('Added a note: type into it, move it by its top strip', 'info');
  if (!inView(flow, spot, size)) void flow.setCenter(spot.x + size.width / 2, spot.y + size.height / 2, { zoom: flow.getZoom(), duration: 200 });
  // ready to type into once React Flow has drawn it
  requestAnimationFrame(() => document.querySelector<HTMLTextAreaElement>(`[data-testid="note-${id}"] textarea`)?.focus({ preventScroll: true }));
}

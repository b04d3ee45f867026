import type { NodeChange } from '@xyflow/react';
import { noteFlowId, noteIdOf } from './notes';
import type { XY } from './spec-edit';

type Size = { width: number; height: number };

/** One batch of React Flow's node changes, sorted into the store's edits. */
export interface SortedNodeChanges {
  /** by canvas id (nodes and notes alike): moves. */
  positions: Map<string, XY>;
  /** a move without a drag (arrow keys): coalesced into one undo point. */
  keyboardMove: boolean;
  /** nodes' sizes as React Flow measured them (display only, never stored). */
  measured: Record<string, Size>;
  /** notes resized by their handles, with the position a resize from the top or left edge gave them. */
  noteResizes: { noteId: string; size: Size; position?: XY }[];
  /** the new selections, or null where this batch did not change them. */
  nodeSelection: string[] | null;
  noteSelection: string[] | null;
}

export function sortNodeChanges(changes: NodeChange[], selected: { nodes: string[]; notes: string[] }): SortedNodeChanges {
  const sorted: SortedNodeChanges = { positions: new Map(), keyboardMove: false, measured: {}, noteResizes: [], nodeSelection: null, noteSelection: null };
  let nodes: Set<string> | null = null;
  let notes: Set<string> | null = null;
  for (const change of changes) {
    if (change.type === 'add') continue;
    const noteId = noteIdOf(change.id);
    if (change.type === 'position' && change.position) {
      sorted.positions.set(change.id, change.position);
      if (change.dragging === undefined) sorted.keyboardMove = true;
    } else if (change.type === 'dimensions' && change.dimensions) {
      // a note's size is its own (set by its resize handles); a node's is only measured
      if (noteId === null) sorted.measured[change.id] = change.dimensions;
      else if (change.setAttributes) sorted.noteResizes.push({ noteId, size: change.dimensions });
    } else if (change.type === 'select') {
      const set = noteId === null ? (nodes ??= new Set(selected.nodes)) : (notes ??= new Set(selected.notes));
      const id = noteId ?? change.id;
      if (change.selected) set.add(id);
      else set.delete(id);
    }
  }
  // resizing from the top or left edge also moves the note: one edit, not a move and a resize
  for (const resize of sorted.noteResizes) {
    const position = sorted.positions.get(noteFlowId(resize.noteId));
    if (!position) continue;
    resize.position = position;
    sorted.positions.delete(noteFlowId(resize.noteId));
  }
  sorted.nodeSelection = nodes && [...nodes];
  sorted.noteSelection = notes && [...notes];
  return sorted;
}

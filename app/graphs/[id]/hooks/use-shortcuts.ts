'use client';
import { useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import { describeFragment } from '../../../lib/editor/clipboard';
import { addNoteAtCenter } from '../canvas/add-note';
import { tidyUp } from '../canvas/tidy-up';
import type { EditorStore } from '../../../lib/editor/store';

export interface ShortcutHandlers {
  onSaveVersion(): void;
  onShowHelp(): void;
}

/** The list shown in the shortcuts dialog; `useShortcuts` implements exactly these. */
export const SHORTCUTS: { keys: string[]; action: string }[] = [
  { keys: ['Ctrl', 'Z'], action: 'Undo' },
  { keys: ['Ctrl', 'Shift', 'Z'], action: 'Redo (also Ctrl+Y)' },
  { keys: ['Ctrl', 'C'], action: 'Copy the selected nodes' },
  { keys: ['Ctrl', 'V'], action: 'Paste' },
  { keys: ['Ctrl', 'D'], action: 'Duplicate the selected nodes and notes' },
  { keys: ['Ctrl', 'A'], action: 'Select everything' },
  { keys: ['Delete'], action: 'Delete the selection (also Backspace)' },
  { keys: ['Ctrl', 'S'], action: 'Save a version' },
  { keys: ['F'], action: 'Fit the graph to the view' },
  { keys: ['Ctrl', 'F'], action: 'Find a node by id, name or type' },
  { keys: ['N'], action: 'Add a note in the middle of the view' },
  { keys: ['L'], action: 'Tidy up: lay the graph out by data flow' },
  { keys: ['Esc'], action: 'Clear the selection, close a comparison' },
  { keys: ['Shift', 'drag'], action: 'Select several nodes with a box' },
  { keys: ['?'], action: 'Show these shortcuts' },
];

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/**
 * Editor shortcuts on the document. Keys typed into form fields keep their native meaning (Ctrl+Z
 * undoes text there), and nothing fires while a dialog is open.
 */
export function useShortcuts(store: EditorStore, handlers: ShortcutHandlers): void {
  const flow = useReactFlow();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTyping(event.target) || document.querySelector('[role="dialog"][aria-modal="true"]')) return;
      const state = store.getState();
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      const readOnly = state.diff !== null;
      const handled = () => event.preventDefault();
      if (mod && key === 's') {
        handled();
        handlers.onSaveVersion();
        return;
      }
      if (mod && key === 'f') {
        handled(); // the browser's own find does not reach into the canvas' nodes
        state.setFindOpen(true);
        document.querySelector<HTMLInputElement>('.find-bar input')?.focus();
        return;
      }
      if (!mod && event.key === '?') {
        handled();
        handlers.onShowHelp();
        return;
      }
      if (event.key === 'Escape') {
        if (state.diff) state.setDiff(null);
        else state.select([], []);
        return;
      }
      if (!mod && !event.altKey && key === 'f') {
        handled();
        void flow.fitView({ padding: 0.2, duration: 200, maxZoom: 1.2 });
        return;
      }
      if (mod && key === 'a') {
        handled();
        state.selectAll();
        return;
      }
      if (readOnly) return;
      if (!mod && !event.altKey && key === 'n') {
        handled();
        addNoteAtCenter(store, flow);
        return;
      }
      if (!mod && !event.altKey && key === 'l') {
        handled();
        tidyUp(store, flow);
        return;
      }
      if (mod && key === 'z' && !event.shiftKey) {
        handled();
        if (!state.undo()) state.showHint('Nothing to undo', 'info');
        return;
      }
      if ((mod && key === 'z' && event.shiftKey) || (mod && key === 'y')) {
        handled();
        if (!state.redo()) state.showHint('Nothing to redo', 'info');
        return;
      }
      if (mod && key === 'c') {
        if (state.copy()) state.showHint(`Copied ${describeFragment(store.getState().clipboard!)}`, 'info');
        return;
      }
      if (mod && key === 'd') {
        handled(); // the browser's own Ctrl+D bookmarks the page
        if (state.duplicate()) {
          const copies = store.getState(); // the copies are the selection now
          state.showHint(`Duplicated ${describeFragment({ nodes: copies.selectedNodes, notes: copies.selectedNotes })}`, 'info');
        }
        return;
      }
      if (mod && key === 'v') {
        handled();
        if (state.paste()) state.showHint(`Pasted ${describeFragment(store.getState().clipboard!)}`, 'info');
        return;
      }
      if (event.key === 'Delete' || event.key === 'Backspace') {
        if (state.selectedNodes.length || state.selectedEdges.length || state.selectedNotes.length) {
          handled();
          state.deleteSelection();
        }
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [store, flow, handlers]);
}

import { createStore, type StoreApi } from 'zustand/vanilla';
import type { NodeCatalog } from '../../../nodes/core/catalog-types';
import type { AnyNodeDefinition } from '../../../nodes/core/define';
import type { Compatibility } from '../../../nodes/core/ports';
import type { GraphSpec } from '../../../nodes/core/spec';
import { tidyLayoutFor } from './auto-layout';
import { copyFragment, pasteFragment, type Fragment } from './clipboard';
import { checkConnection, type ConnectionAttempt } from './connection-rules';
import type { DiffOverlay } from './diff-overlay';
import { emptyHistory, record, redo, undo, type History } from './history';
import { validateDraft, type IssueIndex } from './issues';
import { DEFAULT_NOTE_SIZE, notesOf } from './notes';
import * as edit from './spec-edit';
import type { VersionComparison } from './version-comparison';

/**
 * The editor's one store. The GraphSpec is the state; React Flow's nodes and edges are derived from it
 * (never stored), so what autosaves is exactly what the server validates and versions.
 */
export type SidePanel = 'inspector' | 'problems' | 'history';

export interface Hint {
  message: string;
  tone: 'error' | 'info';
  /** when it was set, so a newer hint is not cleared by an older timer. */
  at: number;
}

export interface EditorState {
  spec: GraphSpec;
  selectedNodes: string[];
  selectedEdges: string[];
  /** note ids (not their canvas ids). */
  selectedNotes: string[];
  history: History;
  clipboard: Fragment | null;
  pasteCount: number;
  /** bumps on every change of the spec; autosave compares it with `savedRevision`. */
  revision: number;
  savedRevision: number;
  /** armed by a drag start; the first move of the gesture records one undo point. */
  gestureArmed: boolean;
  /** validation of the current spec (derived: recomputed whenever the spec changes). */
  issues: IssueIndex;
  /** a comparison drawn on the canvas (the editor is read-only meanwhile). */
  diff: DiffOverlay | null;
  /** two saved versions compared in History only; one comparison is open at a time, this or `diff`. */
  versionComparison: VersionComparison | null;
  hint: Hint | null;
  panel: SidePanel;
  /** whether the side panel is shown or folded to a strip beside the canvas (`showPanel` unfolds it). */
  panelOpen: boolean;
  /** whether the canvas' Find bar (Ctrl+F) is open */
  findOpen: boolean;
}

export interface EditorActions {
  /** Replaces the whole spec (initial load, restore, discard): clears selection; keeps undo unless `resetHistory`. */
  load(spec: GraphSpec, options?: { resetHistory?: boolean; saved?: boolean }): void;
  addNode(definition: AnyNodeDefinition, position: edit.XY): string;
  connect(attempt: ConnectionAttempt): Compatibility;
  /**
   * A connection dropped on empty canvas, finished with a new node: adds `definition` at `position`
   * wired from (or to) the port the connection started at, as one undo point. Refused, adding
   * nothing, when the edge would be.
   */
  addConnectedNode(definition: AnyNodeDefinition, position: edit.XY, from: OpenConnection, port: string): Compatibility;
  deleteSelection(): void;
  deleteEdges(ids: string[]): void;
  beginGesture(): void;
  moveNodes(positions: ReadonlyMap<string, edit.XY>, options?: { coalesceKey?: string }): void;
  /** lays the graph out by data flow for a view of this size (`tidyLayoutFor`) as one undo point; false when nothing moved. */
  tidyUp(measured: Readonly<Record<string, { width: number; height: number }>>, view: { width: number; height: number }): boolean;
  setConfig(nodeId: string, key: string, value: unknown): void;
  setLabel(nodeId: string, label: string): void;
  /** adds an empty note and selects it; null when the graph already holds as many notes as it may. */
  addNote(position: edit.XY): string | null;
  setNoteText(noteId: string, text: string): void;
  resizeNote(noteId: string, size: { width: number; height: number }, position?: edit.XY): void;
  select(nodes: string[], edges: string[], notes?: string[]): void;
  selectAll(): void;
  /** copies the selected nodes (with the edges between them) and notes; returns how many. */
  copy(): number;
  paste(): number;
  /** copies and pastes the selection in one step, leaving the clipboard as it was; returns how many. */
  duplicate(): number;
  undo(): boolean;
  redo(): boolean;
  markSaved(revision: number): void;
  setDiff(diff: DiffOverlay | null): void;
  setVersionComparison(comparison: VersionComparison | null): void;
  showHint(message: string, tone?: Hint['tone']): void;
  clearHint(at?: number): void;
  /** switches the side panel's tab (a folded panel stays folded: selecting a node does this). */
  setPanel(panel: SidePanel): void;
  /** switches the side panel's tab and unfolds the panel: what buttons naming a tab do. */
  showPanel(panel: SidePanel): void;
  setPanelOpen(open: boolean): void;
  setFindOpen(open: boolean): void;
}

export type EditorStore = StoreApi<EditorState & EditorActions>;

/** Where a connection dropped on empty canvas started: a node's output or input. */
export interface OpenConnection {
  node: string;
  port: string;
  side: 'output' | 'input';
}

const PASTE_OFFSET = 40;

export function createEditorStore(initial: GraphSpec, catalog: NodeCatalog): EditorStore {
  const store = createStore<EditorState & EditorActions>()((set, get) => {
    /** Applies an edit, recording an undo point unless the spec did not change. */
    const commit = (next: GraphSpec, coalesceKey: string | null = null, extra: Partial<EditorState> = {}) => {
      const { spec, history, revision } = get();
      if (next === spec) return;
      set({ spec: next, history: record(history, spec, coalesceKey), revision: revision + 1, ...extra });
    };

    return {
      spec: initial,
      selectedNodes: [],
      selectedEdges: [],
      selectedNotes: [],
      history: emptyHistory(),
      clipboard: null,
      pasteCount: 0,
      revision: 0,
      savedRevision: 0,
      gestureArmed: false,
      issues: validateDraft(initial, catalog),
      diff: null,
      versionComparison: null,
      hint: null,
      panel: 'inspector',
      panelOpen: true,
      findOpen: false,

      load(spec, options = {}) {
        const { history, revision, spec: current } = get();
        const nextRevision = revision + 1;
        set({
          spec,
          history: options.resetHistory ? emptyHistory() : record(history, current),
          revision: nextRevision,
          savedRevision: options.saved ? nextRevision : get().savedRevision,
          selectedNodes: [],
          selectedEdges: [],
          selectedNotes: [],
        });
      },

      addNode(definition, position) {
        const result = edit.addNode(get().spec, definition, position);
        commit(result.spec, null, { selectedNodes: [result.id], selectedEdges: [], selectedNotes: [] });
        return result.id;
      },

      connect(attempt) {
        const verdict = checkConnection(get().spec, catalog, attempt);
        if (!verdict.ok) return verdict;
        const result = edit.addEdge(
          get().spec,
          { node: attempt.source, port: attempt.sourceHandle! },
          { node: attempt.target, port: attempt.targetHandle! },
        );
        commit(result.spec);
        return verdict;
      },

      addConnectedNode(definition, position, from, port) {
        const added = edit.addNode(get().spec, definition, position);
        const [output, input] = from.side === 'output' ? [from, { node: added.id, port }] : [{ node: added.id, port }, from];
        const verdict = checkConnection(added.spec, catalog, { source: output.node, sourceHandle: output.port, target: input.node, targetHandle: input.port });
        if (!verdict.ok) return verdict;
        const wired = edit.addEdge(added.spec, { node: output.node, port: output.port }, { node: input.node, port: input.port });
        commit(wired.spec, null, { selectedNodes: [added.id], selectedEdges: [], selectedNotes: [] });
        return verdict;
      },

      deleteSelection() {
        const { spec, selectedNodes, selectedEdges, selectedNotes } = get();
        commit(edit.removeElements(spec, selectedNodes, selectedEdges, selectedNotes), null, { selectedNodes: [], selectedEdges: [], selectedNotes: [] });
      },

      deleteEdges(ids) {
        const { spec, selectedEdges } = get();
        commit(edit.removeElements(spec, [], ids), null, { selectedEdges: selectedEdges.filter((id) => !ids.includes(id)) });
      },

      beginGesture() {
        set({ gestureArmed: true });
      },

      moveNodes(positions, options = {}) {
        const { spec, gestureArmed, revision } = get();
        const next = edit.moveNodes(spec, positions);
        if (next === spec) return;
        if (gestureArmed) {
          commit(next, null, { gestureArmed: false });
        } else if (options.coalesceKey) {
          commit(next, options.coalesceKey);
        } else {
          // the rest of a drag gesture: part of the undo point recorded by its first move
          set({ spec: next, revision: revision + 1 });
        }
      },

      tidyUp(measured, view) {
        const { spec } = get();
        const next = edit.moveNodes(spec, tidyLayoutFor(spec, measured, view));
        commit(next);
        return next !== spec;
      },

      setConfig(nodeId, key, value) {
        commit(edit.setConfigField(get().spec, nodeId, key, value), `config:${nodeId}:${key}`);
      },

      setLabel(nodeId, label) {
        commit(edit.setLabel(get().spec, nodeId, label), `label:${nodeId}`);
      },

      addNote(position) {
        const result = edit.addNote(get().spec, position, DEFAULT_NOTE_SIZE);
        if (!result) return null;
        commit(result.spec, null, { selectedNodes: [], selectedEdges: [], selectedNotes: [result.id] });
        return result.id;
      },

      setNoteText(noteId, text) {
        commit(edit.setNoteText(get().spec, noteId, text), `note:${noteId}`);
      },

      resizeNote(noteId, size, position) {
        // one resize gesture sends many sizes: they make one undo point
        commit(edit.resizeNote(get().spec, noteId, size, position), `note-size:${noteId}`);
      },

      select(nodes, edges, notes = []) {
        const { selectedNodes, selectedEdges, selectedNotes } = get();
        const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
        if (same(nodes, selectedNodes) && same(edges, selectedEdges) && same(notes, selectedNotes)) return;
        set({ selectedNodes: nodes, selectedEdges: edges, selectedNotes: notes });
      },

      selectAll() {
        const { spec } = get();
        set({ selectedNodes: spec.nodes.map((n) => n.id), selectedEdges: spec.edges.map((e) => e.id), selectedNotes: notesOf(spec).map((n) => n.id) });
      },

      copy() {
        const { spec, selectedNodes, selectedNotes } = get();
        const fragment = copyFragment(spec, selectedNodes, selectedNotes);
        if (!fragment) return 0;
        set({ clipboard: fragment, pasteCount: 0 });
        return fragment.nodes.length + fragment.notes.length;
      },

      paste() {
        const { clipboard, pasteCount, spec } = get();
        if (!clipboard) return 0;
        const shift = PASTE_OFFSET * (pasteCount + 1);
        const result = pasteFragment(spec, clipboard, { x: shift, y: shift });
        commit(result.spec, null, { selectedNodes: result.nodeIds, selectedEdges: [], selectedNotes: result.noteIds, pasteCount: pasteCount + 1 });
        return result.nodeIds.length + result.noteIds.length;
      },

      duplicate() {
        const { spec, selectedNodes, selectedNotes } = get();
        const fragment = copyFragment(spec, selectedNodes, selectedNotes);
        if (!fragment) return 0;
        const result = pasteFragment(spec, fragment, { x: PASTE_OFFSET, y: PASTE_OFFSET });
        commit(result.spec, null, { selectedNodes: result.nodeIds, selectedEdges: [], selectedNotes: result.noteIds });
        return result.nodeIds.length + result.noteIds.length;
      },

      undo() {
        const result = undo(get().history, get().spec);
        if (!result) return false;
        set({ ...result, revision: get().revision + 1, ...keepSelected(get(), result.spec) });
        return true;
      },

      redo() {
        const result = redo(get().history, get().spec);
        if (!result) return false;
        set({ ...result, revision: get().revision + 1, ...keepSelected(get(), result.spec) });
        return true;
      },

      markSaved(revision) {
        if (revision > get().savedRevision) set({ savedRevision: revision });
      },

      setDiff(diff) {
        set({ diff, versionComparison: null });
      },

      setVersionComparison(versionComparison) {
        set({ versionComparison, diff: null });
      },

      showHint(message, tone = 'error') {
        set({ hint: { message, tone, at: Date.now() } });
      },

      clearHint(at) {
        const { hint } = get();
        if (hint && (at === undefined || hint.at === at)) set({ hint: null });
      },

      setPanel(panel) {
        set({ panel });
      },

      showPanel(panel) {
        set({ panel, panelOpen: true });
      },

      setPanelOpen(open) {
        set({ panelOpen: open });
      },

      setFindOpen(open) {
        set({ findOpen: open });
      },
    };
  });
  store.subscribe((state, previous) => {
    if (state.spec !== previous.spec) store.setState({ issues: validateDraft(state.spec, catalog) });
  });
  return store;
}

/** After undo or redo: the selected nodes and notes that still exist stay selected. */
function keepSelected(state: EditorState, spec: GraphSpec): Pick<EditorState, 'selectedNodes' | 'selectedEdges' | 'selectedNotes'> {
  const nodes = new Set(spec.nodes.map((n) => n.id));
  const notes = new Set(notesOf(spec).map((n) => n.id));
  return {
    selectedNodes: state.selectedNodes.filter((id) => nodes.has(id)),
    selectedEdges: [],
    selectedNotes: state.selectedNotes.filter((id) => notes.has(id)),
  };
}

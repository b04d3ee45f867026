import { createStore, type StoreApi } from 'zustand/vanilla';
import type { NodeCatalog } from '../../../nodes/core/catalog-types';
import type { AnyNodeDefinition } from '../../../nodes/core/define';
import type { Compatibility } from '../../../nodes/core/ports';
import type { GraphSpec } from '../../../nodes/core/spec';
import { copyFragment, pasteFragment, type Fragment } from './clipboard';
import { checkConnection, type ConnectionAttempt } from './connection-rules';
import type { DiffOverlay } from './diff-overlay';
import { emptyHistory, record, redo, undo, type History } from './history';
import { validateDraft, type IssueIndex } from './issues';
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
}

export interface EditorActions {
  /** Replaces the whole spec (initial load, restore, discard): clears selection; keeps undo unless `resetHistory`. */
  load(spec: GraphSpec, options?: { resetHistory?: boolean; saved?: boolean }): void;
  addNode(definition: AnyNodeDefinition, position: edit.XY): string;
  connect(attempt: ConnectionAttempt): Compatibility;
  deleteSelection(): void;
  deleteEdges(ids: string[]): void;
  beginGesture(): void;
  moveNodes(positions: ReadonlyMap<string, edit.XY>, options?: { coalesceKey?: string }): void;
  setConfig(nodeId: string, key: string, value: unknown): void;
  setLabel(nodeId: string, label: string): void;
  select(nodes: string[], edges: string[]): void;
  selectAll(): void;
  copy(): number;
  paste(): number;
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
}

export type EditorStore = StoreApi<EditorState & EditorActions>;

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
        });
      },

      addNode(definition, position) {
        const result = edit.addNode(get().spec, definition, position);
        commit(result.spec, null, { selectedNodes: [result.id], selectedEdges: [] });
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

      deleteSelection() {
        const { spec, selectedNodes, selectedEdges } = get();
        commit(edit.removeElements(spec, selectedNodes, selectedEdges), null, { selectedNodes: [], selectedEdges: [] });
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

      setConfig(nodeId, key, value) {
        commit(edit.setConfigField(get().spec, nodeId, key, value), `config:${nodeId}:${key}`);
      },

      setLabel(nodeId, label) {
        commit(edit.setLabel(get().spec, nodeId, label), `label:${nodeId}`);
      },

      select(nodes, edges) {
        const { selectedNodes, selectedEdges } = get();
        const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
        if (same(nodes, selectedNodes) && same(edges, selectedEdges)) return;
        set({ selectedNodes: nodes, selectedEdges: edges });
      },

      selectAll() {
        const { spec } = get();
        set({ selectedNodes: spec.nodes.map((n) => n.id), selectedEdges: spec.edges.map((e) => e.id) });
      },

      copy() {
        const fragment = copyFragment(get().spec, get().selectedNodes);
        if (!fragment) return 0;
        set({ clipboard: fragment, pasteCount: 0 });
        return fragment.nodes.length;
      },

      paste() {
        const { clipboard, pasteCount, spec } = get();
        if (!clipboard) return 0;
        const shift = PASTE_OFFSET * (pasteCount + 1);
        const result = pasteFragment(spec, clipboard, { x: shift, y: shift });
        commit(result.spec, null, { selectedNodes: result.nodeIds, selectedEdges: [], pasteCount: pasteCount + 1 });
        return result.nodeIds.length;
      },

      undo() {
        const result = undo(get().history, get().spec);
        if (!result) return false;
        set({ ...result, revision: get().revision + 1, selectedNodes: keep(get().selectedNodes, result.spec), selectedEdges: [] });
        return true;
      },

      redo() {
        const result = redo(get().history, get().spec);
        if (!result) return false;
        set({ ...result, revision: get().revision + 1, selectedNodes: keep(get().selectedNodes, result.spec), selectedEdges: [] });
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
    };
  });
  store.subscribe((state, previous) => {
    if (state.spec !== previous.spec) store.setState({ issues: validateDraft(state.spec, catalog) });
  });
  return store;
}

function keep(selected: string[], spec: GraphSpec): string[] {
  const ids = new Set(spec.nodes.map((n) => n.id));
  return selected.filter((id) => ids.has(id));
}

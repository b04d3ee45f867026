import { describe, expect, it } from 'vitest';
import { diffSpecs } from '../../../nodes/core/diff';
import { emptySpec } from '../../../nodes/core/spec';
import { buildDiffOverlay } from './diff-overlay';
import { createEditorStore } from './store';
import { testCatalog } from './test-catalog';

const def = (type: string) => testCatalog.get(type, 1)!;

function setup() {
  const store = createEditorStore(emptySpec(), testCatalog);
  const s = () => store.getState();
  return { store, s };
}

describe('editor store', () => {
  it('adds, connects, configures, and undoes/redoes each step', () => {
    const { s } = setup();
    const q = s().addNode(def('io.query-input'), { x: 10.4, y: 20.6 });
    const r = s().addNode(def('test.retriever'), { x: 300, y: 20 });
    expect(s().spec.nodes.map((n) => [n.id, n.position])).toEqual([
      ['query-input', { x: 10, y: 21 }],
      ['test', { x: 300, y: 20 }],
    ]);
    expect(s().selectedNodes).toEqual([r]);
    expect(s().connect({ source: q, sourceHandle: 'query', target: r, targetHandle: 'query' })).toEqual({ ok: true });
    expect(s().spec.edges).toEqual([{ id: 'e1', from: { node: 'query-input', port: 'query' }, to: { node: 'test', port: 'query' } }]);

    const refused = s().connect({ source: r, sourceHandle: 'retrieved', target: q, targetHandle: 'nope' });
    expect(refused.ok).toBe(false);
    expect(s().spec.edges).toHaveLength(1);

    s().setConfig(r, 'collection', 'd');
    s().setConfig(r, 'collection', 'do');
    s().setConfig(r, 'collection', 'docs'); // typing: one undo point
    expect(s().spec.nodes[1]!.config).toEqual({ collection: 'docs' });
    expect(s().undo()).toBe(true);
    expect(s().spec.nodes[1]!.config).toEqual({});
    expect(s().undo()).toBe(true);
    expect(s().spec.edges).toHaveLength(0);
    expect(s().redo()).toBe(true);
    expect(s().redo()).toBe(true);
    expect(s().spec.nodes[1]!.config).toEqual({ collection: 'docs' });
    expect(s().redo()).toBe(false);

    s().setConfig(r, 'collection', undefined);
    expect(s().spec.nodes[1]!.config).toEqual({});
  });

  it('records one undo point per drag gesture and none for a click without a move', () => {
    const { s } = setup();
    const q = s().addNode(def('io.query-input'), { x: 0, y: 0 });
    const before = s().history.past.length;
    s().beginGesture();
    s().moveNodes(new Map([[q, { x: 5, y: 5 }]]));
    s().moveNodes(new Map([[q, { x: 50, y: 60 }]]));
    expect(s().history.past.length).toBe(before + 1);
    expect(s().spec.nodes[0]!.position).toEqual({ x: 50, y: 60 });
    s().beginGesture();
    s().moveNodes(new Map([[q, { x: 50, y: 60 }]])); // same place: nothing recorded
    expect(s().history.past.length).toBe(before + 1);
    s().undo();
    expect(s().spec.nodes[0]!.position).toEqual({ x: 0, y: 0 });
  });

  it('deletes the selection with its edges, and copy/paste renames ids and keeps inner edges', () => {
    const { s } = setup();
    const q = s().addNode(def('io.query-input'), { x: 0, y: 0 });
    const r = s().addNode(def('test.retriever'), { x: 200, y: 0 });
    const p = s().addNode(def('test.prompt'), { x: 400, y: 0 });
    s().connect({ source: q, sourceHandle: 'query', target: r, targetHandle: 'query' });
    s().connect({ source: r, sourceHandle: 'retrieved', target: p, targetHandle: 'context' });
    s().setConfig(r, 'topK', 3);

    s().select([q, r], []);
    expect(s().copy()).toBe(2);
    expect(s().paste()).toBe(2);
    const pasted = s().spec.nodes.slice(3);
    expect(pasted.map((n) => [n.id, n.position, n.config])).toEqual([
      ['query-input-2', { x: 40, y: 40 }, {}],
      ['test-3', { x: 240, y: 40 }, { topK: 3 }],
    ]);
    expect(s().spec.edges.at(-1)).toEqual({ id: 'e3', from: { node: 'query-input-2', port: 'query' }, to: { node: 'test-3', port: 'query' } });
    expect(s().selectedNodes).toEqual(['query-input-2', 'test-3']);

    s().select([r], []);
    s().deleteSelection();
    expect(s().spec.nodes.map((n) => n.id)).toEqual(['query-input', 'test-2', 'query-input-2', 'test-3']);
    expect(s().spec.edges.map((e) => e.id)).toEqual(['e3']);
    s().undo();
    expect(s().spec.edges.map((e) => e.id)).toEqual(['e1', 'e2', 'e3']);
  });

  it('tracks revisions for autosave and load() replaces the spec', () => {
    const { s } = setup();
    s().addNode(def('io.query-input'), { x: 0, y: 0 });
    const rev = s().revision;
    expect(rev).toBeGreaterThan(s().savedRevision);
    s().markSaved(rev);
    expect(s().savedRevision).toBe(rev);
    s().load(emptySpec(), { saved: true, resetHistory: true });
    expect(s().spec.nodes).toEqual([]);
    expect(s().revision).toBe(s().savedRevision);
    expect(s().undo()).toBe(false);
  });

  it('keeps one comparison open: one drawn on the canvas or two versions listed in History', () => {
    const { s } = setup();
    const diff = diffSpecs(emptySpec(), emptySpec());
    s().setDiff(buildDiffOverlay(diff, 'v1 → current draft'));
    s().setVersionComparison({ from: 1, to: 2, diff });
    expect(s().diff).toBeNull();
    expect(s().versionComparison).toEqual({ from: 1, to: 2, diff });
    s().setDiff(buildDiffOverlay(diff, 'v2 → current draft'));
    expect(s().versionComparison).toBeNull();
    expect(s().diff?.title).toBe('v2 → current draft');
  });
});

describe('derived validation', () => {
  it('revalidates whenever the spec changes', () => {
    const { s } = setup();
    expect(s().issues.graph.map((i) => i.code)).toEqual(['NO_ENTRY', 'NO_EXIT']);
    const r = s().addNode(def('test.retriever'), { x: 0, y: 0 });
    expect(s().issues.byNode.get(r)?.map((i) => i.code).sort()).toEqual(['INVALID_CONFIG', 'MISSING_REQUIRED_INPUT']);
    expect(s().issues.byPort.get(`${r}\u0000query`)?.[0]?.code).toBe('MISSING_REQUIRED_INPUT');
    s().setConfig(r, 'collection', 'docs');
    expect(s().issues.byNode.get(r)?.map((i) => i.code)).toEqual(['MISSING_REQUIRED_INPUT']);
  });

  it('adds, writes, moves, resizes, copies and deletes notes, each an undo point', () => {
    const { s } = setup();
    const q = s().addNode(def('io.query-input'), { x: 0, y: 0 });
    const note = s().addNote({ x: 100.4, y: 50 })!;
    expect(note).toBe('note-1');
    expect(s().selectedNotes).toEqual([note]);
    expect(s().selectedNodes).toEqual([]);
    s().setNoteText(note, 'W');
    s().setNoteText(note, 'Why');
    s().setNoteText(note, 'Why BM25'); // typing: one undo point
    s().moveNodes(new Map([[`note#${note}`, { x: 200, y: 60 }], [q, { x: 10, y: 10 }]]), { coalesceKey: 'keyboard-move' });
    s().resizeNote(note, { width: 300, height: 150 });
    s().resizeNote(note, { width: 320.6, height: 160 }, { x: 190, y: 55 }); // one resize gesture
    expect(s().spec.notes).toEqual([{ id: note, text: 'Why BM25', position: { x: 190, y: 55 }, width: 321, height: 160 }]);
    expect(s().spec.nodes[0]!.position).toEqual({ x: 10, y: 10 });

    expect(s().undo()).toBe(true);
    expect(s().spec.notes![0]).toMatchObject({ position: { x: 200, y: 60 }, width: 220, height: 120 });
    expect(s().undo()).toBe(true);
    expect(s().spec.notes![0]!.position).toEqual({ x: 100, y: 50 });
    expect(s().undo()).toBe(true);
    expect(s().spec.notes![0]!.text).toBe('');
    expect(s().redo()).toBe(true);
    expect(s().spec.notes![0]!.text).toBe('Why BM25');

    s().select([q], [], [note]);
    expect(s().copy()).toBe(2);
    expect(s().paste()).toBe(2);
    expect(s().spec.notes!.map((n) => [n.id, n.text, n.position])).toEqual([
      [note, 'Why BM25', { x: 100, y: 50 }], // the move and resize stay undone
      ['note-2', 'Why BM25', { x: 140, y: 90 }],
    ]);
    expect(s().selectedNotes).toEqual(['note-2']);

    // Ctrl+D: a copy beside the selection, the clipboard untouched
    const clipboard = s().clipboard;
    s().select([], [], ['note-2']);
    expect(s().duplicate()).toBe(1);
    expect(s().spec.notes!.map((n) => [n.id, n.position])).toEqual([
      [note, { x: 100, y: 50 }],
      ['note-2', { x: 140, y: 90 }],
      ['note-3', { x: 180, y: 130 }],
    ]);
    expect(s().selectedNotes).toEqual(['note-3']);
    expect(s().clipboard).toBe(clipboard);
    expect(s().undo()).toBe(true);

    s().select([], [], [note]);
    s().deleteSelection();
    expect(s().spec.notes!.map((n) => n.id)).toEqual(['note-2']);
    expect(s().spec.nodes).toHaveLength(2); // the nodes stayed
    s().selectAll();
    expect(s().selectedNotes).toEqual(['note-2']);
    expect(s().undo()).toBe(true);
    expect(s().spec.notes!.map((n) => n.id)).toEqual([note, 'note-2']);
  });

  it('refuses a note past the limit and keeps the graph as it was', () => {
    const notes = Array.from({ length: 100 }, (_, i) => ({ id: `n${i}`, text: '', position: { x: 0, y: 0 } }));
    const store = createEditorStore({ ...emptySpec(), notes }, testCatalog);
    expect(store.getState().addNote({ x: 0, y: 0 })).toBeNull();
    expect(store.getState().spec.notes).toHaveLength(100);
    expect(store.getState().history.past).toHaveLength(0);
  });

  it('adds a node at the end of a connection dropped on the canvas, wired in one undo point, or refuses it whole', () => {
    const { s } = setup();
    const q = s().addNode(def('io.query-input'), { x: 0, y: 0 });
    expect(s().addConnectedNode(def('test.retriever'), { x: 300, y: 0 }, { node: q, side: 'output', port: 'query' }, 'query')).toEqual({ ok: true });
    expect(s().spec.edges).toEqual([{ id: 'e1', from: { node: q, port: 'query' }, to: { node: 'test', port: 'query' } }]);
    expect(s().selectedNodes).toEqual(['test']);
    // dragged back from an input: the new node feeds it
    const out = s().addNode(def('io.answer-output'), { x: 900, y: 0 });
    const answered = s().addConnectedNode(def('test.llm'), { x: 600, y: 0 }, { node: out, side: 'input', port: 'answer' }, 'answer');
    expect(answered).toEqual({ ok: true });
    expect(s().spec.edges[1]).toMatchObject({ from: { node: 'test-2', port: 'answer' }, to: { node: out, port: 'answer' } });
    // the retriever's one query input is taken: a second feed is refused and nothing is added
    const nodes = s().spec.nodes.length;
    const refused = s().addConnectedNode(def('test.passthrough'), { x: 100, y: 200 }, { node: 'test', side: 'input', port: 'query' }, 'query');
    expect(refused).toEqual({ ok: false, reason: 'input "query" takes one connection and already has one (delete it first)' });
    expect(s().spec.nodes).toHaveLength(nodes);
    expect(s().undo()).toBe(true);
    expect(s().spec.nodes.map((n) => n.id)).toEqual([q, 'test', out]);
    expect(s().spec.edges).toHaveLength(1);
  });
});

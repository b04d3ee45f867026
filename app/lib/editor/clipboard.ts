import type { EdgeSpec, GraphSpec, NodeSpec, NoteSpec } from '../../../nodes/core/spec';
import { plural } from '../format';
import { nextEdgeId, nextNodeId } from './ids';
import { nextNoteId, notesOf } from './notes';

/** What Ctrl+C keeps: the selected nodes, the edges between them (edges to the outside are dropped) and the selected notes. */
export interface Fragment {
  nodes: NodeSpec[];
  edges: EdgeSpec[];
  notes: NoteSpec[];
}

export function copyFragment(spec: GraphSpec, nodeIds: Iterable<string>, noteIds: Iterable<string> = []): Fragment | null {
  const ids = new Set(nodeIds);
  const noteSet = new Set(noteIds);
  const nodes = spec.nodes.filter((n) => ids.has(n.id));
  const notes = notesOf(spec).filter((n) => noteSet.has(n.id));
  if (nodes.length === 0 && notes.length === 0) return null;
  const edges = spec.edges.filter((e) => ids.has(e.from.node) && ids.has(e.to.node));
  return structuredClone({ nodes, edges, notes });
}

/** "2 nodes and 1 note", for the copy, paste and duplicate hints (a fragment, or a selection of ids). */
export function describeFragment(fragment: { nodes: readonly unknown[]; notes: readonly unknown[] }): string {
  const parts = [fragment.nodes.length && plural(fragment.nodes.length, 'node'), fragment.notes.length && plural(fragment.notes.length, 'note')];
  return parts.filter(Boolean).join(' and ');
}

/** Pastes with fresh ids, shifted by `offset`; returns the new node and note ids (to select them). */
export function pasteFragment(spec: GraphSpec, fragment: Fragment, offset: { x: number; y: number }): { spec: GraphSpec; nodeIds: string[]; noteIds: string[] } {
  const shift = (p: { x: number; y: number }) => ({ x: p.x + offset.x, y: p.y + offset.y });
  const taken = spec.nodes.map((n) => n.id);
  const renamed = new Map<string, string>();
  const nodes: NodeSpec[] = fragment.nodes.map((n) => {
    const id = nextNodeId(taken, n.type);
    taken.push(id);
    renamed.set(n.id, id);
    return { ...structuredClone(n), id, position: shift(n.position) };
  });
  const edgeIds = spec.edges.map((e) => e.id);
  const edges: EdgeSpec[] = fragment.edges.map((e) => {
    const id = nextEdgeId(edgeIds);
    edgeIds.push(id);
    return { id, from: { node: renamed.get(e.from.node)!, port: e.from.port }, to: { node: renamed.get(e.to.node)!, port: e.to.port } };
  });
  let next: GraphSpec = { ...spec, nodes: [...spec.nodes, ...nodes], edges: [...spec.edges, ...edges] };
  const noteIds: string[] = [];
  for (const note of fragment.notes) {
    const id = nextNoteId(next);
    noteIds.push(id);
    next = { ...next, notes: [...notesOf(next), { ...structuredClone(note), id, position: shift(note.position) }] };
  }
  return { spec: next, nodeIds: nodes.map((n) => n.id), noteIds };
}

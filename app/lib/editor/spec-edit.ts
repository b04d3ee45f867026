import type { AnyNodeDefinition } from '../../../nodes/core/define';
import { LIMITS, type EdgeSpec, type GraphSpec, type NodeSpec, type NoteSpec } from '../../../nodes/core/spec';
import { nextEdgeId, nextNodeId } from './ids';
import { nextNoteId, noteFlowId, noteIdOf, notesOf } from './notes';

/**
 * Pure edits of a GraphSpec. Each returns a new spec and keeps untouched nodes and edges by identity,
 * so memoised canvas nodes re-render only when their own spec changed.
 */
export interface XY {
  x: number;
  y: number;
}

const round = (p: XY): XY => ({ x: Math.round(p.x), y: Math.round(p.y) });

export function addNode(spec: GraphSpec, definition: AnyNodeDefinition, position: XY): { spec: GraphSpec; id: string } {
  const id = nextNodeId(spec.nodes.map((n) => n.id), definition.type);
  const node: NodeSpec = { id, type: definition.type, typeVersion: definition.typeVersion, config: {}, position: round(position) };
  return { spec: { ...spec, nodes: [...spec.nodes, node] }, id };
}

export function addEdge(spec: GraphSpec, from: { node: string; port: string }, to: { node: string; port: string }): { spec: GraphSpec; id: string } {
  const id = nextEdgeId(spec.edges.map((e) => e.id));
  const edge: EdgeSpec = { id, from, to };
  return { spec: { ...spec, edges: [...spec.edges, edge] }, id };
}

/** Removes nodes (and every edge touching them), edges and notes. */
export function removeElements(spec: GraphSpec, nodeIds: Iterable<string>, edgeIds: Iterable<string>, noteIds: Iterable<string> = []): GraphSpec {
  const nodes = new Set(nodeIds);
  const edges = new Set(edgeIds);
  const notes = new Set(noteIds);
  if (nodes.size === 0 && edges.size === 0 && notes.size === 0) return spec;
  return {
    ...spec,
    nodes: spec.nodes.filter((n) => !nodes.has(n.id)),
    edges: spec.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.from.node) && !nodes.has(e.to.node)),
    ...(notes.size ? { notes: notesOf(spec).filter((n) => !notes.has(n.id)) } : {}),
  };
}

/** Moves nodes and notes, keyed by their canvas ids (a node's id, a note's "note#<id>"). */
export function moveNodes(spec: GraphSpec, positions: ReadonlyMap<string, XY>): GraphSpec {
  let changed = false;
  const moved = <T extends { position: XY }>(element: T, canvasId: string): T => {
    const p = positions.get(canvasId);
    if (!p) return element;
    const position = round(p);
    if (position.x === element.position.x && position.y === element.position.y) return element;
    changed = true;
    return { ...element, position };
  };
  const nodes = spec.nodes.map((n) => moved(n, n.id));
  const notePositions = [...positions.keys()].some((id) => noteIdOf(id) !== null);
  const notes = notePositions ? notesOf(spec).map((n) => moved(n, noteFlowId(n.id))) : spec.notes;
  return changed ? { ...spec, nodes, ...(notes ? { notes } : {}) } : spec;
}

export function addNote(spec: GraphSpec, position: XY, size: { width: number; height: number }): { spec: GraphSpec; id: string } | null {
  if (notesOf(spec).length >= LIMITS.notes) return null;
  const id = nextNoteId(spec);
  const note: NoteSpec = { id, text: '', position: round(position), ...size };
  return { spec: { ...spec, notes: [...notesOf(spec), note] }, id };
}

function updateNote(spec: GraphSpec, id: string, update: (note: NoteSpec) => NoteSpec): GraphSpec {
  let changed = false;
  const notes = notesOf(spec).map((n) => {
    if (n.id !== id) return n;
    const next = update(n);
    changed ||= JSON.stringify(next) !== JSON.stringify(n);
    return next;
  });
  return changed ? { ...spec, notes } : spec;
}

export function setNoteText(spec: GraphSpec, id: string, text: string): GraphSpec {
  return updateNote(spec, id, (n) => ({ ...n, text: text.slice(0, LIMITS.noteText) }));
}

/** A resize from the top or left edge moves the note as well, so both come together. */
export function resizeNote(spec: GraphSpec, id: string, size: { width: number; height: number }, position?: XY): GraphSpec {
  return updateNote(spec, id, (n) => ({
    ...n,
    width: Math.round(size.width),
    height: Math.round(size.height),
    ...(position ? { position: round(position) } : {}),
  }));
}

function updateNode(spec: GraphSpec, id: string, update: (node: NodeSpec) => NodeSpec): GraphSpec {
  return { ...spec, nodes: spec.nodes.map((n) => (n.id === id ? update(n) : n)) };
}

/** Sets one top-level config field; `undefined` removes it so the schema's default applies again. */
export function setConfigField(spec: GraphSpec, nodeId: string, key: string, value: unknown): GraphSpec {
  return updateNode(spec, nodeId, (n) => {
    const config = { ...n.config };
    if (value === undefined) delete config[key];
    else config[key] = value;
    return { ...n, config };
  });
}

export function setLabel(spec: GraphSpec, nodeId: string, label: string): GraphSpec {
  return updateNode(spec, nodeId, (n) => {
    const trimmed = label.trim();
    const { label: _old, ...rest } = n;
    return trimmed ? { ...rest, label: trimmed.slice(0, 200) } : rest;
  });
}

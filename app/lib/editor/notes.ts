import type { GraphSpec, NoteSpec } from '../../../nodes/core/spec';

/**
 * Notes share the canvas with nodes, and React Flow needs one id space for both. A note is drawn as
 * "note#<id>": "#" never appears in a spec id, so no node can take a note's place.
 */
const NOTE_PREFIX = 'note#';

export const DEFAULT_NOTE_SIZE = { width: 220, height: 120 } as const;

export function noteFlowId(noteId: string): string {
  return `${NOTE_PREFIX}${noteId}`;
}

/** The note id behind a canvas id, or null when the canvas id is a node's. */
export function noteIdOf(flowId: string): string | null {
  return flowId.startsWith(NOTE_PREFIX) ? flowId.slice(NOTE_PREFIX.length) : null;
}

export function notesOf(spec: GraphSpec): NoteSpec[] {
  return spec.notes ?? [];
}

/** "note-1", "note-2", ... the smallest free number. */
export function nextNoteId(spec: GraphSpec): string {
  const taken = new Set(notesOf(spec).map((n) => n.id));
  for (let n = 1; ; n++) if (!taken.has(`note-${n}`)) return `note-${n}`;
}

/** About the box a node is drawn in (nodes grow with their ports; notes have their own size). */
const NODE_BOX = { width: 200, height: 150 };
const GAP = 20;

/**
 * Where a new note of `size` goes near `wanted` without covering a node or another note: notes are
 * drawn beneath nodes, so one added on top of a node could not be clicked. Looks along rows below
 * and then beside the wanted spot; falls back to the spot itself on a crowded canvas.
 */
export function freeNoteSpot(spec: GraphSpec, wanted: { x: number; y: number }, size: { width: number; height: number }): { x: number; y: number } {
  const boxes = [
    ...spec.nodes.map((n) => ({ ...n.position, ...NODE_BOX })),
    ...notesOf(spec).map((n) => ({ ...n.position, width: n.width ?? DEFAULT_NOTE_SIZE.width, height: n.height ?? DEFAULT_NOTE_SIZE.height })),
  ];
  const free = (x: number, y: number) =>
    boxes.every((b) => x + size.width + GAP <= b.x || b.x + b.width + GAP <= x || y + size.height + GAP <= b.y || b.y + b.height + GAP <= y);
  for (let column = 0; column < 8; column++) {
    for (let row = 0; row < 12; row++) {
      const x = wanted.x + column * (size.width + GAP);
      const y = wanted.y + row * 40;
      if (free(x, y)) return { x, y };
    }
  }
  return wanted;
}

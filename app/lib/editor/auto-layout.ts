import type { GraphSpec } from '../../../nodes/core/spec';
import { DEFAULT_NOTE_SIZE, noteFlowId, notesOf } from './notes';
import type { XY } from './spec-edit';

type Size = { width: number; height: number };

/** A node not measured yet (never drawn) is taken to be about this size. */
const DEFAULT_NODE_SIZE: Size = { width: 200, height: 120 };
const COLUMN_GAP = 80;
const ROW_GAP = 40;
/** between one band of columns and the next, when a long graph wraps. */
const BAND_GAP = 80;
/** sweeps of the barycentre ordering: enough to settle the graphs people draw. */
const SWEEPS = 4;

/**
 * "Tidy up": lays the graph out left to right in columns by data flow (a node one column right of its
 * furthest input), orders each column by where its inputs sit (fewer crossings), and keeps the
 * graph's top-left corner where it was. A graph wider than `maxWidth` wraps like text: its next
 * columns start a band below, as the example graphs are drawn, so a long chain stays readable on a
 * narrow canvas. Each note moves with the node nearest to it, so it stays beside what it explains.
 * Returns new positions by canvas id, for `moveNodes`.
 */
export function tidyLayout(spec: GraphSpec, measured: Readonly<Record<string, Size>>, maxWidth = Infinity): Map<string, XY> {
  return placeColumns(spec, orderedColumns(spec), measured, maxWidth);
}

/** The nodes in columns by data flow, each column ordered against crossings. */
function orderedColumns(spec: GraphSpec): string[][] {
  if (spec.nodes.length === 0) return [];
  const neighbours = neighboursOf(spec);
  return orderColumns(spec, columnsOf(spec, neighbours.in), neighbours);
}

/** Puts ordered columns on the canvas, wrapping into bands past `maxWidth`, and moves the notes with their nodes. */
function placeColumns(spec: GraphSpec, columns: string[][], measured: Readonly<Record<string, Size>>, maxWidth: number): Map<string, XY> {
  const positions = new Map<string, XY>();
  if (spec.nodes.length === 0) return positions;
  const sizeOf = (id: string) => measured[id] ?? DEFAULT_NODE_SIZE;
  const origin = {
    x: Math.min(...spec.nodes.map((n) => n.position.x)),
    y: Math.min(...spec.nodes.map((n) => n.position.y)),
  };
  let x = origin.x;
  let band = { top: origin.y, bottom: origin.y };
  for (const column of columns) {
    const width = Math.max(...column.map((id) => sizeOf(id).width));
    if (x > origin.x && x + width > origin.x + maxWidth) {
      x = origin.x;
      band = { top: band.bottom + BAND_GAP, bottom: band.bottom + BAND_GAP };
    }
    let y = band.top;
    for (const id of column) {
      positions.set(id, { x, y });
      y += sizeOf(id).height + ROW_GAP;
    }
    band.bottom = Math.max(band.bottom, y - ROW_GAP);
    x += width + COLUMN_GAP;
  }
  for (const note of notesOf(spec)) {
    const anchor = nearestNode(spec, note.position, note.width ?? DEFAULT_NOTE_SIZE.width, note.height ?? DEFAULT_NOTE_SIZE.height, sizeOf);
    const moved = positions.get(anchor.id)!;
    positions.set(noteFlowId(note.id), { x: note.position.x + moved.x - anchor.position.x, y: note.position.y + moved.y - anchor.position.y });
  }
  return positions;
}

/** Each node's neighbours upstream ("in") and downstream ("out"), among the graph's nodes. */
function neighboursOf(spec: GraphSpec): { in: Map<string, string[]>; out: Map<string, string[]> } {
  const ids = new Set(spec.nodes.map((n) => n.id));
  const neighbours = { in: new Map<string, string[]>(), out: new Map<string, string[]>() };
  for (const e of spec.edges) {
    if (!ids.has(e.from.node) || !ids.has(e.to.node)) continue;
    neighbours.in.set(e.to.node, [...(neighbours.in.get(e.to.node) ?? []), e.from.node]);
    neighbours.out.set(e.from.node, [...(neighbours.out.get(e.from.node) ?? []), e.to.node]);
  }
  return neighbours;
}

/** Column of each node: its longest path from a node without inputs (cycles, which validation refuses, are cut). */
function columnsOf(spec: GraphSpec, inputs: Map<string, string[]>): Map<string, number> {
  const column = new Map<string, number>();
  const visiting = new Set<string>();
  const depth = (id: string): number => {
    const known = column.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0;
    visiting.add(id);
    const sources = inputs.get(id) ?? [];
    const value = sources.length ? Math.max(...sources.map(depth)) + 1 : 0;
    visiting.delete(id);
    column.set(id, value);
    return value;
  };
  for (const node of spec.nodes) depth(node.id);
  return column;
}

/**
 * Nodes of each column, top to bottom: first as they stand now, then by the mean row of their
 * neighbours in the column before (and, on the way back, after), the barycentre heuristic.
 */
function orderColumns(spec: GraphSpec, column: Map<string, number>, neighbours: ReturnType<typeof neighboursOf>): string[][] {
  const count = Math.max(...column.values()) + 1;
  const byY = [...spec.nodes].sort((a, b) => a.position.y - b.position.y || a.position.x - b.position.x);
  const columns: string[][] = Array.from({ length: count }, () => []);
  for (const node of byY) columns[column.get(node.id)!]!.push(node.id);
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    const forward = sweep % 2 === 0;
    const order = forward ? columns.keys() : [...columns.keys()].reverse();
    for (const c of order) {
      const row = new Map(columns.flatMap((ids) => ids.map((id, i) => [id, i] as const)));
      const weight = (id: string, i: number) => {
        const rows = ((forward ? neighbours.in : neighbours.out).get(id) ?? []).map((n) => row.get(n)!);
        return rows.length ? rows.reduce((a, b) => a + b, 0) / rows.length : i;
      };
      const weighted = columns[c]!.map((id, i) => ({ id, i, w: weight(id, i) }));
      weighted.sort((a, b) => a.w - b.w || a.i - b.i);
      columns[c] = weighted.map((x) => x.id);
    }
  }
  return columns;
}

function nearestNode(spec: GraphSpec, at: XY, width: number, height: number, sizeOf: (id: string) => Size) {
  const center = { x: at.x + width / 2, y: at.y + height / 2 };
  let best = spec.nodes[0]!;
  let bestDistance = Infinity;
  for (const node of spec.nodes) {
    const size = sizeOf(node.id);
    const distance = Math.hypot(node.position.x + size.width / 2 - center.x, node.position.y + size.height / 2 - center.y);
    if (distance < bestDistance) [best, bestDistance] = [node, distance];
  }
  return best;
}

/**
 * The tidy layout that shows biggest in a view of this size: among the ways to wrap it into bands
 * (after each column), the one whose bounding box fits the view at the highest zoom (no more than
 * 1:1); on a tie, the one with fewer bands.
 */
export function tidyLayoutFor(spec: GraphSpec, measured: Readonly<Record<string, Size>>, view: Size): Map<string, XY> {
  const sizeOf = (id: string) => measured[id] ?? DEFAULT_NODE_SIZE;
  // the columns and their order do not depend on where they wrap: found once, placed for each wrap
  const columns = orderedColumns(spec);
  const unwrapped = placeColumns(spec, columns, measured, Infinity);
  if (spec.nodes.length === 0) return unwrapped;
  const left = Math.min(...spec.nodes.map((n) => unwrapped.get(n.id)!.x));
  const widths = [...new Set(spec.nodes.map((n) => unwrapped.get(n.id)!.x - left + sizeOf(n.id).width))].sort((a, b) => b - a);
  let best = { positions: unwrapped, zoom: -1 };
  for (const width of widths) {
    const positions = width === widths[0] ? unwrapped : placeColumns(spec, columns, measured, width);
    const boxes = spec.nodes.map((n) => ({ ...positions.get(n.id)!, ...sizeOf(n.id) }));
    const w = Math.max(...boxes.map((b) => b.x + b.width)) - Math.min(...boxes.map((b) => b.x));
    const h = Math.max(...boxes.map((b) => b.y + b.height)) - Math.min(...boxes.map((b) => b.y));
    const zoom = Math.min(view.width / w, view.height / h, 1);
    if (zoom > best.zoom * 1.01) best = { positions, zoom };
  }
  return best.positions;
}

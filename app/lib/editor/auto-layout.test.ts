import { describe, expect, it } from 'vitest';
import type { GraphSpec } from '../../../nodes/core/spec';
import { tidyLayout, tidyLayoutFor } from './auto-layout';
import { moveNodes } from './spec-edit';

const node = (id: string, x: number, y: number) => ({ id, type: 't', typeVersion: 1, config: {}, position: { x, y } });
const edge = (from: string, to: string) => ({ id: `${from}-${to}`, from: { node: from, port: 'o' }, to: { node: to, port: 'i' } });

/** query → embed → retrieve → prompt ← query, prompt → answer; placed in a heap. */
function heap(): GraphSpec {
  return {
    schemaVersion: 1,
    nodes: [node('answer', 10, 0), node('prompt', 50, 400), node('retrieve', 30, 90), node('embed', 500, 20), node('query', 100, 300)],
    edges: [edge('query', 'embed'), edge('embed', 'retrieve'), edge('retrieve', 'prompt'), edge('query', 'prompt'), edge('prompt', 'answer')],
    notes: [{ id: 'note-1', text: 'about the retriever', position: { x: 40, y: 180 } }],
  };
}

describe('tidyLayout', () => {
  it('puts each node one column right of its furthest input, from the old top-left corner', () => {
    const positions = tidyLayout(heap(), {});
    const x = (id: string) => positions.get(id)!.x;
    expect([x('query'), x('embed'), x('retrieve'), x('prompt'), x('answer')]).toEqual([10, 290, 570, 850, 1130]);
    expect(Math.min(...heap().nodes.map((n) => positions.get(n.id)!.y))).toBe(0);
  });

  it('wraps a graph wider than the room into bands of columns, each below the last', () => {
    const positions = tidyLayout(heap(), {}, 800);
    const at = (id: string) => positions.get(id)!;
    // three columns fit in 800: query, embed, retrieve; prompt and answer wrap below the tallest of them
    expect([at('query').x, at('embed').x, at('retrieve').x]).toEqual([10, 290, 570]);
    expect([at('prompt'), at('answer')]).toEqual([{ x: 10, y: 200 }, { x: 290, y: 200 }]);
  });

  it('wraps as the view is shaped: a wide view keeps one band, a narrow one stacks bands', () => {
    const bands = (positions: Map<string, { x: number; y: number }>) => new Set(heap().nodes.map((n) => positions.get(n.id)!.y)).size;
    expect(bands(tidyLayoutFor(heap(), {}, { width: 1600, height: 300 }))).toBe(1);
    const narrow = tidyLayoutFor(heap(), {}, { width: 600, height: 800 });
    expect(bands(narrow)).toBeGreaterThan(1);
    expect(Math.max(...heap().nodes.map((n) => narrow.get(n.id)!.x + 200)) - 10).toBeLessThanOrEqual(760);
  });

  it('spaces columns and rows by the sizes the canvas measured', () => {
    const spec: GraphSpec = { schemaVersion: 1, nodes: [node('a', 0, 0), node('b', 0, 50), node('c', 0, 100)], edges: [edge('a', 'c'), edge('b', 'c')] };
    const positions = tidyLayout(spec, { a: { width: 300, height: 200 }, b: { width: 180, height: 90 } });
    expect(positions.get('a')).toEqual({ x: 0, y: 0 });
    expect(positions.get('b')).toEqual({ x: 0, y: 240 });
    expect(positions.get('c')!.x).toBe(380);
  });

  it('orders a column by where its inputs sit, so edges do not cross', () => {
    const spec: GraphSpec = {
      schemaVersion: 1,
      nodes: [node('top', 0, 0), node('bottom', 0, 300), node('fromBottom', 400, 0), node('fromTop', 400, 300)],
      edges: [edge('top', 'fromTop'), edge('bottom', 'fromBottom')],
    };
    const positions = tidyLayout(spec, {});
    expect(positions.get('fromTop')!.y).toBeLessThan(positions.get('fromBottom')!.y);
  });

  it('moves a note with the node nearest to it, and lays out a tidy graph where it already is', () => {
    const spec = heap();
    const positions = tidyLayout(spec, {});
    const retrieve = positions.get('retrieve')!;
    // the note sat 90 below and 10 right of the retriever, its nearest node
    expect(positions.get('note#note-1')).toEqual({ x: retrieve.x + 10, y: retrieve.y + 90 });
    const tidy = moveNodes(spec, positions);
    expect(moveNodes(tidy, tidyLayout(tidy, {}))).toBe(tidy);
  });

  it('handles nodes without edges and an empty graph', () => {
    expect(tidyLayout({ schemaVersion: 1, nodes: [], edges: [] }, {}).size).toBe(0);
    const loose = tidyLayout({ schemaVersion: 1, nodes: [node('a', 5, 5), node('b', 500, 0)], edges: [] }, {});
    expect([loose.get('b'), loose.get('a')]).toEqual([{ x: 5, y: 0 }, { x: 5, y: 160 }]);
  });
});

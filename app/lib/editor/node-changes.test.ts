import { describe, expect, it } from 'vitest';
import { sortNodeChanges } from './node-changes';

describe('sortNodeChanges', () => {
  it('keeps nodes and notes apart: moves by canvas id, measured sizes for nodes, set sizes for notes', () => {
    const sorted = sortNodeChanges(
      [
        { type: 'position', id: 'retrieve', position: { x: 10, y: 20 }, dragging: true },
        { type: 'position', id: 'note#note-2', position: { x: 5, y: 5 }, dragging: true },
        { type: 'dimensions', id: 'retrieve', dimensions: { width: 200, height: 90 } },
        // React Flow reporting a note's size back is not a resize
        { type: 'dimensions', id: 'note#note-2', dimensions: { width: 220, height: 120 } },
      ],
      { nodes: [], notes: [] },
    );
    expect([...sorted.positions]).toEqual([
      ['retrieve', { x: 10, y: 20 }],
      ['note#note-2', { x: 5, y: 5 }],
    ]);
    expect(sorted.keyboardMove).toBe(false);
    expect(sorted.measured).toEqual({ retrieve: { width: 200, height: 90 } });
    expect(sorted.noteResizes).toEqual([]);
    expect(sorted.nodeSelection).toBeNull();
    expect(sorted.noteSelection).toBeNull();
  });

  it('folds the move of a resize from the top-left edge into the resize', () => {
    const sorted = sortNodeChanges(
      [
        { type: 'position', id: 'note#note-1', position: { x: -20, y: -10 } },
        { type: 'dimensions', id: 'note#note-1', dimensions: { width: 260, height: 140 }, resizing: true, setAttributes: true },
      ],
      { nodes: [], notes: [] },
    );
    expect(sorted.noteResizes).toEqual([{ noteId: 'note-1', size: { width: 260, height: 140 }, position: { x: -20, y: -10 } }]);
    expect(sorted.positions.size).toBe(0);
  });

  it('updates the node and note selections separately, from what was selected', () => {
    const sorted = sortNodeChanges(
      [
        { type: 'select', id: 'embed', selected: false },
        { type: 'select', id: 'note#note-3', selected: true },
      ],
      { nodes: ['embed', 'retrieve'], notes: ['note-1'] },
    );
    expect(sorted.nodeSelection).toEqual(['retrieve']);
    expect(sorted.noteSelection).toEqual(['note-1', 'note-3']);
  });

  it('marks a move without a drag as a keyboard move', () => {
    expect(sortNodeChanges([{ type: 'position', id: 'a', position: { x: 0, y: 10 } }], { nodes: ['a'], notes: [] }).keyboardMove).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { emptySpec, type GraphSpec } from '../../../nodes/core/spec';
import { freeNoteSpot, nextNoteId, noteFlowId, noteIdOf } from './notes';

const size = { width: 220, height: 120 };
const node = (id: string, x: number, y: number) => ({ id, type: 'io.query-input', typeVersion: 1, config: {}, position: { x, y } });

describe('notes on the canvas', () => {
  it('give notes canvas ids no node id can take', () => {
    expect(noteIdOf(noteFlowId('note-3'))).toBe('note-3');
    expect(noteIdOf('retrieve')).toBeNull();
  });

  it('number new notes with the smallest free number', () => {
    const spec: GraphSpec = { ...emptySpec(), notes: [{ id: 'note-2', text: '', position: { x: 0, y: 0 } }] };
    expect(nextNoteId(spec)).toBe('note-1');
    expect(nextNoteId({ ...spec, notes: [...spec.notes!, { id: 'note-1', text: '', position: { x: 0, y: 0 } }] })).toBe('note-3');
  });

  it('place a new note where it covers no node and no note', () => {
    expect(freeNoteSpot(emptySpec(), { x: 10, y: 10 }, size)).toEqual({ x: 10, y: 10 });
    const spec: GraphSpec = { ...emptySpec(), nodes: [node('a', 0, 0)], notes: [{ id: 'note-1', text: '', position: { x: 0, y: 170 }, width: 220, height: 300 }] };
    const spot = freeNoteSpot(spec, { x: 0, y: 0 }, size);
    // below the node is the other note, and past it is further than a few rows: beside them is free
    expect(spot).toEqual({ x: 240, y: 0 });
    expect(freeNoteSpot({ ...spec, notes: [] }, { x: 0, y: 0 }, size)).toEqual({ x: 0, y: 200 });
  });

  it('fall back to the wanted spot on a canvas with no free place near it', () => {
    const crowded: GraphSpec = { ...emptySpec(), nodes: Array.from({ length: 400 }, (_, i) => node(`n${i}`, (i % 20) * 200, Math.floor(i / 20) * 150)) };
    expect(freeNoteSpot(crowded, { x: 100, y: 100 }, size)).toEqual({ x: 100, y: 100 });
  });
});

import { describe, expect, it } from 'vitest';
import { diffSpecs } from './diff';
import type { NoteSpec } from './spec';
import { validTestSpec } from './testing/test-catalog';

describe('diffSpecs', () => {
  it('is empty and semantically equal for the same spec', () => {
    const diff = diffSpecs(validTestSpec(), validTestSpec());
    expect(diff).toMatchObject({ nodesAdded: [], nodesRemoved: [], nodesChanged: [], edgesAdded: [], edgesRemoved: [], semanticallyEqual: true });
  });

  it('lists added and removed nodes and edges, and config changes with paths', () => {
    const before = validTestSpec();
    const after = validTestSpec();
    after.nodes[1]!.config = { times: 3, mode: { deep: true } };
    after.nodes.push({ id: 'new', type: 'test.upper', typeVersion: 2, config: {}, position: { x: 0, y: 0 } });
    after.nodes = after.nodes.filter((n) => n.id !== 'out');
    after.edges = [after.edges[0]!, { id: 'e9', from: { node: 'up', port: 'text' }, to: { node: 'new', port: 'text' } }];
    const diff = diffSpecs(before, after);
    expect(diff.nodesAdded.map((n) => n.id)).toEqual(['new']);
    expect(diff.nodesRemoved.map((n) => n.id)).toEqual(['out']);
    expect(diff.edgesAdded).toEqual([{ id: 'e9', from: 'up.text', to: 'new.text' }]);
    expect(diff.edgesRemoved).toEqual([{ id: 'e2', from: 'up.text', to: 'out.value' }]);
    expect(diff.nodesChanged).toEqual([
      {
        nodeId: 'up',
        type: 'test.upper',
        moved: false,
        config: [
          { path: ['mode'], before: undefined, after: { deep: true } },
          { path: ['times'], before: 2, after: 3 },
        ],
      },
    ]);
    expect(diff.semanticallyEqual).toBe(false);
  });

  it('reports a move alone as not a semantic change, and typeVersion changes', () => {
    const moved = validTestSpec();
    moved.nodes[0]!.position = { x: 50, y: 50 };
    expect(diffSpecs(validTestSpec(), moved)).toMatchObject({ semanticallyEqual: true, nodesChanged: [{ nodeId: 'in', moved: true, config: [] }] });
    const upgraded = validTestSpec();
    upgraded.nodes[1]!.typeVersion = 3;
    expect(diffSpecs(validTestSpec(), upgraded).nodesChanged[0]).toMatchObject({ typeVersion: { before: 2, after: 3 } });
  });

  it('lists notes added, rewritten and removed, but not moved or resized ones, apart from the graph', () => {
    const note = (id: string, text: string, x = 0): NoteSpec => ({ id, text, position: { x, y: 0 } });
    const before = { ...validTestSpec(), notes: [note('kept', 'same'), note('moved', 'same'), note('edited', 'old'), note('gone', 'bye')] };
    const after = { ...validTestSpec(), notes: [note('kept', 'same'), note('moved', 'same', 300), note('edited', 'new'), note('new', 'hi')] };
    after.notes[0] = { ...after.notes[0]!, width: 400 };
    const diff = diffSpecs(before, after);
    expect(diff.notes).toEqual({ added: ['new'], removed: ['gone'], edited: ['edited'] });
    expect(diff.semanticallyEqual).toBe(true);
    expect(diffSpecs(validTestSpec(), before).notes.added).toEqual(['kept', 'moved', 'edited', 'gone']);
  });
});

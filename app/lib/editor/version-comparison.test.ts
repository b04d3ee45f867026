import { describe, expect, it } from 'vitest';
import type { GraphSpec } from '../../../nodes/core/spec';
import { validTestSpec } from '../../../nodes/core/testing/test-catalog';
import { compareVersions } from './version-comparison';

/** v2 of the test graph: `up` repeats three times and a second sink reads it. */
function edited(): GraphSpec {
  const spec = validTestSpec();
  spec.nodes[1]!.config = { times: 3 };
  spec.nodes.push({ id: 'copy', type: 'test.sink', typeVersion: 1, config: {}, position: { x: 400, y: 200 } });
  spec.edges.push({ id: 'e3', from: { node: 'up', port: 'text' }, to: { node: 'copy', port: 'value' } });
  return spec;
}

const v1 = { number: 1, spec: validTestSpec() };
const v2 = { number: 2, spec: edited() };

describe('compareVersions', () => {
  it('reads from the older version to the newer whichever was picked first', () => {
    for (const [a, b] of [
      [v1, v2],
      [v2, v1],
    ] as const) {
      const result = compareVersions(a, b, validTestSpec());
      if (!('listed' in result)) throw new Error('expected a comparison listed in History only');
      expect(result.listed.from).toBe(1);
      expect(result.listed.to).toBe(2);
      expect(result.listed.diff.nodesAdded.map((n) => n.id)).toEqual(['copy']);
      expect(result.listed.diff.nodesChanged.map((c) => [c.nodeId, c.config])).toEqual([['up', [{ path: ['times'], before: 2, after: 3 }]]]);
      expect(result.listed.diff.edgesAdded).toEqual([{ id: 'e3', from: 'up.text', to: 'copy.value' }]);
    }
  });

  it('draws on the canvas when the draft is the newer version, moved nodes aside', () => {
    const draft = edited();
    draft.nodes[0]!.position = { x: 30, y: 40 };
    const result = compareVersions(v2, v1, draft);
    if (!('onCanvas' in result)) throw new Error('expected a comparison drawn on the canvas');
    expect(result.onCanvas.title).toBe('v1 → v2 (the current draft)');
    expect([...result.onCanvas.status]).toEqual([
      ['copy', 'added'],
      ['up', 'changed'],
    ]);
  });

  it('stays off the canvas when the draft is the older version, or renames a node of the newer one', () => {
    expect('listed' in compareVersions(v1, v2, validTestSpec())).toBe(true);
    const renamed = edited();
    renamed.nodes[1]!.label = 'Shout';
    expect('listed' in compareVersions(v1, v2, renamed)).toBe(true);
  });

  it('lists identical versions rather than drawing an empty comparison, even when the draft is them', () => {
    const moved = validTestSpec();
    moved.nodes[2]!.position = { x: 500, y: 50 };
    const result = compareVersions({ number: 4, spec: moved }, { number: 3, spec: validTestSpec() }, validTestSpec());
    if (!('listed' in result)) throw new Error('expected a comparison listed in History only');
    expect(result.listed).toMatchObject({ from: 3, to: 4, diff: { semanticallyEqual: true, nodesAdded: [], nodesRemoved: [] } });
  });
});

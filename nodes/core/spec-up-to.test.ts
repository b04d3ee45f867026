import { describe, expect, it } from 'vitest';
import { specUpTo } from './spec-up-to';
import type { GraphSpec } from './spec';
import { testCatalog, validTestSpec } from './testing/test-catalog';

/** in → up → out, plus a branch up → side that "up to up" leaves out. */
function branched(): GraphSpec {
  const spec = validTestSpec();
  spec.nodes.push({ id: 'side', type: 'test.sink', typeVersion: 1, config: {}, position: { x: 400, y: 200 } });
  spec.edges.push({ id: 'e3', from: { node: 'up', port: 'text' }, to: { node: 'side', port: 'value' } });
  return spec;
}

describe('specUpTo', () => {
  it('keeps the node and what feeds it, and ends each of its output ports in a Result output', () => {
    const result = specUpTo(branched(), testCatalog, 'up');
    if (!('spec' in result)) throw new Error(result.error);
    expect(result.spec.nodes.map((n) => n.id)).toEqual(['in', 'up', 'up-to.text']);
    expect(result.spec.nodes[2]).toMatchObject({ type: 'io.result-output', config: { field: 'text' } });
    expect(result.spec.edges.map((e) => `${e.from.node}.${e.from.port}->${e.to.node}.${e.to.port}`)).toEqual(['in.text->up.text', 'up.text->up-to.text.value']);
  });

  it('runs an exit node as it is, with everything upstream of it', () => {
    const result = specUpTo(branched(), testCatalog, 'side');
    if (!('spec' in result)) throw new Error(result.error);
    expect(result.spec.nodes.map((n) => n.id)).toEqual(['in', 'up', 'side']);
    expect(result.spec.edges.map((e) => e.id)).toEqual(['e1', 'e3']);
  });

  it('names a node that is missing or that no input node feeds', () => {
    expect(specUpTo(branched(), testCatalog, 'nope')).toEqual({ error: 'the graph has no node "nope"' });
    const loose = branched();
    loose.nodes.push({ id: 'alone', type: 'test.upper', typeVersion: 2, config: {}, position: { x: 0, y: 400 } });
    expect(specUpTo(loose, testCatalog, 'alone')).toEqual({
      error: 'no input node feeds "alone": connect it (through other nodes) to a Query input or File input to run up to it',
    });
  });

  it('picks ids no node or edge of the graph has', () => {
    const spec = branched();
    spec.nodes.push({ id: 'up-to.text', type: 'test.sink', typeVersion: 1, config: {}, position: { x: 0, y: 0 } });
    const result = specUpTo(spec, testCatalog, 'up');
    if (!('spec' in result)) throw new Error(result.error);
    expect(result.spec.nodes.at(-1)!.id).toBe('_up-to.text');
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from './hash';
import { specHash } from './spec-hash';
import { validTestSpec } from './testing/test-catalog';

describe('sha256Hex', () => {
  it.each(['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'ünïcødé ✓ 𝄞', 'x'.repeat(10_000)])('matches node:crypto for %#', (text) => {
    expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
  });
});

describe('specHash', () => {
  it('ignores positions, labels, node order and edge ids', () => {
    const a = validTestSpec();
    const b = validTestSpec();
    b.nodes.reverse();
    b.nodes[0]!.position = { x: 999, y: -5 };
    b.nodes[1]!.label = 'renamed';
    b.edges = b.edges.map((e, i) => ({ ...e, id: `other-${i}` }));
    expect(specHash(b)).toBe(specHash(a));
  });
  it('ignores notes, which do not change what the graph does', () => {
    const annotated = { ...validTestSpec(), notes: [{ id: 'note-1', text: 'why the weights are what they are', position: { x: 5, y: 5 } }] };
    expect(specHash(annotated)).toBe(specHash(validTestSpec()));
  });
  it('changes with config, types, versions and wiring', () => {
    const base = specHash(validTestSpec());
    const config = validTestSpec();
    config.nodes[1]!.config = { times: 3 };
    const wiring = validTestSpec();
    wiring.edges[1]!.to.port = 'other';
    const version = validTestSpec();
    version.nodes[1]!.typeVersion = 3;
    expect(new Set([base, specHash(config), specHash(wiring), specHash(version)]).size).toBe(4);
  });
});

import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { editorTransformer } from './trpc-transformer';

describe('editorTransformer', () => {
  it('sends an answer holding a prototype key with that key renamed, keeping dates, instead of failing', () => {
    const at = new Date('2026-11-27T10:00:00Z');
    const answer = { at, documents: [{ metadata: JSON.parse('{"constructor":{"__proto__":1},"title":"x"}') as unknown }] };
    expect(() => superjson.serialize(answer)).toThrow(/prototype pollution/); // what made these reads 500s
    const received = superjson.deserialize(editorTransformer.output.serialize(answer));
    expect(received).toEqual({ at, documents: [{ metadata: { '[constructor]': { '[__proto__]': 1 }, title: 'x' } }] });
  });

  it('leaves every other answer exactly as superjson sends it', () => {
    const answer = { at: new Date(0), list: [1, 'a', null], nested: { constructors: true } };
    expect(editorTransformer.output.serialize(answer)).toEqual(superjson.serialize(answer));
  });
});

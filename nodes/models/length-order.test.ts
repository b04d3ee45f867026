import { describe, expect, it } from 'vitest';
import { inLengthOrder } from './length-order';

describe('inLengthOrder', () => {
  it('calls the model on items of similar length and answers in the items’ order', async () => {
    const texts = ['a long passage here', 'hi', 'a medium one', 'yo', 'the longest passage of all', 'mid text'];
    const calls: string[][] = [];
    const out = await inLengthOrder(texts, (t) => t.length, 2, async (slice) => {
      calls.push(slice);
      return slice.map((t) => t.toUpperCase());
    });
    expect(out).toEqual(texts.map((t) => t.toUpperCase()));
    expect(calls).toEqual([
      ['hi', 'yo'],
      ['mid text', 'a medium one'],
      ['a long passage here', 'the longest passage of all'],
    ]);
  });

  it('makes no call for no items, and refuses a call that loses results', async () => {
    let called = false;
    expect(await inLengthOrder([], () => 0, 4, async () => ((called = true), []))).toEqual([]);
    expect(called).toBe(false);
    await expect(inLengthOrder(['a', 'b'], (t) => t.length, 4, async () => ['A'])).rejects.toThrow('returned 1 results for 2 inputs');
  });
});

import { describe, expect, it } from 'vitest';
import { findAnswer, splitAtMarkers } from './answer';
import { inputHeadline, summarizeForDisplay } from './input-summary';

describe('display helpers', () => {
  it('replaces file contents by their size and cuts long strings and arrays', () => {
    const input = { files: [{ name: 'a.md', contentBase64: 'A'.repeat(4000) }], note: 'x'.repeat(20), list: [1, 2, 3, 4] };
    expect(summarizeForDisplay(input, { maxString: 10, maxItems: 3 })).toEqual({
      files: [{ name: 'a.md', contentBase64: '‹2.9 KB of file content›' }],
      note: 'xxxxxxxxxx… (10 more characters)',
      list: [1, 2, 3, '… 1 more items'],
    });
  });

  it('describes an input in one line', () => {
    expect(inputHeadline({ query: 'what is tea?' })).toBe('what is tea?');
    expect(inputHeadline({ files: [{ name: 'a' }, { name: 'b' }, { name: 'c' }, { name: 'd' }] })).toBe('4 files: a, b, c, +1 more');
    expect(inputHeadline(null)).toBe('');
  });

  it('finds the answer in a run output and links markers to citations', () => {
    const answer = { text: 'Green tea is steamed [1]. Black tea is oxidised [2].', citations: [{ marker: '[1]', chunkId: 'c1', sourceId: 'tea.md' }] };
    expect(findAnswer({ answer })).toBe(answer);
    expect(findAnswer({ result: answer })).toBe(answer);
    expect(findAnswer({ ingested: { documents: 2 } })).toBeUndefined();
    expect(splitAtMarkers(answer.text, answer.citations)).toEqual([
      { kind: 'text', text: 'Green tea is steamed ' },
      { kind: 'marker', marker: '[1]', citation: answer.citations[0] },
      { kind: 'text', text: '. Black tea is oxidised ' },
      { kind: 'marker', marker: '[2]', citation: undefined },
      { kind: 'text', text: '.' },
    ]);
  });
});

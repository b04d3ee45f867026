import { describe, expect, it } from 'vitest';
import { inlineSegments } from './inline-markdown';

describe('inlineSegments', () => {
  it('cuts code, bold and emphasis out of an answer, keeping the text between', () => {
    expect(inlineSegments('Send a POST request to `/api/v1/endpoints/my-search` with **Publish** and *one* key.')).toEqual([
      { kind: 'text', text: 'Send a POST request to ' },
      { kind: 'code', text: '/api/v1/endpoints/my-search' },
      { kind: 'text', text: ' with ' },
      { kind: 'strong', text: 'Publish' },
      { kind: 'text', text: ' and ' },
      { kind: 'em', text: 'one' },
      { kind: 'text', text: ' key.' },
    ]);
    expect(inlineSegments('__bold__ too')).toEqual([
      { kind: 'strong', text: 'bold' },
      { kind: 'text', text: ' too' },
    ]);
  });

  it('leaves asterisks that are not emphasis alone: products, footnotes, unclosed markers', () => {
    for (const text of ['2 * 3 * 4 = 24', 'p*value', 'a lone ` backtick', 'ends with *', '**not closed', 'x*y*z']) {
      expect(inlineSegments(text)).toEqual([{ kind: 'text', text }]);
    }
  });

  it('does not read markup across lines, and returns nothing for an empty text', () => {
    expect(inlineSegments('`open\nclose`')).toEqual([{ kind: 'text', text: '`open\nclose`' }]);
    expect(inlineSegments('')).toEqual([]);
  });
});

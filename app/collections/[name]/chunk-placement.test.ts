import { describe, expect, it } from 'vitest';
import { chunkPlacement } from './chunk-placement';

describe('chunkPlacement', () => {
  it('names the headings, pages, offsets and chunker, and leaves out what repeats the document', () => {
    expect(
      chunkPlacement({ headingPath: ['Green tea', 'Brewing'], page: 3, pageEnd: 4, start: 171, end: 1293, chunker: 'recursive', title: 'Green tea', mimeType: 'text/markdown', fileName: 'green-tea.md' }),
    ).toEqual(['§ Green tea › Brewing', 'pages 3–4', 'characters 171–1,293', 'recursive chunker']);
  });

  it('says one page once and skips what is missing or malformed', () => {
    expect(chunkPlacement({ page: 2, pageEnd: 2, start: 0 })).toEqual(['page 2']);
    expect(chunkPlacement({ headingPath: 'not a list', page: 'two', start: Number.NaN, end: 5, chunker: '' })).toEqual([]);
    expect(chunkPlacement({})).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { citationsFromMarkers } from './citations';
import { contentTerms } from './terms';
import { estimateTokens, truncateToTokens } from './tokens';

describe('contentTerms', () => {
  it('lowercases, drops stopwords and question words, stems, keeps digits', () => {
    expect(contentTerms('What are the effects of Running on 5 biomaterials?')).toEqual(['effect', 'run', '5', 'biomateri']);
  });
});

describe('token estimates', () => {
  it('estimates about four characters per token and truncates at word boundaries', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abcd'.repeat(25))).toBe(25);
    const text = Array.from({ length: 100 }, (_, i) => `word${i}`).join(' ');
    const cut = truncateToTokens(text, 20);
    expect(estimateTokens(cut)).toBeLessThanOrEqual(20);
    expect(cut.endsWith(' …')).toBe(true);
    expect(text.startsWith(cut.slice(0, -2))).toBe(true);
    expect(truncateToTokens('short', 20)).toBe('short');
    expect(truncateToTokens('supercalifragilistic', 1)).toBe('');
  });
});

describe('citationsFromMarkers', () => {
  const context = [1, 2, 3].map((n) => ({ marker: `[${n}]`, chunkId: `c${n}`, sourceId: `s${n}`, title: `T${n}`, text: 't' }));
  it('maps single, grouped, adjacent and ranged markers in order of first mention, ignoring unknown ones', () => {
    expect(citationsFromMarkers('A [2]. B [1, 3]. C [2][9].', context).map((c) => c.chunkId)).toEqual(['c2', 'c1', 'c3']);
    expect(citationsFromMarkers('All of them [1-3].', context).map((c) => c.marker)).toEqual(['[1]', '[2]', '[3]']);
    expect(citationsFromMarkers('No markers, just [a] brackets and [10].', context)).toEqual([]);
    expect(citationsFromMarkers('X [3]', context)[0]).toEqual({ marker: '[3]', chunkId: 'c3', sourceId: 's3', title: 'T3' });
  });
});

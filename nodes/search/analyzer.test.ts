import { describe, expect, it } from 'vitest';
import { analyze, commonWords, termCounts } from './analyzer';

describe('analyze', () => {
  it('lowercases, splits on non-alphanumerics, drops stopwords and stems (Porter2)', () => {
    expect(analyze('The Running of the BRCA1-mutated cells, in mice!')).toEqual(['run', 'brca1', 'mutat', 'cell', 'mice']);
  });

  it('stems the Porter2 reference examples', () => {
    expect(analyze('generously consignment knightly')).toEqual(['generous', 'consign', 'knight']);
  });

  it('keeps numbers and non-Latin letters as terms', () => {
    expect(analyze('IL-6 raised 2.5-fold in Zürich, 東京')).toEqual(['il', '6', 'rais', '2', '5', 'fold', 'zürich', '東京']);
  });

  it('gives nothing for punctuation or stopwords only', () => {
    expect(analyze('... the, and; of!')).toEqual([]);
    expect(analyze('')).toEqual([]);
  });

  it('counts terms and the analysed length', () => {
    const { counts, length } = termCounts('cells and cell lines: a cell line');
    expect(length).toBe(5);
    expect(Object.fromEntries(counts)).toEqual({ cell: 3, line: 2 });
  });
});

describe('commonWords', () => {
  it('names each term by the word it most often came from, leaving out terms the texts never produce', () => {
    const texts = ['Statins lower cholesterol; the statin trial.', 'Statins and reduced risk', 'It reduces risk, reducing it.'];
    const words = commonWords(['statin', 'reduc', 'risk', 'aspirin'], texts);
    expect(Object.fromEntries(words)).toEqual({ statin: 'statins', reduc: 'reduced', risk: 'risk' });
  });

  it('breaks a tie by the shorter word', () => {
    expect(commonWords(['connect'], ['connected connection connect']).get('connect')).toBe('connect');
  });
});

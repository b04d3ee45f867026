import { describe, expect, it } from 'vitest';
import { recursiveSplit } from './recursive-split';
import { orderedSections, placeSpan } from './sections';
import { splitSentences } from './sentences';
import { countTokens, tokenSpans } from './tokens';
import { uuidFromParts } from './uuid';

const texts = (text: string, spans: { start: number; end: number }[]) => spans.map((s) => text.slice(s.start, s.end));

describe('uuidFromParts', () => {
  it('is a deterministic RFC-shaped UUID that depends on every part and their boundaries', () => {
    const id = uuidFromParts('doc', 1, 'abc');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidFromParts('doc', 1, 'abc')).toBe(id);
    expect(uuidFromParts('doc', 2, 'abc')).not.toBe(id);
    expect(uuidFromParts('ab', 'c')).not.toBe(uuidFromParts('a', 'bc'));
  });
});

describe('splitSentences', () => {
  it('splits prose at sentence ends but not after abbreviations, initials or decimals', () => {
    const text = 'Dr. Smith arrived at 3.5 p.m. on Monday. He met J. R. Tolkien, e.g. the author! Was it fun? Yes.';
    expect(texts(text, splitSentences(text))).toEqual([
      'Dr. Smith arrived at 3.5 p.m. on Monday.',
      'He met J. R. Tolkien, e.g. the author!',
      'Was it fun?',
      'Yes.',
    ]);
  });

  it('ends a title line over its text, but joins lines wrapped mid-sentence before a lowercase word, code or a comma', () => {
    const text = 'Results of the trial\nMice fed the diet lived longer, and\n`p < 0.05` held (in both\nsexes). Send it with the header\n`Authorization` set.';
    expect(texts(text, splitSentences(text))).toEqual([
      'Results of the trial',
      'Mice fed the diet lived longer, and\n`p < 0.05` held (in both\nsexes).',
      'Send it with the header\n`Authorization` set.',
    ]);
  });

  it('treats blank lines, headings, list items and table rows as boundaries, and joins wrapped prose lines', () => {
    const text = '# Title\nA wrapped\nsentence here. Next one\n\n- item one\n- item two\n| a | b |\n| 1 | 2 |\nTail text';
    expect(texts(text, splitSentences(text))).toEqual([
      '# Title',
      'A wrapped\nsentence here.',
      'Next one',
      '- item one',
      '- item two',
      '| a | b |',
      '| 1 | 2 |',
      'Tail text',
    ]);
  });

  it('splits CJK sentences without spaces and respects a region', () => {
    const text = 'xx 今日は晴れです。明日は雨です。 yy';
    const start = text.indexOf('今');
    expect(texts(text, splitSentences(text, { start, end: text.lastIndexOf(' ') }))).toEqual(['今日は晴れです。', '明日は雨です。']);
  });
});

describe('tokens', () => {
  it('counts words and punctuation marks as tokens with exact offsets', () => {
    const text = "Hello, world! It's 2026.";
    expect(texts(text, tokenSpans(text))).toEqual(['Hello', ',', 'world', '!', 'It', "'", 's', '2026', '.']);
    expect(countTokens(text)).toBe(9);
  });
});

describe('recursiveSplit', () => {
  const paragraph = (n: number) => `Paragraph ${n} starts here. It has a second sentence with more words. And a third one ends it.`;
  const text = [1, 2, 3, 4, 5, 6].map(paragraph).join('\n\n');

  it('keeps whole paragraphs together when they fit and never exceeds the size', () => {
    const spans = recursiveSplit(text, { start: 0, end: text.length }, { chunkSize: 200, overlap: 0 });
    const parts = texts(text, spans);
    expect(parts).toEqual([`${paragraph(1)}\n\n${paragraph(2)}`, `${paragraph(3)}\n\n${paragraph(4)}`, `${paragraph(5)}\n\n${paragraph(6)}`]);
  });

  it('falls back to sentences, then words, then characters', () => {
    const sentences = recursiveSplit(text, { start: 0, end: paragraph(1).length }, { chunkSize: 60, overlap: 0 });
    expect(texts(text, sentences)).toEqual(['Paragraph 1 starts here.', 'It has a second sentence with more words.', 'And a third one ends it.']);
    const long = 'word '.repeat(30).trim();
    const words = recursiveSplit(long, { start: 0, end: long.length }, { chunkSize: 22, overlap: 0 });
    expect(texts(long, words).every((w) => w.length <= 22 && /^(word ?)+$/.test(w) && !w.endsWith(' '))).toBe(true);
    const noSpaces = 'x'.repeat(50);
    const windows = recursiveSplit(noSpaces, { start: 0, end: 50 }, { chunkSize: 20, overlap: 5 });
    expect(windows).toEqual([
      { start: 0, end: 20 },
      { start: 15, end: 35 },
      { start: 30, end: 50 },
    ]);
  });

  it('overlaps by whole trailing units up to the overlap budget', () => {
    const s = 'One two three. Four five six. Seven eight nine. Ten eleven twelve.';
    const spans = recursiveSplit(s, { start: 0, end: s.length }, { chunkSize: 32, overlap: 16 });
    // the third chunk cannot repeat "Seven eight nine." and still fit, so it carries no overlap
    expect(texts(s, spans)).toEqual(['One two three. Four five six.', 'Four five six. Seven eight nine.', 'Ten eleven twelve.']);
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.start).toBeGreaterThan(spans[i - 1]!.start);
  });
});

describe('sections', () => {
  it('tiles the text, filling gaps, and places spans on pages and heading paths', () => {
    const doc = {
      id: 'd',
      sourceId: 's',
      text: 'a'.repeat(100),
      metadata: { source: 's', title: 't', mimeType: 'text/plain', contentHash: 'h' },
      sections: [
        { start: 50, end: 80, page: 2, headingPath: ['B'] },
        { start: 10, end: 50, page: 1, headingPath: ['A'] },
      ],
    };
    const sections = orderedSections(doc);
    expect(sections.map((s) => [s.start, s.end])).toEqual([
      [0, 10],
      [10, 50],
      [50, 80],
      [80, 100],
    ]);
    expect(placeSpan(sections, { start: 12, end: 30 })).toEqual({ page: 1, headingPath: ['A'] });
    expect(placeSpan(sections, { start: 40, end: 75 })).toEqual({ page: 1, pageEnd: 2, headingPath: ['B'] });
    expect(placeSpan(sections, { start: 85, end: 95 })).toEqual({});
  });
});

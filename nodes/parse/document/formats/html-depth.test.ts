import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isNodeError } from '../../../core/errors';
import { assertHtmlDepthWithin, htmlDepth } from './html-depth';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures');

describe('htmlDepth', () => {
  it('counts element nesting, leaving out void and self-closing elements, comments, scripts and styles', () => {
    expect(htmlDepth('<html><body><div><section><p>text</p></section></div></body></html>')).toBe(4);
    expect(htmlDepth('<div><br><img src="a.png"><hr/><span/></div>')).toBe(1);
    expect(htmlDepth(`<div><!-- ${'<div>'.repeat(50)} --><script>${'<b>'.repeat(50)}</script><style>${'<i>'.repeat(50)}</style></div>`)).toBe(1);
  });

  it('does not count what HTML closes by itself (p, li, td…), which old pages leave open', () => {
    const legacy = `<body><ul>${'<li>item '.repeat(3000)}</ul><table>${'<tr><td>a<td>b'.repeat(2000)}</table>${'<p>para '.repeat(3000)}</body>`;
    expect(htmlDepth(legacy)).toBe(2);
  });

  it('measures the fixture page as shallow', () => {
    expect(htmlDepth(readFileSync(join(fixtures, 'article.html'), 'utf8'))).toBeLessThan(30);
  });
});

describe('assertHtmlDepthWithin', () => {
  it('refuses runaway nesting with a message that says what is wrong', () => {
    const deep = `<html><body>${'<div>'.repeat(5000)}hello${'</div>'.repeat(5000)}</body></html>`;
    let error: unknown;
    try {
      assertHtmlDepthWithin(deep, 'deep.html');
    } catch (e) {
      error = e;
    }
    expect(isNodeError(error) && error.code).toBe('CORRUPT_FILE');
    expect((error as Error).message).toBe(
      '"deep.html" nests its elements 5002 levels deep, past the 512 levels browsers stop at: it is not a page a person reads; re-save it from a browser',
    );
    expect(() => assertHtmlDepthWithin(`${'<div>'.repeat(512)}ok`, 'fine.html')).not.toThrow();
    expect(() => assertHtmlDepthWithin(`${'<div>'.repeat(513)}ok`, 'deep.html')).toThrow(/513 levels deep/);
  });
});

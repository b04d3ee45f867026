import { describe, expect, it } from 'vitest';
import { crawlLabel, refreshLabel } from './refresh-choices';

describe('web source wording', () => {
  it('says how often a source is loaded again', () => {
    expect(refreshLabel(null)).toBe('only when asked');
    expect(refreshLabel(24)).toBe('every day');
    expect(refreshLabel(168)).toBe('every week');
    expect(refreshLabel(48)).toBe('every 2 days');
    expect(refreshLabel(6)).toBe('every 6 hours');
  });

  it('says which pages a source loads', () => {
    expect(crawlLabel({ crawlDepth: 0, scope: 'path', maxPages: 50 })).toBe('these pages only');
    expect(crawlLabel({ crawlDepth: 2, scope: 'site', maxPages: 30 })).toBe('and links 2 deep, anywhere on the site (at most 30 pages)');
    expect(crawlLabel({ crawlDepth: 1, scope: 'path', maxPages: 50, skipPaths: ['/blog/', '*.pdf$'] })).toBe('and links 1 deep, under the same folder (at most 50 pages), skipping /blog/, *.pdf$');
    expect(crawlLabel({ crawlDepth: 0, scope: 'path', maxPages: 50, renderJavaScript: true })).toBe('these pages only, JavaScript rendered');
    expect(crawlLabel({ crawlDepth: 1, scope: 'site', maxPages: 9, renderJavaScript: true })).toBe('and links 1 deep, anywhere on the site (at most 9 pages), JavaScript rendered');
    expect(crawlLabel({ crawlDepth: 0, scope: 'path', maxPages: 50, useSitemaps: true })).toBe('these pages and those their sitemap lists');
    expect(crawlLabel({ crawlDepth: 2, scope: 'path', maxPages: 50, useSitemaps: true, skipPaths: ['/blog/'] })).toBe("and links 2 deep, under the same folder (at most 50 pages), skipping /blog/, and the sitemap's pages");
  });
});

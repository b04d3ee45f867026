'use client';
import type { WebCrawl } from '../../server/services/web-import';
import { linesOf } from '../lib/web-addresses';

/**
 * How a web load crawls, as fields: links followed (how deep, which), pages at most, links skipped,
 * the private network, JavaScript. The Web pages form and a web source's settings dialog both edit a
 * CrawlDraft through these, and read it back with `crawlOfDraft`.
 */
export interface CrawlDraft {
  depth: number;
  scope: 'path' | 'site';
  /** as typed, checked by crawlOfDraft */
  maxPages: string;
  /** one path per line */
  skipText: string;
  useSitemaps: boolean;
  allowPrivateNetwork: boolean;
  renderJavaScript: boolean;
}

/** A crawl's settings, every one given (as the server stores a web source's). */
export type CrawlSettings = Required<WebCrawl>;

export const NEW_CRAWL: CrawlDraft = { depth: 0, scope: 'path', maxPages: '50', skipText: '', useSitemaps: false, allowPrivateNetwork: false, renderJavaScript: false };

/** A stored source's settings as a draft to edit. */
export function draftOf(crawl: WebCrawl): CrawlDraft {
  return {
    depth: crawl.crawlDepth,
    scope: crawl.scope,
    maxPages: String(crawl.maxPages),
    skipText: (crawl.skipPaths ?? []).join('\n'),
    useSitemaps: crawl.useSitemaps ?? false,
    allowPrivateNetwork: crawl.allowPrivateNetwork ?? false,
    renderJavaScript: crawl.renderJavaScript ?? false,
  };
}

/** The settings a draft stands for, or what to fix first. Skipped paths count only when links are followed. */
export function crawlOfDraft(draft: CrawlDraft): { crawl: CrawlSettings; problem?: string } {
  const maxPages = Number(draft.maxPages);
  const skipPaths = draft.depth > 0 ? linesOf(draft.skipText) : [];
  const crawl = { crawlDepth: draft.depth, maxPages, scope: draft.scope, skipPaths, useSitemaps: draft.useSitemaps, allowPrivateNetwork: draft.allowPrivateNetwork, renderJavaScript: draft.renderJavaScript };
  if (!(Number.isInteger(maxPages) && maxPages >= 1 && maxPages <= 1000)) return { crawl, problem: 'Pages at most: a whole number from 1 to 1,000.' };
  if (skipPaths.length > 50) return { crawl, problem: 'Skip links to: at most 50 paths.' };
  return { crawl };
}

const DEPTHS = [
  { value: 0, label: 'No: only these pages' },
  { value: 1, label: 'Yes, one link deep' },
  { value: 2, label: 'Yes, two links deep' },
  { value: 3, label: 'Yes, three links deep' },
];

export function CrawlFields({ id, value, onChange, disabled }: { id: string; value: CrawlDraft; onChange(next: CrawlDraft): void; disabled?: boolean }) {
  const set = (change: Partial<CrawlDraft>) => onChange({ ...value, ...change });
  const following = value.depth > 0;
  // which pages count as the site's: for links followed and for a sitemap's pages alike
  const scoped = following || value.useSitemaps;
  return (
    <>
      <div style={{ display: 'grid', gridTemplateColumns: scoped ? '1fr 1fr 1fr' : '1fr 1fr', gap: 12 }}>
        <div className="field">
          <label htmlFor={`${id}-depth`}>Follow links</label>
          <select id={`${id}-depth`} className="select" value={value.depth} onChange={(e) => set({ depth: Number(e.target.value) })} disabled={disabled}>
            {/* a stored depth past the form's three (set through the API) stays choosable */}
            {[...DEPTHS, ...(value.depth > 3 ? [{ value: value.depth, label: `Yes, ${value.depth} links deep` }] : [])].map((d) => (
              <option key={d.value} value={d.value}>
                {d.label}
              </option>
            ))}
          </select>
        </div>
        {scoped && (
          <div className="field">
            <label htmlFor={`${id}-scope`}>Which links</label>
            <select id={`${id}-scope`} className="select" value={value.scope} onChange={(e) => set({ scope: e.target.value as 'path' | 'site' })} disabled={disabled}>
              <option value="path">Under the same folder</option>
              <option value="site">Anywhere on the same site</option>
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-max-pages`}>Pages at most</label>
          <input id={`${id}-max-pages`} className="input" inputMode="numeric" value={value.maxPages} onChange={(e) => set({ maxPages: e.target.value })} disabled={disabled} />
        </div>
      </div>
      {following && (
        <div className="field">
          <label htmlFor={`${id}-skip`}>Skip links to</label>
          <textarea id={`${id}-skip`} className="textarea mono" rows={2} value={value.skipText} onChange={(e) => set({ skipText: e.target.value })} placeholder={'/blog/\n*.pdf$'} disabled={disabled} />
          <span className="hint">One path per line, as in robots.txt: a beginning (/blog/), * for anything (/*/changelog), $ for the end (*.pdf$).</span>
        </div>
      )}
      <div style={{ display: 'grid', gap: 4, margin: '4px 0 12px' }}>
        <label className="small" style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
          <input type="checkbox" checked={value.useSitemaps} onChange={(e) => set({ useSitemaps: e.target.checked })} disabled={disabled} />
          Use the site&apos;s sitemap: also load the pages it lists, even those no link leads to
        </label>
        <label className="small" style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
          <input type="checkbox" checked={value.allowPrivateNetwork} onChange={(e) => set({ allowPrivateNetwork: e.target.checked })} disabled={disabled} />
          Allow addresses on this server&apos;s network (intranet, localhost)
        </label>
        <label className="small" style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
          <input type="checkbox" checked={value.renderJavaScript} onChange={(e) => set({ renderJavaScript: e.target.checked })} disabled={disabled} />
          Render JavaScript: read pages built by scripts (single-page apps) in a headless Chromium; slower
        </label>
      </div>
    </>
  );
}

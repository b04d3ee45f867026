import { setTimeout as sleep } from 'node:timers/promises';
import { isNodeError, NodeError } from '../../core/errors';
import type { FileFailure } from '../../core/values';
import type { FetchedPage } from './fetch-page';
import { pathOf, type Robots } from './robots';
import { asSitemap, isSitemapIndex, sitemapLinks } from './sitemap';

export interface CrawlSettings {
  /** link hops from the given addresses: 0 loads only them */
  depth: number;
  /** most addresses requested in all (failures count): bounds the work whatever the site holds */
  maxPages: number;
  /** 'path': links under the start page's folder on its host; 'site': anywhere on its host */
  scope: 'path' | 'site';
  respectRobots: boolean;
  /** links whose path matches one of these (robots.txt patterns) are not followed */
  skip: RegExp[];
  /** requests in flight at once */
  concurrency: number;
  /** no new request once the pages loaded add up to this many bytes (the page that crosses it is kept) */
  maxTotalBytes: number;
  /**
   * Pages loaded before (a refresh's): those the crawl does not reach are requested too, without
   * following their links or counting against maxPages, so a page that left the site is noticed.
   */
  known?: URL[];
  /**
   * Also load the pages the sites' sitemaps list (those robots.txt names, else /sitemap.xml), within
   * the scope of the addresses given: pages no link leads to. A site without one is no failure.
   */
  useSitemaps?: boolean;
}

export interface CrawlDeps {
  fetch(url: string): Promise<FetchedPage>;
  /** the robots.txt rules of an origin (asked once per origin) */
  robots(origin: string): Promise<Robots>;
  links(page: FetchedPage): Promise<URL[]>;
  signal: AbortSignal;
  /** called as each address settles, for progress */
  onSettled?(done: number, url: string, failure?: FileFailure): void;
}

export interface CrawlResult {
  pages: FetchedPage[];
  /** the addresses that could not be loaded (`file` is the address), as a parser lists files */
  failures: FileFailure[];
  /** links left alone because robots.txt disallows them */
  disallowed: number;
  /** links left alone because they match skipPaths */
  skipped: number;
  /** links in scope not loaded because maxPages or maxTotalBytes was reached */
  leftOver: number;
  /** bytes of the pages loaded */
  bytes: number;
  /** sitemaps read for the pages they list (not themselves pages) */
  sitemaps: number;
  /**
   * Known pages that left the site: the site answers 404 or 410 for them, or redirects them for good
   * (301, 308) to another address, which is loaded in their place. They are not failures.
   */
  gone: string[];
}

/** Links to files no parser reads: not worth downloading to find that out. */
const SKIPPED_EXTENSIONS = /\.(?:zip|gz|tgz|bz2|xz|7z|rar|tar|exe|dmg|msi|iso|apk|deb|rpm|jar|mp3|mp4|m4a|mov|avi|mkv|webm|wav|ogg|flac|gif|svg|ico|webp|bmp|tiff?|woff2?|ttf|otf|eot|css|js|mjs|map|json|xml|rss|atom|csv|xlsx?|pptx?|doc|ppt)$/i;

interface Queued {
  url: URL;
  depth: number;
  /** what a link found on this page must start with to be followed */
  scope: string;
  /** an address given (not found): its scope is taken from where it lands */
  given?: boolean;
  /** a sitemap: what the pages it lists must start with (else anywhere on its host) */
  listScope?: string;
  /** a sitemap looked for rather than given (useSitemaps): not there, or not a sitemap, is no failure */
  optional?: boolean;
}

/** The answers that say a page is no longer there (a server error or a timeout says nothing of the kind). */
const GONE_STATUSES = new Set([404, 410]);

/**
 * Loads the given addresses (a sitemap among them: the pages it lists) and, level by level up to
 * `depth` hops, the in-scope links of the HTML pages among them: breadth first (the pages nearest the
 * start matter most when maxPages cuts the crawl short), each address once (redirects included: two
 * links to one page give one page), a few requests at a time. A page that fails is reported and the
 * crawl goes on; cancellation stops it.
 */
export async function crawl(seeds: URL[], settings: CrawlSettings, deps: CrawlDeps): Promise<CrawlResult> {
  const seen = new Set<string>();
  const loaded = new Set<string>();
  const known = new Set((settings.known ?? []).map((url) => url.href));
  const result: CrawlResult = { pages: [], failures: [], disallowed: 0, skipped: 0, leftOver: 0, sitemaps: 0, bytes: 0, gone: [] };
  let level: Queued[] = [];
  for (const url of seeds) {
    if (seen.has(url.href)) continue;
    seen.add(url.href);
    level.push({ url, depth: 0, scope: scopeOf(url, settings.scope), given: true });
  }
  let requested = 0;
  let next: Queued[] = [];
  const pacer = new Pacer();
  const settled = () => result.pages.length + result.failures.length + result.gone.length;
  /** queues the links not seen yet that are in scope (and, for links found on pages, worth fetching) and robots.txt allows */
  const follow = async (links: URL[], at: Omit<Queued, 'url' | 'given'>, onPage: boolean) => {
    for (const link of links) {
      if (seen.has(link.href) || !link.href.startsWith(at.scope) || (onPage && SKIPPED_EXTENSIONS.test(link.pathname))) continue;
      seen.add(link.href);
      if (settings.skip.some((pattern) => pattern.test(pathOf(link)))) {
        result.skipped++;
        continue;
      }
      if (settings.respectRobots && !(await deps.robots(link.origin)).allows(link)) {
        result.disallowed++;
        continue;
      }
      next.push({ url: link, ...at });
    }
  };
  /** requests one address and keeps what it gave: a page (and its links, to follow), a sitemap's pages, or a failure */
  const load = async (item: Queued) => {
    if (deps.signal.aborted) throw stopped(deps.signal);
    if (result.bytes >= settings.maxTotalBytes) {
      result.leftOver++;
      return;
    }
    // a followed link waits its turn when the site's robots.txt asks for time between requests
    if (!item.given && settings.respectRobots) await pacer.turn(item.url.origin, (await deps.robots(item.url.origin)).crawlDelaySeconds, deps.signal);
    let page: FetchedPage;
    try {
      page = await deps.fetch(item.url.href);
    } catch (error) {
      // cancelled, or a setting no page can be loaded with (renderJavaScript without a browser): the crawl ends
      if (isNodeError(error) && (error.code === 'CANCELLED' || error.code === 'INVALID_CONFIG' || deps.signal.aborted)) throw error;
      if (item.optional) return;
      if (known.has(item.url.href) && isNodeError(error) && GONE_STATUSES.has(Number(error.details?.status))) {
        result.gone.push(item.url.href);
        deps.onSettled?.(settled(), item.url.href);
        return;
      }
      const failure = { file: item.url.href, code: isNodeError(error) ? error.code : 'REMOTE_ERROR', message: error instanceof Error ? error.message : String(error) };
      result.failures.push(failure);
      deps.onSettled?.(settled(), item.url.href, failure);
      return;
    }
    // a known page that now redirects for good (301, 308) moved: its new address is the page, the old
    // one is gone. A temporary redirect (a login page, a maintenance notice) keeps it known.
    if (known.has(item.url.href) && page.finalUrl !== item.url.href && page.movedPermanently) result.gone.push(item.url.href);
    if (loaded.has(page.finalUrl)) return;
    loaded.add(page.finalUrl);
    seen.add(page.finalUrl);
    // a sitemap stands for the pages it lists, at its own depth: they are what it was given for
    const sitemap = asSitemap(page);
    if (sitemap) {
      result.sitemaps++;
      // an index lists more sitemaps (anywhere on the host), which keep the scope their pages must have
      const host = `${new URL(page.finalUrl).origin}/`;
      const listScope = item.listScope ?? host;
      const index = isSitemapIndex(sitemap);
      await follow(sitemapLinks(sitemap), { depth: item.depth, scope: index ? host : listScope, ...(index ? { listScope, optional: item.optional } : {}) }, false);
      return;
    }
    if (item.optional) return; // a page where a sitemap was looked for (a "not found" page answered 200)
    result.pages.push(page);
    result.bytes += page.body.length;
    deps.onSettled?.(settled(), item.url.href);
    if (item.depth >= settings.depth || !isHtml(page)) return;
    // a given address that redirects (http to https, example.com to www., /docs to /docs/) is
    // scoped by where it landed, or none of its links would match
    const scope = item.given ? scopeOf(new URL(page.finalUrl), settings.scope) : item.scope;
    await follow(await deps.links(page), { depth: item.depth + 1, scope }, true);
  };
  if (settings.useSitemaps) level.push(...(await sitemapsOf(level, settings, deps, seen)));
  while (level.length > 0) {
    const room = Math.max(0, settings.maxPages - requested);
    result.leftOver += Math.max(0, level.length - room);
    const batch = level.slice(0, room);
    requested += batch.length;
    next = [];
    await eachAtOnce(batch, settings.concurrency, load);
    level = next;
  }
  await eachAtOnce(await unreached(settings.known ?? [], seen, settings, deps), settings.concurrency, load);
  return result;
}

/**
 * The sitemaps of the given addresses' sites, to load after them: those each site's robots.txt names
 * (on its own host), else /sitemap.xml; the pages they list must fall in the scope of the address
 * that brought them.
 */
async function sitemapsOf(given: Queued[], settings: CrawlSettings, deps: CrawlDeps, seen: Set<string>): Promise<Queued[]> {
  const items: Queued[] = [];
  for (const seed of given) {
    const origin = seed.url.origin;
    const named = ((await deps.robots(origin)).sitemaps ?? []).flatMap((address) => {
      const url = URL.canParse(address) ? new URL(address) : undefined;
      return url && url.origin === origin ? [url] : [];
    });
    for (const url of named.length > 0 ? named : [new URL('/sitemap.xml', origin)]) {
      if (seen.has(url.href)) continue;
      seen.add(url.href);
      items.push({ url, depth: 0, scope: `${origin}/`, listScope: seed.scope, optional: true });
    }
  }
  return items;
}

/**
 * The known pages the crawl did not come across (a link to them was skipped, disallowed or cut by
 * maxPages counts as come across: those settings decide, not this check), at the last depth so their
 * links are not followed. robots.txt is asked again: a page it now disallows is left alone.
 */
async function unreached(known: URL[], seen: Set<string>, settings: CrawlSettings, deps: CrawlDeps): Promise<Queued[]> {
  const items: Queued[] = [];
  for (const url of known) {
    if (seen.has(url.href)) continue;
    seen.add(url.href);
    if (settings.respectRobots && !(await deps.robots(url.origin)).allows(url)) continue;
    items.push({ url, depth: settings.depth, scope: '' });
  }
  return items;
}

/**
 * Spaces requests to a site by its Crawl-delay: each request to an origin starts at least that long
 * after the one before it (the crawl's other requests, to other sites, go on meanwhile).
 */
class Pacer {
  private readonly next = new Map<string, number>();

  async turn(origin: string, delaySeconds: number | undefined, signal: AbortSignal): Promise<void> {
    if (!delaySeconds) return;
    const now = Date.now();
    const at = Math.max(now, this.next.get(origin) ?? 0);
    this.next.set(origin, at + delaySeconds * 1000);
    if (at > now) await sleep(at - now, undefined, { signal }).catch(() => Promise.reject(stopped(signal)));
  }
}

/** Why the crawl stopped: the run's own reason (timeout, cancellation) when it gave one. */
function stopped(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new NodeError('CANCELLED', 'loading web pages was cancelled');
}

/** 'path': https://host/docs/intro → https://host/docs/ ; 'site': https://host/ */
export function scopeOf(url: URL, scope: 'path' | 'site'): string {
  if (scope === 'site') return `${url.origin}/`;
  const folder = url.pathname.slice(0, url.pathname.lastIndexOf('/') + 1) || '/';
  return `${url.origin}${folder}`;
}

export function isHtml(page: FetchedPage): boolean {
  if (page.mimeType === 'text/html' || page.mimeType === 'application/xhtml+xml') return true;
  return page.mimeType === '' && /^\s*<(?:!doctype html|html)/i.test(page.body.subarray(0, 512).toString('utf8'));
}

async function eachAtOnce<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(lanes);
}

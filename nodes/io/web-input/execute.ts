import { defineExecutor } from '../../core/context';
import { readRunInput } from '../../core/io';
import { isNodeError, NodeError } from '../../core/errors';
import { listFailures, noneWorkedMessage } from '../../core/file-failures';
import type { FileFailuresValue, FileValue } from '../../core/values';
import { proxySettings } from '../../models/proxy-env';
import { crawl, isHtml, type CrawlResult } from './crawl';
import { webInput, webInputFields } from './definition';
import { fetchPage, parseWebUrl, type FetchedPage, type FetchOptions } from './fetch-page';
import { pageLinks } from './links';
import { openRenderer, type PageRenderer } from './render-page';
import { ALLOW_ALL, DISALLOW_ALL, parseRobots, patternRegex, type Robots } from './robots';

/** How the loader names itself to sites, and the token their robots.txt may address it by. */
export const ROBOTS_TOKEN = 'ragraph';
const USER_AGENT = `Mozilla/5.0 (compatible; ${ROBOTS_TOKEN}/1.0; RAG ingestion)`;
const REQUESTS_AT_ONCE = 4;

/**
 * Loads the addresses of the run input (and, with crawlDepth, the pages they link to; crawl.ts) and
 * gives each page as a file named by its final address, which is also its source id: loading a page
 * again replaces its document. Pages that fail are reported on `failures` and as log events; the node
 * fails only when no page could be loaded.
 */
export const webInputExecutor = defineExecutor(webInput, {
  async execute(ctx, _inputs, config) {
    const input = readRunInput(ctx.runInput, webInputFields);
    const seeds = input.urls.map((address) => parseWebUrl(address));
    const known = (input.known ?? []).map((address) => parseWebUrl(address));
    const fetchOptions: FetchOptions = {
      signal: ctx.signal,
      timeoutMs: config.timeoutSeconds * 1000,
      maxBytes: Math.round(config.maxPageMB * 1048576),
      allowPrivateNetwork: config.allowPrivateNetwork,
      userAgent: USER_AGENT,
      proxy: proxySettings(),
    };
    const robots = new Map<string, Promise<Robots>>();
    // the browser starts with the first HTML page (a crawl of PDFs never needs it)
    let renderer: Promise<PageRenderer> | undefined;
    const browser = () =>
      (renderer ??= openRenderer({ fetch: (url) => fetchPage(url, { ...fetchOptions, accept: '*/*' }), userAgent: USER_AGENT, timeoutMs: fetchOptions.timeoutMs, maxBytes: fetchOptions.maxBytes, signal: ctx.signal }));
    let rendered = 0;
    const load = async (url: string) => {
      const page = await fetchPage(url, fetchOptions);
      if (!config.renderJavaScript || !isHtml(page)) return page;
      rendered++;
      return (await browser()).render(page);
    };
    let result: CrawlResult;
    try {
      result = await crawl(
        seeds,
        { depth: config.crawlDepth, maxPages: config.maxPages, scope: config.scope, respectRobots: config.respectRobotsTxt, skip: config.skipPaths.map(patternRegex), concurrency: REQUESTS_AT_ONCE, maxTotalBytes: config.maxTotalMB * 1048576, known, useSitemaps: config.useSitemaps },
        {
          signal: ctx.signal,
          fetch: load,
          robots: (origin) => robots.get(origin) ?? robots.set(origin, robotsOf(origin, fetchOptions)).get(origin)!,
          links: (page) => pageLinks(page.body.toString('utf8'), page.finalUrl),
          onSettled: (done, url, failure) => {
            if (failure) ctx.emit({ type: 'log', data: { level: 'error', ...failure } });
            ctx.emit({ type: 'progress', data: { done, unit: 'pages' } });
          },
        },
      );
    } finally {
      await renderer?.then((open) => open.close(), () => undefined);
    }
    const { failures } = result;
    const listed = listFailures(failures);
    ctx.record({
      pagesLoaded: result.pages.length,
      pagesFailed: failures.length,
      ...(known.length > 0 ? { pagesKnown: known.length, pagesGone: result.gone.length } : {}),
      linksDisallowedByRobots: result.disallowed,
      linksSkipped: result.skipped,
      linksLeftOver: result.leftOver,
      sitemapsRead: result.sitemaps,
      bytesLoaded: result.bytes,
      ...(config.renderJavaScript ? { pagesRendered: rendered } : {}),
      ...(failures.length > 0 ? { failures: listed.files } : {}),
    });
    if (result.pages.length === 0) throw nothingLoaded(result, listed);
    return { files: result.pages.map(pageFile), failures: listed, gone: result.gone, addresses: addressesAfter(result, known) };
  },
});

/**
 * A load that loaded no page fails, and so removes nothing: when every page answers 404, the site is
 * more likely down or moved than emptied.
 */
function nothingLoaded(result: CrawlResult, listed: FileFailuresValue): NodeError {
  if (result.failures.length > 0) {
    return new NodeError(result.failures[0]!.code as NodeError['code'], noneWorkedMessage(result.failures, 'pages could be loaded'), { details: { failures: listed.files, failed: listed.count } });
  }
  if (result.gone.length > 0) {
    return new NodeError(
      'NOT_FOUND',
      `every page answered 404 or 410 (${result.gone.length} of them): nothing was loaded or removed, since a site that loses every page is more likely down or moved; delete the documents from the collection if they are gone for good`,
    );
  }
  return new NodeError('EMPTY_INPUT', 'no page to load: the sitemaps given list none on their own host, or skipPaths and robots.txt leave out every page they list');
}

/** The pages loaded, then the known ones neither loaded nor gone (not checked this time: kept for the next load). */
function addressesAfter(result: CrawlResult, known: URL[]): string[] {
  const addresses = new Set(result.pages.map((page) => page.finalUrl));
  const gone = new Set(result.gone);
  for (const url of known) if (!gone.has(url.href)) addresses.add(url.href);
  return [...addresses];
}

function pageFile(page: FetchedPage): FileValue {
  return {
    name: page.finalUrl,
    // the charset a server sends decodes pages that are not UTF-8 (fileValue allows 200 characters)
    ...(page.contentType ? { mimeType: page.contentType.slice(0, 200) } : {}),
    contentBase64: page.body.toString('base64'),
    size: page.body.length,
    sourceId: page.finalUrl,
    metadata: { url: page.finalUrl },
  };
}

/**
 * An origin's robots.txt (RFC 9309): none there (4xx) allows everything; a server error or no answer
 * means the site cannot say, which the RFC reads as "disallow all".
 */
async function robotsOf(origin: string, options: FetchOptions): Promise<Robots> {
  try {
    const page = await fetchPage(`${origin}/robots.txt`, { ...options, maxBytes: 512 * 1024, accept: 'text/plain' });
    return parseRobots(page.body.toString('utf8'), ROBOTS_TOKEN);
  } catch (error) {
    if (isNodeError(error) && error.code === 'CANCELLED') throw error;
    const status = isNodeError(error) ? Number(error.details?.status) : NaN;
    return status >= 400 && status < 500 ? ALLOW_ALL : DISALLOW_ALL;
  }
}

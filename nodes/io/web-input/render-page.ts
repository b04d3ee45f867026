import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, Route } from 'playwright-core';
import { NodeError } from '../../core/errors';
import type { FetchedPage } from './fetch-page';

/**
 * Pages built by JavaScript (single-page apps), read as a browser shows them: each HTML page runs in
 * a headless Chromium and its DOM, once the page has loaded and its requests have settled, becomes
 * the page's body (so its text and its links are the rendered ones).
 *
 * The browser never reaches the network itself. Every request a page makes is answered through
 * `fetch` (the loader's own fetchPage: the private-network guard, proxies, size and time limits);
 * the document itself is answered with the body already loaded; images, media, fonts and style sheets
 * are not loaded (text does not need them), nor anything but GET and HEAD, nor web sockets; and the
 * browser's own name resolution is switched off, so nothing leaves it but through here.
 */
export interface PageRenderer {
  render(page: FetchedPage): Promise<FetchedPage>;
  close(): Promise<void>;
}

export interface RenderOptions {
  /** answers the page's own requests (scripts, data) */
  fetch(url: string): Promise<FetchedPage>;
  userAgent: string;
  /** time a page has to load and settle */
  timeoutMs: number;
  /** largest rendered page */
  maxBytes: number;
  signal: AbortSignal;
}

/** Requests one page may make beyond its document: enough for an app's scripts and data, not a crawl of its own. */
const MAX_REQUESTS_PER_PAGE = 200;
/** How long a loaded page may keep fetching before its DOM is read. */
const SETTLE_MS = 3000;
const SKIPPED_RESOURCES = new Set(['image', 'media', 'font', 'stylesheet', 'manifest', 'texttrack']);
const BROWSER_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--dns-prefetch-disable',
  // no name resolves in the browser: only requests answered through the loader get anywhere
  '--host-resolver-rules=MAP * ~NOTFOUND',
];

export async function openRenderer(options: RenderOptions): Promise<PageRenderer> {
  const browser = await launch();
  const closeOnAbort = () => void browser.close().catch(() => undefined);
  options.signal.addEventListener('abort', closeOnAbort, { once: true });
  const context = await browser.newContext({ userAgent: options.userAgent, serviceWorkers: 'block', acceptDownloads: false });
  await context.routeWebSocket(/.*/, (socket) => socket.close());
  return {
    render: (page) => renderOne(context, page, options),
    async close() {
      options.signal.removeEventListener('abort', closeOnAbort);
      await browser.close().catch(() => undefined);
    },
  };
}

async function renderOne(context: BrowserContext, page: FetchedPage, options: RenderOptions): Promise<FetchedPage> {
  const tab = await context.newPage();
  let requests = 0;
  await tab.route('**/*', async (route: Route) => {
    const request = route.request();
    try {
      if (request.isNavigationRequest() && request.frame() === tab.mainFrame() && request.url() === page.finalUrl) {
        return await route.fulfill({ status: 200, headers: { 'content-type': page.contentType || 'text/html' }, body: page.body });
      }
      const method = request.method();
      if ((method !== 'GET' && method !== 'HEAD') || SKIPPED_RESOURCES.has(request.resourceType()) || ++requests > MAX_REQUESTS_PER_PAGE) {
        return await route.abort('blockedbyclient');
      }
      const answer = await options.fetch(request.url());
      await route.fulfill({ status: 200, headers: { 'content-type': answer.contentType || 'application/octet-stream' }, body: answer.body });
    } catch {
      // refused by the loader (private address, too large, an error status), or the tab closed meanwhile
      await route.abort('failed').catch(() => undefined);
    }
  });
  try {
    await tab.goto(page.finalUrl, { waitUntil: 'load', timeout: options.timeoutMs });
    // an app fetches its content after load: give its requests a moment to settle
    await tab.waitForLoadState('networkidle', { timeout: Math.min(SETTLE_MS, options.timeoutMs) }).catch(() => undefined);
    const body = Buffer.from(await tab.content(), 'utf8');
    if (body.length > options.maxBytes) throw new NodeError('TOO_LARGE', `${page.finalUrl} is larger than ${(options.maxBytes / 1048576).toFixed(0)} MB once rendered (maxPageMB)`);
    return { ...page, mimeType: 'text/html', contentType: 'text/html; charset=utf-8', body };
  } catch (error) {
    if (error instanceof NodeError) throw error;
    if (options.signal.aborted) throw options.signal.reason instanceof Error ? options.signal.reason : new NodeError('CANCELLED', 'loading web pages was cancelled');
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    throw new NodeError(timedOut ? 'TIMEOUT' : 'REMOTE_ERROR', `${page.finalUrl}: ${timedOut ? `did not finish rendering within ${options.timeoutMs / 1000} s (timeoutSeconds)` : `could not be rendered (${firstLine(error)})`}`);
  } finally {
    await tab.close().catch(() => undefined);
  }
}

/** Chromium: CHROMIUM_PATH, else a system install, else the one Playwright downloads (`npx playwright install chromium`). */
async function launch(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  const configured = process.env.CHROMIUM_PATH?.trim();
  if (configured && !existsSync(configured)) {
    throw new NodeError('INVALID_CONFIG', `CHROMIUM_PATH is ${configured}, where there is no file: point it at a Chromium or Chrome executable, or turn off renderJavaScript`);
  }
  const executablePath = configured || SYSTEM_BROWSERS.find((path) => existsSync(path));
  try {
    return await chromium.launch({ executablePath, args: BROWSER_ARGS });
  } catch (error) {
    throw new NodeError(
      'INVALID_CONFIG',
      `renderJavaScript needs Chromium, which could not be started (${firstLine(error)}): install it (Debian: apt install chromium; or npx playwright install chromium) or set CHROMIUM_PATH, or turn off renderJavaScript`,
    );
  }
}

const SYSTEM_BROWSERS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 200);
}

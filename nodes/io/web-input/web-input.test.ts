import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { isNodeError, type NodeError } from '../../core/errors';
import type { FileFailuresValue, FileValue } from '../../core/values';
import { parseDocumentConfig } from '../../parse/document/definition';
import { parseDocumentExecutor } from '../../parse/document/execute';
import { createTestContext, type TestContext } from '../../testing/context';
import { htmlPage, startTestSite, type SitePage, type TestSite } from '../../testing/web-site';
import { webInputConfig } from './definition';
import { webInputExecutor } from './execute';
import { isPrivateAddress } from './network-guard';
import { parseRobots } from './robots';

let site: TestSite | undefined;
afterEach(async () => {
  await site?.close();
  site = undefined;
});

async function serve(pages: Record<string, SitePage>): Promise<TestSite> {
  site = await startTestSite(pages);
  return site;
}

type Loaded = { files: FileValue[]; failures: FileFailuresValue; gone: string[]; addresses: string[] };

/** Loads `urls`, or a whole run input ({urls, known}) */
async function load(urls: unknown, config: Record<string, unknown> = {}, ctx: TestContext = createTestContext()): Promise<Loaded> {
  ctx.runInput = Array.isArray(urls) ? { urls } : (urls as Record<string, unknown>);
  return (await webInputExecutor.execute!(ctx, {}, webInputConfig.parse({ allowPrivateNetwork: true, ...config }))) as Loaded;
}

async function failure(promise: Promise<unknown>): Promise<NodeError> {
  try {
    await promise;
  } catch (error) {
    if (isNodeError(error)) return error;
    throw error;
  }
  throw new Error('expected the node to fail');
}

const names = (loaded: Loaded) => loaded.files.map((f) => new URL(f.name).pathname).sort();

describe('io.web-input: loading pages', () => {
  it('gives each page as a file named by its address, with its content type, bytes and url metadata', async () => {
    const s = await serve({ '/docs/intro': { body: htmlPage('Intro', 'Welcome to the docs.', ['/docs/next']) } });
    const loaded = await load([`${s.url}/docs/intro#section`]);
    expect(loaded.files).toHaveLength(1);
    const file = loaded.files[0]!;
    expect(file).toMatchObject({ name: `${s.url}/docs/intro`, sourceId: `${s.url}/docs/intro`, mimeType: 'text/html; charset=utf-8', metadata: { url: `${s.url}/docs/intro` } });
    expect(Buffer.from(file.contentBase64, 'base64').toString('utf8')).toContain('Welcome to the docs.');
    expect(file.size).toBe(Buffer.from(file.contentBase64, 'base64').length);
    expect(loaded.failures).toEqual({ count: 0, files: [] });
    // depth 0: the link is not followed
    expect(s.requests).toEqual(['/docs/intro']);
  });

  it('crawls links under the start page\'s folder, breadth first, to the depth asked', async () => {
    const s = await serve({
      '/docs/intro': { body: htmlPage('Intro', 'start', ['a', '/docs/b', '/docs/b?utm_source=news&amp;fbclid=1', '/blog/post', 'http://example.invalid/docs/x', '/docs/archive.zip', 'mailto:x@y.z', '#top']) },
      '/docs/a': { body: htmlPage('A', 'page a', ['/docs/deeper/c', '/docs/intro']) },
      '/docs/b': { body: htmlPage('B', 'page b') },
      '/docs/deeper/c': { body: htmlPage('C', 'page c', ['/docs/deeper/d']) },
      '/docs/deeper/d': { body: htmlPage('D', 'page d') },
      '/blog/post': { body: htmlPage('Blog', 'off scope') },
    });
    expect(names(await load([`${s.url}/docs/intro`], { crawlDepth: 1 }))).toEqual(['/docs/a', '/docs/b', '/docs/intro']);
    s.requests.length = 0;
    const deeper = await load([`${s.url}/docs/intro`], { crawlDepth: 2 });
    expect(names(deeper)).toEqual(['/docs/a', '/docs/b', '/docs/deeper/c', '/docs/intro']);
    // robots.txt is asked once; the blog, the other host and the archive never; b once, without its tracking parameters
    expect(s.requests.filter((r) => r.startsWith('/docs/b'))).toEqual(['/docs/b']);
    expect(s.requests.filter((r) => r === '/robots.txt')).toHaveLength(1);
    expect(s.requests).not.toContain('/blog/post');
    expect(s.requests).not.toContain('/docs/archive.zip');
    // scope "site" follows the blog link too
    expect(names(await load([`${s.url}/docs/intro`], { crawlDepth: 1, scope: 'site' }))).toContain('/blog/post');
  });

  it('leaves alone the links robots.txt disallows, but loads an address it was given', async () => {
    const s = await serve({
      '/robots.txt': { type: 'text/plain', body: 'User-agent: *\nDisallow: /docs/private\nDisallow: /docs/*.pdf$\n\nUser-agent: otherbot\nDisallow: /' },
      '/docs/private/start': { body: htmlPage('Start', 'given', ['/docs/public', '/docs/private/secret', '/docs/paper.pdf']) },
      '/docs/public': { body: htmlPage('Public', 'ok') },
      '/docs/private/secret': { body: htmlPage('Secret', 'no') },
    });
    const ctx = createTestContext();
    const loaded = await load([`${s.url}/docs/private/start`], { crawlDepth: 1, scope: 'site' }, ctx);
    expect(names(loaded)).toEqual(['/docs/private/start', '/docs/public']);
    expect(s.requests).not.toContain('/docs/private/secret');
    expect(s.requests).not.toContain('/docs/paper.pdf');
    expect(ctx.metrics).toMatchObject({ pagesLoaded: 2, pagesFailed: 0, linksDisallowedByRobots: 2 });
    // off, every in-scope link is followed
    s.requests.length = 0;
    expect(names(await load([`${s.url}/docs/private/start`], { crawlDepth: 1, scope: 'site', respectRobotsTxt: false }))).toContain('/docs/private/secret');
    expect(s.requests).not.toContain('/robots.txt');
  });

  it('reads a sitemap (and a sitemap index) as the pages it lists, on its own host, without their links at depth 0', async () => {
    const s = await serve({
      '/sitemap_index.xml': {
        type: 'application/xml',
        body: (origin) => `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${origin}/sitemap-docs.xml</loc></sitemap></sitemapindex>`,
      },
      '/sitemap-docs.xml': {
        type: 'text/xml',
        body: (origin) =>
          `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${origin}/docs/a?x=1&amp;y=2</loc></url><url><loc> ${origin}/blog/b </loc></url><url><loc>http://other.invalid/c</loc></url><url><loc>${origin}/private/d</loc></url></urlset>`,
      },
      '/docs/a?x=1&y=2': { body: htmlPage('A', 'page a', ['/docs/linked']) },
      '/blog/b': { body: htmlPage('B', 'page b') },
      '/robots.txt': { type: 'text/plain', body: 'User-agent: *\nDisallow: /private/' },
    });
    const ctx = createTestContext();
    const loaded = await load([`${s.url}/sitemap_index.xml`], {}, ctx);
    expect(loaded.files.map((f) => f.name).sort()).toEqual([`${s.url}/blog/b`, `${s.url}/docs/a?x=1&y=2`]);
    expect(ctx.metrics).toMatchObject({ sitemapsRead: 2, linksDisallowedByRobots: 1, pagesLoaded: 2 });
    expect(s.requests).not.toContain('/docs/linked');
    expect(s.requests).not.toContain('/private/d');
  });

  it('reads a gzipped sitemap (sitemap.xml.gz served as a gzip file), also when a sitemap index lists it', async () => {
    const s = await serve({
      '/sitemap_index.xml': { type: 'application/xml', body: (origin) => `<sitemapindex><sitemap><loc>${origin}/sitemap-1.xml.gz</loc></sitemap></sitemapindex>` },
      '/sitemap-1.xml.gz': { type: 'application/x-gzip', body: (origin) => gzipSync(`<urlset><url><loc>${origin}/guide/</loc></url></urlset>`) },
      '/guide/': { body: htmlPage('Guide', 'From the zipped sitemap.') },
    });
    const ctx = createTestContext();
    const loaded = await load([`${s.url}/sitemap_index.xml`], {}, ctx);
    expect(names(loaded)).toEqual(['/guide/']);
    expect(ctx.metrics).toMatchObject({ sitemapsRead: 2, pagesLoaded: 1 });
  });

  it('with useSitemaps, also loads the pages the sitemap robots.txt names lists, within the scope of the address given', async () => {
    const s = await serve({
      '/robots.txt': { type: 'text/plain', body: (origin) => `User-agent: *\nDisallow: /docs/drafts/\nSitemap: ${origin}/maps/index.xml\nSitemap: http://elsewhere.invalid/sitemap.xml` },
      '/maps/index.xml': { type: 'application/xml', body: (origin) => `<sitemapindex><sitemap><loc>${origin}/maps/pages.xml.gz</loc></sitemap></sitemapindex>` },
      '/maps/pages.xml.gz': {
        type: 'application/gzip',
        body: (origin) => gzipSync(`<urlset>${['/docs/', '/docs/orphan', '/docs/drafts/wip', '/blog/news'].map((p) => `<url><loc>${origin}${p}</loc></url>`).join('')}</urlset>`),
      },
      '/docs/': { body: htmlPage('Docs', 'index') },
      '/docs/orphan': { body: htmlPage('Orphan', 'no link leads here', ['/docs/linked']) },
      '/docs/linked': { body: htmlPage('Linked', 'only linked from the orphan') },
      '/blog/news': { body: htmlPage('News', 'outside the folder') },
    });
    const ctx = createTestContext();
    const loaded = await load([`${s.url}/docs/`], { useSitemaps: true }, ctx);
    expect(names(loaded)).toEqual(['/docs/', '/docs/orphan']);
    expect(loaded.failures.count).toBe(0);
    expect(ctx.metrics).toMatchObject({ sitemapsRead: 2, linksDisallowedByRobots: 1 });
    expect(s.requests).not.toContain('/blog/news');
    // with links followed, a sitemap's page is a start like the address given
    const deeper = await load([`${s.url}/docs/`], { useSitemaps: true, crawlDepth: 1 });
    expect(names(deeper)).toEqual(['/docs/', '/docs/linked', '/docs/orphan']);
  });

  it('with useSitemaps, tries /sitemap.xml where robots.txt names none, and a site without one is no failure', async () => {
    const withOne = await serve({
      '/': { body: htmlPage('Home', 'home') },
      '/sitemap.xml': { type: 'text/xml', body: (origin) => `<urlset><url><loc>${origin}/about</loc></url></urlset>` },
      '/about': { body: htmlPage('About', 'about us') },
    });
    expect(names(await load([`${withOne.url}/`], { useSitemaps: true }))).toEqual(['/', '/about']);
    await withOne.close();
    // none there (404), or a "not found" page answered with 200: neither is a page nor a failure
    const without = await serve({ '/': { body: htmlPage('Home', 'home') } });
    const plain = await load([`${without.url}/`], { useSitemaps: true });
    expect(names(plain)).toEqual(['/']);
    expect(plain.failures.count).toBe(0);
    expect(without.requests).toContain('/sitemap.xml');
    await without.close();
    const soft = await serve({ '/': { body: htmlPage('Home', 'home') }, '/sitemap.xml': { body: htmlPage('Not found', 'Sorry, nothing here.') } });
    const shown = await load([`${soft.url}/`], { useSitemaps: true });
    expect(names(shown)).toEqual(['/']);
    expect(shown.failures.count).toBe(0);
  });

  it('does not follow links that match skipPaths, but loads an address it was given', async () => {
    const s = await serve({
      '/docs/blog/start': { body: htmlPage('Start', 'given', ['/docs/blog/post', '/docs/a/changelog', '/docs/paper.pdf', '/docs/keep', '/docs/keep?page=2']) },
      '/docs/keep': { body: htmlPage('Keep', 'kept') },
      '/docs/keep?page=2': { body: htmlPage('Keep 2', 'kept too') },
    });
    const ctx = createTestContext();
    const loaded = await load([`${s.url}/docs/blog/start`], { crawlDepth: 1, scope: 'site', skipPaths: ['/docs/blog/', '/*/changelog', '*.pdf$'] }, ctx);
    expect(loaded.files.map((f) => new URL(f.name).pathname + new URL(f.name).search).sort()).toEqual(['/docs/blog/start', '/docs/keep', '/docs/keep?page=2']);
    expect(ctx.metrics).toMatchObject({ linksSkipped: 3 });
    expect(s.requests.filter((r) => r !== '/robots.txt').sort()).toEqual(['/docs/blog/start', '/docs/keep', '/docs/keep?page=2']);
  });

  it('leaves the time robots.txt asks for between followed requests to a site', async () => {
    const s = await serve({
      '/robots.txt': { type: 'text/plain', body: 'User-agent: *\nCrawl-delay: 0.3\nDisallow: /private/' },
      '/': { body: htmlPage('Home', 'home', ['/a', '/b', '/c']) },
      '/a': { body: htmlPage('A', 'a') },
      '/b': { body: htmlPage('B', 'b') },
      '/c': { body: htmlPage('C', 'c') },
    });
    await load([`${s.url}/`], { crawlDepth: 1 });
    const started = s.arrivals.filter((a) => ['/a', '/b', '/c'].includes(a.path)).map((a) => a.at);
    started.sort((x, y) => x - y);
    // 0.3 s apart (a little less allowed for timer granularity), where four at a time would start together
    expect(started[1]! - started[0]!).toBeGreaterThanOrEqual(280);
    expect(started[2]! - started[1]!).toBeGreaterThanOrEqual(280);
    expect(parseRobots('User-agent: *\nCrawl-delay: 600', 'ragraph').crawlDelaySeconds).toBe(10);
    expect(parseRobots('User-agent: *\nCrawl-delay: soon', 'ragraph').crawlDelaySeconds).toBeUndefined();
  });

  it('fails clearly when a sitemap leaves nothing to load', async () => {
    const s = await serve({
      '/sitemap.xml': { type: 'application/xml', body: (origin) => `<urlset><url><loc>${origin}/private/a</loc></url><url><loc>http://other.invalid/b</loc></url></urlset>` },
      '/robots.txt': { type: 'text/plain', body: 'User-agent: *\nDisallow: /private/' },
    });
    const error = await failure(load([`${s.url}/sitemap.xml`]));
    expect(error.code).toBe('EMPTY_INPUT');
    expect(error.message).toContain('no page to load');
  });

  it('follows redirects, names the page by where it landed and loads a page two links lead to once', async () => {
    const s = await serve({
      '/docs/': { body: htmlPage('Home', 'home', ['old', 'older', 'new']) },
      '/docs/old': { redirect: '/docs/new', status: 301 },
      '/docs/older': { redirect: '/docs/old' },
      '/docs/new': { body: htmlPage('New', 'the new page') },
      '/loop': { redirect: '/loop' },
    });
    const loaded = await load([`${s.url}/docs/`], { crawlDepth: 1 });
    expect(names(loaded)).toEqual(['/docs/', '/docs/new']);
    const error = await failure(load([`${s.url}/loop`]));
    expect(error.code).toBe('REMOTE_ERROR');
    expect(error.message).toMatch(/more than 5 redirects/);
  });

  it('scopes a given address by where it lands: another host, or /docs to /docs/', async () => {
    const s = await serve({
      '/docs': { redirect: '/docs/', status: 301 },
      '/docs/': { body: htmlPage('Docs', 'index', ['a', '/blog/x']) },
      '/docs/a': { body: htmlPage('A', 'page a') },
      '/blog/x': { body: htmlPage('Blog', 'off scope') },
    });
    // /docs lands on /docs/: its links under /docs/ are followed, the blog is not
    expect(names(await load([`${s.url}/docs`], { crawlDepth: 1 }))).toEqual(['/docs/', '/docs/a']);
    // localhost redirected to 127.0.0.1 (another host, as example.com to www.example.com)
    const other = await startTestSite({ '/docs/': { redirect: `${s.url}/docs/` } });
    try {
      const loaded = await load([`${other.url.replace('127.0.0.1', 'localhost')}/docs/`], { crawlDepth: 1 });
      expect(loaded.files.map((f) => f.name).sort()).toEqual([`${s.url}/docs/`, `${s.url}/docs/a`]);
    } finally {
      await other.close();
    }
  });

  it('reports pages that fail and keeps the others; fails only when none loads, naming each reason', async () => {
    const s = await serve({
      '/ok': { body: htmlPage('OK', 'fine') },
      '/gone': { status: 410, body: 'gone' },
      '/broken': { status: 500, body: 'oops' },
    });
    const ctx = createTestContext();
    const loaded = await load([`${s.url}/ok`, `${s.url}/missing`, `${s.url}/gone`], {}, ctx);
    expect(names(loaded)).toEqual(['/ok']);
    expect(loaded.failures.count).toBe(2);
    expect(loaded.failures.files).toContainEqual({ file: `${s.url}/missing`, code: 'REMOTE_ERROR', message: `${s.url}/missing answered HTTP 404 Not Found` });
    expect(ctx.events.filter((e) => e.type === 'log')).toHaveLength(2);
    const error = await failure(load([`${s.url}/gone`, `${s.url}/broken`]));
    expect(error.code).toBe('REMOTE_ERROR');
    expect(error.message).toContain('none of the 2 pages could be loaded');
    expect(error.message).toContain('HTTP 410');
    expect(error.message).toContain('HTTP 500');
  });

  it('stops at maxPages, nearest pages first, and counts what it left', async () => {
    const links = Array.from({ length: 8 }, (_, i) => `/p${i}`);
    const pages: Record<string, SitePage> = { '/': { body: htmlPage('Root', 'root', links) } };
    for (const link of links) pages[link] = { body: htmlPage(link, link) };
    const s = await serve(pages);
    const ctx = createTestContext();
    const loaded = await load([`${s.url}/`], { crawlDepth: 1, maxPages: 4 }, ctx);
    expect(loaded.files).toHaveLength(4);
    expect(names(loaded)[0]).toBe('/');
    expect(ctx.metrics.linksLeftOver).toBe(5);
  });

  it('stops requesting once the pages loaded add up to maxTotalMB', async () => {
    const links = Array.from({ length: 6 }, (_, i) => `/big${i}`);
    const pages: Record<string, SitePage> = { '/': { body: htmlPage('Root', 'root', links) } };
    for (const link of links) pages[link] = { type: 'text/plain', body: 'x'.repeat(60_000) };
    const s = await serve(pages);
    const ctx = createTestContext();
    // 0.1 MB: the root and two 60 KB pages cross it; requests already in flight (four at a time) finish
    const loaded = await load([`${s.url}/`], { crawlDepth: 1, maxTotalMB: 0.1 }, ctx);
    expect(loaded.files.length).toBeLessThan(7);
    expect(loaded.files.length).toBeGreaterThanOrEqual(3);
    expect(ctx.metrics.linksLeftOver).toBe(7 - loaded.files.length);
    expect(ctx.metrics.bytesLoaded).toBe(loaded.files.reduce((sum, f) => sum + f.size!, 0));
  });

  it('reads gzip bodies, refuses oversize pages and times out a page that never answers', async () => {
    const big = 'x'.repeat(300_000);
    const s = await serve({
      '/zipped': { gzip: true, type: 'text/plain', body: 'compressed text' },
      '/big': { type: 'text/plain', body: big },
      '/bomb': { gzip: true, type: 'text/plain', body: big },
      '/stall': { hang: true },
    });
    const zipped = await load([`${s.url}/zipped`]);
    expect(Buffer.from(zipped.files[0]!.contentBase64, 'base64').toString('utf8')).toBe('compressed text');
    const tooBig = await failure(load([`${s.url}/big`], { maxPageMB: 0.1 }));
    expect(tooBig.code).toBe('TOO_LARGE');
    expect(tooBig.message).toContain('maxPageMB');
    // a small compressed body that grows past the limit is cut off as it inflates
    expect((await failure(load([`${s.url}/bomb`], { maxPageMB: 0.1 }))).code).toBe('TOO_LARGE');
    const stalled = await failure(load([`${s.url}/stall`], { timeoutSeconds: 1 }));
    expect(stalled.code).toBe('TIMEOUT');
    expect(stalled.message).toBe(`${s.url}/stall did not answer within 1 s (timeoutSeconds)`);
  });

  it('stops when the run is cancelled', async () => {
    const s = await serve({ '/stall': { hang: true } });
    const ctx = createTestContext();
    setTimeout(() => ctx.controller.abort(), 100);
    const error = await failure(load([`${s.url}/stall`], { timeoutSeconds: 30 }, ctx));
    expect(error.code).toBe('CANCELLED');
  });

  it('refuses addresses on the server\'s own network unless the graph allows them', async () => {
    const s = await serve({ '/': { body: htmlPage('Local', 'internal') } });
    const ctx = createTestContext();
    ctx.runInput = { urls: [`${s.url}/`] };
    const literal = await failure(webInputExecutor.execute!(ctx, {}, webInputConfig.parse({})) as Promise<unknown>);
    expect(literal.code).toBe('INVALID_INPUT');
    expect(literal.message).toBe(`${s.url}/: 127.0.0.1 is a private or local network address; loading pages from the server's own network is off (allowPrivateNetwork)`);
    expect(literal.message).toContain('allowPrivateNetwork');
    // a host name is checked on what it resolves to
    ctx.runInput = { urls: [s.url.replace('127.0.0.1', 'localhost')] };
    const named = await failure(webInputExecutor.execute!(ctx, {}, webInputConfig.parse({})) as Promise<unknown>);
    expect(named.code).toBe('INVALID_INPUT');
    expect(named.message).toMatch(/localhost resolves to (127\.0\.0\.1|::1), a private or local network address/);
    expect(s.requests).toEqual([]);
    // a redirect to the local network is checked again
    const redirecting = await startTestSite({ '/': { redirect: 'http://169.254.169.254/latest/meta-data/' } });
    try {
      const viaRedirect = await failure(load([`${redirecting.url}/`], { allowPrivateNetwork: false }));
      expect(viaRedirect.code).toBe('INVALID_INPUT');
    } finally {
      await redirecting.close();
    }
  });

  it('refuses run input that is not a list of http(s) addresses, saying what to fix', async () => {
    expect((await failure(load([]))).message).toContain('give at least one address');
    const ftp = await failure(load(['ftp://example.com/file']));
    expect(ftp.code).toBe('INVALID_INPUT');
    expect(ftp.message).toContain('only http and https pages can be loaded');
    expect((await failure(load(['docs/intro']))).message).toContain('is not a URL: give a full address');
    expect((await failure(load(['https://user:pw@example.com/']))).message).toContain('user name or password');
  });

  it('feeds Parse documents: each page becomes a document titled by its heading and known by its address', async () => {
    const s = await serve({
      '/guide/': { body: htmlPage('Publishing guide', 'Publish a saved version as an endpoint.', ['setup']) },
      '/guide/setup': { type: 'text/markdown', body: '# Setup\n\nRun npm start.' },
    });
    const loaded = await load([`${s.url}/guide/`], { crawlDepth: 1 });
    const parsed = (await parseDocumentExecutor.execute!(createTestContext(), { files: loaded.files }, parseDocumentConfig.parse({}))) as { documents: { sourceId: string; text: string; metadata: Record<string, unknown> }[] };
    const byTitle = Object.fromEntries(parsed.documents.map((d) => [d.metadata.title, d]));
    expect(Object.keys(byTitle).sort()).toEqual(['Publishing guide', 'Setup']);
    expect(byTitle['Publishing guide']!.sourceId).toBe(`${s.url}/guide/`);
    expect(byTitle['Publishing guide']!.text).toContain('Publish a saved version as an endpoint.');
    expect(byTitle.Setup!.metadata).toMatchObject({ url: `${s.url}/guide/setup`, format: 'markdown' });
  });

  it('keeps the charset the server sends, so a Latin-1 page without a <meta> charset reads right', async () => {
    const s = await serve({ '/caf%C3%A9': { type: 'text/html; charset=ISO-8859-1', body: Buffer.from('<html><head><title>Menu</title></head><body><p>Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e</p></body></html>', 'latin1') } });
    const loaded = await load([`${s.url}/caf%C3%A9`]);
    expect(loaded.files[0]!.mimeType).toBe('text/html; charset=ISO-8859-1');
    const parsed = (await parseDocumentExecutor.execute!(createTestContext(), { files: loaded.files }, parseDocumentConfig.parse({}))) as { documents: { text: string }[] };
    expect(parsed.documents[0]!.text).toContain('Café crème brûlée');
  });
});

describe('io.web-input: pages known from the last load', () => {
  it('checks known pages no link leads to any more: still there, loaded; 404 or 410, gone; moved for good, gone with the new address loaded', async () => {
    const s = await serve({
      '/docs/': { body: htmlPage('Docs', 'index', ['kept']) },
      '/docs/kept': { body: htmlPage('Kept', 'still linked') },
      '/docs/orphan': { body: htmlPage('Orphan', 'no longer linked, still served') },
      '/docs/deleted': { status: 404, body: 'not here' },
      '/docs/retired': { status: 410, body: 'gone' },
      '/docs/old-name': { status: 301, redirect: '/docs/new-name' },
      '/docs/new-name': { body: htmlPage('New name', 'moved here') },
      '/docs/members': { status: 302, redirect: '/login' },
      '/login': { body: htmlPage('Sign in', 'Members only.') },
    });
    const known = ['/docs/', '/docs/kept', '/docs/orphan', '/docs/deleted', '/docs/retired', '/docs/old-name', '/docs/members'].map((p) => `${s.url}${p}`);
    const ctx = createTestContext();
    const loaded = await load({ urls: [`${s.url}/docs/`], known }, { crawlDepth: 1 }, ctx);
    expect(names(loaded)).toEqual(['/docs/', '/docs/kept', '/docs/new-name', '/docs/orphan', '/login']);
    expect([...loaded.gone].sort()).toEqual([`${s.url}/docs/deleted`, `${s.url}/docs/old-name`, `${s.url}/docs/retired`]);
    // gone pages are not failures: nothing to show as "could not be loaded"
    expect(loaded.failures).toEqual({ count: 0, files: [] });
    // sent to a login page for now (302): not moved, still known
    expect([...loaded.addresses].sort()).toEqual(['/docs/', '/docs/kept', '/docs/members', '/docs/new-name', '/docs/orphan', '/login'].map((p) => `${s.url}${p}`));
    expect(ctx.metrics).toMatchObject({ pagesKnown: 7, pagesGone: 3, pagesLoaded: 5 });
    // each address once: the linked page is not asked for again as a known one
    expect(s.requests.filter((r) => r === '/docs/kept')).toHaveLength(1);
  });

  it('keeps a known page that fails for another reason, and does not follow a known page\'s links', async () => {
    const s = await serve({
      '/': { body: htmlPage('Home', 'home') },
      '/flaky': { status: 503, body: 'try later' },
      '/island': { body: htmlPage('Island', 'unlinked', ['/beyond']) },
      '/beyond': { body: htmlPage('Beyond', 'never reached') },
    });
    const loaded = await load({ urls: [`${s.url}/`], known: [`${s.url}/flaky`, `${s.url}/island`] }, { crawlDepth: 2, scope: 'site' });
    expect(names(loaded)).toEqual(['/', '/island']);
    expect(loaded.gone).toEqual([]);
    expect(loaded.failures.files.map((f) => f.file)).toEqual([`${s.url}/flaky`]);
    expect([...loaded.addresses].sort()).toEqual([`${s.url}/`, `${s.url}/flaky`, `${s.url}/island`]);
    expect(s.requests).not.toContain('/beyond');
  });

  it('leaves alone a known page that robots.txt now disallows, keeping it known', async () => {
    const s = await serve({ '/robots.txt': { type: 'text/plain', body: 'User-agent: *\nDisallow: /private/' }, '/': { body: htmlPage('Home', 'home') } });
    const loaded = await load({ urls: [`${s.url}/`], known: [`${s.url}/private/page`] });
    expect(s.requests).not.toContain('/private/page');
    expect(loaded.addresses).toEqual([`${s.url}/`, `${s.url}/private/page`]);
  });

  it('fails and removes nothing when every page is gone, since the site is more likely down than emptied', async () => {
    const s = await serve({});
    const error = await failure(load({ urls: [`${s.url}/docs/`], known: [`${s.url}/docs/`, `${s.url}/docs/a`] }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('every page answered 404 or 410 (2 of them): nothing was loaded or removed');
  });

  it('refuses known pages that are not addresses', async () => {
    const error = await failure(load({ urls: ['https://example.com/'], known: ['ftp://example.com/x'] }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('only http and https pages can be loaded');
  });
});

describe('private addresses', () => {
  it.each([
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.20.0.1', true],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['::1', true],
    ['fd00::1', true],
    ['fe80::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:8.8.8.8', false],
    ['8.8.8.8', false],
    ['172.32.0.1', false],
    ['2606:4700:4700::1111', false],
  ])('%s is private: %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });
});

describe('robots.txt', () => {
  const allows = (text: string, path: string) => parseRobots(text, 'ragraph').allows(new URL(`https://site.test${path}`));

  it('takes the longest matching rule, Allow winning a tie, with * and $ patterns', () => {
    const text = 'User-agent: *\nDisallow: /docs/\nAllow: /docs/public\nDisallow: /*.pdf$\nDisallow: /search?q=';
    expect(allows(text, '/docs/internal')).toBe(false);
    expect(allows(text, '/docs/public/page')).toBe(true);
    expect(allows(text, '/papers/a.pdf')).toBe(false);
    expect(allows(text, '/papers/a.pdf.html')).toBe(true);
    expect(allows(text, '/search?q=x')).toBe(false);
    expect(allows(text, '/about')).toBe(true);
    expect(allows('User-agent: *\nDisallow: /a\nAllow: /a', '/a')).toBe(true);
  });

  it('uses the group naming this loader over the * group, and an empty Disallow allows all', () => {
    const text = 'User-agent: *\nDisallow: /\n\nUser-agent: Ragraph\nUser-agent: other\nDisallow: /private';
    expect(allows(text, '/docs')).toBe(true);
    expect(allows(text, '/private/x')).toBe(false);
    expect(allows('User-agent: *\nDisallow:', '/anything')).toBe(true);
    expect(allows('# nothing here', '/anything')).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { isNodeError, type NodeError } from '../../core/errors';
import type { FileValue } from '../../core/values';
import { cleanUpAfterEachTest } from '../../testing/after-each-test';
import { startTestProxy } from '../../testing/http-proxy';
import { createTestContext } from '../../testing/context';
import { htmlPage, startTestSite, type SitePage, type TestSite } from '../../testing/web-site';
import { webInputConfig } from './definition';
import { webInputExecutor } from './execute';

/** A single-page app: an empty shell whose script fetches the article and writes it, with a link, into the page. */
const APP: Record<string, SitePage> = {
  '/app/': { body: '<!doctype html><html><head><title>App</title><script src="/app/main.js"></script><link rel="stylesheet" href="/app/style.css"></head><body><div id="root">Loading…</div></body></html>' },
  '/app/main.js': {
    type: 'text/javascript',
    body: `addEventListener('DOMContentLoaded', async () => {
      const article = await (await fetch('/api/article.json')).json();
      document.getElementById('root').innerHTML = '<h1>' + article.title + '</h1><p>' + article.text + '</p><a href="/app/second">Next</a><img src="/app/logo.png">';
      fetch('/api/track', { method: 'POST', body: 'seen' }).catch(() => {});
    });`,
  },
  '/api/article.json': { type: 'application/json', body: JSON.stringify({ title: 'Rendered article', text: 'Written by the page script after load.' }) },
  '/app/second': { body: htmlPage('Second', 'Reached through a link the script wrote.') },
  '/app/style.css': { type: 'text/css', body: 'h1 { color: red }' },
  '/app/logo.png': { type: 'image/png', body: 'png' },
};

describe('io.web-input: rendering JavaScript', () => {
  const { track } = cleanUpAfterEachTest(['HTTP_PROXY', 'CHROMIUM_PATH']);
  const serve = async (pages: Record<string, SitePage>): Promise<TestSite> => track(await startTestSite(pages));
  const load = async (urls: string[], config: Record<string, unknown>) => {
    const ctx = createTestContext();
    ctx.runInput = { urls };
    const out = (await webInputExecutor.execute!(ctx, {}, webInputConfig.parse(config))) as { files: FileValue[] };
    return { files: out.files, metrics: ctx.metrics };
  };
  const text = (file: FileValue) => Buffer.from(file.contentBase64, 'base64').toString('utf8');

  it('reads a page as the browser shows it once its script has run, and follows the links the script wrote', async () => {
    const site = await serve(APP);
    const plain = await load([`${site.url}/app/`], { crawlDepth: 1, allowPrivateNetwork: true });
    expect(plain.files.map((f) => new URL(f.name).pathname)).toEqual(['/app/']);
    expect(text(plain.files[0]!)).not.toContain('Rendered article');
    site.requests.length = 0;

    const rendered = await load([`${site.url}/app/`], { crawlDepth: 1, allowPrivateNetwork: true, renderJavaScript: true });
    expect(rendered.files.map((f) => new URL(f.name).pathname)).toEqual(['/app/', '/app/second']);
    const page = rendered.files[0]!;
    expect(page.mimeType).toBe('text/html; charset=utf-8');
    expect(text(page)).toContain('<h1>Rendered article</h1><p>Written by the page script after load.</p>');
    expect(rendered.metrics).toMatchObject({ pagesRendered: 2, pagesLoaded: 2 });
    // the document is fetched once (the browser gets the body already loaded), its script and data
    // through the loader; images, style sheets and the POST never leave
    expect(site.requests.filter((r) => r === '/app/')).toHaveLength(1);
    expect(site.requests).toContain('/app/main.js');
    expect(site.requests).toContain('/api/article.json');
    expect(site.requests).not.toContain('/app/logo.png');
    expect(site.requests).not.toContain('/app/style.css');
    expect(site.requests).not.toContain('/api/track');
  });

  it('keeps a page\'s scripts off the private network: their requests go through the loader\'s guard', async () => {
    const secret = await serve({ '/latest/meta-data': { type: 'text/plain', body: 'instance credentials' } });
    const app = await serve({
      '/': {
        body: `<!doctype html><html><body><div id="out">waiting</div><script>
          fetch('${secret.url}/latest/meta-data').then((r) => r.text()).then((t) => { document.getElementById('out').textContent = 'leaked: ' + t; }, () => { document.getElementById('out').textContent = 'refused'; });
        </script></body></html>`,
      },
    });
    // the app is on the public side of a proxy (a name only the proxy knows); the metadata service on this machine
    const proxy = await startTestProxy({ route: () => ({ host: '127.0.0.1', port: Number(new URL(app.url).port) }) });
    track(proxy);
    process.env.HTTP_PROXY = proxy.url;
    const { files } = await load(['http://app.internal.test/'], { renderJavaScript: true });
    expect(text(files[0]!)).toContain('<div id="out">refused</div>');
    expect(secret.requests).toEqual([]);
  });

  it('says how to get Chromium when it cannot be started, at the first page', async () => {
    const site = await serve({ '/': { body: htmlPage('Home', 'home', ['a', 'b']) }, '/a': { body: htmlPage('A', 'a') }, '/b': { body: htmlPage('B', 'b') } });
    process.env.CHROMIUM_PATH = '/nowhere/chromium';
    const error = await load([`${site.url}/`], { renderJavaScript: true, allowPrivateNetwork: true, crawlDepth: 1 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isNodeError(error)).toBe(true);
    expect((error as NodeError).code).toBe('INVALID_CONFIG');
    expect((error as NodeError).message).toBe('CHROMIUM_PATH is /nowhere/chromium, where there is no file: point it at a Chromium or Chrome executable, or turn off renderJavaScript');
    // the first page tells: the crawl stops there rather than failing every page alike
    expect(site.requests).toEqual(['/']);
  });
});

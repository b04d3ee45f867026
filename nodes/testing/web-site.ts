import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

/**
 * A real HTTP site on 127.0.0.1 for the web loader's tests: pages by path, each with a body and
 * content type, or a redirect, a status, gzip, a stall. Requests are recorded in order, so a test
 * can assert what a crawl asked for (and what it did not).
 */
export interface SitePage {
  /** a function of the site's origin (http://127.0.0.1:port) for pages that name absolute addresses */
  body?: string | Buffer | ((origin: string) => string | Buffer);
  type?: string;
  status?: number;
  redirect?: string;
  gzip?: boolean;
  /** never answers */
  hang?: boolean;
}

export interface TestSite {
  url: string;
  requests: string[];
  /** when each request arrived (performance.now()), in order */
  arrivals: { path: string; at: number }[];
  close(): Promise<void>;
}

export async function startTestSite(pages: Record<string, SitePage>): Promise<TestSite> {
  const requests: string[] = [];
  const arrivals: { path: string; at: number }[] = [];
  const open = new Set<ServerResponse>();
  let origin = '';
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push(req.url ?? '/');
    arrivals.push({ path: req.url ?? '/', at: performance.now() });
    const page = pages[req.url ?? '/'];
    if (!page) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if (page.hang) {
      open.add(res);
      return;
    }
    if (page.redirect) {
      res.writeHead(page.status ?? 302, { location: page.redirect }).end();
      return;
    }
    const text = typeof page.body === 'function' ? page.body(origin) : page.body;
    const body = typeof text === 'string' ? Buffer.from(text, 'utf8') : (text ?? Buffer.alloc(0));
    const headers: Record<string, string> = { 'content-type': page.type ?? 'text/html; charset=utf-8' };
    if (page.gzip) headers['content-encoding'] = 'gzip';
    res.writeHead(page.status ?? 200, headers).end(page.gzip ? gzipSync(body) : body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: origin,
    requests,
    arrivals,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of open) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An HTML page with a title, a paragraph and links. */
export function htmlPage(title: string, text: string, links: string[] = []): string {
  return `<!doctype html><html><head><title>${title}</title></head><body><main><h1>${title}</h1><p>${text}</p>${links.map((href) => `<a href="${href}">${href}</a>`).join(' ')}</main></body></html>`;
}

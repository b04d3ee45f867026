import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecureContext } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { isNodeError, type NodeError } from '../../core/errors';
import type { FileValue } from '../../core/values';
import { cleanUpAfterEachTest } from '../../testing/after-each-test';
import { startTestProxy, type TestProxy } from '../../testing/http-proxy';
import { createTestContext } from '../../testing/context';
import { htmlPage, startTestSite, type TestSite } from '../../testing/web-site';
import { webInputConfig } from './definition';
import { webInputExecutor } from './execute';
import { PrivateAddressError, refusePrivateTarget } from './network-guard';

describe('io.web-input through a proxy', () => {
  const { track } = cleanUpAfterEachTest(['HTTP_PROXY', 'HTTPS_PROXY']);
  const siteAt = async (site: TestSite) => track(site);
  const proxyTo = async (port: number, credentials?: string): Promise<TestProxy> => track(await startTestProxy({ route: () => ({ host: '127.0.0.1', port }), credentials }));
  const portOf = (url: string) => Number(new URL(url).port);

  const load = async (urls: string[], config: Record<string, unknown> = {}) => {
    const ctx = createTestContext();
    ctx.runInput = { urls };
    return (await webInputExecutor.execute!(ctx, {}, webInputConfig.parse(config))) as { files: FileValue[] };
  };
  const failure = async (urls: string[]): Promise<NodeError> => {
    const error = await load(urls).then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!isNodeError(error)) throw new Error(`expected a NodeError, got ${String(error)}`);
    return error;
  };

  it('sends http pages to the proxy as absolute-form requests, for a name only the proxy can resolve', async () => {
    const site = await siteAt(await startTestSite({ '/docs/': { body: htmlPage('Docs', 'Welcome.', ['next']) }, '/docs/next': { body: htmlPage('Next', 'Second page.') } }));
    const proxy = await proxyTo(portOf(site.url));
    process.env.HTTP_PROXY = proxy.url;
    const loaded = await load(['http://docs.internal.test/docs/'], { crawlDepth: 1 });
    expect(loaded.files.map((f) => f.name).sort()).toEqual(['http://docs.internal.test/docs/', 'http://docs.internal.test/docs/next']);
    expect(proxy.requests).toContain('GET http://docs.internal.test/docs/');
    expect(proxy.requests).toContain('GET http://docs.internal.test/docs/next');
    expect(site.requests).toContain('/docs/next');
  });

  it('tunnels https pages with CONNECT, so the TLS session is with the site itself', async () => {
    const tls = await tlsSite();
    const proxy = await proxyTo(tls.port);
    process.env.HTTPS_PROXY = proxy.url;
    const error = await failure(['https://secure.internal.test/']);
    expect(proxy.requests).toEqual(['CONNECT secure.internal.test:443']);
    // the site's own (self-signed) certificate reached the loader through the tunnel, for the name asked
    expect(tls.servernames).toEqual(['secure.internal.test']);
    expect(error.message).toBe('https://secure.internal.test/: its TLS certificate was refused (DEPTH_ZERO_SELF_SIGNED_CERT)');
  });

  it('says how to give the credentials a proxy asks for, and uses those in its address', async () => {
    const site = await siteAt(await startTestSite({ '/': { body: htmlPage('Home', 'Behind the proxy.') } }));
    const proxy = await proxyTo(portOf(site.url), 'loader:s3cret');
    process.env.HTTP_PROXY = proxy.url;
    process.env.HTTPS_PROXY = proxy.url;
    const refused = await failure(['http://home.internal.test/']);
    expect(refused.message).toBe(`the proxy ${new URL(proxy.url).host} asks for credentials (HTTP 407): give them in the proxy address, http://user:password@${new URL(proxy.url).host}`);
    expect((await failure(['https://home.internal.test/'])).message).toContain('asks for credentials (HTTP 407)');
    process.env.HTTP_PROXY = proxy.url.replace('http://', 'http://loader:s3cret@');
    expect((await load(['http://home.internal.test/'])).files.map((f) => f.name)).toEqual(['http://home.internal.test/']);
  });

  it('names the proxy when it cannot be reached', async () => {
    process.env.HTTP_PROXY = 'http://127.0.0.1:9';
    const error = await failure(['http://docs.internal.test/']);
    expect(error.code).toBe('REMOTE_UNREACHABLE');
    expect(error.message).toBe('the proxy 127.0.0.1:9 could not be reached (ECONNREFUSED): check HTTP_PROXY / HTTPS_PROXY');
  });

  it('still refuses private addresses: literal ones before asking the proxy, names this machine resolves privately', async () => {
    const proxy = await proxyTo(9);
    process.env.HTTP_PROXY = proxy.url;
    const error = await failure(['http://10.1.2.3/']);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('10.1.2.3 is a private or local network address');
    expect(proxy.requests).toEqual([]);
    await expect(refusePrivateTarget(new URL('http://localhost/'))).rejects.toBeInstanceOf(PrivateAddressError);
    await expect(refusePrivateTarget(new URL('http://only-the-proxy-knows.internal.test/'))).resolves.toBeUndefined();
  });

  /** An https site with a self-signed certificate (made with openssl), recording the SNI names it is asked for. */
  async function tlsSite(): Promise<{ port: number; servernames: string[] }> {
    const dir = mkdtempSync(join(tmpdir(), 'proxy-tls-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '2', '-subj', '/CN=secure.internal.test'], { stdio: 'ignore' });
      const key = readFileSync(join(dir, 'key.pem'));
      const cert = readFileSync(join(dir, 'cert.pem'));
      const servernames: string[] = [];
      const server: HttpsServer = createHttpsServer({
        key,
        cert,
        SNICallback: (name, done) => {
          servernames.push(name);
          done(null, createSecureContext({ key, cert }));
        },
      });
      server.on('request', (_req, res) => res.end('secret'));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      track({
        close: () =>
          new Promise((resolve) => {
            server.closeAllConnections();
            server.close(resolve);
          }),
      });
      return { port: (server.address() as AddressInfo).port, servernames };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});

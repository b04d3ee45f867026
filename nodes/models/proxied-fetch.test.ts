import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startTestProxy, type TestProxy } from '../testing/http-proxy';
import { cleanUpAfterEachTest } from '../testing/after-each-test';
import { postJson } from './http';

/** A model server speaking JSON that records what reached it. */
async function startModelServer(): Promise<{ url: string; seen: string[]; server: Server }> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push(`${req.method} ${req.url} ${req.headers.host} ${body}`);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: [{ embedding: [0.6, 0.8] }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

describe('model clients behind a proxy', () => {
  const { track } = cleanUpAfterEachTest(['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY']);
  const options = { signal: new AbortController().signal, timeoutMs: 5000, what: 'embedding server' };

  it('reach a server only the proxy can resolve through HTTP_PROXY, body and all', async () => {
    const model = await startModelServer();
    track({ close: () => new Promise((resolve) => model.server.close(resolve)) });
    const proxy: TestProxy = await startTestProxy({ route: () => ({ host: '127.0.0.1', port: Number(new URL(model.url).port) }) });
    track(proxy);
    process.env.HTTP_PROXY = proxy.url;
    const answer = await postJson('http://models.internal.test/v1/embeddings', { input: ['hello'] }, options);
    expect(answer).toEqual({ data: [{ embedding: [0.6, 0.8] }] });
    expect(proxy.requests).toEqual(['POST http://models.internal.test/v1/embeddings']);
    expect(model.seen).toEqual(['POST /v1/embeddings models.internal.test {"input":["hello"]}']);
  });

  it('go direct to NO_PROXY hosts and to this machine, and name the proxy they could not reach', async () => {
    const model = await startModelServer();
    track({ close: () => new Promise((resolve) => model.server.close(resolve)) });
    process.env.HTTP_PROXY = 'http://127.0.0.1:9';
    // a loopback model server is never behind the proxy (which would refuse the connection here)
    expect(await postJson(`${model.url}/v1/embeddings`, { input: ['direct'] }, options)).toEqual({ data: [{ embedding: [0.6, 0.8] }] });
    const refused = (await postJson('http://models.internal.test/v1/embeddings', { input: ['x'] }, options).catch((e: unknown) => e)) as Error;
    expect(refused.message).toBe(
      'could not reach embedding server at http://models.internal.test/v1/embeddings (ECONNREFUSED) through the proxy 127.0.0.1:9: are the proxy (HTTP_PROXY / HTTPS_PROXY, NO_PROXY) and the URL right?',
    );
    process.env.NO_PROXY = 'models.internal.test';
    const error = await postJson('http://models.internal.test/v1/embeddings', { input: ['x'] }, options).catch((e: unknown) => e as Error);
    // direct: this machine cannot resolve the name (through the proxy it would have been ECONNREFUSED)
    expect(error).toMatchObject({ code: 'REMOTE_UNREACHABLE' });
    expect((error as Error).message).not.toContain('ECONNREFUSED');
  });

  it('name the proxy variable when the proxy address is unusable', async () => {
    process.env.HTTPS_PROXY = 'socks5://proxy.corp:1080';
    await expect(postJson('https://api.example.com/v1/chat/completions', {}, options)).rejects.toMatchObject({
      code: 'INVALID_CONFIG',
      message: expect.stringContaining('HTTPS_PROXY "socks5://proxy.corp:1080" uses socks5'),
    });
  });
});

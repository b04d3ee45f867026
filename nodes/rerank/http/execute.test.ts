import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../../testing/context';
import { closedPortUrl, startScriptedServer, type ScriptedRequest, type ScriptedServer } from '../../testing/scripted-server';
import { retrievedOf } from '../../testing/values';
import { rerankHttp, type RerankHttpConfig } from './definition';
import { rerankHttpExecutor } from './execute';

/** relevance = number of query words in the text (deterministic "model") */
const relevance = (query: string, text: string) => query.split(' ').filter((w) => text.includes(w)).length;

/** TEI: POST /rerank {query, texts} → [{index, score}] sorted best first. */
function tei(request: ScriptedRequest) {
  if (request.path !== '/rerank') return { status: 404, text: 'Not Found' };
  const { query, texts } = request.body as { query: string; texts: string[] };
  return { json: texts.map((t, index) => ({ index, score: relevance(query, t) / 10 })).sort((a, b) => b.score - a.score) };
}

/** Cohere: POST /v1/rerank {model, query, documents, top_n} → {id, results: [{index, relevance_score}], meta}. */
function cohere(request: ScriptedRequest) {
  if (request.path !== '/v1/rerank') return { status: 404, json: { message: 'not found' } };
  const { query, documents, top_n } = request.body as { query: string; documents: string[]; top_n?: number };
  const results = documents
    .map((d, index) => ({ index, relevance_score: relevance(query, d) / 10 }))
    .sort((a, b) => b.relevance_score - a.relevance_score)
    .slice(0, top_n ?? documents.length);
  return { json: { id: 'r-1', results, meta: { billed_units: { search_units: 1 } } } };
}

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer(tei);
});
afterEach(() => {
  server.requests.length = 0;
  server.handle(tei);
});
afterAll(() => server.close());

const PASSAGES = ['cats purr', 'insulin resistance in mice', 'insulin', 'tax law'];
const run = (retrieved: ReturnType<typeof retrievedOf>, config: Partial<RerankHttpConfig> = {}, ctx = createTestContext()) =>
  rerankHttpExecutor.execute!(ctx, { retrieved } as never, rerankHttp.config.parse({ baseUrl: server.url, ...config }) as never) as Promise<{
    retrieved: ReturnType<typeof retrievedOf>;
  }>;

describe('rerank.http', () => {
  it('speaks TEI /rerank and reorders by its scores', async () => {
    const { retrieved } = await run(retrievedOf('insulin resistance', PASSAGES), { apiKey: 'tei-key' });
    expect(server.requests[0]!.body).toEqual({ query: 'insulin resistance', texts: PASSAGES, truncate: true, raw_scores: false, return_text: false });
    expect(server.requests[0]!.headers.authorization).toBe('Bearer tei-key');
    expect(retrieved.items.map((i) => i.text)).toEqual([PASSAGES[1], PASSAGES[2], PASSAGES[0], PASSAGES[3]]);
    expect(retrieved.items[0]!.score).toBeCloseTo(0.2, 9);
  });

  it('speaks Cohere-style /v1/rerank, asking for every document and trimming to topN itself', async () => {
    server.handle(cohere);
    const { retrieved } = await run(retrievedOf('insulin resistance', PASSAGES), { flavor: 'cohere', model: 'rerank-english-v3.0', topN: 2, baseUrl: `${server.url}/v1` });
    expect(server.requests[0]!.path).toBe('/v1/rerank');
    expect(server.requests[0]!.body).toEqual({ model: 'rerank-english-v3.0', query: 'insulin resistance', documents: PASSAGES, top_n: 4, return_documents: false });
    expect(retrieved.items.map((i) => i.text)).toEqual([PASSAGES[1], PASSAGES[2]]);
  });

  it('sorts documents a server left out last', async () => {
    server.handle(() => ({ json: { results: [{ index: 3, relevance_score: 0.9 }] } }));
    const { retrieved } = await run(retrievedOf('q', PASSAGES), { flavor: 'cohere', model: 'm', topN: 0 });
    expect(retrieved.items.map((i) => i.text)).toEqual([PASSAGES[3], PASSAGES[0], PASSAGES[1], PASSAGES[2]]);
  });

  it('needs a model for Cohere-style servers', async () => {
    await expect(run(retrievedOf('q', PASSAGES), { flavor: 'cohere' })).rejects.toMatchObject({ code: 'INVALID_CONFIG' });
  });

  it('does not call the server for an empty list', async () => {
    const { retrieved } = await run(retrievedOf('q', []));
    expect(retrieved.items).toEqual([]);
    expect(server.requests).toHaveLength(0);
  });

  it('reports the wrong flavor (unexpected shape), errors, a server that is down and timeouts', async () => {
    await expect(run(retrievedOf('q', PASSAGES), { flavor: 'cohere', model: 'm' })).rejects.toMatchObject({ code: 'REMOTE_ERROR', message: expect.stringContaining('404') });
    // a Cohere-style answer to a client configured for TEI
    server.handle(() => ({ json: { id: 'r', results: [{ index: 0, relevance_score: 0.5 }] } }));
    await expect(run(retrievedOf('q', PASSAGES), { flavor: 'tei' })).rejects.toMatchObject({
      code: 'REMOTE_ERROR',
      message: expect.stringContaining('unexpected shape'),
    });
    server.handle(() => ({ status: 429, json: { error: 'rate limited' } }));
    await expect(run(retrievedOf('q', PASSAGES))).rejects.toMatchObject({ code: 'REMOTE_ERROR', retryable: true, message: expect.stringContaining('rate limited') });
    server.handle(() => ({ hang: true }));
    await expect(run(retrievedOf('q', PASSAGES), { timeoutMs: 150 })).rejects.toMatchObject({ code: 'TIMEOUT' });
    const down = await closedPortUrl();
    await expect(run(retrievedOf('q', PASSAGES), { baseUrl: down })).rejects.toMatchObject({ code: 'REMOTE_UNREACHABLE' });
  });

  it('refuses out-of-range indexes', async () => {
    server.handle(() => ({ json: [{ index: 9, score: 1 }] }));
    await expect(run(retrievedOf('q', PASSAGES))).rejects.toMatchObject({ code: 'REMOTE_ERROR', message: expect.stringContaining('index 9') });
  });
});

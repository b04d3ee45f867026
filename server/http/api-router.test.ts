import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resetEnvCache } from '../env';
import { closeServices } from '../services/app-services';
import { handleApi } from './api-router';

const saved = { ...process.env };
let dataDir: string | undefined;

function useEnv(vars: Record<string, string | undefined>) {
  for (const [key, value] of Object.entries(vars)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetEnvCache();
}

afterEach(async () => {
  await closeServices();
  process.env = { ...saved };
  resetEnvCache();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

const get = (path: string, init?: RequestInit) => handleApi(new Request(`http://127.0.0.1${path}`, init));

describe('GET /api/health', () => {
  it('is 200 with the embedded database when no DATABASE_URL is set', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'health-'));
    useEnv({ DATABASE_URL: undefined, REDIS_URL: undefined, DATA_DIR: dataDir, SEED_EXAMPLES: '0' });
    const response = await get('/api/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', database: { ok: true, kind: 'pglite' }, queue: { mode: 'in-process', ok: true } });
  });

  it('is 503 with the reason when the database cannot be reached', async () => {
    useEnv({ DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/nothing', REDIS_URL: undefined });
    const response = await get('/api/health');
    expect(response.status).toBe(503);
    const body = (await response.json()) as { status: string; database: { ok: boolean; error: string } };
    expect(body.status).toBe('down');
    expect(body.database.ok).toBe(false);
    expect(body.database.error).toMatch(/cannot connect to DATABASE_URL/);
  });

  // distributed mode needs a shared Postgres: this runs where one is configured
  it.each(process.env.DATABASE_URL ? [process.env.DATABASE_URL] : [])('reports a Redis that is gone as degraded, not down (%s)', async (databaseUrl) => {
    useEnv({ DATABASE_URL: databaseUrl, REDIS_URL: 'redis://127.0.0.1:1', SEED_EXAMPLES: '0' });
    const response = await get('/api/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'degraded', queue: { mode: 'bullmq', ok: false } });
  });

  it('says why it cannot start when REDIS_URL is set without DATABASE_URL', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'health-'));
    useEnv({ DATABASE_URL: undefined, REDIS_URL: 'redis://127.0.0.1:6379', DATA_DIR: dataDir, SEED_EXAMPLES: '0' });
    const response = await get('/api/health');
    expect(response.status).toBe(503);
    expect(((await response.json()) as { database: { error: string } }).database.error).toMatch(/REDIS_URL needs DATABASE_URL/);
  });
});

describe('API routing', () => {
  it('answers 404 with JSON for an unknown route and 405 for a wrong method', async () => {
    const missing = await get('/api/nothing-here');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    const wrong = await get('/api/health', { method: 'DELETE' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
  });

  it('serves tRPC over HTTP and refuses oversized bodies with 413', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'trpc-'));
    useEnv({ DATABASE_URL: undefined, REDIS_URL: undefined, DATA_DIR: dataDir, SEED_EXAMPLES: '1' });
    const list = await get('/api/trpc/graph.list');
    expect(list.status).toBe(200);
    const body = (await list.json()) as { result: { data: { json: { name: string }[] } } };
    expect(body.result.data.json.map((g) => g.name).sort()).toEqual(['Example: answer questions', 'Example: ingest documents']);
    const huge = await get('/api/trpc/graph.create', { method: 'POST', headers: { 'content-length': String(9 * 1024 * 1024) }, body: 'x' });
    expect(huge.status).toBe(413);
    // no declared length (chunked): counted as it arrives, and refused past the limit too
    let sent = 0;
    const chunk = new TextEncoder().encode('x'.repeat(1024 * 1024));
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength;
        if (sent > 64 * 1024 * 1024) controller.close(); // a client that would have sent 64 MB
        else controller.enqueue(chunk);
      },
    });
    const chunked = await get('/api/trpc/graph.create', { method: 'POST', body: endless, duplex: 'half' } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(sent).toBeLessThan(16 * 1024 * 1024); // reading stopped just past the 8 MB limit
    // a body within the limit still reaches the procedure
    const created = await get('/api/trpc/graph.create', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ json: { name: 'Posted' } }) });
    expect(created.status).toBe(200);
    // a body that is JSON but no input envelope is refused saying what to send
    for (const wrong of ['null', ' [1]', '"text"']) {
      const refused = await get('/api/trpc/graph.create', { method: 'POST', headers: { 'content-type': 'application/json' }, body: wrong });
      expect(refused.status, wrong).toBe(400);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('send a JSON object: {"json": <input>}');
    }
    // a query with a large input can be POSTed instead of riding in the URL
    const nodes = Array.from({ length: 300 }, (_, i) => ({ id: `n${i}`, type: 'util.passthrough', typeVersion: 1, config: {}, position: { x: i, y: 0 } }));
    const validated = await get('/api/trpc/graph.validate', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ json: { spec: { schemaVersion: 1, nodes, edges: [] } } }) });
    expect(validated.status).toBe(200);
    const result = (await validated.json()) as { result: { data: { json: { ok: boolean; issues: { code: string }[] } } } };
    expect(result.result.data.json.ok).toBe(false);
    expect(result.result.data.json.issues.map((i) => i.code)).toContain('MISSING_REQUIRED_INPUT');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbBackends, openTestDb, type TestDb } from '../testing/db';
import { authenticate, authorize, createApiKey, listApiKeys, revokeApiKey, sha256, updateApiKey } from './api-keys';
import { publishEndpoint } from './endpoints';
import { createGraph } from './graphs';
import { saveVersion } from './versions';
import { echoSpec } from '../testing/specs';

describe.each(dbBackends())('API keys on %s', (backend) => {
  let db: TestDb;
  let endpoint: { id: string; slug: string };
  beforeAll(async () => {
    db = await openTestDb(backend);
    const graph = await createGraph(db, { name: 'keys graph', spec: echoSpec() });
    await saveVersion(db, { graphId: graph.id, baseVersionId: null });
    const published = await publishEndpoint(db, { graphId: graph.id, slug: 'keyed' });
    endpoint = { id: published.id, slug: published.slug };
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it('shows the secret once and stores only its sha256: the table holds no secret', async () => {
    const created = await createApiKey(db, { name: 'ci', scopes: [endpoint.id] });
    expect(created.secret).toMatch(/^rgk_[A-Za-z0-9]{8}_[A-Za-z0-9]{40}$/);
    expect(created.secret.startsWith(`${created.prefix}_`)).toBe(true);
    expect(created).not.toHaveProperty('hash');
    const rows = await db.sql.query<Record<string, unknown>>('SELECT * FROM api_key WHERE id = $1', [created.id]);
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row.hash).toBe(sha256(created.secret));
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    const secretPart = created.secret.slice(created.prefix.length + 1);
    for (const value of Object.values(row)) expect(JSON.stringify(value ?? null)).not.toContain(secretPart);
    const listed = (await listApiKeys(db)).find((k) => k.id === created.id)!;
    expect(listed).not.toHaveProperty('hash');
    expect(listed).not.toHaveProperty('secret');
    expect(listed).toMatchObject({ prefix: created.prefix, allEndpoints: false, endpoints: [{ id: endpoint.id, slug: 'keyed' }] });
  });

  it('authenticates the exact secret only, and stops at once when revoked', async () => {
    const created = await createApiKey(db, { name: 'app', scopes: ['*'] });
    const key = await authenticate(db, `Bearer ${created.secret}`);
    expect(key).toMatchObject({ id: created.id, prefix: created.prefix, scopes: ['*'], rateLimitPerMinute: 600 });
    const tampered = `${created.secret.slice(0, -1)}${created.secret.endsWith('a') ? 'b' : 'a'}`;
    // a key whose prefix exists but whose secret does not match is told so, without the secret
    await expect(authenticate(db, `Bearer ${tampered}`)).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      message: `API key ${created.prefix} exists, but the rest of the key does not match: it was mistyped or cut short (the whole key is shown once, when it is created; create a new one if it is lost)`,
    });
    await expect(authenticate(db, 'Basic abc')).rejects.toThrow(/must read "Bearer <API key>"/);
    await revokeApiKey(db, created.id);
    await expect(authenticate(db, `Bearer ${created.secret}`)).rejects.toThrow(/was revoked on/);
    await expect(updateApiKey(db, { id: created.id, name: 'again' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('scopes keys to endpoints: 403 outside them, and a scope change applies at once', async () => {
    const created = await createApiKey(db, { name: 'narrow', scopes: [endpoint.id] });
    const key = await authenticate(db, `Bearer ${created.secret}`);
    expect(() => authorize(key, endpoint)).not.toThrow();
    expect(() => authorize(key, { id: '00000000-0000-4000-8000-000000000001', slug: 'elsewhere' })).toThrow(/not allowed to call endpoint "elsewhere"/);
    const graph = await createGraph(db, { name: 'second keys graph', spec: echoSpec() });
    await saveVersion(db, { graphId: graph.id, baseVersionId: null });
    const second = await publishEndpoint(db, { graphId: graph.id, slug: 'second' });
    await updateApiKey(db, { id: created.id, scopes: [second.id] });
    const narrowed = await authenticate(db, `Bearer ${created.secret}`);
    expect(() => authorize(narrowed, endpoint)).toThrow(/not allowed/);
    expect(() => authorize(narrowed, second)).not.toThrow();
  });

  it('refuses scopes that name no endpoint, or mix "*" with ids', async () => {
    await expect(createApiKey(db, { name: 'x', scopes: [] })).rejects.toThrow(/name the endpoints/);
    await expect(createApiKey(db, { name: 'x', scopes: ['*', endpoint.id] })).rejects.toThrow(/list it alone/);
    await expect(createApiKey(db, { name: 'x', scopes: ['00000000-0000-4000-8000-000000000009'] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { dbBackends } from '../testing/db';
import { appRouter } from './_app';
import { runnerSuite } from '../testing/runner-suite';

/**
 * Every procedure gets bad input of three sorts — wrong types, huge strings, unknown ids — and must
 * answer BAD_REQUEST or NOT_FOUND with a message that says what is wrong: never a 500.
 */
const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const HUGE = 'x'.repeat(2_000_000);

type Case = { wrongTypes: unknown; huge: unknown; unknownId?: unknown };
const CASES: Record<string, Case> = {
  'graph.list': { wrongTypes: { search: 42 }, huge: { search: HUGE } },
  'graph.byId': { wrongTypes: { id: 42 }, huge: { id: HUGE }, unknownId: { id: UNKNOWN } },
  'graph.create': { wrongTypes: { name: ['a'] }, huge: { name: HUGE } },
  'graph.update': { wrongTypes: { id: UNKNOWN, name: 7 }, huge: { id: UNKNOWN, description: HUGE }, unknownId: { id: UNKNOWN, name: 'n' } },
  'graph.delete': { wrongTypes: { id: null }, huge: { id: HUGE }, unknownId: { id: UNKNOWN } },
  'graph.saveDraft': { wrongTypes: { id: UNKNOWN, spec: 'nope' }, huge: { id: UNKNOWN, spec: { schemaVersion: 1, nodes: [], edges: [], blob: HUGE } }, unknownId: { id: UNKNOWN, spec: { schemaVersion: 1, nodes: [], edges: [] } } },
  'graph.duplicate': { wrongTypes: { id: UNKNOWN, name: {} }, huge: { id: UNKNOWN, name: HUGE }, unknownId: { id: UNKNOWN, name: 'copy' } },
  'graph.export': { wrongTypes: { id: 1 }, huge: { id: HUGE }, unknownId: { id: UNKNOWN } },
  'graph.import': { wrongTypes: { data: 12 }, huge: { data: { format: HUGE } } },
  'graph.validate': { wrongTypes: { spec: [] }, huge: { spec: { schemaVersion: 1, nodes: [], edges: [], blob: HUGE } } },
  'graph.examples': { wrongTypes: undefined, huge: undefined },
  'version.list': { wrongTypes: { graphId: true }, huge: { graphId: HUGE }, unknownId: { graphId: UNKNOWN } },
  'version.byId': { wrongTypes: { id: [] }, huge: { id: HUGE }, unknownId: { id: UNKNOWN } },
  'version.save': { wrongTypes: { graphId: UNKNOWN, baseVersionId: 5 }, huge: { graphId: UNKNOWN, baseVersionId: null, message: HUGE }, unknownId: { graphId: UNKNOWN, baseVersionId: null } },
  'version.diff': { wrongTypes: { fromVersionId: UNKNOWN, to: 3 }, huge: { fromVersionId: HUGE, to: 'draft' }, unknownId: { fromVersionId: UNKNOWN, to: 'draft' } },
  'version.restore': { wrongTypes: { versionId: UNKNOWN }, huge: { versionId: UNKNOWN, baseVersionId: null, message: HUGE }, unknownId: { versionId: UNKNOWN, baseVersionId: null } },
  'catalog.list': { wrongTypes: { allVersions: 'yes' }, huge: { allVersions: HUGE } },
  'run.start': { wrongTypes: { graphId: UNKNOWN, input: 'text' }, huge: { graphId: HUGE, input: {} }, unknownId: { graphId: UNKNOWN, input: {} } },
  'run.list': { wrongTypes: { status: 'sleeping' }, huge: { graphId: HUGE } },
  'run.byId': { wrongTypes: { id: 3 }, huge: { id: HUGE }, unknownId: { id: UNKNOWN } },
  'run.nodeOutput': { wrongTypes: { runId: UNKNOWN, nodeId: 5 }, huge: { runId: UNKNOWN, nodeId: HUGE }, unknownId: { runId: UNKNOWN, nodeId: 'embed' } },
  'run.cancel': { wrongTypes: { id: {} }, huge: { id: HUGE }, unknownId: { id: UNKNOWN } },
  'endpoint.tryOut': { wrongTypes: { slug: 5, input: {} }, huge: { slug: 'docs', input: { query: HUGE } }, unknownId: { slug: 'no-such-endpoint', input: { query: 'q' } } },
  'run.rerun': { wrongTypes: { id: UNKNOWN, on: 'tomorrow' }, huge: { id: HUGE }, unknownId: { id: UNKNOWN } },
  'run.events': { wrongTypes: { id: false }, huge: { id: HUGE }, unknownId: { id: UNKNOWN } },
  'evaluation.list': { wrongTypes: { graphId: 9 }, huge: { graphId: HUGE }, unknownId: { graphId: UNKNOWN } },
  'evaluation.record': {
    wrongTypes: { versionId: UNKNOWN, dataset: 5, queries: 'all', metrics: { ndcg10: 'high' } },
    huge: { versionId: UNKNOWN, dataset: HUGE, queries: 1, metrics: { ndcg10: 0.5 } },
    unknownId: { versionId: UNKNOWN, dataset: 'scifact train', queries: 1, metrics: { ndcg10: 0.5 } },
  },
  'evaluation.start': {
    wrongTypes: { versionId: UNKNOWN, datasetId: 5 },
    huge: { versionId: UNKNOWN, datasetId: HUGE },
    unknownId: { versionId: UNKNOWN, datasetId: UNKNOWN },
  },
  'evaluation.byId': { wrongTypes: { id: 3 }, huge: { id: HUGE }, unknownId: { id: UNKNOWN } },
  'evaluation.cancel': { wrongTypes: { id: 1 }, huge: { id: HUGE }, unknownId: { id: UNKNOWN } },
  'evaluation.delete': { wrongTypes: { id: 1 }, huge: { id: HUGE }, unknownId: { id: UNKNOWN } },
  'dataset.list': { wrongTypes: undefined, huge: undefined },
  'dataset.byId': { wrongTypes: { id: 3 }, huge: { id: HUGE }, unknownId: { id: UNKNOWN } },
  'dataset.create': {
    wrongTypes: { name: 'd', queriesText: 5, qrelsText: 'q1\td1\t1' },
    huge: { name: 'd', queriesText: HUGE.repeat(3), qrelsText: 'q1\td1\t1' },
  },
  'dataset.update': { wrongTypes: { id: UNKNOWN, name: 7 }, huge: { id: UNKNOWN, name: HUGE }, unknownId: { id: UNKNOWN, name: 'renamed' } },
  'dataset.delete': { wrongTypes: { id: 1 }, huge: { id: HUGE }, unknownId: { id: UNKNOWN } },
  'worker.list': { wrongTypes: undefined, huge: undefined },
  'endpoint.list': { wrongTypes: { graphId: 5 }, huge: { graphId: HUGE } },
  'endpoint.byId': { wrongTypes: { id: 5 }, huge: { id: HUGE }, unknownId: { id: UNKNOWN } },
  'endpoint.bySlug': { wrongTypes: { slug: 5 }, huge: { slug: HUGE }, unknownId: { slug: 'no-such-endpoint' } },
  'endpoint.publish': { wrongTypes: { graphId: UNKNOWN, slug: 5 }, huge: { graphId: UNKNOWN, slug: 'qa', description: HUGE }, unknownId: { graphId: UNKNOWN, slug: 'qa' } },
  'endpoint.setRouting': { wrongTypes: { id: UNKNOWN, canaryPercent: 'ten' }, huge: { id: HUGE }, unknownId: { id: UNKNOWN, versionId: null } },
  'endpoint.rollback': { wrongTypes: { id: 1 }, huge: { id: HUGE }, unknownId: { id: UNKNOWN } },
  'endpoint.unpublish': { wrongTypes: { id: [] }, huge: { id: HUGE }, unknownId: { id: UNKNOWN } },
  'endpoint.republish': { wrongTypes: { id: {} }, huge: { id: HUGE }, unknownId: { id: UNKNOWN } },
  'endpoint.update': { wrongTypes: { id: UNKNOWN, description: 3 }, huge: { id: UNKNOWN, description: HUGE }, unknownId: { id: UNKNOWN, description: 'd' } },
  'endpoint.delete': { wrongTypes: { id: null }, huge: { id: HUGE }, unknownId: { id: UNKNOWN } },
  'endpoint.traffic': { wrongTypes: { id: UNKNOWN, window: '1y' }, huge: { id: HUGE }, unknownId: { id: UNKNOWN } },
  'endpoint.recentRuns': { wrongTypes: { id: UNKNOWN, limit: 'all' }, huge: { id: HUGE }, unknownId: { id: UNKNOWN } },
  'apiKey.list': { wrongTypes: undefined, huge: undefined },
  'apiKey.create': { wrongTypes: { name: 'k', scopes: 'all' }, huge: { name: HUGE, scopes: ['*'] }, unknownId: { name: 'k', scopes: [UNKNOWN] } },
  'apiKey.update': { wrongTypes: { id: UNKNOWN, rateLimitPerMinute: 'fast' }, huge: { id: UNKNOWN, name: HUGE }, unknownId: { id: UNKNOWN, name: 'n' } },
  'apiKey.revoke': { wrongTypes: { id: 7 }, huge: { id: HUGE }, unknownId: { id: UNKNOWN } },
  'collection.list': { wrongTypes: undefined, huge: undefined },
  'collection.byName': { wrongTypes: { name: 12 }, huge: { name: HUGE }, unknownId: { name: 'no-such-collection' } },
  'collection.documents': { wrongTypes: { name: 'docs', limit: 'ten' }, huge: { name: 'docs', search: HUGE }, unknownId: { name: 'no-such-collection' } },
  'collection.chunks': { wrongTypes: { name: 'docs', sourceId: 'a.md', limit: 'ten' }, huge: { name: 'docs', sourceId: HUGE }, unknownId: { name: 'no-such-collection', sourceId: 'a.md' } },
  'collection.deleteDocument': { wrongTypes: { name: 'docs', sourceId: 4 }, huge: { name: 'docs', sourceId: HUGE }, unknownId: { name: 'no-such-collection', sourceId: 'a.md' } },
  'collection.delete': { wrongTypes: { name: [] }, huge: { name: HUGE }, unknownId: { name: 'no-such-collection' } },
  'collection.search': { wrongTypes: { collection: 'docs', query: 7 }, huge: { collection: 'docs', query: HUGE }, unknownId: { collection: 'no-such-collection', query: 'tea' } },
  'collection.upload': {
    wrongTypes: { collection: 'docs', files: 'a.txt' },
    huge: { collection: 'docs', files: [{ name: HUGE, contentBase64: '' }] },
    unknownId: { collection: 'docs', files: [{ name: 'a.txt', contentBase64: 'aGk=' }], graphId: UNKNOWN },
  },
  'collection.importWeb': {
    wrongTypes: { collection: 'docs', urls: 'https://example.com/' },
    huge: { collection: 'docs', urls: [`https://example.com/${HUGE}`] },
    unknownId: { collection: 'docs', urls: ['https://example.com/'], graphId: UNKNOWN },
  },
  'collection.webSources': { wrongTypes: { name: 5 }, huge: { name: HUGE } },
  'collection.refreshWebSource': { wrongTypes: { id: 5 }, huge: { id: HUGE }, unknownId: { id: UNKNOWN } },
  'collection.setWebSourceRefresh': { wrongTypes: { id: UNKNOWN, refreshHours: 'daily' }, huge: { id: HUGE, refreshHours: 24 }, unknownId: { id: UNKNOWN, refreshHours: 24 } },
  'collection.setWebSourceCrawl': {
    wrongTypes: { id: UNKNOWN, crawlDepth: 'deep', maxPages: 10, scope: 'path' },
    huge: { id: UNKNOWN, crawlDepth: 1, maxPages: 10, scope: 'path', skipPaths: [HUGE] },
    unknownId: { id: UNKNOWN, crawlDepth: 1, maxPages: 10, scope: 'path' },
  },
  'collection.deleteWebSource': { wrongTypes: { id: [] }, huge: { id: HUGE }, unknownId: { id: UNKNOWN } },
};

function procedures(): string[] {
  return Object.keys(appRouter._def.procedures);
}

describe('procedure coverage', () => {
  it('lists every procedure of the app router', () => {
    expect(Object.keys(CASES).sort()).toEqual(procedures().sort());
  });
});

describe.each(dbBackends())('bad input on %s', (backend) => {
  const suite = runnerSuite(backend);

  async function call(path: string, input: unknown): Promise<unknown> {
    const caller = suite.caller as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;
    const [router, procedure] = path.split('.') as [string, string];
    const result = await caller[router]![procedure]!(input);
    // a subscription checks its input when iterated: take its first event
    if (result && typeof (result as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
      for await (const first of result as AsyncIterable<unknown>) return first;
    }
    return result;
  }

  function expectClientError(error: unknown, codes: string[]) {
    expect(error).toBeInstanceOf(TRPCError);
    const e = error as TRPCError;
    expect(codes, `${e.code}: ${e.message}`).toContain(e.code);
    expect(e.message.length).toBeGreaterThan(5);
    expect(e.message.length).toBeLessThan(2000);
  }

  const withInput = Object.entries(CASES).filter(([, c]) => c.wrongTypes !== undefined);
  it.each(withInput)('%s refuses wrong types', async (path, c) => {
    expectClientError(await call(path, c.wrongTypes).then(() => null, (e: unknown) => e), ['BAD_REQUEST']);
  });

  it.each(withInput)('%s refuses huge strings', async (path, c) => {
    expectClientError(await call(path, c.huge).then(() => null, (e: unknown) => e), ['BAD_REQUEST']);
  });

  // Postgres stores neither NUL nor unpaired surrogates; JSON accepts both: a 400, never a failed write
  it.each(withInput)('%s refuses text the database cannot store', async (path, c) => {
    const input = { ...(c.unknownId ?? c.wrongTypes) as object, note: 'a\u0000b' };
    const error = await call(path, input).then(() => null, (e: unknown) => e);
    expectClientError(error, ['BAD_REQUEST']);
    expect((error as Error).message).toMatch(/field "note" contains a NUL character/);
  });

  // superjson would refuse to send such a key back: stored, it made every read of the row a 500
  it.each(withInput)('%s refuses a key that rewrites a prototype', async (path, c) => {
    const input = { ...(c.unknownId ?? c.wrongTypes) as object, note: JSON.parse('{"__proto__":{"polluted":true}}') as unknown };
    const error = await call(path, input).then(() => null, (e: unknown) => e);
    expectClientError(error, ['BAD_REQUEST']);
    expect((error as Error).message).toMatch(/field "note.__proto__" has a name that is "__proto__", reserved/);
  });

  const withIds = Object.entries(CASES).filter(([, c]) => c.unknownId !== undefined);
  it.each(withIds)('%s answers NOT_FOUND for an unknown id', async (path, c) => {
    const error = await call(path, c.unknownId).then(() => null, (e: unknown) => e);
    expectClientError(error, ['NOT_FOUND']);
    expect((error as Error).message).toContain('does not exist');
  });

  it('refuses dates Postgres cannot compare with (year 0, six-digit years, not a date), and takes a Date or ISO text', async () => {
    for (const [since, message] of [
      [new Date('0000-01-01T00:00:00Z'), 'since: expected a date between the years 1 and 9999'],
      ['-010000-01-01T00:00:00Z', 'since: expected a date, or ISO 8601 text such as 2026-11-27T09:00:00Z'],
      [true, 'since: expected a date, or ISO 8601 text'],
    ] as const) {
      const error = (await call('run.list', { since }).catch((e: unknown) => e)) as TRPCError;
      expectClientError(error, ['BAD_REQUEST']);
      expect(error.message).toContain(message);
    }
    await expect(call('run.list', { since: new Date(Date.now() - 60_000), until: '2999-01-01T00:00:00Z' })).resolves.toMatchObject({ items: [] });
  });

  it('refuses unpaired surrogates where they would be stored, and names the field', async () => {
    const error = (await call('graph.create', { name: 'ok', description: 'x\ud800' }).catch((e: unknown) => e)) as TRPCError;
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toBe('the input field "description" contains an unpaired UTF-16 surrogate (such as a lone \\ud800), which cannot be stored: remove or replace it');
  });

  it('names the field at fault in a readable message', async () => {
    const error = (await call('graph.create', { name: '' }).catch((e: unknown) => e)) as TRPCError;
    expect(error.message).toBe('name: a graph needs a name');
    // a spec's own issues name their path once
    const spec = (await call('graph.create', { name: 'ok', spec: { schemaVersion: 1, nodes: {}, edges: [] } }).catch((e: unknown) => e)) as TRPCError;
    expect(spec.message).toBe('spec.nodes: expected array, received object');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlPage, startTestSite, type SitePage, type TestSite } from '../../nodes/testing/web-site';
import { seedExamples } from '../../prisma/seed/seed';
import { dbBackends } from '../testing/db';
import { runnerSuite } from '../testing/runner-suite';
import { refreshDueWebSources } from './web-sources';

/** Web sources end to end: loaded into a collection, kept, loaded again by hand and on schedule. */
describe.each(dbBackends())('web sources on %s', (backend) => {
  const suite = runnerSuite(backend, { prepare: seedExamples });
  const pages: Record<string, SitePage> = {
    '/news/': { body: htmlPage('News', 'Latest announcements.', ['canteen']) },
    '/news/canteen': { body: htmlPage('Canteen', 'The canteen opens at eight.') },
  };
  let site: TestSite;
  beforeAll(async () => {
    site = await startTestSite(pages);
  });
  afterAll(async () => {
    await site?.close();
  });
  const settings = () => ({ collection: 'news', urls: [`${site.url}/news/`], crawlDepth: 1, maxPages: 10, scope: 'path' as const, allowPrivateNetwork: true });
  const finished = async (runId: string) => {
    const run = await suite.runner.wait(runId, 60_000);
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    return run.output as { ingested: { documents: number; chunksWritten: number; skippedUnchanged: number; replaced: number } };
  };

  it('keeps what was loaded as a source of the collection, with its last load and next refresh', async () => {
    const before = Date.now();
    const started = await suite.caller.collection.importWeb({ ...settings(), refreshHours: 24 });
    expect((await finished(started.runId)).ingested).toMatchObject({ documents: 2, skippedUnchanged: 0 });
    const [source] = await suite.caller.collection.webSources({ name: 'news' });
    expect(source).toMatchObject({
      id: started.sourceId,
      urls: [`${site.url}/news/`],
      crawl: { crawlDepth: 1, maxPages: 10, scope: 'path', allowPrivateNetwork: true },
      graphName: 'Example: ingest documents',
      refreshHours: 24,
      lastRun: { id: started.runId, status: 'succeeded' },
    });
    const next = source!.nextRunAt!.getTime() - source!.lastRunAt!.getTime();
    expect(next).toBe(24 * 3_600_000);
    expect(source!.lastRunAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    // the same addresses again are the same source, with the settings of the latest load
    const again = await suite.caller.collection.importWeb({ ...settings(), maxPages: 20, refreshHours: null });
    expect(again.sourceId).toBe(started.sourceId);
    await finished(again.runId);
    expect(await suite.caller.collection.webSources({ name: 'news' })).toMatchObject([{ id: started.sourceId, crawl: { maxPages: 20 }, refreshHours: null, nextRunAt: null }]);
  });

  it('loads a source again when asked: unchanged pages skipped, a changed one replaced, a new one added', async () => {
    const [source] = await suite.caller.collection.webSources({ name: 'news' });
    pages['/news/canteen'] = { body: htmlPage('Canteen', 'The canteen now opens at half past seven.') };
    pages['/news/'] = { body: htmlPage('News', 'Latest announcements.', ['canteen', 'parking']) };
    pages['/news/parking'] = { body: htmlPage('Parking', 'Level two is reserved for visitors.') };
    const refreshed = await suite.caller.collection.refreshWebSource({ id: source!.id });
    expect((await finished(refreshed.runId)).ingested).toMatchObject({ documents: 3, replaced: 2, skippedUnchanged: 0 });
    const docs = await suite.caller.collection.documents({ name: 'news' });
    expect(docs.documents.map((d) => d.title).sort()).toEqual(['Canteen', 'News', 'Parking']);
    expect((await suite.caller.collection.webSources({ name: 'news' }))[0]!.lastRun?.id).toBe(refreshed.runId);
  });

  it('loads the sources that are due, once, however many processes look', async () => {
    const [source] = await suite.caller.collection.webSources({ name: 'news' });
    await suite.caller.collection.setWebSourceRefresh({ id: source!.id, refreshHours: 6 });
    const scheduled = (await suite.caller.collection.webSources({ name: 'news' }))[0]!;
    expect(scheduled.nextRunAt!.getTime() - scheduled.lastRunAt!.getTime()).toBe(6 * 3_600_000);
    expect(await refreshDueWebSources(suite.db, suite.runner, new Date())).toEqual([]);
    const later = new Date(scheduled.nextRunAt!.getTime() + 60_000);
    const [first, second] = await Promise.all([refreshDueWebSources(suite.db, suite.runner, later), refreshDueWebSources(suite.db, suite.runner, later)]);
    expect([...first!, ...second!]).toEqual([source!.id]);
    const loaded = (await suite.caller.collection.webSources({ name: 'news' }))[0]!;
    expect(loaded.lastRun!.id).not.toBe(scheduled.lastRun!.id);
    expect((await finished(loaded.lastRun!.id)).ingested).toMatchObject({ documents: 3, skippedUnchanged: 3 });
    // the next load is six hours after the time it was due for
    expect(loaded.nextRunAt!.getTime()).toBe(later.getTime() + 6 * 3_600_000);
  });

  it('removes the pages that left the site on the next load, and keeps one that is only down', async () => {
    const [source] = await suite.caller.collection.webSources({ name: 'news' });
    // the last load listed the three pages it stood for: they are what this load checks
    pages['/news/'] = { body: htmlPage('News', 'Latest announcements.', ['canteen']) };
    delete pages['/news/parking'];
    pages['/news/canteen'] = { status: 503, body: 'back soon' };
    const refreshed = await suite.caller.collection.refreshWebSource({ id: source!.id });
    const output = (await finished(refreshed.runId)) as Awaited<ReturnType<typeof finished>> & { pages: string[]; unloaded: { count: number } };
    expect(output.ingested).toMatchObject({ documents: 1, removed: 1 });
    expect(output.unloaded.count).toBe(1);
    expect([...output.pages].sort()).toEqual([`${site.url}/news/`, `${site.url}/news/canteen`]);
    const docs = await suite.caller.collection.documents({ name: 'news' });
    expect(docs.documents.map((d) => d.title).sort()).toEqual(['Canteen', 'News']);
    expect((await suite.caller.collection.webSources({ name: 'news' }))[0]!.lastRun).toMatchObject({ id: refreshed.runId, outcome: { pages: 2, removed: 1, unloaded: 1 } });
    const row = await suite.db.prisma.webSource.findUniqueOrThrow({ where: { id: source!.id } });
    expect((row.pages as string[]).sort()).toEqual(['/news/', '/news/canteen', '/news/parking'].map((p) => `${site.url}${p}`));
    pages['/news/canteen'] = { body: htmlPage('Canteen', 'The canteen now opens at half past seven.') };
  });

  it('changes how a source crawls, from its next load on', async () => {
    const [source] = await suite.caller.collection.webSources({ name: 'news' });
    await suite.caller.collection.setWebSourceCrawl({ id: source!.id, crawlDepth: 0, maxPages: 5, scope: 'site', skipPaths: ['/old/'], useSitemaps: true, allowPrivateNetwork: true, renderJavaScript: false });
    const [changed] = await suite.caller.collection.webSources({ name: 'news' });
    expect(changed!.crawl).toEqual({ crawlDepth: 0, maxPages: 5, scope: 'site', skipPaths: ['/old/'], useSitemaps: true, allowPrivateNetwork: true, renderJavaScript: false });
    expect(changed!.urls).toEqual(source!.urls);
    const refreshed = await suite.caller.collection.refreshWebSource({ id: source!.id });
    await finished(refreshed.runId);
    const run = await suite.db.prisma.run.findUniqueOrThrow({ where: { id: refreshed.runId }, select: { spec: true } });
    expect((run.spec as { nodes: { type: string; config: Record<string, unknown> }[] }).nodes.find((n) => n.type === 'io.web-input')!.config).toMatchObject({ crawlDepth: 0, maxPages: 5, scope: 'site', useSitemaps: true });
    await expect(suite.caller.collection.setWebSourceCrawl({ id: source!.id, crawlDepth: 9, maxPages: 5, scope: 'site', skipPaths: [], allowPrivateNetwork: false, renderJavaScript: false })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      suite.caller.collection.setWebSourceCrawl({ id: '00000000-0000-4000-8000-000000000000', crawlDepth: 0, maxPages: 5, scope: 'site', skipPaths: [], allowPrivateNetwork: false, renderJavaScript: false }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('forgets a source with its pages when asked, keeping those another source also loads', async () => {
    const [first] = await suite.caller.collection.webSources({ name: 'news' });
    const second = await suite.caller.collection.importWeb({ collection: 'news', urls: [`${site.url}/news/canteen`], crawlDepth: 0, maxPages: 5, scope: 'path', allowPrivateNetwork: true });
    await finished(second.runId);
    const titles = async () => (await suite.caller.collection.documents({ name: 'news' })).documents.map((d) => d.title).sort();
    expect(await titles()).toEqual(['Canteen', 'News']);
    expect(await suite.caller.collection.deleteWebSource({ id: first!.id, withPages: true })).toEqual({ deleted: first!.id, deletedPages: 1 });
    expect(await titles()).toEqual(['Canteen']);
    const [collection] = await suite.db.sql.query<{ chunk_count: number; actual: number }>(
      "SELECT c.chunk_count, (SELECT count(*)::int FROM chunk k WHERE k.collection_id = c.id AND NOT k.is_parent) AS actual FROM collection c WHERE c.name = 'news'",
    );
    expect(collection!.chunk_count).toBe(collection!.actual);
    expect((await suite.caller.collection.webSources({ name: 'news' })).map((source) => source.id)).toEqual([second.sourceId]);
  });

  it('refuses what it cannot do, and goes with its collection', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    await expect(suite.caller.collection.refreshWebSource({ id: unknown })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(suite.caller.collection.setWebSourceRefresh({ id: unknown, refreshHours: 0 })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('refresh at most every hour') });
    const [source] = await suite.caller.collection.webSources({ name: 'news' });
    await suite.caller.collection.delete({ name: 'news' });
    expect(await suite.caller.collection.webSources({ name: 'news' })).toEqual([]);
    await expect(suite.caller.collection.deleteWebSource({ id: source!.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

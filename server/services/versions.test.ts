import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbBackends, openTestDb, type TestDb } from '../testing/db';
import { echoSpec } from '../testing/specs';
import { ServiceError } from './errors';
import { createGraph, exportGraph, getGraph, saveDraft } from './graphs';
import { importGraph } from './graph-import';
import { diffVersions, getVersion, listVersions, restoreVersion, saveVersion } from './versions';

describe.each(dbBackends())('graph versions on %s', (backend) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(backend);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  async function newGraph(name: string) {
    return createGraph(db, { name, spec: echoSpec() });
  }

  it('saves versions numbered from 1, each naming its parent', async () => {
    const graph = await newGraph('numbering');
    const v1 = await saveVersion(db, { graphId: graph.id, baseVersionId: null, message: 'first' });
    const v2 = await saveVersion(db, { graphId: graph.id, baseVersionId: v1.id, spec: echoSpec('other') });
    expect([v1.number, v2.number]).toEqual([1, 2]);
    expect(v2.parentVersionId).toBe(v1.id);
    expect(v1.specHash).not.toBe(v2.specHash);
    expect((await listVersions(db, graph.id)).map((v) => v.number)).toEqual([2, 1]);
    expect((await getGraph(db, graph.id)).latestVersion?.id).toBe(v2.id);
  });

  it('keeps a draft\'s notes in it and in the versions saved from it, outside the graph\'s hash', async () => {
    const graph = await newGraph('annotated');
    const plain = await saveVersion(db, { graphId: graph.id, baseVersionId: null });
    const notes = [{ id: 'note-1', text: 'Echo stands in for a model here.', position: { x: -40, y: 200 }, width: 260, height: 90 }];
    await saveDraft(db, { id: graph.id, spec: { ...echoSpec(), notes } });
    expect((await getGraph(db, graph.id)).draft.notes).toEqual(notes);
    const annotated = await saveVersion(db, { graphId: graph.id, baseVersionId: plain.id, message: 'explain the echo' });
    expect((await getVersion(db, annotated.id)).spec.notes).toEqual(notes);
    expect(annotated.specHash).toBe(plain.specHash);
    const diff = await diffVersions(db, { fromVersionId: plain.id, to: annotated.id });
    expect(diff).toMatchObject({ semanticallyEqual: true, notes: { added: ['note-1'], removed: [], edited: [] } });
  });

  it('refuses a stale base with CONFLICT naming the latest version', async () => {
    const graph = await newGraph('stale');
    const v1 = await saveVersion(db, { graphId: graph.id, baseVersionId: null });
    await saveVersion(db, { graphId: graph.id, baseVersionId: v1.id });
    const error = await saveVersion(db, { graphId: graph.id, baseVersionId: v1.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({ code: 'CONFLICT', details: { latestNumber: 2 } });
    expect((error as Error).message).toMatch(/version 2 was saved since your edit began/);
    const first = await saveVersion(db, { graphId: graph.id, baseVersionId: null }).catch((e: unknown) => e);
    expect(first).toMatchObject({ code: 'CONFLICT' });
  });

  it('lets exactly one of two concurrent saves on the same base win, losing no version', async () => {
    const graph = await newGraph('race');
    const base = await saveVersion(db, { graphId: graph.id, baseVersionId: null });
    for (let round = 0; round < 5; round++) {
      const latest = (await getGraph(db, graph.id)).latestVersion!;
      const results = await Promise.allSettled([
        saveVersion(db, { graphId: graph.id, baseVersionId: latest.id, message: `a${round}` }),
        saveVersion(db, { graphId: graph.id, baseVersionId: latest.id, message: `b${round}` }),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]!.reason).toMatchObject({ code: 'CONFLICT' });
    }
    const versions = await listVersions(db, graph.id);
    expect(versions.map((v) => v.number)).toEqual([6, 5, 4, 3, 2, 1]);
    // the chain is unbroken: every version's parent is the one before it
    const byNumber = new Map(versions.map((v) => [v.number, v]));
    for (const v of versions) expect(v.parentVersionId).toBe(v.number === 1 ? null : byNumber.get(v.number - 1)!.id);
    expect(base.number).toBe(1);
  });

  it('refuses an invalid spec with BAD_REQUEST and the issues', async () => {
    const graph = await newGraph('invalid');
    const spec = echoSpec();
    spec.edges = [];
    const error = await saveVersion(db, { graphId: graph.id, baseVersionId: null, spec }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'BAD_REQUEST' });
    expect((error as ServiceError).details?.issues?.map((i) => i.code)).toEqual(['MISSING_REQUIRED_INPUT']);
    expect(await listVersions(db, graph.id)).toEqual([]);
  });

  it('cannot modify a version: the database refuses any UPDATE', async () => {
    const graph = await newGraph('immutable');
    const v1 = await saveVersion(db, { graphId: graph.id, baseVersionId: null, message: 'original' });
    await expect(db.prisma.graphVersion.update({ where: { id: v1.id }, data: { message: 'rewritten' } })).rejects.toThrow(/immutable/);
    await expect(db.sql.execute(`UPDATE graph_version SET spec = '{}' WHERE id = $1`, [v1.id])).rejects.toThrow(/immutable/);
    const again = await getVersion(db, v1.id);
    expect(again.message).toBe('original');
    expect(again.spec).toEqual(echoSpec());
  });

  it('diffs two versions and a version against the draft', async () => {
    const graph = await newGraph('diff');
    const v1 = await saveVersion(db, { graphId: graph.id, baseVersionId: null });
    const v2 = await saveVersion(db, { graphId: graph.id, baseVersionId: v1.id, spec: echoSpec('answer') });
    const diff = await diffVersions(db, { fromVersionId: v1.id, to: v2.id });
    expect(diff).toMatchObject({ fromNumber: 1, toNumber: 2, nodesAdded: [], nodesRemoved: [] });
    expect(diff.nodesChanged).toEqual([expect.objectContaining({ nodeId: 'out', config: [{ path: ['field'], before: 'result', after: 'answer' }] })]);
    const draft = echoSpec();
    draft.nodes.push({ id: 'extra', type: 'io.result-output', typeVersion: 1, config: {}, position: { x: 0, y: 0 } });
    await saveDraft(db, { id: graph.id, spec: draft });
    const toDraft = await diffVersions(db, { fromVersionId: v2.id, to: 'draft' });
    expect(toDraft.toNumber).toBeNull();
    expect(toDraft.nodesAdded.map((n) => n.id)).toEqual(['extra']);
  });

  it('restores an old version as a new version and as the draft', async () => {
    const graph = await newGraph('restore');
    const v1 = await saveVersion(db, { graphId: graph.id, baseVersionId: null });
    const v2 = await saveVersion(db, { graphId: graph.id, baseVersionId: v1.id, spec: echoSpec('changed') });
    const v3 = await restoreVersion(db, { versionId: v1.id, baseVersionId: v2.id });
    expect(v3).toMatchObject({ number: 3, parentVersionId: v2.id, specHash: v1.specHash, message: 'Restore version 1' });
    expect((await getGraph(db, graph.id)).draft).toEqual(echoSpec());
    expect(await restoreVersion(db, { versionId: v1.id, baseVersionId: v2.id }).catch((e: unknown) => e)).toMatchObject({ code: 'CONFLICT' });
  });

  it('exports and imports a graph with its history', async () => {
    const graph = await newGraph('exported');
    const v1 = await saveVersion(db, { graphId: graph.id, baseVersionId: null, message: 'one' });
    const notes = [{ id: 'note-1', text: 'travels with the export', position: { x: 0, y: 300 } }];
    await saveVersion(db, { graphId: graph.id, baseVersionId: v1.id, spec: { ...echoSpec('two'), notes }, message: 'two' });
    const data = JSON.parse(JSON.stringify(await exportGraph(db, graph.id)));
    const imported = await importGraph(db, { data, name: 'imported copy' });
    const versions = await listVersions(db, imported.id);
    expect((await getVersion(db, versions[0]!.id)).spec.notes).toEqual(notes); // notes come along
    expect(versions.map((v) => [v.number, v.message])).toEqual([[2, 'two'], [1, 'one']]);
    expect(versions[0]!.parentVersionId).toBe(versions[1]!.id);
    expect(versions.map((v) => v.specHash)).toEqual((await listVersions(db, graph.id)).map((v) => v.specHash));
    await expect(importGraph(db, { data: { format: 'something-else' } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(importGraph(db, { data })).rejects.toMatchObject({ code: 'CONFLICT' });
    // the name taken: nothing of the second import is written (its versions neither)
    expect((await listVersions(db, graph.id)).map((v) => v.number)).toEqual([2, 1]);
  });

  it('refuses an export whose versions the database cannot hold, naming the field, and leaves no graph behind', async () => {
    const graph = await newGraph('export with bad versions');
    await saveVersion(db, { graphId: graph.id, baseVersionId: null, message: 'one' });
    const data = JSON.parse(JSON.stringify(await exportGraph(db, graph.id))) as { versions: Record<string, unknown>[] };
    const broken: [string, Record<string, unknown>, string][] = [
      ['bad date', { createdAt: 'garbage' }, 'versions.0.createdAt: expected an ISO 8601 date and time'],
      ['year 0', { createdAt: '0000-01-01T00:00:00Z' }, 'versions.0.createdAt: a version cannot be older than the year 1'],
      ['huge number', { number: 1099511627776 }, 'versions.0.number: a version number is at most 2147483647'],
    ];
    for (const [name, change, message] of broken) {
      const bad = { ...data, versions: [{ ...data.versions[0], ...change }] };
      await expect(importGraph(db, { data: bad, name }), name).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining(message) as string });
      await expect(createGraph(db, { name })).resolves.toMatchObject({ name }); // the name is still free
    }
    await expect(importGraph(db, { data: { ...data, name: '   ' } })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('name: a graph needs a name') as string });
    // a hand-written export may leave dates out: those versions are dated now
    const undated = { ...data, name: 'undated', versions: [{ number: 1, spec: data.versions[0]!.spec }, { number: 2, spec: data.versions[0]!.spec, createdAt: '2026-01-02T03:04:05Z' }] };
    const imported = await importGraph(db, { data: undated });
    const versions = await listVersions(db, imported.id);
    expect(versions.map((v) => [v.number, v.createdAt.getUTCFullYear() >= 2026])).toEqual([[2, true], [1, true]]);
    expect(versions.find((v) => v.number === 2)!.createdAt.toISOString()).toBe('2026-01-02T03:04:05.000Z');
  });
});

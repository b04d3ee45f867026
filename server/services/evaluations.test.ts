import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbBackends, openTestDb, type TestDb } from '../testing/db';
import { echoSpec } from '../testing/specs';
import { createGraph, deleteGraph } from './graphs';
import { deleteEvaluation, listEvaluations, recordEvaluation } from './evaluations';
import { saveVersion } from './versions';

describe.each(dbBackends())('evaluations on %s', (backend) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(backend);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  async function graphWithTwoVersions(name: string) {
    const graph = await createGraph(db, { name, spec: echoSpec() });
    const v1 = await saveVersion(db, { graphId: graph.id, baseVersionId: null });
    const v2 = await saveVersion(db, { graphId: graph.id, baseVersionId: v1.id, spec: echoSpec('other') });
    return { graph, v1, v2 };
  }

  it('records scores against a version and lists a graph’s evaluations newest first, each naming its version', async () => {
    const { graph, v1, v2 } = await graphWithTwoVersions('scored');
    const first = await recordEvaluation(db, { versionId: v1.id, dataset: 'scifact train', collection: 'scifact', queries: 809, metrics: { ndcg10: 0.6935, recall100: 0.917 }, settings: { depth: 100 } });
    const second = await recordEvaluation(db, { versionId: v2.id, dataset: 'scifact train', collection: 'scifact', queries: 809, failed: 2, metrics: { ndcg10: 0.7012, recall100: 0.92 }, createdBy: 'ci' });
    expect(first).toMatchObject({ graphVersionId: v1.id, versionNumber: 1, dataset: 'scifact train', queries: 809, failed: 0, settings: { depth: 100 }, createdBy: 'local' });
    const listed = await listEvaluations(db, graph.id);
    expect(listed.map((e) => [e.id, e.versionNumber, e.metrics.ndcg10])).toEqual([
      [second.id, 2, 0.7012],
      [first.id, 1, 0.6935],
    ]);
    expect(listed[0]).toMatchObject({ failed: 2, createdBy: 'ci', collection: 'scifact' });
    // another graph's evaluations stay out of this list
    const other = await graphWithTwoVersions('scored elsewhere');
    await recordEvaluation(db, { versionId: other.v1.id, dataset: 'nfcorpus', queries: 10, metrics: { ndcg10: 0.3 } });
    expect((await listEvaluations(db, graph.id)).map((e) => e.id)).toEqual([second.id, first.id]);
  });

  it('refuses evaluations that say nothing or cannot be true, naming the field', async () => {
    const { v1 } = await graphWithTwoVersions('refused');
    const attempt = (input: Record<string, unknown>) =>
      recordEvaluation(db, { versionId: v1.id, dataset: 'd', queries: 5, metrics: { ndcg10: 0.5 }, ...input } as Parameters<typeof recordEvaluation>[1]).then(
        () => null,
        (e: { code: string; message: string }) => ({ code: e.code, message: e.message }),
      );
    expect(await attempt({ metrics: {} })).toEqual({ code: 'BAD_REQUEST', message: expect.stringContaining('give at least one metric') });
    expect(await attempt({ metrics: { ndcg10: Number.NaN } })).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await attempt({ metrics: { 'nDCG at 10': 0.5 } })).toEqual({ code: 'BAD_REQUEST', message: expect.stringContaining('"nDCG at 10" is not a metric name') });
    expect(await attempt({ dataset: '  ' })).toEqual({ code: 'BAD_REQUEST', message: expect.stringContaining('dataset: name the dataset') });
    expect(await attempt({ queries: 0 })).toEqual({ code: 'BAD_REQUEST', message: expect.stringContaining('at least one query') });
    expect(await attempt({ failed: 6 })).toEqual({ code: 'BAD_REQUEST', message: 'failed (6) cannot exceed queries (5)' });
    expect(await attempt({ versionId: '00000000-0000-4000-8000-000000000000' })).toEqual({ code: 'NOT_FOUND', message: 'version "00000000-0000-4000-8000-000000000000" does not exist' });
  });

  it('deletes one evaluation, and a deleted graph takes its evaluations with it', async () => {
    const { graph, v1, v2 } = await graphWithTwoVersions('deleted');
    const kept = await recordEvaluation(db, { versionId: v1.id, dataset: 'd', queries: 3, metrics: { ndcg10: 0.5 } });
    const dropped = await recordEvaluation(db, { versionId: v2.id, dataset: 'd', queries: 3, metrics: { ndcg10: 0.6 } });
    await deleteEvaluation(db, dropped.id);
    expect((await listEvaluations(db, graph.id)).map((e) => e.id)).toEqual([kept.id]);
    await expect(deleteEvaluation(db, dropped.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await deleteGraph(db, graph.id);
    const [left] = await db.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM evaluation WHERE id = $1', [kept.id]);
    expect(left!.n).toBe(0);
  });
});

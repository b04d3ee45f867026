import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbBackends, openTestDb, type TestDb } from '../testing/db';
import { echoSpec } from '../testing/specs';
import { datasetDownload } from '../http/dataset-download';
import { responseForError } from '../http/responses';
import { createDataset, deleteDataset, getDataset, listDatasets, loadJudgedQueries, MAX_DATASET_QUERIES, updateDataset } from './datasets';
import { getEvaluation, listEvaluations, recordEvaluation } from './evaluations';
import { createGraph } from './graphs';
import { saveVersion } from './versions';

const QUERIES = [
  { _id: 'q1', text: 'Does aspirin prevent heart attacks?' },
  { _id: 'q2', text: 'malaria vaccine protection in children' },
  { _id: 'q3', text: 'a query judged not relevant to anything' },
  { _id: 'q9', text: 'a query nobody judged' },
];
const queriesText = QUERIES.map((q) => JSON.stringify(q)).join('\n');
// BEIR's header and CRLF; q3 has only a 0 grade, q7 is not in the queries file
const qrelsText = 'query-id\tcorpus-id\tscore\r\nq1\td1\t1\r\nq1\td2\t2\r\nq2\td3\t1\r\nq3\td4\t0\r\nq7\td5\t1\r\n';

describe.each(dbBackends())('datasets on %s', (backend) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(backend);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (e: { code: string; message: string }) => ({ code: e.code, message: e.message }),
    );

  it('keeps the judged queries of BEIR files and says what it left out', async () => {
    const created = await createDataset(db, { name: ' tiny train ', description: 'three abstracts', queriesText, qrelsText });
    expect(created).toMatchObject({ name: 'tiny train', description: 'three abstracts', queryCount: 2, judgementCount: 3, skipped: { unjudged: 1, judgedButMissing: 1, allZero: 1 }, evaluationCount: 0, lastEvaluatedAt: null });
    const loaded = await loadJudgedQueries(db, created.id);
    expect(loaded.name).toBe('tiny train');
    expect(loaded.queries).toEqual([
      ['q1', 'Does aspirin prevent heart attacks?'],
      ['q2', 'malaria vaccine protection in children'],
    ]);
    expect(Object.fromEntries([...loaded.qrels].map(([id, judged]) => [id, Object.fromEntries(judged)]))).toEqual({ q1: { d1: 1, d2: 2 }, q2: { d3: 1 } });
    const detail = await getDataset(db, created.id);
    expect(detail.sample).toEqual([
      { id: 'q1', text: 'Does aspirin prevent heart attacks?', relevant: 2 },
      { id: 'q2', text: 'malaria vaccine protection in children', relevant: 1 },
    ]);
    expect(detail.evaluations).toEqual([]);
  });

  it('downloads as BEIR files that store the same dataset again', async () => {
    const stored = await createDataset(db, { name: 'round trip / v1', queriesText, qrelsText });
    const download = (id: string, file: string) => datasetDownload({ db }, { id, file }).catch(responseForError);
    const queries = await download(stored.id, 'queries.jsonl');
    expect(queries.headers.get('content-disposition')).toContain('filename="round-trip-v1-queries.jsonl"');
    const queriesFile = await queries.text();
    expect(queriesFile).toBe('{"_id":"q1","text":"Does aspirin prevent heart attacks?"}\n{"_id":"q2","text":"malaria vaccine protection in children"}\n');
    const qrelsFile = await (await download(stored.id, 'qrels.tsv')).text();
    expect(qrelsFile).toBe('query-id\tcorpus-id\tscore\nq1\td1\t1\nq1\td2\t2\nq2\td3\t1\n');
    const again = await createDataset(db, { name: 'round trip / v2', queriesText: queriesFile, qrelsText: qrelsFile });
    expect(again).toMatchObject({ queryCount: 2, judgementCount: 3, skipped: { unjudged: 0, judgedButMissing: 0, allZero: 0 } });
    expect(await loadJudgedQueries(db, again.id)).toEqual({ ...(await loadJudgedQueries(db, stored.id)), name: 'round trip / v2' });
    // what cannot be downloaded says why
    expect((await download(stored.id, 'corpus.jsonl')).status).toBe(404);
    expect((await download('not-an-id', 'qrels.tsv')).status).toBe(400);
    const missing = await download('00000000-0000-4000-8000-000000000000', 'qrels.tsv');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { message: 'dataset "00000000-0000-4000-8000-000000000000" does not exist' } });
  });

  it('refuses a taken name and files it cannot read, saying what to fix', async () => {
    await createDataset(db, { name: 'taken', queriesText, qrelsText });
    const attempt = (input: Partial<Parameters<typeof createDataset>[1]>) => failure(createDataset(db, { name: 'new one', queriesText, qrelsText, ...input }));
    expect(await attempt({ name: 'taken' })).toEqual({ code: 'CONFLICT', message: expect.stringContaining('a dataset named "taken" already exists') });
    expect(await attempt({ name: '  ' })).toEqual({ code: 'BAD_REQUEST', message: expect.stringContaining('name: name the dataset') });
    expect(await attempt({ qrelsText: 'x1\td1\t1\nx2\td2\t1' })).toEqual({
      code: 'BAD_REQUEST',
      message: 'none of the 2 judged queries is in the queries file (judged ids look like x1, x2; query ids like q1, q2, q3)',
    });
    expect(await attempt({ queriesText: `${queriesText}\nnot json` })).toEqual({ code: 'BAD_REQUEST', message: expect.stringContaining('queries file:5: not a JSON line') });
    expect(await attempt({ queriesText: '{"text": "no id"}' })).toEqual({ code: 'BAD_REQUEST', message: 'queries file:1: a query line needs "_id" and "text"' });
    expect(await attempt({ qrelsText: 'query-id\tcorpus-id\tscore\nq1\td1\thigh' })).toEqual({ code: 'BAD_REQUEST', message: 'judgements file:2: score "high" is not a number' });
    expect(await attempt({ qrelsText: 'q1 d1 1' })).toEqual({ code: 'BAD_REQUEST', message: expect.stringContaining('no tab-separated (query-id, corpus-id, score) lines') });
    expect(await attempt({ qrelsText: 'q1\td1\t0\nq2\td3\t0' })).toEqual({ code: 'BAD_REQUEST', message: expect.stringContaining('every judgement of the queries found scores 0') });
    expect(await attempt({ queriesText: '' })).toEqual({ code: 'BAD_REQUEST', message: expect.stringContaining('queriesText: add the queries file') });
    const many = Array.from({ length: MAX_DATASET_QUERIES + 1 }, (_, i) => `q${i}`);
    expect(await attempt({ queriesText: many.map((id) => JSON.stringify({ _id: id, text: id })).join('\n'), qrelsText: many.map((id) => `${id}\td\t1`).join('\n') })).toEqual({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('5,001 judged queries: a dataset keeps at most 5,000'),
    });
    expect((await listDatasets(db)).map((d) => d.name)).not.toContain('new one');
  });

  it('renames a dataset and relabels the evaluations made on it, never its queries', async () => {
    const dataset = await createDataset(db, { name: 'scifact tarin', description: 'typo', queriesText, qrelsText });
    const graph = await createGraph(db, { name: 'scored before a rename', spec: echoSpec() });
    const v1 = await saveVersion(db, { graphId: graph.id, baseVersionId: null });
    await recordEvaluation(db, { versionId: v1.id, datasetId: dataset.id, queries: 2, metrics: { ndcg10: 0.5 } });
    // the same label from files, not the stored set: not relabelled
    await recordEvaluation(db, { versionId: v1.id, dataset: 'scifact tarin', queries: 2, metrics: { ndcg10: 0.4 } });
    const renamed = await updateDataset(db, { id: dataset.id, name: ' scifact train ' });
    expect(renamed).toMatchObject({ id: dataset.id, name: 'scifact train', description: 'typo', queryCount: 2 });
    expect((await listEvaluations(db, graph.id)).map((e) => [e.dataset, e.metrics.ndcg10]).sort()).toEqual([
      ['scifact tarin', 0.4],
      ['scifact train', 0.5],
    ]);
    expect(await updateDataset(db, { id: dataset.id, description: 'SciFact train split' })).toMatchObject({ name: 'scifact train', description: 'SciFact train split' });
    expect((await loadJudgedQueries(db, dataset.id)).queries.map(([id]) => id)).toEqual(['q1', 'q2']);
    // a taken name, an empty one, an unknown dataset
    await createDataset(db, { name: 'another set', queriesText, qrelsText });
    expect(await failure(updateDataset(db, { id: dataset.id, name: 'another set' }))).toEqual({ code: 'CONFLICT', message: 'a dataset named "another set" already exists: choose another name' });
    expect(await failure(updateDataset(db, { id: dataset.id, name: '  ' }))).toEqual({ code: 'BAD_REQUEST', message: expect.stringContaining('name the dataset') });
    expect(await failure(updateDataset(db, { id: '00000000-0000-4000-8000-000000000000', name: 'x' }))).toMatchObject({ code: 'NOT_FOUND' });
    expect((await getDataset(db, dataset.id)).name).toBe('scifact train');
  });

  it('ranks every version scored on it, and deleting it keeps their scores', async () => {
    const dataset = await createDataset(db, { name: 'ranked', queriesText, qrelsText });
    const graph = await createGraph(db, { name: 'scored on ranked', spec: echoSpec() });
    const v1 = await saveVersion(db, { graphId: graph.id, baseVersionId: null });
    const v2 = await saveVersion(db, { graphId: graph.id, baseVersionId: v1.id, spec: echoSpec('other') });
    const first = await recordEvaluation(db, { versionId: v1.id, datasetId: dataset.id, queries: 2, metrics: { ndcg10: 0.5 } });
    // the stored dataset's name wins over one given beside it
    const second = await recordEvaluation(db, { versionId: v2.id, datasetId: dataset.id, dataset: 'something else', queries: 2, metrics: { ndcg10: 0.75 } });
    expect(second).toMatchObject({ dataset: 'ranked', datasetId: dataset.id });
    await recordEvaluation(db, { versionId: v2.id, dataset: 'ranked', queries: 2, metrics: { ndcg10: 0.9 } }); // same name, not from the stored set
    const detail = await getDataset(db, dataset.id);
    // only the evaluations made on the stored set (two may share a millisecond: compared by version)
    expect(detail.evaluations.map((e) => [e.graphName, e.versionNumber, e.metrics.ndcg10]).sort((a, b) => Number(a[1]) - Number(b[1]))).toEqual([
      ['scored on ranked', 1, 0.5],
      ['scored on ranked', 2, 0.75],
    ]);
    const listed = (await listDatasets(db)).find((d) => d.id === dataset.id)!;
    expect(listed).toMatchObject({ evaluationCount: 2, lastEvaluatedAt: second.createdAt });

    expect(await deleteDataset(db, dataset.id)).toEqual({ id: dataset.id });
    expect(await getEvaluation(db, first.id)).toMatchObject({ dataset: 'ranked', datasetId: null, metrics: { ndcg10: 0.5 } });
    expect(await failure(getDataset(db, dataset.id))).toEqual({ code: 'NOT_FOUND', message: `dataset "${dataset.id}" does not exist` });
    expect(await failure(deleteDataset(db, dataset.id))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failure(recordEvaluation(db, { versionId: v1.id, datasetId: dataset.id, queries: 2, metrics: { ndcg10: 0.5 } }))).toMatchObject({ code: 'NOT_FOUND', message: `dataset "${dataset.id}" does not exist` });
    expect(await failure(recordEvaluation(db, { versionId: v1.id, queries: 2, metrics: { ndcg10: 0.5 } }))).toEqual({ code: 'BAD_REQUEST', message: expect.stringContaining('name the dataset') });
  });
});

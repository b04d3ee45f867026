import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_INGEST_GRAPH, DEFAULT_QUERY_GRAPH, loadGraphSpec, overrideConfig } from '../../cli/graphs';
import { ingestFiles } from '../../cli/commands/ingest';
import type { FileValue } from '../../nodes/core/values';
import { modeMatrix, openMode, type ModeHandle } from '../../runners/testing/modes';
import type { Runner } from '../../runners/index';
import { cancelEvaluation, getEvaluation, listEvaluations, startEvaluation, type EvaluationSummary } from '../services/evaluations';
import { resumeStaleEvaluations, stopEvaluations } from './jobs';
import { createDataset } from '../services/datasets';
import { createGraph } from '../services/graphs';
import { listRuns, startRun } from '../services/runs';
import { getVersion, saveVersion } from '../services/versions';
import { dbBackends, openTestDb, type TestDb } from '../testing/db';
import { echoSpec } from '../testing/specs';

/** Three abstracts, each the one answer to a query. */
const DOCS: Record<string, string> = {
  d1: 'Aspirin and heart attacks\n\nLow-dose aspirin lowers the risk of a first heart attack in adults.',
  d3: 'Malaria vaccines\n\nThe RTS,S vaccine gives partial protection against malaria in children.',
  d4: 'Sleep and memory\n\nSleep after learning consolidates declarative memory.',
};
const QUERIES = [
  { _id: 'q1', text: 'Does aspirin prevent heart attacks?' },
  { _id: 'q2', text: 'malaria vaccine protection in children' },
  { _id: 'q3', text: 'sleep consolidates memory' },
  { _id: 'q9', text: 'a query nobody judged' },
];
const queriesText = QUERIES.map((q) => JSON.stringify(q)).join('\n');
const qrelsText = 'query-id\tcorpus-id\tscore\r\nq1\td1\t1\r\nq2\td3\t1\r\nq3\td4\t1\r\n';

async function* files(): AsyncGenerator<FileValue> {
  for (const [id, text] of Object.entries(DOCS)) yield { name: `${id}.txt`, mimeType: 'text/plain', sourceId: id, contentBase64: Buffer.from(text).toString('base64') };
}

describe.each(modeMatrix(dbBackends()))('evaluating a version from the editor on %s, %s', (backend, mode) => {
  let db: TestDb;
  let handle: ModeHandle;
  let runner: Runner;
  beforeAll(async () => {
    db = await openTestDb(backend);
    handle = await openMode(mode, db, db.url);
    runner = handle.runner;
    const { spec } = await loadGraphSpec(db, DEFAULT_INGEST_GRAPH);
    await ingestFiles({ sql: db.sql, spec, collection: 'tiny', files: files(), batchSize: 3, quiet: true });
  }, 120_000);
  afterAll(async () => {
    await handle?.close();
    await db?.destroy();
  }, 60_000);

  /** A query graph on `collection`, with an optional branch off the query (to slow or fail every run). */
  async function queryVersion(name: string, collection: string, branch?: { type: string; port: string; config: Record<string, unknown> }) {
    const { spec } = await loadGraphSpec(db, DEFAULT_QUERY_GRAPH);
    let query = overrideConfig(spec, 'retrieve.pgvector', { collection });
    if (branch) {
      query = {
        ...query,
        nodes: [...query.nodes, { id: 'branch', type: branch.type, typeVersion: 1, config: branch.config, position: { x: 0, y: 400 } }],
        edges: [...query.edges, { id: 'to-branch', from: { node: 'query', port: 'query' }, to: { node: 'branch', port: branch.port } }],
      };
    }
    const graph = await createGraph(db, { name, spec: query });
    return saveVersion(db, { graphId: graph.id, baseVersionId: null });
  }

  let datasets = 0;
  /** A stored dataset of these files (a new name each time). */
  async function dataset(queries = queriesText, qrels = qrelsText) {
    return (await createDataset(db, { name: `tiny test ${++datasets}`, queriesText: queries, qrelsText: qrels })).id;
  }

  async function ended(graphId: string, id: string, timeoutMs = 90_000): Promise<EvaluationSummary> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const current = (await listEvaluations(db, graphId)).find((e) => e.id === id)!;
      if (current.status !== 'running') return current;
      if (Date.now() > deadline) throw new Error(`evaluation still running after ${timeoutMs} ms (${current.done}/${current.queries})`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  it('runs every judged query as a run of the version and records the scores', async () => {
    const version = await queryVersion('evaluated', 'tiny');
    const datasetId = await dataset();
    const started = await startEvaluation(db, runner, { versionId: version.id, datasetId, depth: 50 });
    // the unjudged query is skipped, as BEIR's evaluation does
    expect(started).toMatchObject({ status: 'running', queries: 3, done: 0, collection: 'tiny', settings: { depth: 50 }, versionNumber: 1, dataset: 'tiny test 1' });
    const result = await ended(version.graphId, started.id);
    expect(result).toMatchObject({ status: 'succeeded', done: 3, failed: 0, error: null, metrics: { ndcg10: 1, recall100: 1, mrr10: 1 } });
    // each judged query keeps its scores and its run
    const { perQuery } = await getEvaluation(db, started.id);
    expect(perQuery.map((q) => [q.id, q.text, q.ndcg10, q.failed])).toEqual([
      ['q1', 'Does aspirin prevent heart attacks?', 1, undefined],
      ['q2', 'malaria vaccine protection in children', 1, undefined],
      ['q3', 'sleep consolidates memory', 1, undefined],
    ]);
    const [firstRun] = await db.sql.query<{ question: string }>(`SELECT input->>'query' AS question FROM run WHERE id = $1 AND source = 'eval'`, [perQuery[0]!.runId]);
    expect(firstRun!.question).toBe('Does aspirin prevent heart attacks?');
    const runs = await db.sql.query<{ status: string; question: string }>(
      `SELECT status, input->>'query' AS question FROM run WHERE graph_version_id = $1 AND source = 'eval' ORDER BY 2`,
      [version.id],
    );
    expect(runs).toEqual(['Does aspirin prevent heart attacks?', 'malaria vaccine protection in children', 'sleep consolidates memory'].map((question) => ({ status: 'succeeded', question })));
    // the run history lists them by their source
    await startRun(db, runner, { graphId: version.graphId, versionId: version.id, input: { query: 'aspirin' }, source: 'editor' });
    const listed = await listRuns(db, { graphId: version.graphId, source: 'eval' });
    expect(listed.items.map((r) => r.source)).toEqual(['eval', 'eval', 'eval']);
    expect((await listRuns(db, { graphId: version.graphId, source: 'editor' })).items).toHaveLength(1);
    // the run history's default leaves evaluation runs out
    expect((await listRuns(db, { graphId: version.graphId, excludeSource: 'eval' })).items.map((r) => r.source)).toEqual(['editor']);
    expect((await listRuns(db, { graphId: version.graphId })).items).toHaveLength(4);
  }, 120_000);

  it('searches another collection than the one its retrievers name when asked, and records which', async () => {
    const version = await queryVersion('elsewhere', 'never-ingested');
    const datasetId = await dataset();
    const started = await startEvaluation(db, runner, { versionId: version.id, datasetId, depth: 20, collection: 'tiny' });
    expect(started).toMatchObject({ collection: 'tiny', settings: { depth: 20, collection: 'tiny' } });
    expect(await ended(version.graphId, started.id)).toMatchObject({ status: 'succeeded', done: 3, metrics: { ndcg10: 1 } });
    // each query ran the version as saved but for its retriever's collection
    const { perQuery } = await getEvaluation(db, started.id);
    const [run] = await db.sql.query<{ collection: string; versionId: string }>(
      `SELECT n->'config'->>'collection' AS collection, graph_version_id AS "versionId" FROM run, jsonb_array_elements(spec->'nodes') n WHERE run.id = $1 AND n->>'type' = 'retrieve.pgvector'`,
      [perQuery[0]!.runId],
    );
    expect(run).toEqual({ collection: 'tiny', versionId: version.id });
    // a collection that does not exist is refused before any run, naming it
    await expect(startEvaluation(db, runner, { versionId: version.id, datasetId, collection: 'nope' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'collection "nope" does not exist: ingest the corpus the judgements name first (Collections → upload)',
    });
  }, 120_000);

  it('fails an evaluation whose every query fails, with the first reason', async () => {
    // a branch that fails every run: an embeddings server on a closed port
    const version = await queryVersion('failing', 'tiny', { type: 'embed.openai', port: 'query', config: { baseUrl: 'http://127.0.0.1:9', model: 'm', timeoutMs: 1000 } });
    const started = await startEvaluation(db, runner, { versionId: version.id, datasetId: await dataset() });
    const result = await ended(version.graphId, started.id);
    expect(result.status).toBe('failed');
    expect(result.error).toMatch(/^every query failed; the first: query q\d failed: .*127\.0\.0\.1:9/);
    expect(result.metrics).toEqual({});
  }, 120_000);

  it('stops a cancelled evaluation: no scores, and no more runs', async () => {
    const version = await queryVersion('cancelled', 'tiny');
    const many = Array.from({ length: 400 }, (_, i) => ({ _id: `q${i}`, text: QUERIES[i % 3]!.text }));
    const datasetId = await dataset(
      many.map((q) => JSON.stringify(q)).join('\n'),
      many.map((q, i) => `${q._id}\t${['d1', 'd3', 'd4'][i % 3]}\t1`).join('\n'),
    );
    const started = await startEvaluation(db, runner, { versionId: version.id, datasetId });
    // the same version on the same dataset once at a time; another dataset is another evaluation
    await expect(startEvaluation(db, runner, { versionId: version.id, datasetId })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/^version 1 is already being evaluated on "tiny test \d+" \(\d+ of 400 queries scored\): wait for that evaluation to finish, or cancel it/),
    });
    const other = await startEvaluation(db, runner, { versionId: version.id, datasetId: await dataset() });
    await cancelEvaluation(db, other.id);
    const cancelled = await cancelEvaluation(db, started.id);
    expect(cancelled.status).toBe('cancelled');
    await expect(cancelEvaluation(db, started.id)).rejects.toMatchObject({ code: 'CONFLICT', message: 'the evaluation has already ended (cancelled)' });
    const count = async () => (await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM run WHERE graph_version_id = $1`, [version.id]))[0]!.n;
    await new Promise((r) => setTimeout(r, 1500));
    const after = await count();
    await new Promise((r) => setTimeout(r, 1500));
    expect(await count()).toBe(after);
    expect(after).toBeLessThan(400);
    const current = (await listEvaluations(db, version.graphId)).find((e) => e.id === started.id);
    expect(current).toMatchObject({ status: 'cancelled', metrics: {} });
    // once it has ended, the version can be evaluated on that dataset again
    const again = await startEvaluation(db, runner, { versionId: version.id, datasetId });
    expect((await cancelEvaluation(db, again.id)).status).toBe('cancelled');
  }, 120_000);

  it('cancels the runs a cancelled evaluation was waiting for', async () => {
    // each run held 5 s: a cancel comes while four are in flight
    const version = await queryVersion('cancelling runs', 'tiny', { type: 'util.delay', port: 'value', config: { ms: 5000 } });
    const started = await startEvaluation(db, runner, { versionId: version.id, datasetId: await dataset(), depth: 20 });
    const runs = async () => db.sql.query<{ id: string; status: string }>(`SELECT id, status FROM run WHERE graph_version_id = $1`, [version.id]);
    await expect.poll(async () => (await runs()).length, { timeout: 20_000 }).toBeGreaterThan(0);
    await cancelEvaluation(db, started.id);
    // well before the 5 s they would take: every run of the evaluation is cancelled
    await expect.poll(async () => (await runs()).map((r) => r.status), { timeout: 4000, interval: 200 }).toEqual(expect.arrayContaining(['cancelled']));
    await expect.poll(async () => (await runs()).every((r) => r.status === 'cancelled'), { timeout: 4000, interval: 200 }).toBe(true);
  }, 60_000);

  it('refuses what it cannot score, saying what to fix', async () => {
    const version = await queryVersion('refusals', 'tiny');
    const datasetId = await dataset();
    const attempt = (input: Partial<Parameters<typeof startEvaluation>[2]>) =>
      startEvaluation(db, runner, { versionId: version.id, datasetId, ...input }).then(
        () => null,
        (e: { code: string; message: string }) => ({ code: e.code, message: e.message }),
      );
    expect(await attempt({ depth: 0 })).toEqual({ code: 'BAD_REQUEST', message: 'depth: depth is at least 1' });
    expect(await attempt({ datasetId: '00000000-0000-4000-8000-000000000000' })).toEqual({ code: 'NOT_FOUND', message: 'dataset "00000000-0000-4000-8000-000000000000" does not exist' });
    const echo = await createGraph(db, { name: 'echo only', spec: echoSpec() });
    const echoVersion = await saveVersion(db, { graphId: echo.id, baseVersionId: null });
    expect(await attempt({ versionId: echoVersion.id })).toEqual({ code: 'BAD_REQUEST', message: expect.stringContaining('has no node that returns a ranking') });
    // every score would be 0: refused before any run
    const elsewhere = await queryVersion('no such collection', 'never-ingested');
    expect(await attempt({ versionId: elsewhere.id })).toEqual({ code: 'BAD_REQUEST', message: 'collection "never-ingested" does not exist: ingest the corpus the judgements name first (Collections → upload)' });
    const otherIds = await dataset(queriesText, 'q1\tPMID-1\t1\nq2\tPMID-2\t1');
    expect(await attempt({ datasetId: otherIds })).toEqual({ code: 'BAD_REQUEST', message: expect.stringContaining('none of the documents the judgements call relevant (e.g. PMID-1, PMID-2) is in collection "tiny"') });
    expect(await db.sql.query(`SELECT id FROM run WHERE graph_version_id IN ($1, $2)`, [version.id, elsewhere.id])).toEqual([]);
  });

  it('keeps writing progress while a slow query runs, so it is not taken for interrupted', async () => {
    // a branch that holds every run for 4 s
    const version = await queryVersion('slow', 'tiny', { type: 'util.delay', port: 'value', config: { ms: 4000 } });
    const started = await startEvaluation(db, runner, { versionId: version.id, datasetId: await dataset() });
    await new Promise((r) => setTimeout(r, 2500));
    const [row] = await db.sql.query<{ done: number; silentMs: number; status: string }>(
      `SELECT done, status, (extract(epoch FROM now() - updated_at) * 1000)::int AS "silentMs" FROM evaluation WHERE id = $1`,
      [started.id],
    );
    // no query has finished yet, and the row was written within the last beat or two
    expect(row).toMatchObject({ done: 0, status: 'running' });
    expect(row!.silentMs).toBeLessThan(2000);
    expect((await ended(version.graphId, started.id)).status).toBe('succeeded');
  }, 120_000);

  it('resumes an evaluation whose process stopped, running each query once: the scored ones not again, those in flight adopted', async () => {
    // twelve queries, each run held 2.5 s (at least three rounds of four), so the job is stopped part way
    // through; the version searches a collection that was never ingested and the evaluation asks for
    // "tiny" instead, so only a resumed job that keeps that choice scores 1
    const version = await queryVersion('resumed', 'never-ingested', { type: 'util.delay', port: 'value', config: { ms: 2500 } });
    const many = Array.from({ length: 12 }, (_, i) => ({ _id: `q${i}`, text: QUERIES[i % 3]!.text }));
    const datasetId = await dataset(many.map((q) => JSON.stringify(q)).join('\n'), many.map((q, i) => `${q._id}\t${['d1', 'd3', 'd4'][i % 3]}\t1`).join('\n'));
    const started = await startEvaluation(db, runner, { versionId: version.id, datasetId, depth: 20, collection: 'tiny' });
    const row = async () => (await db.sql.query<{ status: string; done: number; lines: number; silentMs: number; inFlight: Record<string, string> }>(
      `SELECT status, done, jsonb_array_length(per_query) AS lines, (extract(epoch FROM now() - updated_at) * 1000)::int AS "silentMs", in_flight AS "inFlight"
       FROM evaluation WHERE id = $1`,
      [started.id],
    ))[0]!;
    for (const deadline = Date.now() + 60_000; (await row()).done < 2; ) {
      if (Date.now() > deadline) throw new Error('no query was scored');
      await new Promise((r) => setTimeout(r, 100));
    }
    // the process shuts down: the job writes what it scored and leaves the row to be resumed at once
    await stopEvaluations();
    const stopped = await row();
    expect(stopped.status).toBe('running');
    expect(stopped.lines).toBe(stopped.done);
    expect(stopped.lines).toBeLessThan(12);
    expect(stopped.silentMs).toBeGreaterThan(120_000);
    // the queries cut short by the stop are written with the runs they were waiting for
    const inFlight = Object.entries(stopped.inFlight);
    expect(inFlight.length).toBeGreaterThan(0);
    const before = (await getEvaluation(db, started.id)).perQuery;
    for (const [queryId] of inFlight) expect(before.map((line) => line.id)).not.toContain(queryId);
    const runs = async () => (await db.sql.query<{ id: string }>(`SELECT id FROM run WHERE graph_version_id = $1`, [version.id])).map((r) => r.id);
    const runsAtStop = await runs();
    for (const [, runId] of inFlight) expect(runsAtStop).toContain(runId);
    expect((await listEvaluations(db, version.graphId))[0]).toMatchObject({ status: 'failed', error: expect.stringContaining('resumes it within a minute') });

    expect(await resumeStaleEvaluations(db, runner)).toEqual([started.id]);
    // claimed: another process does not take it too
    expect(await resumeStaleEvaluations(db, runner)).toEqual([]);
    const result = await ended(version.graphId, started.id);
    expect(result).toMatchObject({ status: 'succeeded', done: 12, failed: 0, metrics: { ndcg10: 1, recall100: 1, mrr10: 1 } });
    const { perQuery } = await getEvaluation(db, started.id);
    expect(perQuery.map((q) => q.id)).toEqual(many.map((q) => q._id));
    // the lines scored before the stop are kept as they were, runs included
    for (const line of before) expect(perQuery.find((q) => q.id === line.id)).toEqual(line);
    // one run per query: the resumed job started runs only for the queries neither scored nor in flight,
    // and scored those in flight from the runs started before the stop
    expect((await runs()).length).toBe(12);
    expect(new Set(perQuery.map((line) => line.runId)).size).toBe(12);
    for (const [queryId, runId] of inFlight) expect(perQuery.find((line) => line.id === queryId)?.runId).toBe(runId);
    expect((await row()).inFlight).toEqual({});
  }, 120_000);

  it('runs again a query whose run in flight is gone by the resume, and adopts one that has finished', async () => {
    const version = await queryVersion('adopting', 'tiny');
    const datasetId = await dataset();
    // q1's run finished while no process watched it; q2's run was pruned before the resume
    const { runId: finishedRunId } = await runner.start({ graphId: version.graphId, graphVersionId: version.id, spec: (await getVersion(db, version.id)).spec, input: { query: QUERIES[0]!.text, topK: 20 }, source: 'eval' });
    expect((await runner.wait(finishedRunId, 60_000)).status).toBe('succeeded');
    const gone = '00000000-0000-4000-8000-000000000000';
    const [stale] = await db.sql.query<{ id: string }>(
      `INSERT INTO evaluation (id, graph_version_id, dataset, dataset_id, queries, status, settings, in_flight, updated_at)
       VALUES (gen_random_uuid(), $1, 'd', $2, 3, 'running', '{"depth": 20}', $3::jsonb, now() - interval '5 minutes') RETURNING id`,
      [version.id, datasetId, JSON.stringify({ q1: finishedRunId, q2: gone })],
    );
    expect(await resumeStaleEvaluations(db, runner)).toEqual([stale!.id]);
    expect(await ended(version.graphId, stale!.id)).toMatchObject({ status: 'succeeded', done: 3, failed: 0, metrics: { ndcg10: 1 } });
    const { perQuery } = await getEvaluation(db, stale!.id);
    expect(perQuery.find((line) => line.id === 'q1')?.runId).toBe(finishedRunId);
    expect(perQuery.find((line) => line.id === 'q2')?.runId).not.toBe(gone);
    // q2 and q3 ran, q1 did not run again
    const [{ runs }] = (await db.sql.query<{ runs: number }>(`SELECT count(*)::int AS runs FROM run WHERE graph_version_id = $1`, [version.id])) as [{ runs: number }];
    expect(runs).toBe(3);
  }, 120_000);

  it('leaves a live evaluation, and one whose dataset is gone, to their fate', async () => {
    const version = await queryVersion('unclaimed', 'tiny');
    const datasetId = await dataset();
    const [live] = await db.sql.query<{ id: string }>(
      `INSERT INTO evaluation (id, graph_version_id, dataset, dataset_id, queries, status, updated_at) VALUES (gen_random_uuid(), $1, 'd', $2, 3, 'running', now()) RETURNING id`,
      [version.id, datasetId],
    );
    const [orphan] = await db.sql.query<{ id: string }>(
      `INSERT INTO evaluation (id, graph_version_id, dataset, queries, status, updated_at) VALUES (gen_random_uuid(), $1, 'd', 3, 'running', now() - interval '5 minutes') RETURNING id`,
      [version.id],
    );
    expect(await resumeStaleEvaluations(db, runner)).toEqual([]);
    const listed = await listEvaluations(db, version.graphId);
    expect(listed.find((e) => e.id === live!.id)).toMatchObject({ status: 'running' });
    expect(listed.find((e) => e.id === orphan!.id)).toMatchObject({ status: 'failed', error: expect.stringContaining('start the evaluation again') });
    await db.sql.query(`DELETE FROM evaluation WHERE id IN ($1, $2)`, [live!.id, orphan!.id]);
  });

  it('marks an evaluation whose process stopped writing progress as interrupted', async () => {
    const version = await queryVersion('orphaned', 'tiny');
    const [row] = await db.sql.query<{ id: string }>(
      `INSERT INTO evaluation (id, graph_version_id, dataset, queries, status, updated_at) VALUES (gen_random_uuid(), $1, 'd', 10, 'running', now() - interval '5 minutes') RETURNING id`,
      [version.id],
    );
    const [listed] = await listEvaluations(db, version.graphId);
    expect(listed).toMatchObject({ id: row!.id, status: 'failed', error: expect.stringContaining('interrupted: the process running it stopped') });
  });
});

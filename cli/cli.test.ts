import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataset, getDataset } from '../server/services/datasets';
import { getEvaluation, listEvaluations } from '../server/services/evaluations';
import { createGraph, getGraphByName } from '../server/services/graphs';
import { saveVersion } from '../server/services/versions';
import { dbBackends, openTestDb, type TestDb } from '../server/testing/db';
import { readBeirQueries, readQrels } from './beir';
import { datasetLabel, evalArgs, evaluateAndRecord, evaluateGraph } from './commands/eval';
import { ingestFiles } from './commands/ingest';
import { ingestPages } from './commands/ingest-pages';
import { htmlPage, startTestSite } from '../nodes/testing/web-site';
import { applySets, DEFAULT_INGEST_GRAPH, DEFAULT_QUERY_GRAPH, loadGraphSpec } from './graphs';
import { ingestSources } from './sources';

/** A tiny BEIR dataset where each query has one clearly matching abstract. */
function writeBeir(dir: string) {
  mkdirSync(join(dir, 'qrels'), { recursive: true });
  const docs = [
    { _id: 'd1', title: 'Aspirin and heart attacks', text: 'Low-dose aspirin lowers the risk of a first heart attack in adults.' },
    { _id: 'd2', title: 'Statins', text: 'Statins reduce LDL cholesterol and cardiovascular events.' },
    { _id: 'd3', title: 'Malaria vaccines', text: 'The RTS,S vaccine gives partial protection against malaria in children.' },
    { _id: 'd4', title: 'Sleep and memory', text: 'Sleep after learning consolidates declarative memory.' },
    { _id: 'd5', title: 'Gut microbiome', text: 'Gut bacteria shape immune development in infants.' },
  ];
  writeFileSync(join(dir, 'corpus.jsonl'), docs.map((d) => JSON.stringify(d)).join('\n') + '\n');
  const queries = [
    { _id: 'q1', text: 'Does aspirin prevent heart attacks?' },
    { _id: 'q2', text: 'malaria vaccine protection in children' },
    { _id: 'q3', text: 'sleep consolidates memory' },
    { _id: 'q9', text: 'not judged' },
  ];
  writeFileSync(join(dir, 'queries.jsonl'), queries.map((q) => JSON.stringify(q)).join('\n') + '\n');
  writeFileSync(join(dir, 'qrels', 'test.tsv'), 'query-id\tcorpus-id\tscore\r\nq1\td1\t1\r\nq2\td3\t1\r\nq3\td4\t1\r\n');
}

describe('BEIR files', () => {
  it('names a dataset after its BEIR folder and split, unless told', () => {
    expect(datasetLabel('/data/scifact/qrels/train.tsv')).toBe('scifact train');
    expect(datasetLabel('/data/nfcorpus/dev.tsv')).toBe('nfcorpus dev');
    expect(datasetLabel('/data/scifact/qrels/train.tsv', ' SciFact (train) ')).toBe('SciFact (train)');
  });

  it('reads queries and qrels (header line, CRLF)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rag-beir-'));
    try {
      writeBeir(dir);
      expect(readBeirQueries(join(dir, 'queries.jsonl')).get('q2')).toBe('malaria vaccine protection in children');
      const qrels = readQrels(join(dir, 'qrels', 'test.tsv'));
      expect([...qrels.keys()]).toEqual(['q1', 'q2', 'q3']);
      expect(qrels.get('q1')?.get('d1')).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says which option names a missing or malformed file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rag-beir-'));
    try {
      expect(() => readBeirQueries(join(dir, 'none.jsonl'))).toThrow(`--queries: ${join(dir, 'none.jsonl')} does not exist`);
      expect(() => readQrels(join(dir, 'none.tsv'))).toThrow(`--qrels: ${join(dir, 'none.tsv')} does not exist`);
      writeFileSync(join(dir, 'notes.jsonl'), '{"_id": "q1", "text": "fine"}\n# not json\n');
      expect(() => readBeirQueries(join(dir, 'notes.jsonl'))).toThrow(/notes\.jsonl:2: not a JSON line \(a BEIR queries file has one/);
      writeFileSync(join(dir, 'graph.json'), 'root:x:0:0');
      await expect(loadGraphSpec(undefined, join(dir, 'graph.json'))).rejects.toThrow(/graph\.json is not a graph file: it is not JSON .*export one from the editor/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('turns a BEIR corpus into text files with the _id as sourceId and the title as metadata', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rag-beir-'));
    try {
      writeBeir(dir);
      const { total, files } = ingestSources([dir]);
      expect(total).toBe(5);
      const first = (await files.next()).value!;
      expect(first).toMatchObject({ name: 'd1.txt', mimeType: 'text/plain', sourceId: 'd1', metadata: { title: 'Aspirin and heart attacks' } });
      expect(Buffer.from(first.contentBase64, 'base64').toString()).toBe(
        'Aspirin and heart attacks\n\nLow-dose aspirin lowers the risk of a first heart attack in adults.',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('--set overrides', () => {
  it('sets node config fields, parsing JSON values', async () => {
    const { spec } = await loadGraphSpec(undefined, DEFAULT_QUERY_GRAPH);
    const out = applySets(spec, ['retrieve.mode=lexical', 'retrieve.denseWeight=0.2', 'retrieve.filters={"a":1}']);
    expect(out.nodes.find((n) => n.id === 'retrieve')?.config).toMatchObject({ mode: 'lexical', denseWeight: 0.2, filters: { a: 1 } });
    expect(() => applySets(spec, ['nosuch.x=1'])).toThrow(/no node "nosuch"/);
    expect(() => applySets(spec, ['retrieve'])).toThrow(/NODE_ID.FIELD=VALUE/);
  });
});

describe.each(dbBackends())('ingest and eval through the example graphs on %s', (backend) => {
  let db: TestDb;
  let dir: string;
  beforeAll(async () => {
    db = await openTestDb(backend);
    dir = mkdtempSync(join(tmpdir(), 'rag-cli-'));
    writeBeir(dir);
  });
  afterAll(async () => {
    await db?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ingests a BEIR corpus in batches, then re-ingests it without writing', async () => {
    const { spec } = await loadGraphSpec(db, DEFAULT_INGEST_GRAPH);
    const first = ingestSources([dir]);
    const totals = await ingestFiles({ sql: db.sql, spec, collection: 'tiny', files: first.files, total: first.total, batchSize: 2, quiet: true });
    expect(totals).toMatchObject({ collection: 'tiny', documents: 5, skippedUnchanged: 0, replaced: 0 });
    expect(totals.chunksWritten).toBeGreaterThanOrEqual(5);
    const again = ingestSources([dir]);
    const second = await ingestFiles({ sql: db.sql, spec, collection: 'tiny', files: again.files, batchSize: 2, quiet: true });
    expect(second).toMatchObject({ documents: 5, chunksWritten: 0, skippedUnchanged: 5 });
    const [titles] = await db.sql.query<{ titles: string[] }>("SELECT array_agg(title ORDER BY source_id) AS titles FROM document");
    expect(titles!.titles[0]).toBe('Aspirin and heart attacks');
  }, 120_000);

  it('ingests web pages and the pages they link to, counting the ones it could not load, then again without writing', async () => {
    const site = await startTestSite({
      '/kb/': { body: htmlPage('Knowledge base', 'Index of articles.', ['vpn', 'printer', 'moved-away']) },
      '/kb/vpn': { body: htmlPage('VPN setup', 'Install the client and sign in with your staff account.') },
      '/kb/printer': { body: htmlPage('Printers', 'Printers on each floor accept badge release.') },
    });
    try {
      const { spec } = await loadGraphSpec(db, DEFAULT_INGEST_GRAPH);
      const crawl = { crawlDepth: 1, maxPages: 10, scope: 'path' as const, skipPaths: [], allowPrivateNetwork: true };
      const totals = await ingestPages({ sql: db.sql, spec, collection: 'kb', urls: [`${site.url}/kb/`], crawl, quiet: true });
      expect(totals).toMatchObject({ documents: 3, failedPages: 1, skippedUnchanged: 0 });
      const again = await ingestPages({ sql: db.sql, spec, collection: 'kb', urls: [`${site.url}/kb/`], crawl, quiet: true });
      expect(again).toMatchObject({ documents: 3, chunksWritten: 0, skippedUnchanged: 3 });
      const [row] = await db.sql.query<{ sources: string[] }>("SELECT array_agg(d.source_id ORDER BY d.source_id) AS sources FROM document d JOIN collection c ON c.id = d.collection_id WHERE c.name = 'kb'");
      expect(row!.sources).toEqual([`${site.url}/kb/`, `${site.url}/kb/printer`, `${site.url}/kb/vpn`]);
    } finally {
      await site.close();
    }
  }, 120_000);

  it('skips unreadable files, counting them, and ingests the rest of a folder', async () => {
    const folder = join(dir, 'mixed');
    mkdirSync(join(folder, 'sub'), { recursive: true });
    writeFileSync(join(folder, 'notes.md'), '# Field notes\n\nLichens grow slowly on granite.');
    writeFileSync(join(folder, 'sub', 'notes.md'), '# Other notes\n\nMosses hold water.');
    writeFileSync(join(folder, 'blob.bin'), Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x13, 0x37]));
    writeFileSync(join(folder, 'empty.txt'), '');
    const { spec } = await loadGraphSpec(db, DEFAULT_INGEST_GRAPH);
    const source = ingestSources([folder]);
    expect(source.total).toBe(4);
    const totals = await ingestFiles({ sql: db.sql, spec, collection: 'mixed', files: source.files, total: source.total, batchSize: 2, quiet: true });
    expect(totals).toMatchObject({ documents: 2, failedFiles: 2 });
    const ids = await db.sql.query<{ source_id: string }>(
      "SELECT d.source_id FROM document d JOIN collection c ON c.id = d.collection_id WHERE c.name = 'mixed' ORDER BY 1",
    );
    expect(ids.map((r) => r.source_id)).toEqual(['notes.md', 'sub/notes.md']);
  }, 120_000);

  it('loads --graph by name from the database: the latest saved version', async () => {
    const { spec } = await loadGraphSpec(db, DEFAULT_QUERY_GRAPH);
    const graph = await createGraph(db, { name: 'my-query', spec });
    await saveVersion(db, { graphId: graph.id, baseVersionId: null, spec });
    const loaded = await loadGraphSpec(db, 'my-query');
    expect(loaded.source).toBe('graph "my-query" v1');
    expect(loaded.spec.nodes.map((n) => n.id)).toEqual(spec.nodes.map((n) => n.id));
    await expect(loadGraphSpec(db, 'no-such-graph')).rejects.toThrow(/neither a .graph.json file nor the name of a graph/);
  });

  it('loads version N of a graph with NAME@N, and says which versions exist when N is not one', async () => {
    const graph = await getGraphByName(db, 'my-query');
    const { spec } = await loadGraphSpec(db, 'my-query');
    const v2 = await saveVersion(db, { graphId: graph.id, baseVersionId: graph.latestVersion!.id, spec: applySets(spec, ['retrieve.topK=7']) });
    const first = await loadGraphSpec(db, 'my-query@1');
    expect(first).toMatchObject({ source: 'graph "my-query" v1', version: { number: 1, graphName: 'my-query' } });
    expect(first.spec.nodes.find((n) => n.id === 'retrieve')?.config.topK).not.toBe(7);
    expect((await loadGraphSpec(db, 'my-query')).version).toEqual({ id: v2.id, number: 2, graphName: 'my-query' });
    await expect(loadGraphSpec(db, 'my-query@9')).rejects.toThrow('graph "my-query" has no version 9 (its latest is v2)');
    await expect(loadGraphSpec(db, 'nothing@1')).rejects.toThrow(/"nothing@1" is neither a .graph.json file nor the name of a graph in the database \(NAME or NAME@VERSION\)/);
  });

  it('records the scores of a saved version evaluated as saved, and only then', async () => {
    const files = { collection: 'tiny', queries: join(dir, 'queries.jsonl'), qrels: join(dir, 'qrels', 'test.tsv') };
    const outcome = await evaluateAndRecord(db, evalArgs.parse({ ...files, graph: 'my-query@1', concurrency: '2' }));
    expect(outcome).toEqual({ ndcg10: 1, recall100: 1, mrr10: 1, queries: 3, evaluation: { id: expect.any(String), graph: 'my-query', version: 1, versionId: expect.any(String), dataset: `${basename(dir)} test` } });
    const graph = await getGraphByName(db, 'my-query');
    const [recorded] = await listEvaluations(db, graph.id);
    expect(recorded).toMatchObject({ id: outcome.evaluation!.id, versionNumber: 1, collection: 'tiny', queries: 3, failed: 0, metrics: { ndcg10: 1, recall100: 1, mrr10: 1 }, settings: { depth: 100 }, createdBy: 'cli' });
    expect((await getEvaluation(db, recorded!.id)).perQuery.map((q) => [q.id, q.ndcg10])).toEqual([
      ['q1', 1],
      ['q2', 1],
      ['q3', 1],
    ]);
    // a changed graph, or one that is not a saved version, scores without a record
    const changed = await evaluateAndRecord(db, evalArgs.parse({ ...files, graph: 'my-query', set: ['retrieve.topK=1'], dataset: 'x' }));
    expect(changed.evaluation).toBeUndefined();
    const fromFile = await evaluateAndRecord(db, evalArgs.parse({ ...files, dataset: 'x' }));
    expect(fromFile).toMatchObject({ ndcg10: 1, queries: 3 });
    expect(fromFile.evaluation).toBeUndefined();
    expect((await listEvaluations(db, graph.id)).map((e) => e.id)).toEqual([outcome.evaluation!.id]);
  }, 120_000);

  it('evaluates on a stored dataset named alone, and records the scores on its page', async () => {
    const stored = await createDataset(db, { name: 'tiny stored', queriesText: readFileSync(join(dir, 'queries.jsonl'), 'utf8'), qrelsText: readFileSync(join(dir, 'qrels', 'test.tsv'), 'utf8') });
    const outcome = await evaluateAndRecord(db, evalArgs.parse({ collection: 'tiny', dataset: 'tiny stored', graph: 'my-query@1' }));
    expect(outcome).toMatchObject({ ndcg10: 1, queries: 3, evaluation: { graph: 'my-query', version: 1, dataset: 'tiny stored' } });
    expect((await getDataset(db, stored.id)).evaluations.map((e) => [e.id, e.graphName, e.versionNumber])).toEqual([[outcome.evaluation!.id, 'my-query', 1]]);
    await expect(evaluateAndRecord(db, evalArgs.parse({ collection: 'tiny', dataset: 'not stored' }))).rejects.toThrow('no dataset is named "not stored": add it with rag datasets add, or pass --queries and --qrels');
    expect(evalArgs.safeParse({ collection: 'tiny' }).error?.issues[0]?.message).toBe('--queries queries.jsonl and --qrels qrels.tsv are required, or --dataset NAME of a stored dataset (rag datasets lists them)');
    expect(evalArgs.safeParse({ collection: 'tiny', queries: 'q.jsonl', dataset: 'x' }).error?.issues[0]?.message).toBe('--qrels qrels.tsv is required with --queries');
  }, 120_000);

  it('gates the scores for CI: floors, and the largest drop since the older version', async () => {
    const files = { collection: 'tiny', queries: join(dir, 'queries.jsonl'), qrels: join(dir, 'qrels', 'test.tsv') };
    // a version whose guardrail blocks the aspirin question: q1 retrieves nothing
    const graph = await getGraphByName(db, 'my-query');
    const { spec } = await loadGraphSpec(db, 'my-query');
    const strict = await saveVersion(db, { graphId: graph.id, baseVersionId: graph.latestVersion!.id, spec: applySets(spec, ['guard.denyPatterns=["aspirin"]']) });
    const name = `my-query@${strict.number}`;
    const dropped = await evaluateAndRecord(db, evalArgs.parse({ ...files, graph: name, maxDrop: '0.01', min: ['ndcg10=0.5'] }));
    expect(dropped).toMatchObject({ ndcg10: 0.6667, evaluation: { version: strict.number } });
    // v1 is the nearest older version scored on these judgements and this collection (v2 never was)
    expect(dropped.gate).toEqual({
      passed: false,
      failures: ['ndcg10 fell from 1.0000 (v1) to 0.6667, more than 0.01', 'recall100 fell from 1.0000 (v1) to 0.6667, more than 0.01', 'mrr10 fell from 1.0000 (v1) to 0.6667, more than 0.01'],
      comparedWith: { version: 1, metrics: { ndcg10: 1, recall100: 1, mrr10: 1 } },
    });
    expect((await evaluateAndRecord(db, evalArgs.parse({ ...files, graph: name, maxDrop: '0.5' }))).gate).toMatchObject({ passed: true, failures: [] });
    expect((await evaluateAndRecord(db, evalArgs.parse({ ...files, graph: name, min: ['ndcg10=0.9'] }))).gate).toEqual({ passed: false, failures: ['ndcg10 0.6667 is under 0.9'] });
    // a drop is measured between saved versions only
    expect((await evaluateAndRecord(db, evalArgs.parse({ ...files, graph: name, set: ['retrieve.topK=5'], maxDrop: '0.01' }))).gate?.failures).toEqual(['--max-drop compares saved versions: evaluate one as saved (--graph NAME[@N], no --set)']);
    await expect(evaluateAndRecord(db, evalArgs.parse({ ...files, graph: name, min: ['map=0.5'] }))).rejects.toThrow('--min "map=0.5"');
  }, 120_000);

  it('evaluates the default query graph and writes a BEIR run file', async () => {
    const { spec } = await loadGraphSpec(db, DEFAULT_QUERY_GRAPH);
    const out = join(dir, 'run.jsonl');
    const result = await evaluateGraph({
      sql: db.sql,
      spec,
      collection: 'tiny',
      queries: readBeirQueries(join(dir, 'queries.jsonl')),
      qrels: readQrels(join(dir, 'qrels', 'test.tsv')),
      depth: 100,
      concurrency: 2,
      out,
    });
    const { perQuery, ...summary } = result;
    expect(summary).toEqual({ ndcg10: 1, recall100: 1, mrr10: 1, queries: 3, failed: 0, empty: 0 });
    expect(perQuery).toEqual([
      { id: 'q1', text: 'Does aspirin prevent heart attacks?', runId: null, ndcg10: 1, recall100: 1, mrr10: 1 },
      { id: 'q2', text: 'malaria vaccine protection in children', runId: null, ndcg10: 1, recall100: 1, mrr10: 1 },
      { id: 'q3', text: 'sleep consolidates memory', runId: null, ndcg10: 1, recall100: 1, mrr10: 1 },
    ]);
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { query_id: string; doc_ids: string[] });
    expect(lines.map((l) => l.query_id)).toEqual(['q1', 'q2', 'q3']);
    expect(lines[0]!.doc_ids[0]).toBe('d1');
    expect(new Set(lines[0]!.doc_ids).size).toBe(lines[0]!.doc_ids.length);
  }, 120_000);
});

/** The environment for a CLI child on an embedded database in `dataDir`. */
function embeddedEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  return env;
}

/** The rag command as a child process on the embedded database in `dataDir`. */
function rag(dataDir: string, ...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'rag.ts'), ...args], { encoding: 'utf8', env: embeddedEnv(dataDir), timeout: 60_000 });
}

describe('the rag command', () => {
  it('prints usage errors on stderr, a JSON error as the last stdout line, and exits 1', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rag-cli-data-'));
    try {
      const result = rag(dataDir, 'ingest', '--collection', 'x');
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('give at least one file, folder, BEIR dataset or web address');
      const last = result.stdout.trim().split('\n').at(-1)!;
      expect(JSON.parse(last)).toEqual({ error: expect.stringContaining('give at least one file') });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses a web address on this machine unless --allow-private-network says so', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rag-cli-data-'));
    try {
      const result = rag(dataDir, 'ingest', '--collection', 'web', '--crawl-depth', '1', 'http://127.0.0.1:9/docs/');
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('error [INVALID_INPUT]');
      expect(result.stderr).toContain('127.0.0.1 is a private or local network address');
      expect(rag(dataDir, 'ingest', '--collection', 'web', '--crawl-depth', '9', 'https://example.com/').stderr).toContain('--crawl-depth is 0 to 5');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('reports an unknown collection by name', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rag-cli-data-'));
    try {
      const result = rag(dataDir, 'documents', '--collection', 'ghost');
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('collection "ghost" does not exist');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('prints the scores and exits 1 when the quality gate fails', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rag-cli-data-'));
    try {
      writeBeir(dataDir);
      expect(rag(dataDir, 'ingest', '--collection', 'tiny', dataDir).status).toBe(0);
      const gated = rag(dataDir, 'eval', '--collection', 'tiny', '--queries', join(dataDir, 'queries.jsonl'), '--qrels', join(dataDir, 'qrels', 'test.tsv'), '--min', 'ndcg10=0.9', '--min', 'recall100=1.5');
      expect(gated.stderr).toContain('gate: failed\n  recall100 1.0000 is under 1.5');
      expect(JSON.parse(gated.stdout.trim().split('\n').at(-1)!)).toMatchObject({ ndcg10: 1, gate: { passed: false, failures: ['recall100 1.0000 is under 1.5'] } });
      expect(gated.status).toBe(1);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('adds, lists, renames and deletes datasets', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rag-cli-data-'));
    const last = (result: ReturnType<typeof rag>) => JSON.parse(result.stdout.trim().split('\n').at(-1)!) as unknown;
    try {
      writeFileSync(join(dataDir, 'queries.jsonl'), '{"_id": "q1", "text": "aspirin"}\n{"_id": "q2", "text": "malaria"}\n{"_id": "q3", "text": "unjudged"}\n');
      writeFileSync(join(dataDir, 'qrels.tsv'), 'query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td3\t1\n');
      const added = rag(dataDir, 'datasets', 'add', 'tiny', '--queries', join(dataDir, 'queries.jsonl'), '--qrels', join(dataDir, 'qrels.tsv'));
      expect(added.stderr).toContain('kept 2 judged queries; left out 1 unjudged');
      expect(last(added)).toEqual({ id: expect.any(String), name: 'tiny', queries: 2, judgements: 2 });
      expect(last(rag(dataDir, 'datasets'))).toEqual([{ name: 'tiny', queries: 2, judgements: 2, evaluations: 0, created: expect.any(String) }]);
      const again = rag(dataDir, 'datasets', 'add', 'tiny', '--queries', join(dataDir, 'queries.jsonl'), '--qrels', join(dataDir, 'qrels.tsv'));
      expect(again.status).toBe(1);
      expect(again.stderr).toContain('a dataset named "tiny" already exists');
      expect(last(rag(dataDir, 'datasets', 'rename', 'tiny', 'tiny judged'))).toEqual({ dataset: 'tiny', renamed: 'tiny judged', evaluations: 0 });
      const unknown = rag(dataDir, 'datasets', 'rename', 'tiny', 'other');
      expect(unknown.status).toBe(1);
      expect(unknown.stderr).toContain('no dataset is named "tiny" (rag datasets lists them)');
      expect(last(rag(dataDir, 'datasets', 'delete', 'tiny judged'))).toEqual({ dataset: 'tiny judged', id: expect.any(String) });
      expect(last(rag(dataDir, 'datasets', 'list'))).toEqual([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findsNothing, JUDGED_QUERIES, ragGraph, seedJudgedCorpus, startApi, storeRepeatedClaims, type ApiHarness } from '../server/http/v1/testing';
import { setRouting } from '../server/services/endpoints';
import { dbBackends } from '../server/testing/db';

/**
 * `rag gate` as a pipeline runs it: a child process holding only the server's URL and an API key,
 * gating an endpoint's main version and its staged canary over the public API (the server runs in
 * this test, over a real socket).
 */
describe.each(dbBackends())('rag gate against a server on %s', (backend) => {
  let api: ApiHarness;
  let secret: string;
  beforeAll(async () => {
    api = await startApi(backend);
    await seedJudgedCorpus(api.db, 'abstracts', 'three claims');
    const published = await api.publish('answers', [ragGraph('abstracts'), findsNothing('abstracts')], { versionNumber: 1 });
    await setRouting(api.db, { id: published.endpointId, canaryVersionId: published.versionIds[1]!, canaryPercent: 0 });
    ({ secret } = await api.key());
  }, 120_000);
  afterAll(async () => {
    await api?.close();
  });

  /** the command in a child process (asynchronously: this process serves its requests) */
  function gate(args: string[], key: string | null = secret): Promise<{ status: number; stdout: string; stderr: string; result: Record<string, unknown> }> {
    const env: NodeJS.ProcessEnv = { ...process.env };
    if (key === null) delete env.RAGRAPH_API_KEY;
    else env.RAGRAPH_API_KEY = key;
    return new Promise((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'rag.ts'), 'gate', '--url', api.url, '--poll', '0.2', ...args], { encoding: 'utf8', env, timeout: 90_000 }, (error, stdout, stderr) => {
        const status = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ status, stdout, stderr, result: JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown> });
      });
    });
  }

  it('passes the main version over a floor, then fails the staged canary on its drop and exits 1', async () => {
    const main = await gate(['--endpoint', 'answers', '--dataset', 'three claims', '--version', 'main', '--min', 'ndcg10=0.9']);
    expect(main.stderr).toContain('evaluating v1 of answers (main) on "three claims": 3 queries');
    expect(main.status).toBe(0);
    expect(main.result).toMatchObject({ endpoint: 'answers', version: 1, metrics: { ndcg10: 1 }, comparedWith: null, gate: { passed: true, failures: [] } });

    const canary = await gate(['--endpoint', 'answers', '--dataset', 'three claims', '--max-drop', '0.01']);
    expect(canary.status).toBe(1);
    expect(canary.stderr).toContain('gate: failed');
    expect(canary.result).toMatchObject({ version: 2, metrics: { ndcg10: 0 }, comparedWith: { version: 1 }, gate: { passed: false } });
    expect((canary.result.gate as { failures: string[] }).failures).toContain('ndcg10 fell from 1.0000 (v1) to 0.0000, more than 0.01');
  }, 120_000);

  it('says what is missing or went wrong: the key, the dataset, the endpoint, the time', async () => {
    const noKey = await gate(['--endpoint', 'answers', '--dataset', 'three claims'], null);
    expect(noKey.status).toBe(1);
    expect(noKey.stderr).toContain('set RAGRAPH_API_KEY to an API key scoped to the endpoint');
    const unknown = await gate(['--endpoint', 'answers', '--dataset', 'no such set']);
    expect(unknown.status).toBe(1);
    expect(unknown.result.error).toBe('404: no dataset is named "no such set": add it on the Datasets page, with rag datasets add or POST /api/v1/datasets (names are case-sensitive)');
    const nowhere = await gate(['--endpoint', 'nowhere', '--dataset', 'three claims']);
    expect(nowhere.result.error).toMatch(/^404: no endpoint is published at "nowhere"/);
    // past --timeout it stops the evaluation rather than leave it running (400 queries take seconds)
    await storeRepeatedClaims(api.db, 'many claims');
    const late = await gate(['--endpoint', 'answers', '--dataset', 'many claims', '--version', 'main', '--timeout', '0.1']);
    expect(late.status).toBe(1);
    expect(late.result.error).toMatch(/^the evaluation did not finish within 0\.1 s and was cancelled \(\d+ of 400 queries scored\): raise --timeout$/);
    const [cancelled] = await api.db.sql.query<{ status: string }>(`SELECT status FROM evaluation WHERE dataset = 'many claims'`);
    expect(cancelled!.status).toBe('cancelled');
    const badMin = await gate(['--endpoint', 'answers', '--dataset', 'three claims', '--min', 'precision=1']);
    expect(badMin.result.error).toContain('--min "precision=1": write METRIC=VALUE');
  }, 120_000);

  it('stores the dataset it is given when the server lacks it, and uses the stored one after that', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gate-files-'));
    try {
      const queries = join(dir, 'queries.jsonl');
      const qrels = join(dir, 'qrels.tsv');
      writeFileSync(queries, JUDGED_QUERIES.map(([_id, text]) => JSON.stringify({ _id, text })).join('\n'));
      writeFileSync(qrels, 'q1\td1\t1\nq2\td3\t1\nq3\td4\t1\n');
      const files = ['--queries', queries, '--qrels', qrels];
      const first = await gate(['--endpoint', 'answers', '--dataset', 'shipped claims', '--version', 'main', ...files]);
      expect(first.stderr).toContain('stored dataset "shipped claims": 3 judged queries');
      expect(first.status).toBe(0);
      expect(first.result).toMatchObject({ dataset: 'shipped claims', metrics: { ndcg10: 1 } });
      const second = await gate(['--endpoint', 'answers', '--dataset', 'shipped claims', '--version', 'main', ...files]);
      expect(second.stderr).toContain('dataset "shipped claims" is already on the server: its stored queries are used');
      expect(second.status).toBe(0);
      const half = await gate(['--endpoint', 'answers', '--dataset', 'other', '--queries', queries]);
      expect(half.result.error).toBe('--queries and --qrels go together: the BEIR queries.jsonl and qrels .tsv to store as --dataset');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

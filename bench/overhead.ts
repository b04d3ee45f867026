import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createGraph } from '../server/services/graphs';
import { openScratchDb, openTestDb, type TestDb } from '../server/testing/db';
import { createRunner, type Runner } from '../runners/index';
import { noopChain } from '../runners/testing/graphs';
import { machine, percentile, round } from './lib/stats';
import { deleteQueueKeys } from '../runners/testing/queue-keys';

/**
 * `npm run bench:overhead`: what the runner costs per hop. A graph of 10 pass-through nodes (plus its
 * input and output) runs 1,000 times, in-process and — when REDIS_URL (and DATABASE_URL) are set —
 * through BullMQ with one worker process. Reported per hop (node execution): the wall time of the
 * runs divided by the hops, with CONCURRENCY runs in flight as a server would see them, and the
 * single-run latency per hop. Last line: one JSON object. With DATABASE_URL the runs go to a
 * throwaway database on that server (dropped at the end), and the BullMQ queues' keys are deleted
 * from Redis afterwards: the benchmark leaves nothing behind.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const NOOPS = 10;
const HOPS = NOOPS + 2; // the input and output nodes are hops too

async function measure(runner: Runner, graphId: string, runs: number) {
  const spec = noopChain(NOOPS);
  const one = async (i: number) => {
    const t0 = performance.now();
    const { runId } = await runner.start({ graphId, graphVersionId: null, spec, input: { query: `q${i}` }, source: 'bench' });
    const run = await runner.wait(runId, 120_000);
    if (run.status !== 'succeeded') throw new Error(`run ${runId} ${run.status}: ${run.error?.message}`);
    return performance.now() - t0;
  };
  for (let i = 0; i < 20; i++) await one(i); // warm-up
  const sequential: number[] = [];
  for (let i = 0; i < Math.min(100, runs); i++) sequential.push(await one(i));
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < runs) await one(next++);
    }),
  );
  const wallMs = performance.now() - started;
  return {
    msPerHop: round(wallMs / (runs * HOPS), 3),
    latencyMsPerHop: round(percentile(sequential, 50) / HOPS, 3),
    runsPerSec: round((runs * 1000) / wallMs, 1),
    p50RunMs: round(percentile(sequential, 50)),
  };
}

async function inProcess() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-overhead-'));
  const db = await openScratchDb({ pgliteDir: join(dir, 'pglite') });
  try {
    const runner = await createRunner(db, { resume: false });
    const graphId = (await createGraph(db, { name: `overhead ${randomBytes(3).toString('hex')}` })).id;
    const result = await measure(runner, graphId, RUNS);
    await runner.close();
    return { database: db.kind, ...result };
  } finally {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function bullmq(db: TestDb, redisUrl: string) {
  const prefix = `bench-${randomBytes(3).toString('hex')}`;
  process.env.RAG_QUEUE_PREFIX = prefix;
  const root = resolve(import.meta.dirname, '..');
  const worker = spawn(process.execPath, ['--import', 'tsx', join(root, 'runners/worker/main.ts')], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: db.url, WORKER_ID: 'bench-worker', WORKER_CONCURRENCY: '32' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((ok, fail) => {
    worker.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && ok());
    worker.once('exit', (code) => fail(new Error(`worker exited (${code})`)));
  });
  try {
    const runner = await createRunner(db, { redisUrl });
    const graphId = (await createGraph(db, { name: `overhead-bullmq ${randomBytes(3).toString('hex')}` })).id;
    const result = await measure(runner, graphId, RUNS);
    await runner.close();
    return result;
  } finally {
    worker.kill('SIGTERM');
    await new Promise((done) => worker.once('exit', done));
    await deleteQueueKeys(redisUrl, prefix);
  }
}

async function main() {
  const local = await inProcess();
  console.error(`[bench] in-process: ${JSON.stringify(local)}`);
  let distributed: Record<string, unknown> = { skipped: 'REDIS_URL and DATABASE_URL are not both set: BullMQ mode not measured' };
  if (process.env.REDIS_URL && process.env.DATABASE_URL) {
    const db = await openTestDb('postgres');
    try {
      distributed = await bullmq(db, process.env.REDIS_URL);
    } finally {
      await db.destroy();
    }
    console.error(`[bench] bullmq: ${JSON.stringify(distributed)}`);
  }
  console.log(
    JSON.stringify({
      machine: machine(),
      runs: RUNS,
      concurrency: CONCURRENCY,
      hopsPerRun: HOPS,
      inProcess: local,
      bullmq: distributed,
      inProcessMsPerHop: local.msPerHop,
      bullmqMsPerHop: 'msPerHop' in distributed ? distributed.msPerHop : null,
    }),
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

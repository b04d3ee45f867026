import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { openTestDb, type TestDb } from '../../server/testing/db';
import { createRunner, type Runner } from '../index';
import { spawnWorker, stopWorker } from './modes';
import { deleteQueueKeys } from './queue-keys';

/**
 * For a suite of distributed runs: a BullMQ runner over a fresh test Postgres, queues under a prefix
 * of the suite's own (so suites never take each other's jobs), and `npm run worker` processes the
 * tests start, all stopped after the suite, and the prefix's keys deleted. Needs DATABASE_URL and REDIS_URL.
 */
export function useWorkerProcesses(prefix: string) {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  let db: TestDb | undefined;
  let runner: Runner | undefined;
  const workers: ChildProcess[] = [];
  beforeAll(async () => {
    process.env.RAG_QUEUE_PREFIX = `${prefix}-${randomBytes(4).toString('hex')}`;
    db = await openTestDb('postgres');
    runner = await createRunner(db, { redisUrl });
  }, 60_000);
  afterAll(async () => {
    await Promise.all(workers.map(stopWorker));
    await runner?.close();
    await deleteQueueKeys(redisUrl);
    await db?.destroy();
  }, 60_000);
  return {
    redisUrl,
    get db(): TestDb {
      return db!;
    },
    get runner(): Runner {
      return runner!;
    },
    /** starts a worker process with this id (and extra environment); resolves once it is ready */
    async spawn(id: string, env: Record<string, string> = {}): Promise<ChildProcess> {
      const worker = await spawnWorker(db!.url!, redisUrl, id, env);
      workers.push(worker);
      return worker;
    },
  };
}

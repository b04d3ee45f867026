import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createRunner, type Runner } from '../index';
import type { Db } from '../../server/db/client';
import type { Backend } from '../../server/testing/db';
import { deleteQueueKeys } from './queue-keys';

/**
 * The modes a run-semantics suite runs in: in-process on every database backend, and BullMQ (with
 * worker processes started for the test) when REDIS_URL and DATABASE_URL are set.
 */
export type Mode = 'in-process' | 'bullmq';

export function modeMatrix(backends: Backend[]): [Backend, Mode][] {
  const matrix: [Backend, Mode][] = backends.map((b) => [b, 'in-process']);
  if (process.env.REDIS_URL && backends.includes('postgres')) matrix.push(['postgres', 'bullmq']);
  return matrix;
}

const ROOT = resolve(import.meta.dirname, '..', '..');

/** Starts `npm run worker` as a child process against the test database; resolves once it is ready. */
export function spawnWorker(databaseUrl: string, redisUrl: string, id: string, extraEnv: Record<string, string> = {}): Promise<ChildProcess> {
  // `node --import tsx` (not the tsx CLI, which forks a second process a SIGKILL would not reach)
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, 'runners/worker/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, WORKER_ID: id, WORKER_LOCK_MS: '2000', WORKER_CONCURRENCY: '8', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolvePromise, reject) => {
    let output = '';
    const onData = (data: Buffer) => {
      output += data.toString();
      if (output.includes('ready')) resolvePromise(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', (code) => reject(new Error(`worker ${id} exited with ${code}: ${output}`)));
    setTimeout(() => reject(new Error(`worker ${id} did not start within 60 s: ${output}`)), 60_000).unref();
  });
}

export async function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export interface ModeHandle {
  runner: Runner;
  close(): Promise<void>;
}

export async function openMode(mode: Mode, db: Db, databaseUrl?: string): Promise<ModeHandle> {
  if (mode === 'in-process') {
    const runner = await createRunner(db, { resume: false });
    return { runner, close: () => runner.close() };
  }
  const redisUrl = process.env.REDIS_URL!;
  const runner = await createRunner(db, { redisUrl });
  const worker = await spawnWorker(databaseUrl!, redisUrl, `test-worker-${process.pid}`);
  return {
    runner,
    async close() {
      await stopWorker(worker);
      await runner.close();
      await deleteQueueKeys(redisUrl);
    },
  };
}

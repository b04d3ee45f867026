import { afterAll, beforeAll } from 'vitest';
import { createRunner, type Runner } from '../../runners/index';
import type { Db } from '../db/client';
import { callerFor } from './caller';
import { openTestDb, type Backend, type TestDb } from './db';

export interface RunnerSuite {
  db: TestDb;
  runner: Runner;
  /** the tRPC routers as the editor calls them */
  caller: ReturnType<typeof callerFor>;
}

/**
 * A suite's test database and in-process runner, with a tRPC caller on them: opened before its
 * tests (after `prepare`, e.g. seeding the examples) and closed after them. Its fields are set once
 * the suite's first beforeAll has run, so read them inside tests and hooks.
 */
export function runnerSuite(backend: Backend, options: { prepare?: (db: Db) => Promise<unknown> } = {}): RunnerSuite {
  const suite = {} as RunnerSuite;
  beforeAll(async () => {
    suite.db = await openTestDb(backend);
    await options.prepare?.(suite.db);
    suite.runner = await createRunner(suite.db, { resume: false });
    suite.caller = callerFor(suite.db, suite.runner);
  });
  afterAll(async () => {
    await suite.runner?.close();
    await suite.db?.destroy();
  });
  return suite;
}

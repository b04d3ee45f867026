import { randomBytes } from 'node:crypto';
import { openDb, type Db } from '../db/client';

/**
 * Throwaway databases for tests and benchmarks. Conformance suites run once per available backend:
 * always the embedded PGlite, and real Postgres + pgvector when DATABASE_URL is set (each test file
 * gets its own fresh database; the server's own databases are never written).
 */
export type Backend = 'pglite' | 'postgres';

export function dbBackends(): Backend[] {
  return process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDb extends Db {
  /** the throwaway database's URL (postgres), for worker processes */
  url?: string;
  /** drops the throwaway database (postgres) or closes the embedded one */
  destroy(): Promise<void>;
}

/** The throwaway database of the backend the environment offers: Postgres with DATABASE_URL, else PGlite. */
export function openScratchDb(options: { pgliteDir?: string } = {}): Promise<TestDb> {
  return openTestDb(process.env.DATABASE_URL ? 'postgres' : 'pglite', options);
}

/** `pgliteDir`: an embedded database on disk (benchmarks) instead of in memory. */
export async function openTestDb(backend: Backend, options: { pgliteDir?: string } = {}): Promise<TestDb> {
  if (backend === 'pglite') {
    const db = await openDb({ pgliteDir: options.pgliteDir ?? 'memory://' });
    return Object.assign(db, { destroy: () => db.close() });
  }
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('postgres backend needs DATABASE_URL');
  const name = `rag_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDb({ databaseUrl: url.toString() });
  return Object.assign(db, {
    url: url.toString(),
    async destroy() {
      await db.close();
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  });
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { Pool } from 'pg';
import type { SqlClient } from '../../nodes/core/context';
import { applyMigrations } from '../../prisma/migrate';
import { dataDir } from '../env';
import { lockFolder } from './folder-lock';
import { PrismaClient } from './generated/client';
import { pgliteSqlClient, pgSqlClient } from './sql';

export type DbKind = 'postgres' | 'pglite';

/** One database handle: Prisma for CRUD, raw SQL for bulk and vector work, over the same connection(s). */
export interface Db {
  kind: DbKind;
  prisma: PrismaClient;
  sql: SqlClient;
  /** where the data lives, for health and logs (URL without password, or a folder). */
  location: string;
  close(): Promise<void>;
}

export interface OpenDbOptions {
  /** a postgres:// URL; without it an embedded PGlite database is used. */
  databaseUrl?: string;
  /** PGlite folder; `memory://` for an in-memory database (tests). */
  pgliteDir?: string;
  migrate?: boolean;
  /** connections to keep to the Postgres server (default 10) */
  poolSize?: number;
}

export async function openDb(options: OpenDbOptions = {}): Promise<Db> {
  const { db, migrations } = options.databaseUrl
    ? await openPostgres(options.databaseUrl, options.poolSize)
    : await openPglite(options.pgliteDir ?? defaultPgliteDir());
  if (options.migrate !== false) {
    try {
      await migrations();
    } catch (error) {
      await db.close().catch(() => undefined);
      throw error;
    }
  }
  return db;
}

interface Opened {
  db: Db;
  migrations: () => Promise<unknown>;
}

export function defaultPgliteDir(): string {
  return join(dataDir(), 'pglite');
}

async function openPostgres(url: string, poolSize = 10): Promise<Opened> {
  const [{ default: pg }, { PrismaPg }] = await Promise.all([import('pg'), import('@prisma/adapter-pg')]);
  const pool: Pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000 });
  pool.on('error', () => undefined); // idle client errors surface on the next query instead of crashing
  try {
    const rows = await pool.query<{ ok: number }>("SELECT count(*)::int AS ok FROM pg_available_extensions WHERE name = 'vector'");
    if (rows.rows[0]?.ok !== 1) {
      throw new Error(
        'the pgvector extension is not installed on this PostgreSQL server: install pgvector (see README "Using a real Postgres") or unset DATABASE_URL to use the embedded database',
      );
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    if ((error as Error).message.includes('pgvector')) throw error;
    throw new Error(`cannot connect to DATABASE_URL (${redactUrl(url)}): ${(error as Error).message}`, { cause: error });
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const db: Db = {
    kind: 'postgres',
    prisma,
    sql: pgSqlClient(pool),
    location: redactUrl(url),
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
  // Advisory locks belong to a session: run the whole migration on one dedicated connection.
  const migrations = async () => {
    const client = await pool.connect();
    try {
      await applyMigrations({
        query: async (sql, params) => (await client.query(sql, params)).rows,
        exec: async (sql) => void (await client.query(sql)),
      });
    } finally {
      client.release();
    }
  };
  return { db, migrations };
}

async function openPglite(dir: string): Promise<Opened> {
  const [{ PGlite }, { vector }, { PrismaPGlite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite-pgvector'),
    import('pglite-prisma-adapter'),
  ]);
  let unlock = () => {};
  if (!dir.startsWith('memory://')) {
    try {
      unlock = lockFolder(dir);
    } catch (error) {
      throw new Error(`cannot open the embedded database in ${dir}: ${(error as Error).message}`, { cause: error });
    }
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(dir, { extensions: { vector } });
  } catch (error) {
    unlock();
    throw new Error(
      `cannot open the embedded database in ${dir}: ${(error as Error).message}. Another process may hold it open (stop it), or the folder is damaged (move it away to start fresh).`,
      { cause: error },
    );
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  const db: Db = {
    kind: 'pglite',
    prisma,
    sql: pgliteSqlClient(pglite),
    location: dir,
    async close() {
      await prisma.$disconnect();
      await pglite.close();
      unlock();
    },
  };
  const migrations = () =>
    applyMigrations({
      query: async (sql, params) => (await pglite.query<never>(sql, params)).rows,
      exec: async (sql) => void (await pglite.exec(sql)),
    });
  return { db, migrations };
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

import { createHash } from 'node:crypto';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { Pool, PoolClient, QueryConfig } from 'pg';
import type { SqlClient } from '../../nodes/core/context';

/**
 * SqlClient over the raw drivers. Bulk paths (vector upserts, lexical postings, BM25 scoring) go
 * straight to the driver; Prisma serves the CRUD in services.
 */
export function pgSqlClient(pool: Pool | PoolClient, inTransaction = false): SqlClient {
  const isPool = 'totalCount' in pool;
  return {
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const result = await pool.query(statement(sql, params));
      return result.rows as T[];
    },
    async execute(sql: string, params: readonly unknown[] = []) {
      const result = await pool.query(statement(sql, params));
      return result.rowCount ?? 0;
    },
    async transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
      if (inTransaction) return fn(pgSqlClient(pool, true)); // already inside one
      const client = isPool ? await (pool as Pool).connect() : (pool as PoolClient);
      try {
        await client.query('BEGIN');
        const result = await fn(pgSqlClient(client, true));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        if (isPool) client.release();
      }
    },
    async withSettings<T>(settings: Record<string, string | number>, fn: (sql: SqlClient) => Promise<T>): Promise<T> {
      if (!isPool) {
        await applySettings(pool as PoolClient, settings, inTransaction);
        return fn(pgSqlClient(pool, inTransaction));
      }
      const client = await (pool as Pool).connect();
      try {
        await applySettings(client, settings, false);
        return await fn(pgSqlClient(client));
      } finally {
        client.release();
      }
    },
  };
}

/** What each pooled connection has been SET to by withSettings. */
const connectionSettings = new WeakMap<object, Map<string, string>>();

/**
 * The SET statements that bring a connection to `settings`: SET LOCAL for all of them inside a
 * transaction; otherwise session-level SETs for those that differ from what the connection has.
 * Names are identifiers from our code and values numbers or plain words, checked here.
 */
function settingStatements(settings: Record<string, string | number>, local: boolean, connection?: object): string | undefined {
  let known = connection ? connectionSettings.get(connection) : undefined;
  if (connection && !known) connectionSettings.set(connection, (known = new Map()));
  const statements: string[] = [];
  for (const [name, raw] of Object.entries(settings)) {
    const value = String(raw);
    if (!/^[a-z_][a-z0-9_.]*$/.test(name) || !/^[A-Za-z0-9_.-]+$/.test(value)) throw new Error(`invalid setting ${name} = ${value}`);
    if (!local && known?.get(name) === value) continue;
    statements.push(`SET ${local ? 'LOCAL ' : ''}${name} = '${value}'`);
    if (!local) known?.set(name, value);
  }
  return statements.length ? statements.join('; ') : undefined;
}

async function applySettings(client: PoolClient, settings: Record<string, string | number>, local: boolean): Promise<void> {
  const statements = settingStatements(settings, local, client);
  if (!statements) return;
  try {
    await client.query(statements);
  } catch (error) {
    connectionSettings.delete(client); // unknown state now: send everything next time
    throw error;
  }
}

/**
 * Statements with parameters become named prepared statements (named by a hash of their text): each
 * connection parses them once, and Postgres can settle on a generic plan, so the per-call hot paths
 * (retrieval, run bookkeeping) skip parse and plan. Their texts never embed values (those are
 * parameters), so the set is small; the cap keeps a mistake from growing every connection's cache.
 */
const MAX_PREPARED = 500;
const preparedNames = new Map<string, string>();

function statement(text: string, params: readonly unknown[]): QueryConfig {
  const values = params as unknown[];
  if (values.length === 0) return { text };
  let name = preparedNames.get(text);
  if (!name) {
    if (preparedNames.size >= MAX_PREPARED) return { text, values };
    name = `s_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    preparedNames.set(text, name);
  }
  return { name, text, values };
}

export function pgliteSqlClient(db: PGlite | Transaction, inTransaction = false): SqlClient {
  return {
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const result = await db.query<T>(sql, params as unknown[]);
      return result.rows;
    },
    async execute(sql: string, params: readonly unknown[] = []) {
      const result = await db.query(sql, params as unknown[]);
      return result.affectedRows ?? 0;
    },
    async transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
      if (inTransaction) return fn(pgliteSqlClient(db, true));
      return (db as PGlite).transaction((tx) => fn(pgliteSqlClient(tx, true)));
    },
    async withSettings<T>(settings: Record<string, string | number>, fn: (sql: SqlClient) => Promise<T>): Promise<T> {
      // one embedded database is one session shared by every caller, so settings are scoped to a
      // transaction (which holds the database for its duration) rather than left on the session
      const run = async (tx: PGlite | Transaction) => {
        const statements = settingStatements(settings, true);
        if (statements) await tx.exec(statements);
        return fn(pgliteSqlClient(tx, true));
      };
      return inTransaction ? run(db) : (db as PGlite).transaction(run);
    },
  };
}

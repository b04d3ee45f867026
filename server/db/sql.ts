import { createHash } from 'node:crypto';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { Pool, PoolClient, QueryConfig } from 'pg';
import type { SqlClient } from '../../nodes/core/context';

/**
 * SqlClient over the raw drivers. Bulk paths (vector upserts, lexical postings, BM25 scoring) go
 * straight to the driver; Prisma serves the CRUD in services.
 */
export function pgSqlClient(pool: Pool | PoolClient): SqlClient {
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
      if (!isPool) return fn(pgSqlClient(pool)); // already inside one
      const client = await (pool as Pool).connect();
      try {
        await client.query('BEGIN');
        const result = await fn(pgSqlClient(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  };
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
  };
}

import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { Pool, PoolClient } from 'pg';
import type { SqlClient } from '../../nodes/core/context';

/**
 * SqlClient over the raw drivers. Bulk paths (vector upserts, lexical postings, BM25 scoring) go
 * straight to the driver; Prisma serves the CRUD in services.
 */
export function pgSqlClient(pool: Pool | PoolClient): SqlClient {
  const isPool = 'totalCount' in pool;
  return {
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const result = await pool.query(sql, params as unknown[]);
      return result.rows as T[];
    },
    async execute(sql: string, params: readonly unknown[] = []) {
      const result = await pool.query(sql, params as unknown[]);
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

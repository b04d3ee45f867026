import { openDb, type Db } from '../server/db/client';
import { env } from '../server/env';

/** The CLI uses the product's database: DATABASE_URL when set, else the embedded one in DATA_DIR. */
export async function openCliDb(): Promise<Db> {
  const db = await openDb({ databaseUrl: env().DATABASE_URL, poolSize: env().DATABASE_POOL_SIZE });
  process.stderr.write(`database: ${db.kind} (${db.location})\n`);
  return db;
}

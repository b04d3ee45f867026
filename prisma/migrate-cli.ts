import { openDb } from '../server/db/client';
import { env } from '../server/env';

/**
 * `npm run db:migrate`: applies the migrations in prisma/migrations to DATABASE_URL's database (else
 * the embedded one in DATA_DIR) and prints what is applied as one JSON line. Servers, workers and the
 * CLI migrate on start as well; this is for deploy steps that migrate before anything starts.
 */
const db = await openDb({ databaseUrl: env().DATABASE_URL });
try {
  const applied = await db.sql.query<{ name: string }>('SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name');
  process.stdout.write(`${JSON.stringify({ database: db.kind, location: db.location, migrations: applied.length, latest: applied.at(-1)?.name ?? null })}\n`);
} finally {
  await db.close();
}

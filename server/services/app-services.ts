import { seedExamples } from '../../prisma/seed/seed';
import { openDb, type Db } from '../db/client';
import { env } from '../env';

/**
 * The process-wide services: one database handle (and one runner), created on first use and shared
 * by every request. Kept on globalThis because Next.js may load this module more than once.
 */
export interface AppServices {
  db: Db;
  startedAt: Date;
}

const holder = globalThis as typeof globalThis & { __ragServices?: Promise<AppServices> };

export function getServices(): Promise<AppServices> {
  holder.__ragServices ??= boot().catch((error: unknown) => {
    holder.__ragServices = undefined; // the next request tries again (database back up, ...)
    throw error;
  });
  return holder.__ragServices;
}

async function boot(): Promise<AppServices> {
  const config = env();
  const db = await openDb({ databaseUrl: config.DATABASE_URL });
  if (config.SEED_EXAMPLES === '1' || config.SEED_EXAMPLES === 'true') await seedExamples(db);
  return { db, startedAt: new Date() };
}

/** For tests and graceful shutdown. */
export async function closeServices(): Promise<void> {
  const services = holder.__ragServices;
  holder.__ragServices = undefined;
  if (services) await (await services).db.close();
}

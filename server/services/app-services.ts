import { seedExamples } from '../../prisma/seed/seed';
import { openDb, type Db } from '../db/client';
import { createRunner, type Runner } from '../../runners/index';
import { env } from '../env';
import { scheduleEvaluationResume, stopEvaluations } from '../evaluation/jobs';
import { scheduleRetention } from './retention';
import { scheduleWebRefresh } from './web-sources';

/**
 * The process-wide services: one database handle (and one runner), created on first use and shared
 * by every request. Kept on globalThis because Next.js may load this module more than once.
 */
export interface AppServices {
  db: Db;
  runner: Runner;
  startedAt: Date;
  /** stops the hourly pruning of old runs (server/services/retention.ts) */
  stopRetention: () => void;
  /** stops looking for evaluations to resume (server/evaluation/jobs.ts) */
  stopResuming: () => void;
  /** stops loading web sources that are due (server/services/web-sources.ts) */
  stopWebRefresh: () => void;
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
  const db = await openDb({ databaseUrl: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE });
  if (config.SEED_EXAMPLES) await seedExamples(db);
  try {
    const runner = await createRunner(db, { redisUrl: config.REDIS_URL, devices: config.WORKER_DEVICES });
    const stopRetention = scheduleRetention(db, { runDays: config.RUN_RETENTION_DAYS, artifactDays: config.ARTIFACT_RETENTION_DAYS });
    const stopResuming = scheduleEvaluationResume(db, runner);
    const stopWebRefresh = scheduleWebRefresh(db, runner);
    return { db, runner, startedAt: new Date(), stopRetention, stopResuming, stopWebRefresh };
  } catch (error) {
    await db.close();
    throw error;
  }
}

/** For tests and graceful shutdown. */
export async function closeServices(): Promise<void> {
  const services = holder.__ragServices;
  holder.__ragServices = undefined;
  if (!services) return;
  const { db, runner, stopRetention, stopResuming, stopWebRefresh } = await services;
  stopRetention();
  stopResuming();
  stopWebRefresh();
  await stopEvaluations();
  await runner.close();
  await db.close();
}

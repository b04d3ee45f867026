import { env } from '../env';
import { getServices } from './app-services';

export interface Health {
  status: 'ok' | 'degraded' | 'down';
  database: { ok: boolean; kind?: string; location?: string; error?: string; latencyMs?: number };
  queue: { ok: boolean; mode: 'in-process' | 'bullmq'; error?: string };
  version: string;
}

/** Database and queue status for GET /api/health: 503 when the database is unreachable. */
export async function checkHealth(): Promise<Health> {
  const mode = env().REDIS_URL ? 'bullmq' : 'in-process';
  const version = process.env.npm_package_version ?? '0.1.0';
  let database: Health['database'];
  try {
    const services = await getServices();
    const started = performance.now();
    await services.db.sql.query('SELECT 1');
    database = { ok: true, kind: services.db.kind, location: services.db.location, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    database = { ok: false, error: (error as Error).message };
  }
  const queue = mode === 'bullmq' ? await pingRedis(env().REDIS_URL!) : { ok: true };
  const status = !database.ok ? 'down' : queue.ok ? 'ok' : 'degraded';
  return { status, database, queue: { mode, ...queue }, version };
}

async function pingRedis(url: string): Promise<{ ok: boolean; error?: string }> {
  const { Redis } = await import('ioredis');
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2000, enableOfflineQueue: false });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
    return { ok: true };
  } catch (error) {
    return { ok: false, error: `redis: ${(error as Error).message}` };
  } finally {
    redis.disconnect();
  }
}

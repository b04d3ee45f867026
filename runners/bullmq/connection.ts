import { Redis, type RedisOptions } from 'ioredis';

/**
 * Redis connections for BullMQ. Workers block on Redis and must retry forever
 * (`maxRetriesPerRequest: null`, BullMQ's requirement); the server's own connections fail fast
 * instead, so a request never hangs on a Redis that is gone (a clear 503 instead).
 */
/** Key prefix of queues and channels; separate deployments (or test suites) sharing a Redis set their own. */
export const queuePrefix = () => process.env.RAG_QUEUE_PREFIX ?? 'ragraph';
export const RUN_QUEUE = 'runs';
export const nodeQueueName = (deviceClass: 'cpu' | 'gpu') => `nodes-${deviceClass}`;

export function blockingConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });
}

export function failFastConnection(url: string, extra: RedisOptions = {}): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2_000,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
    ...extra,
  });
  redis.on('error', () => undefined); // reported where it matters: on the command that fails
  return redis;
}

/** Resolves when Redis answers, rejects with a clear message within `ms` otherwise. */
export async function assertRedisReachable(redis: Redis, url: string, ms = 2_000): Promise<void> {
  const where = redactUrl(url);
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      redis.status === 'ready' ? redis.ping() : waitReady(redis).then(() => redis.ping()),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`Redis at ${where} did not answer within ${ms} ms`)), ms))),
    ]);
  } catch (error) {
    const message = (error as Error).message;
    throw new Error(message.includes(where) ? message : `Redis at ${where} is unreachable (${message})`);
  } finally {
    clearTimeout(timer);
  }
}

function waitReady(redis: Redis): Promise<void> {
  return new Promise((resolve, reject) => {
    if (redis.status === 'ready') return resolve();
    const onReady = () => (cleanup(), resolve());
    const onError = (error: Error) => (cleanup(), reject(error));
    const cleanup = () => {
      redis.off('ready', onReady);
      redis.off('error', onError);
    };
    redis.once('ready', onReady);
    redis.once('error', onError);
  });
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the configured URL';
  }
}

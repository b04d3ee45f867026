import { Redis } from 'ioredis';
import { queuePrefix } from '../bullmq/connection';

/**
 * Deletes every Redis key under a queue prefix (BullMQ's queues, the run event streams), for suites
 * and benchmarks that run under a prefix of their own: the shared Redis is left as it was found.
 * Call it once the runner and workers under that prefix are closed.
 */
export async function deleteQueueKeys(redisUrl: string, prefix = queuePrefix()): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 1000 }) as AsyncIterable<string[]>) if (keys.length) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

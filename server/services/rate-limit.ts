import { Redis } from 'ioredis';
import { log } from '../log';

/**
 * Per-key rate limits as token buckets: a key holds up to `perMinute` tokens, refilled continuously at
 * perMinute/60 a second; a call takes one. Without Redis the buckets live in this process; with
 * REDIS_URL they live in Redis (one atomic Lua script per call) so every web process shares them.
 * A Redis that fails lets calls through (and says so in the log): the limit protects capacity, it
 * must not take the API down with it.
 */
export interface RateDecision {
  allowed: boolean;
  limit: number;
  /** whole tokens left after this call */
  remaining: number;
  /** seconds until one token is back (0 when allowed) */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  readonly kind: 'memory' | 'redis';
  take(key: string, perMinute: number): Promise<RateDecision>;
  close(): Promise<void>;
}

export function createMemoryRateLimiter(now: () => number = Date.now): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    kind: 'memory',
    async take(key, perMinute) {
      const t = now();
      const rate = perMinute / 60_000;
      const bucket = buckets.get(key) ?? { tokens: perMinute, at: t };
      bucket.tokens = Math.min(perMinute, bucket.tokens + (t - bucket.at) * rate);
      bucket.at = t;
      const allowed = bucket.tokens >= 1;
      if (allowed) bucket.tokens -= 1;
      if (buckets.size > 100_000) buckets.clear(); // a bound on memory; full buckets are the default anyway
      buckets.set(key, bucket);
      return decision(allowed, perMinute, bucket.tokens, rate);
    },
    async close() {
      buckets.clear();
    },
  };
}

/** Refill, take one if there is one, store; Redis's own clock so every process agrees on time. */
const TAKE_SCRIPT = `
local capacity = tonumber(ARGV[1])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local rate = capacity / 60000
local data = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(data[1])
local at = tonumber(data[2])
if tokens == nil or at == nil then tokens = capacity; at = now end
tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
local allowed = 0
if tokens >= 1 then tokens = tokens - 1; allowed = 1 end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], 120000)
return {allowed, tostring(tokens)}
`;

export function createRedisRateLimiter(url: string, options: { prefix?: string } = {}): RateLimiter {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2000, commandTimeout: 1000, lazyConnect: false });
  redis.on('error', () => undefined); // reported on the command that fails
  redis.defineCommand('ragraphTake', { numberOfKeys: 1, lua: TAKE_SCRIPT });
  const prefix = options.prefix ?? `${process.env.RAG_QUEUE_PREFIX ?? 'ragraph'}:ratelimit:`;
  let warned = false;
  return {
    kind: 'redis',
    async take(key, perMinute) {
      try {
        const take = (redis as unknown as { ragraphTake(key: string, capacity: number): Promise<[number, string]> }).ragraphTake;
        const [allowed, tokens] = await take.call(redis, `${prefix}${key}`, perMinute);
        return decision(allowed === 1, perMinute, Number(tokens), perMinute / 60_000);
      } catch (error) {
        if (!warned) log.warn(`[rate-limit] Redis failed, calls are not limited until it is back: ${(error as Error).message}`);
        warned = true;
        return { allowed: true, limit: perMinute, remaining: perMinute, retryAfterSeconds: 0 };
      }
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

function decision(allowed: boolean, limit: number, tokens: number, ratePerMs: number): RateDecision {
  return {
    allowed,
    limit,
    remaining: Math.max(0, Math.floor(tokens)),
    retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((1 - tokens) / ratePerMs / 1000)),
  };
}

/** The process-wide limiter: Redis-backed when REDIS_URL is set. */
const holder = globalThis as typeof globalThis & { __ragRateLimiter?: RateLimiter };
export function getRateLimiter(redisUrl: string | undefined): RateLimiter {
  holder.__ragRateLimiter ??= redisUrl ? createRedisRateLimiter(redisUrl) : createMemoryRateLimiter();
  return holder.__ragRateLimiter;
}

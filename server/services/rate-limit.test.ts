import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createMemoryRateLimiter, createRedisRateLimiter } from './rate-limit';

describe('in-memory token bucket', () => {
  it('allows a burst of the limit, then refills at limit/60 per second', async () => {
    let now = 1_000_000;
    const limiter = createMemoryRateLimiter(() => now);
    const results = [];
    for (let i = 0; i < 61; i++) results.push(await limiter.take('k', 60));
    expect(results.slice(0, 60).every((r) => r.allowed)).toBe(true);
    expect(results[59]!.remaining).toBe(0);
    expect(results[60]).toMatchObject({ allowed: false, retryAfterSeconds: 1, limit: 60 });
    now += 1000; // one token back
    expect((await limiter.take('k', 60)).allowed).toBe(true);
    expect((await limiter.take('k', 60)).allowed).toBe(false);
    now += 120_000; // refills to the cap, not beyond
    expect((await limiter.take('k', 60)).remaining).toBe(59);
  });

  it('keeps keys apart and computes Retry-After from the refill rate', async () => {
    let now = 0;
    const limiter = createMemoryRateLimiter(() => now);
    expect((await limiter.take('a', 2)).allowed).toBe(true);
    expect((await limiter.take('a', 2)).allowed).toBe(true);
    const refused = await limiter.take('a', 2);
    expect(refused).toMatchObject({ allowed: false, retryAfterSeconds: 30 });
    expect((await limiter.take('b', 2)).allowed).toBe(true);
    now += 30_000;
    expect((await limiter.take('a', 2)).allowed).toBe(true);
  });
});

// with Redis configured (no suite otherwise, rather than a skipped one)
describe.each(process.env.REDIS_URL ? [process.env.REDIS_URL] : [])('Redis token bucket (%s)', () => {
  it('shares one bucket between limiters (processes) and stays exact under concurrent calls', async () => {
    const prefix = `test-rl-${randomBytes(4).toString('hex')}:`;
    const a = createRedisRateLimiter(process.env.REDIS_URL!, { prefix });
    const b = createRedisRateLimiter(process.env.REDIS_URL!, { prefix });
    try {
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).take('key', 30)));
      expect(results.filter((r) => r.allowed)).toHaveLength(30);
      const refused = results.find((r) => !r.allowed)!;
      expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(2);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('lets calls through when Redis is unreachable (the limit must not take the API down)', async () => {
    const limiter = createRedisRateLimiter('redis://127.0.0.1:1', { prefix: 'unreachable:' });
    try {
      expect((await limiter.take('k', 1)).allowed).toBe(true);
    } finally {
      await limiter.close();
    }
  });
});

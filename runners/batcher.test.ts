import { describe, expect, it } from 'vitest';
import { BatchTimeFit } from './batch-fit';
import { AdaptiveBatcher, type BatcherOptions } from './batcher';

const later = (ms: number) => performance.now() + ms;

/**
 * A batcher over a model that takes `ms` per batch and answers each item with `answer(item)` (the item
 * itself by default); `sizes` records every batch's size.
 */
function modelBatcher(options: Omit<BatcherOptions<number, number>, 'run'>, ms: number, answer = (x: number) => x) {
  const sizes: number[] = [];
  const batcher = new AdaptiveBatcher<number, number>({
    ...options,
    run: async (items) => {
      sizes.push(items.length);
      if (ms > 0) await new Promise((r) => setTimeout(r, ms));
      return { outputs: items.map(answer) };
    },
  });
  return { batcher, sizes };
}

describe('BatchTimeFit', () => {
  it('recovers a·n + b from batch timings', () => {
    const fit = new BatchTimeFit();
    for (const n of [1, 2, 4, 8, 16, 32]) fit.add(n, 0.5 * n + 3);
    expect(fit.a).toBeCloseTo(0.5, 6);
    expect(fit.b).toBeCloseTo(3, 6);
    expect(fit.predict(10)).toBeCloseTo(8, 6);
  });

  it('attributes time to the fixed cost while only one size has been seen', () => {
    const fit = new BatchTimeFit();
    fit.add(4, 12);
    fit.add(4, 14);
    expect(fit.a).toBe(0);
    expect(fit.b).toBe(13);
  });
});

describe('AdaptiveBatcher', () => {
  it('leaves a batch that loaded the model out of the batch-time fit', async () => {
    let calls = 0;
    const batcher = new AdaptiveBatcher<number, number>({
      name: 'cold start',
      maxBatchSize: 4,
      maxLatencyMs: 50,
      run: async (items) => {
        // the first batch loads the model (300 ms) and says so; later ones take 10 ms
        const coldStart = calls++ === 0;
        await new Promise((r) => setTimeout(r, coldStart ? 300 : 10));
        return { outputs: items, coldStart };
      },
    });
    for (let round = 0; round < 4; round++) await Promise.all([0, 1, 2, 3].map((i) => batcher.submit(i, 1, later(5_000))));
    expect(batcher.history.map((h) => [h.size, h.coldStart])).toEqual([
      [4, true],
      [4, false],
      [4, false],
      [4, false],
    ]);
    expect(batcher.history[0]!.ms).toBeGreaterThanOrEqual(290);
    expect(batcher.fit.count).toBe(3);
    // counted, the first batch would have put the fixed cost near (300 + 3 × 10) / 4 = 83 ms
    expect(batcher.fit.predict(4)).toBeLessThan(60);
  });

  it('merges requests that arrive while a batch runs, up to maxBatchSize', async () => {
    const { batcher, sizes } = modelBatcher({ name: 'double', maxBatchSize: 8, maxLatencyMs: 50 }, 20, (x) => x * 2);
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => batcher.submit(i, 1, later(5_000))));
    expect(outcomes.map((o) => o.output)).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(20);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(8);
    expect(sizes.length).toBeLessThan(20); // batched, not one by one
    expect(outcomes.some((o) => o.batchSize > 1)).toBe(true);
  });

  it('sends a burst submitted in one event-loop turn as one batch, not its first request alone', async () => {
    const { batcher, sizes } = modelBatcher({ name: 'burst', maxBatchSize: 64, maxLatencyMs: 50 }, 0);
    await Promise.all(Array.from({ length: 16 }, (_, i) => batcher.submit(i, 1, later(5_000))));
    expect(sizes).toEqual([16]);
  });

  it('shares a burst evenly across free slots when batches may run side by side (a thread pool)', async () => {
    const { batcher, sizes } = modelBatcher({ name: 'pool', maxBatchSize: 64, maxLatencyMs: 50, maxInFlight: 2 }, 5);
    await Promise.all(Array.from({ length: 10 }, (_, i) => batcher.submit(i, 1, later(5_000))));
    expect(sizes).toEqual([5, 5]);
  });

  it('counts weight (texts, pairs) against maxBatchSize, never splitting a request', async () => {
    const weights: number[] = [];
    const batcher = new AdaptiveBatcher<number[], number>({
      name: 'sum',
      maxBatchSize: 10,
      maxLatencyMs: 50,
      run: async (items) => {
        weights.push(items.reduce((s, x) => s + x.length, 0));
        await new Promise((r) => setTimeout(r, 10));
        return { outputs: items.map((x) => x.length) };
      },
    });
    const requests = [[1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4], [1], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]];
    const out = await Promise.all(requests.map((r) => batcher.submit(r, r.length, later(5_000))));
    expect(out.map((o) => o.output)).toEqual([4, 4, 4, 1, 12]);
    // an oversize request runs alone; others share batches within the limit
    expect(weights.filter((w) => w > 10)).toEqual([12]);
  });

  it("caps a batch at its requests' own limit (one model call), so the first results come back before the rest run", async () => {
    const finished: number[] = [];
    const { batcher, sizes } = modelBatcher({ name: 'model-calls', maxBatchSize: 256, maxLatencyMs: 50 }, 20);
    const started = performance.now();
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        batcher.submit(i, 1, later(5_000), 4).then((outcome) => {
          finished[i] = performance.now() - started;
          return outcome;
        }),
      ),
    );
    expect(sizes).toEqual([4, 4, 2]);
    expect(outcomes.map((o) => o.batchSize)).toEqual([4, 4, 4, 4, 4, 4, 4, 4, 2, 2]);
    // the first model call's requests did not wait for the later calls
    expect(Math.max(...finished.slice(0, 4))).toBeLessThan(Math.min(...finished.slice(4)));
  });

  it('fails a request still queued at its deadline with DEADLINE_EXCEEDED', async () => {
    const { batcher } = modelBatcher({ name: 'slow-model', maxBatchSize: 1, maxLatencyMs: 10 }, 300);
    const first = batcher.submit(1, 1, later(5_000));
    const second = batcher.submit(2, 1, later(50));
    await expect(second).rejects.toMatchObject({ code: 'DEADLINE_EXCEEDED' });
    await expect(second).rejects.toThrow(/slow-model: waited \d+ ms/);
    expect((await first).output).toBe(1);
  });

  it('passes a broken model\'s error to every request of a failed batch, each having run again alone', async () => {
    const { batcher, sizes } = modelBatcher({ name: 'broken', maxBatchSize: 4, maxLatencyMs: 5 }, 0, () => {
      throw new Error('model crashed');
    });
    const results = await Promise.allSettled([1, 2, 3].map((i) => batcher.submit(i, 1, later(1_000))));
    expect(results.every((r) => r.status === 'rejected' && /model crashed/.test(String(r.reason)))).toBe(true);
    expect(sizes).toEqual([3, 1, 1, 1]);
  });

  it("fails only the request whose input breaks a merged batch: the runs merged with it get their answers", async () => {
    const { batcher, sizes } = modelBatcher({ name: 'picky', maxBatchSize: 4, maxLatencyMs: 5 }, 0, (x) => {
      if (x === 13) throw new Error('13 is not an input this model takes');
      return x * 2;
    });
    const [a, bad, c] = await Promise.allSettled([1, 13, 3].map((i) => batcher.submit(i, 1, later(1_000))));
    expect(a).toEqual({ status: 'fulfilled', value: expect.objectContaining({ output: 2, batchSize: 1 }) });
    expect(c).toEqual({ status: 'fulfilled', value: expect.objectContaining({ output: 6, batchSize: 1 }) });
    expect(bad).toMatchObject({ status: 'rejected', reason: expect.objectContaining({ message: '13 is not an input this model takes' }) });
    expect(sizes).toEqual([3, 1, 1, 1]);
    // the failed batch was left out of the record and the fit; the solo runs go around the batcher
    expect(batcher.history).toEqual([]);
  });

  it('runs each request alone when batching is off', async () => {
    const { batcher, sizes } = modelBatcher({ name: 'off', maxBatchSize: 8, maxLatencyMs: 50, enabled: false }, 0);
    await Promise.all([1, 2, 3].map((i) => batcher.submit(i, 1, later(1_000))));
    expect(sizes).toEqual([1, 1, 1]);
  });

  it('waits for more requests only while that pays off (fixed cost b vs n·τ)', async () => {
    // b ≈ 40 ms: waiting a few ms for company pays
    const { batcher, sizes } = modelBatcher({ name: 'costly-start', maxBatchSize: 64, maxLatencyMs: 200 }, 40);
    // teach the fit its fixed cost
    for (let i = 0; i < 3; i++) await batcher.submit(i, 1, later(5_000));
    sizes.length = 0;
    const arrivals: Promise<unknown>[] = [];
    for (let i = 0; i < 10; i++) {
      arrivals.push(batcher.submit(i, 1, later(5_000)));
      await new Promise((r) => setTimeout(r, 2));
    }
    await Promise.all(arrivals);
    expect(sizes.length).toBeLessThanOrEqual(3);
  });

  it('sends a full batch ahead while one runs, so the model never waits for a round trip; a partial batch stays to grow', async () => {
    // a model that takes its batches in order, as its own thread does: the second call queues behind the first
    let modelFree = Promise.resolve();
    // when each call was sent, and when the model began and finished it (the model's own clock)
    const calls: { size: number; sentAt: number; begunAt?: number; endedAt?: number }[] = [];
    const batcher = new AdaptiveBatcher<number, number>({
      name: 'in-order',
      maxBatchSize: 4,
      maxLatencyMs: 50,
      sendAhead: true,
      run: (items) => {
        const call: (typeof calls)[number] = { size: items.length, sentAt: performance.now() };
        calls.push(call);
        const done = modelFree.then(() => {
          call.begunAt = performance.now();
          return new Promise<{ outputs: number[] }>((r) => setTimeout(() => ((call.endedAt = performance.now()), r({ outputs: items })), 30));
        });
        modelFree = done.then(() => undefined);
        return done;
      },
    });
    const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => batcher.submit(i, 1, later(5_000)).then((o) => ({ ...o, resolvedAt: performance.now() }))));
    expect(outcomes.map((o) => o.output)).toEqual(Array.from({ length: 10 }, (_, i) => i));
    expect(calls.map((c) => c.size)).toEqual([4, 4, 2]);
    const [first, second, third] = calls as Required<(typeof calls)[number]>[];
    // the second (full) batch went out while the first ran; the partial third only once a slot was free
    expect(second!.sentAt).toBeLessThan(first!.endedAt);
    expect(second!.begunAt).toBeGreaterThanOrEqual(first!.endedAt);
    expect(third!.sentAt).toBeGreaterThanOrEqual(first!.endedAt);
    // the second batch's time queued at the model counts as queue wait, not as batch time. Bounds
    // from the model's own clock, which hold however loaded the machine is: counted as batch time,
    // that wait would break both
    expect(outcomes[4]!.queueWaitMs).toBeGreaterThanOrEqual(first!.endedAt - second!.sentAt);
    expect(batcher.history[1]!.ms).toBeLessThanOrEqual(outcomes[4]!.resolvedAt - first!.endedAt);
  });

  it('keeps one batch at a time without sendAhead', async () => {
    const inFlight: number[] = [];
    let running = 0;
    const batcher = new AdaptiveBatcher<number, number>({
      name: 'one-at-a-time',
      maxBatchSize: 4,
      maxLatencyMs: 50,
      run: async (items) => {
        inFlight.push(++running);
        await new Promise((r) => setTimeout(r, 10));
        running--;
        return { outputs: items };
      },
    });
    await Promise.all(Array.from({ length: 12 }, (_, i) => batcher.submit(i, 1, later(5_000))));
    expect(Math.max(...inFlight)).toBe(1);
  });

  it('puts requests of similar length in one batch when several batches leave together, and keeps arrival order otherwise', async () => {
    const batches: number[][] = [];
    const inOrder = (): AdaptiveBatcher<number, number> => {
      let modelFree = Promise.resolve();
      return new AdaptiveBatcher<number, number>({
        name: 'padding',
        maxBatchSize: 4,
        maxLatencyMs: 50,
        sendAhead: true,
        run: (items) => {
          batches.push(items);
          const done = modelFree.then(() => new Promise<{ outputs: number[] }>((r) => setTimeout(() => r({ outputs: items }), 5)));
          modelFree = done.then(() => undefined);
          return done;
        },
      });
    };
    // the item is its own length: two full batches leave at once, so they split short | long
    const lengths = [9, 1, 8, 2, 7, 3, 6, 4];
    let batcher = inOrder();
    const outcomes = await Promise.all(lengths.map((n) => batcher.submit(n, 1, later(5_000), 4, n)));
    expect(outcomes.map((o) => o.output)).toEqual(lengths); // each caller still gets its own answer
    expect(batches).toEqual([
      [1, 2, 3, 4],
      [6, 7, 8, 9],
    ]);
    // one full batch and a partial rest: the first four leave as they came, the rest wait their turn
    batches.length = 0;
    batcher = inOrder();
    await Promise.all([9, 1, 8, 2, 7, 3].map((n) => batcher.submit(n, 1, later(5_000), 4, n)));
    expect(batches).toEqual([
      [9, 1, 8, 2],
      [7, 3],
    ]);
  });
});

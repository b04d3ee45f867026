import { describe, expect, it } from 'vitest';
import { parseDevices } from './devices';
import { NodeHost } from './node-host';

/**
 * Threaded executors (embed.glove declares `resources.threaded`) run in worker threads: the result
 * is the same as on the main thread, batches still merge, and the main thread stays free.
 */
const noSql = { query: () => Promise.reject(new Error('no db')), execute: () => Promise.reject(new Error('no db')), transaction: () => Promise.reject(new Error('no db')) };

describe('CPU thread pool', () => {
  it('embeds in worker threads, batching concurrent requests', async () => {
    const host = new NodeHost({ workerId: 'threads', devices: parseDevices('cpu'), sql: noSql });
    try {
      const texts = ['protein folding in yeast', 'insulin resistance in mice', 'tumour growth and angiogenesis', 'protein folding in yeast'];
      let ticks = 0;
      const ticker = setInterval(() => ticks++, 5); // the event loop keeps turning while threads work
      const results = await Promise.all(
        texts.map((text, i) =>
          host.execute({ runId: `r${i}`, nodeId: 'embed', attempt: 1, type: 'embed.glove', typeVersion: 1, config: {}, inputs: { query: { text } }, runInput: {}, timeoutMs: 120_000 }),
        ),
      );
      clearInterval(ticker);
      for (const r of results) expect(r.status, r.error?.message).toBe('succeeded');
      const vectors = results.map((r) => (r.outputs!.vector as { vector: number[] }).vector);
      expect(vectors[0]).toHaveLength(100);
      expect(vectors[0]).toEqual(vectors[3]); // same text, same vector, whichever thread
      expect(vectors[0]).not.toEqual(vectors[1]);
      expect(Math.max(...results.map((r) => r.batchSize))).toBeGreaterThan(1);
      expect(ticks).toBeGreaterThan(0);
    } finally {
      await host.close();
    }
  }, 180_000);
});

import { describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { embedOnnx } from '../nodes/embed/onnx/definition';
import { parseDocument } from '../nodes/parse/document/definition';
import { guardRules } from '../nodes/guard/rules/definition';
import { routeQuery } from '../nodes/route/query/definition';
import { createTinyClassifier, createTinyEmbedder, normalized } from '../nodes/testing/tiny-onnx';
import { parseDevices } from './devices';
import { NodeHost } from './node-host';
import { ThreadPool } from './thread-pool';
import { noDatabase, type NodeEvent } from '../nodes/core/context';

/**
 * Threaded executors (embed.glove and parse.document declare `resources.threaded`) run in worker
 * threads: the result is the same as on the main thread, batches still merge, events and failures
 * come back, and the main thread stays free.
 */
const noSql = noDatabase('no db');

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

  it("sends a batch to its thread without the run's input, which may hold a large upload's files", async () => {
    const host = new NodeHost({ workerId: 'threads-input', devices: parseDevices('cpu'), sql: noSql });
    const sent = vi.spyOn(ThreadPool.prototype, 'run');
    try {
      const upload = { files: [{ name: 'big.txt', contentBase64: Buffer.alloc(4 * 1024 * 1024, 'a').toString('base64') }] };
      const result = await host.execute({ runId: 'r', nodeId: 'embed', attempt: 1, type: 'embed.glove', typeVersion: 1, config: {}, inputs: { query: { text: 'protein folding' } }, runInput: upload, timeoutMs: 120_000 });
      expect(result.status, result.error?.message).toBe('succeeded');
      expect(sent).toHaveBeenCalled();
      for (const [job] of sent.mock.calls) for (const item of job.items) expect(Object.keys(item)).not.toContain('runInput');
    } finally {
      sent.mockRestore();
      await host.close();
    }
  }, 180_000);

  it('parses documents on the pool: OCR of a scanned PDF runs on a thread, and a bad file is still reported', async () => {
    const host = new NodeHost({ workerId: 'parse-threads', devices: parseDevices('cpu'), sql: noSql });
    try {
      const scanned = { name: 'scanned.pdf', contentBase64: readFileSync(join(import.meta.dirname, '../nodes/parse/fixtures/scanned.pdf')).toString('base64') };
      const broken = { name: 'broken.pdf', contentBase64: Buffer.from('%PDF-1.7 this is not a PDF').toString('base64') };
      const events: NodeEvent[] = [];
      let ticks = 0;
      const ticker = setInterval(() => ticks++, 5); // OCR takes about a second: the event loop keeps turning
      const result = await host.execute({
        runId: 'r1',
        nodeId: 'parse',
        attempt: 1,
        type: 'parse.document',
        typeVersion: 1,
        config: parseDocument.config.parse({}),
        inputs: { files: [scanned, broken] },
        runInput: {},
        timeoutMs: 120_000,
        onEvent: (event) => events.push(event),
      });
      clearInterval(ticker);
      expect(result.status, result.error?.message).toBe('succeeded');
      const [doc] = (result.outputs!.documents as { text: string; metadata: Record<string, unknown> }[]);
      expect(doc!.text.toLowerCase()).toContain('total amount due');
      expect(doc!.metadata.ocrPages).toEqual([1]);
      expect(result.metrics).toMatchObject({ filesParsed: 1, filesFailed: 1 });
      // the failure's log event comes back from the thread
      expect(events).toEqual([{ type: 'log', data: expect.objectContaining({ level: 'error', file: 'broken.pdf', code: 'CORRUPT_FILE' }) }]);
      expect(host.models.loaded().some((key) => key.startsWith('ocr:'))).toBe(false); // the OCR model lives on the thread
      expect(ticks).toBeGreaterThan(10);

      const failed = await host.execute({ runId: 'r2', nodeId: 'parse', attempt: 1, type: 'parse.document', typeVersion: 1, config: parseDocument.config.parse({}), inputs: { files: [broken] }, runInput: {}, timeoutMs: 60_000 });
      expect(failed.status).toBe('failed');
      expect(failed.error).toMatchObject({ code: 'CORRUPT_FILE', message: expect.stringContaining('broken.pdf') });
    } finally {
      await host.close();
    }
  }, 180_000);

  it('stops a job on its thread when its signal fires: a long parse ends early with CANCELLED', async () => {
    const pool = new ThreadPool(1);
    try {
      const scanned = readFileSync(join(import.meta.dirname, '../nodes/parse/fixtures/scanned.pdf')).toString('base64');
      // twenty scanned PDFs: several seconds of OCR if nothing stopped it
      const files = Array.from({ length: 20 }, (_, i) => ({ name: `scan-${i}.pdf`, contentBase64: scanned }));
      const item = { runId: 'r1', nodeId: 'parse', attempt: 1, inputs: { files }, inputFrom: { files: ['in'] }, config: parseDocument.config.parse({}) };
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 200);
      await expect(pool.run({ type: 'parse.document', typeVersion: 1, device: 'cpu', items: [item] }, undefined, controller.signal)).rejects.toMatchObject({
        code: 'CANCELLED',
      });
    } finally {
      await pool.close();
    }
  }, 180_000);

  it('runs ONNX models on a thread of their own per (model, device), merging concurrent requests', async () => {
    const model = createTinyEmbedder({ words: { cat: [1, 0, 0], car: [0, 0, 1] }, specials: { '[CLS]': [0, 1, 0] } });
    const host = new NodeHost({ workerId: 'model-thread', devices: parseDevices('cpu'), sql: noSql });
    try {
      const config = embedOnnx.config.parse({ modelDir: model.dir, pooling: 'mean', normalize: true });
      const results = await Promise.all(
        ['cat', 'car', 'cat'].map((text, i) =>
          host.execute({ runId: `r${i}`, nodeId: 'embed', attempt: 1, type: 'embed.onnx', typeVersion: 1, config, inputs: { query: { text } }, runInput: {}, timeoutMs: 60_000 }),
        ),
      );
      for (const r of results) expect(r.status, r.error?.message).toBe('succeeded');
      const vectors = results.map((r) => (r.outputs!.vector as { vector: number[] }).vector);
      // mean of [CLS], cat, [SEP] token vectors, normalised
      vectors[0]!.forEach((x, i) => expect(x).toBeCloseTo(normalized([1 / 3, 1 / 3, 0])[i]!, 5));
      expect(vectors[2]).toEqual(vectors[0]);
      expect(vectors[1]).not.toEqual(vectors[0]);
      expect(results.every((r) => r.batchSize === 3)).toBe(true);
      // the session lives on the model's thread, not in this (main) thread's model host
      expect(host.models.loaded().some((key) => key.startsWith('onnx:'))).toBe(false);
      expect(host.threadsPerModel().map((s) => s.threads)).toEqual([1]);
      // the heartbeat's view: the model where it was placed, and its one batch of three requests,
      // which loaded the model on its thread and so is no sample of batch time
      const [loaded] = host.loadedModels();
      expect(loaded).toMatchObject({ device: 'cpu', copies: 1, batching: { batches: 1, meanRequests: 3, maxRequests: 3, meanItems: 3, queued: 0, perItemMs: null, fixedMs: null } });
      expect(loaded!.model).toContain(model.dir);
      expect(loaded!.batching!.meanMaxWaitMs).toBeGreaterThanOrEqual(0);
      // a second batch finds the model warm: it is fitted
      const again = await host.execute({ runId: 'r3', nodeId: 'embed', attempt: 1, type: 'embed.onnx', typeVersion: 1, config, inputs: { query: { text: 'car' } }, runInput: {}, timeoutMs: 60_000 });
      expect(again.outputs!.vector).toEqual(results[1]!.outputs!.vector);
      const batching = host.loadedModels()[0]!.batching!;
      expect(batching).toMatchObject({ batches: 2, meanRequests: 2, maxRequests: 3 });
      expect(batching.fixedMs).toBeGreaterThan(0);
    } finally {
      await host.close();
      model.remove();
    }
  }, 120_000);

  it('batches concurrent guardrail questions on the classifier\'s thread: one classifier call for those that reach it', async () => {
    const model = createTinyClassifier({ words: { idiot: [0, 4], aspirin: [2, 0] }, labels: ['ok', 'toxic'], pooling: 'max' });
    const host = new NodeHost({ workerId: 'guard-thread', devices: parseDevices('cpu'), sql: noSql });
    const config = guardRules.config.parse({ classifierModelDir: model.dir, classifierBlockLabels: ['toxic'], classifierThreshold: 0.9, denyPatterns: ['forbidden'] });
    const ask = (text: string, i: number) =>
      host.execute({ runId: `g${i}`, nodeId: 'guard', attempt: 1, type: 'guard.rules', typeVersion: 1, config, inputs: { query: { text } }, runInput: {}, timeoutMs: 60_000 });
    try {
      // the third is blocked by a rule before the classifier: the others' merged call does not wait for it
      const [rude, fine, ruled] = await Promise.all(['you idiot', 'does aspirin help', 'a forbidden question'].map(ask));
      for (const r of [rude, fine, ruled]) expect(r!.status, r!.error?.message).toBe('succeeded');
      expect(rude!.outputs!.blocked).toBeDefined();
      expect((rude!.outputs!.verdict as { reasons: { rule: string }[] }).reasons.map((r) => r.rule)).toEqual(['classifier']);
      expect(fine!.outputs!.passed).toMatchObject({ text: 'does aspirin help' });
      expect((ruled!.outputs!.verdict as { reasons: { rule: string }[] }).reasons.map((r) => r.rule)).toEqual(['deny-pattern']);
      expect([rude, fine, ruled].map((r) => r!.batchSize)).toEqual([3, 3, 3]);
      // the classifier lives on its model's thread, not in this thread's model host, and saw one batch
      expect(host.models.loaded().some((key) => key.startsWith('onnx:'))).toBe(false);
      const [loaded] = host.loadedModels();
      expect(loaded).toMatchObject({ device: 'cpu', batching: { batches: 1, meanRequests: 3 } });
      // without a classifier the guardrail is not batched: it runs where it lands
      const plain = await host.execute({ runId: 'g9', nodeId: 'guard', attempt: 1, type: 'guard.rules', typeVersion: 1, config: guardRules.config.parse({}), inputs: { query: { text: 'hello' } }, runInput: {}, timeoutMs: 60_000 });
      expect(plain).toMatchObject({ status: 'succeeded', batchSize: 1 });
      expect(host.loadedModels()).toHaveLength(1);
    } finally {
      await host.close();
      model.remove();
    }
  }, 120_000);

  it('routes by example questions on a GloVe thread of its own, batching concurrent questions; rules stay where they land', async () => {
    const host = new NodeHost({ workerId: 'router-thread', devices: parseDevices('cpu'), sql: noSql });
    const config = routeQuery.config.parse({
      mode: 'embedding',
      route1Label: 'billing',
      route1Examples: ['Why was my credit card charged twice?', 'How do I get a refund for my payment?'],
      route2Label: 'medical',
      route2Examples: ['What are the side effects of aspirin?', 'Which drugs lower blood pressure?'],
    });
    const ask = (text: string, i: number, routeConfig = config) =>
      host.execute({ runId: `q${i}`, nodeId: 'route', attempt: 1, type: 'route.query', typeVersion: 1, config: routeConfig, inputs: { query: { text } }, runInput: {}, timeoutMs: 120_000 });
    try {
      let ticks = 0;
      const ticker = setInterval(() => ticks++, 5);
      const answers = await Promise.all(['What adverse reactions does ibuprofen cause?', 'Can I get my money back for this bill?', 'What is the capital of Mongolia?'].map((text, i) => ask(text, i)));
      clearInterval(ticker);
      for (const a of answers) expect(a.status, a.error?.message).toBe('succeeded');
      expect(answers.map((a) => Object.keys(a.outputs!).filter((port) => a.outputs![port] !== undefined))).toEqual([['route2'], ['route1'], ['fallback']]);
      expect(answers.map((a) => a.batchSize)).toEqual([3, 3, 3]);
      // GloVe loaded on the router's thread while this event loop kept turning, not in this thread's host
      expect(ticks).toBeGreaterThan(0);
      expect(host.models.loaded()).toEqual([]);
      const [loaded] = host.loadedModels();
      expect(loaded).toMatchObject({ model: 'route.query:glove-sg-100d-sif', device: 'cpu', batching: { batches: 1, meanRequests: 3 } });
      // rules mode has no model: it runs where it lands, unbatched
      const rules = await ask('refund please', 9, routeQuery.config.parse({ route1Label: 'billing', route1Keywords: ['refund'] }));
      expect(rules).toMatchObject({ status: 'succeeded', batchSize: 1 });
      expect(rules.outputs!.route1).toMatchObject({ text: 'refund please' });
      expect(host.loadedModels()).toHaveLength(1);
    } finally {
      await host.close();
    }
  }, 120_000);

  it("places an ONNX embedder on a worker's GPU (asking onnxruntime for CUDA there), and on the CPU when its config pins the CPU", async () => {
    const model = createTinyEmbedder({ words: { cat: [1, 0, 0] } });
    const host = new NodeHost({ workerId: 'gpu-worker', devices: parseDevices('cpu,cuda:0'), sql: noSql });
    const embed = (config: Record<string, unknown>) =>
      host.execute({ runId: 'r', nodeId: 'embed', attempt: 1, type: 'embed.onnx', typeVersion: 1, config: embedOnnx.config.parse({ modelDir: model.dir, ...config }), inputs: { query: { text: 'cat' } }, runInput: {}, timeoutMs: 60_000 });
    try {
      const onGpu = await embed({});
      expect(onGpu.device).toBe('cuda:0');
      // no CUDA provider on this machine: the failure says what a GPU worker needs
      expect(onGpu.status).toBe('failed');
      expect(onGpu.error?.message).toMatch(/on cuda:0: .*CUDA execution provider/);
      const pinned = await embed({ device: 'cpu' });
      expect(pinned.status, pinned.error?.message).toBe('succeeded');
      expect(pinned.device).toBe('cpu');
    } finally {
      await host.close();
      model.remove();
    }
  }, 120_000);

  it('runs batches side by side on copies of a model (ONNX_REPLICAS), with the same vectors as one copy', async () => {
    const model = createTinyEmbedder({ words: { cat: [1, 0, 0], car: [0, 0, 1], dog: [0, 1, 1] }, specials: { '[CLS]': [0, 1, 0] } });
    const hosts = { one: new NodeHost({ workerId: 'one-copy', devices: parseDevices('cpu=8000'), sql: noSql }), two: new NodeHost({ workerId: 'two-copies', devices: parseDevices('cpu=8000'), sql: noSql, modelReplicas: 2 }) };
    try {
      // two texts per model call: four concurrent requests leave as two batches at once
      const config = embedOnnx.config.parse({ modelDir: model.dir, pooling: 'mean', normalize: true, batchSize: 2 });
      const embedAll = (host: NodeHost) =>
        Promise.all(
          ['cat', 'car', 'dog', 'cat'].map((text, i) =>
            host.execute({ runId: `r${i}`, nodeId: 'embed', attempt: 1, type: 'embed.onnx', typeVersion: 1, config, inputs: { query: { text } }, runInput: {}, timeoutMs: 60_000 }),
          ),
        );
      const [single, copies] = [await embedAll(hosts.one), await embedAll(hosts.two)];
      for (const r of [...single, ...copies]) expect(r.status, r.error?.message).toBe('succeeded');
      expect(copies.map((r) => r.outputs!.vector)).toEqual(single.map((r) => r.outputs!.vector));
      expect(copies.map((r) => r.batchSize)).toEqual([2, 2, 2, 2]);
      // the second batch went to a second thread instead of waiting for the first
      expect(hosts.two.threadsPerModel().map((s) => s.threads)).toEqual([2]);
      expect(hosts.one.threadsPerModel().map((s) => s.threads)).toEqual([1]);
      // both copies' memory is reserved on the device
      const memory = (host: NodeHost) => host.placer.models().map((m) => m.memoryMB);
      expect(memory(hosts.two)).toEqual(memory(hosts.one).map((mb) => mb * 2));
      expect(hosts.two.placer.models().map((m) => m.copies)).toEqual([2]);
    } finally {
      await Promise.all(Object.values(hosts).map((h) => h.close()));
      model.remove();
    }
  }, 120_000);
});

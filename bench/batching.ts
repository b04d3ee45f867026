import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SqlClient } from '../nodes/core/context';
import { parseDevices } from '../runners/devices';
import { NodeHost } from '../runners/node-host';
import { createMiniEncoder } from './lib/mini-encoder';
import { percentile, round } from './lib/stats';

/**
 * `npm run bench:batching`: 64 concurrent single-text embedding requests (as 64 concurrent runs would
 * send them) through the runner's executor layer, with the adaptive batcher on and off, for the
 * GloVe default and an ONNX encoder built here. Last line: one JSON object.
 */
const CONCURRENCY = 64;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const SCIFACT = resolve(import.meta.dirname, '../../shared/eval/scifact');

const noSql: SqlClient = {
  query: () => Promise.reject(new Error('no database in this benchmark')),
  execute: () => Promise.reject(new Error('no database in this benchmark')),
  transaction: () => Promise.reject(new Error('no database in this benchmark')),
};

function loadQueries(): string[] {
  const lines = readFileSync(resolve(SCIFACT, 'queries.jsonl'), 'utf8').split('\n').filter(Boolean);
  return lines.map((l) => (JSON.parse(l) as { text: string }).text);
}

async function measure(type: string, config: Record<string, unknown>, batching: boolean, texts: string[]) {
  const host = new NodeHost({ workerId: 'bench', devices: parseDevices('cpu'), sql: noSql, batching });
  const call = (text: string, i: number) =>
    host.execute({ runId: `r${i}`, nodeId: 'embed', attempt: 1, type, typeVersion: 1, config, inputs: { query: { text } }, runInput: {}, timeoutMs: 60_000 });
  await Promise.all(texts.slice(0, 8).map(call)); // warm: model loaded, sessions initialised
  const latencies: number[] = [];
  const batchSizes: number[] = [];
  const started = performance.now();
  for (let r = 0; r < ROUNDS; r++) {
    const slice = Array.from({ length: CONCURRENCY }, (_, i) => texts[(r * CONCURRENCY + i) % texts.length]!);
    await Promise.all(
      slice.map(async (text, i) => {
        const t0 = performance.now();
        const result = await call(text, i);
        if (result.status !== 'succeeded') throw new Error(`${type}: ${result.error?.message}`);
        latencies.push(performance.now() - t0);
        batchSizes.push(result.batchSize);
      }),
    );
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    requestsPerSec: round((ROUNDS * CONCURRENCY) / seconds, 1),
    p50Ms: round(percentile(latencies, 50)),
    p95Ms: round(percentile(latencies, 95)),
    meanBatchSize: round(batchSizes.reduce((a, b) => a + b, 0) / batchSizes.length, 1),
  };
}

async function main() {
  const texts = loadQueries();
  const encoder = createMiniEncoder(texts.flatMap((t) => t.toLowerCase().match(/[a-z0-9]+/g) ?? []), { dims: Number(process.env.BENCH_DIMS ?? 128), layers: 6 });
  const onnxConfig = { modelDir: encoder.dir, modelFile: 'model.onnx', pooling: 'mean', normalize: true, maxLength: 64, batchSize: 64, queryPrefix: '', passagePrefix: '', device: 'auto' };
  const result: Record<string, unknown> = {};
  for (const [name, type, config] of [
    ['glove', 'embed.glove', {}],
    ['onnx', 'embed.onnx', onnxConfig],
  ] as const) {
    const unbatched = await measure(type, config, false, texts);
    const batched = await measure(type, config, true, texts);
    result[name] = { batched, unbatched, throughputRatio: round(batched.requestsPerSec / unbatched.requestsPerSec) };
    console.error(`[bench] ${name}: ${JSON.stringify(result[name])}`);
  }
  const onnx = result.onnx as { batched: { p95Ms: number }; unbatched: { p95Ms: number }; throughputRatio: number };
  console.log(JSON.stringify({ concurrency: CONCURRENCY, rounds: ROUNDS, ...result, throughputRatio: onnx.throughputRatio, p95BatchedMs: onnx.batched.p95Ms, p95UnbatchedMs: onnx.unbatched.p95Ms }));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

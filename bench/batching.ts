import { availableParallelism } from 'node:os';
import { createModelHost } from '../runners/model-host';
import type { NodeHost } from '../runners/node-host';
import { loadOnnxTextModel, runEncoder } from '../nodes/models/onnx-text-model';
import { createBertEncoder } from './lib/bert-encoder';
import { benchHost, embedRequest, encoderConfig, scifactQueries, wordsOf } from './lib/embed-requests';
import { createMiniEncoder } from './lib/mini-encoder';
import { encoderFlopsPerToken, matmulCeilingGflops, meanTokens, usefulGflops } from './lib/model-work';
import { machine, percentile, round } from './lib/stats';

/**
 * `npm run bench:batching`: 64 concurrent single-text embedding requests (as 64 concurrent runs would
 * send them) through the runner's executor layer, with the adaptive batcher on and off, for:
 * - `glove`: the GloVe default (runs on the CPU thread pool);
 * - `onnx`: a small ONNX encoder built here (6 single-head layers, 128 wide) — the headline
 *   `throughputRatio`. Spread over every core, a one-text call of it spends much of its time
 *   synchronising the cores' threads, which merged calls amortise;
 * - `bertShaped`: an encoder with all-MiniLM-L6-v2's architecture (6 layers, 384 wide, 12 heads),
 *   reported for honesty: on two CPU cores it is mostly compute-bound, so merging requests gains
 *   less there (1.2–1.6× on 2-core machines); the gain shows on GPU workers;
 * - `onnxCopyPerCore` and `bertShapedCopyPerCore`: the same two models with a copy per core, each on
 *   one thread (`ONNX_REPLICAS`), the layout for throughput under concurrency: faster batched or not,
 *   so batching gains less over it.
 * Batched and unbatched rounds alternate within each of TRIALS trials, and the trial with the median
 * ratio is reported, so a slow moment of the machine does not decide the ratio.
 * `onnxRuntimeCeiling` is onnxruntime alone on the onnx model, batch 32 against batch 1, to read the
 * runner's ratio against. `compute` puts both ONNX models' useful GFLOP/s (multiply-adds of real
 * tokens) beside onnxruntime's rate on one large matrix product here: how much of what the cores
 * can do each mode uses (lib/model-work.ts). Last line: one JSON object.
 */
const CONCURRENCY = 64;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const TRIALS = Number(process.env.BENCH_TRIALS ?? 3);

interface Measurement {
  requestsPerSec: number;
  p50Ms: number;
  p95Ms: number;
  meanBatchSize: number;
}

type Call = (text: string, i: number) => Promise<{ status: string; batchSize: number; error?: { message: string } }>;

/** What one mode's rounds add up to: their time, each request's latency and batch size. */
class Tally {
  ms = 0;
  readonly latencies: number[] = [];
  readonly batchSizes: number[] = [];

  measurement(): Measurement {
    return {
      requestsPerSec: round(this.latencies.length / (this.ms / 1000), 1),
      p50Ms: round(percentile(this.latencies, 50)),
      p95Ms: round(percentile(this.latencies, 95)),
      meanBatchSize: round(this.batchSizes.reduce((a, b) => a + b, 0) / this.batchSizes.length, 1),
    };
  }
}

/** One round: CONCURRENCY requests at once, timed until the last answers. */
async function timedRound(call: Call, type: string, texts: string[], r: number, tally: Tally): Promise<void> {
  const slice = Array.from({ length: CONCURRENCY }, (_, i) => texts[(r * CONCURRENCY + i) % texts.length]!);
  const started = performance.now();
  await Promise.all(
    slice.map(async (text, i) => {
      const t0 = performance.now();
      const result = await call(text, i);
      if (result.status !== 'succeeded') throw new Error(`${type}: ${result.error?.message}`);
      tally.latencies.push(performance.now() - t0);
      tally.batchSizes.push(result.batchSize);
    }),
  );
  tally.ms += performance.now() - started;
}

/**
 * One trial: batched and unbatched rounds alternate (the same texts in both, which goes first
 * swapping every round), so both modes meet the machine at the same moments. A shared virtual
 * machine's speed swings by half within seconds; timed one mode after the other, those swings
 * decided the ratio more than batching did. The idle mode's model threads sleep meanwhile (with
 * ONNX_SPIN=1 they would hold cores into the other mode's rounds).
 */
async function measurePaired(hosts: { batched: NodeHost; unbatched: NodeHost }, type: string, config: Record<string, unknown>, texts: string[], rounds: number) {
  const callOn = (host: NodeHost): Call => (text, i) => embedRequest(host, type, config, text, i);
  const modes = [
    { call: callOn(hosts.batched), tally: new Tally() },
    { call: callOn(hosts.unbatched), tally: new Tally() },
  ];
  for (let r = 0; r < rounds; r++) {
    for (const mode of r % 2 === 0 ? modes : [...modes].reverse()) await timedRound(mode.call, type, texts, r, mode.tally);
  }
  return { batched: modes[0]!.tally.measurement(), unbatched: modes[1]!.tally.measurement() };
}

/** The trial with the median throughput ratio (its latencies belong to the same trial). */
function medianTrial<T extends { ratio: number }>(trials: T[]): T {
  const middle = percentile(trials.map((t) => t.ratio), 50);
  return trials.find((t) => t.ratio === middle)!;
}

async function compare(type: string, config: Record<string, unknown>, texts: string[], rounds: number, trials: number, modelReplicas?: number) {
  const hosts = { batched: benchHost({ batching: true, modelReplicas }), unbatched: benchHost({ batching: false, modelReplicas }) };
  // warm-up, discarded: models loaded, sessions initialised, and both paths run long enough for the
  // JIT and onnxruntime's allocations to settle (the first trial of either is otherwise slower)
  await measurePaired(hosts, type, config, texts, Math.max(2, Math.ceil(rounds / 2)));
  const results = [];
  for (let t = 0; t < trials; t++) {
    const trial = await measurePaired(hosts, type, config, texts, rounds);
    results.push({ ...trial, ratio: trial.batched.requestsPerSec / trial.unbatched.requestsPerSec });
  }
  await Promise.all(Object.values(hosts).map((h) => h.close()));
  const { batched, unbatched, ratio } = medianTrial(results);
  if (process.env.BENCH_VERBOSE) console.error(JSON.stringify({ batched: results.map((m) => m.batched.requestsPerSec), unbatched: results.map((m) => m.unbatched.requestsPerSec) }));
  return { batched, unbatched, throughputRatio: round(ratio), trialRatios: results.map((t) => round(t.ratio)) };
}

/**
 * onnxruntime alone on the same model and queries (run in slices of `size` taken in arrival order),
 * with the executor's session settings: what merging requests gains in the model itself. Each slice
 * pads to its longest query; the runner, which orders a burst by length across its batches, pads
 * less and can beat this figure.
 */
async function onnxCeiling(dir: string, texts: string[], batchSize: number) {
  const models = createModelHost();
  const model = await loadOnnxTextModel(models, { modelDir: dir, modelFile: 'model.onnx', device: 'cpu' });
  // batch 1 and batch `batchSize` take turns on each CONCURRENCY texts, as the runner's modes do
  const sizes = [1, batchSize];
  const ms = [0, 0];
  const pass = async (rounds: number) => {
    for (let r = 0; r < rounds; r++) {
      for (const k of r % 2 === 0 ? [0, 1] : [1, 0]) {
        const started = performance.now();
        for (let i = 0; i < CONCURRENCY; i += sizes[k]!) {
          const slice = Array.from({ length: sizes[k]! }, (_, j) => texts[(r * CONCURRENCY + i + j) % texts.length]!).sort((a, b) => a.length - b.length);
          await runEncoder(model, model.tokenizer.encode(slice, 64));
        }
        ms[k]! += performance.now() - started;
      }
    }
  };
  await pass(8); // warm-up
  ms.fill(0);
  await pass(ROUNDS);
  const [one, batched] = ms.map((m) => (ROUNDS * CONCURRENCY) / (m / 1000)) as [number, number];
  await models.disposeAll();
  return { batch1PerSec: round(one, 1), [`batch${batchSize}PerSec`]: round(batched, 1), ratio: round(batched / one) };
}

async function main() {
  const texts = scifactQueries();
  const words = wordsOf(texts);
  // the models are written to temporary folders (about 50 MB a run): removed however the run ends
  const small = createMiniEncoder(words, { dims: 128, layers: 6 });
  const bert = createBertEncoder(words);
  try {
    await compareAll(texts, { dir: small.dir, shape: { hidden: 128, layers: 6, intermediate: 128 } }, bert);
  } finally {
    small.remove();
    bert.remove();
  }
}

/**
 * Every embedder batched and unbatched, and onnxruntime alone right after the headline model (a
 * machine's speed drifts over minutes: the reference is measured in the same minutes as the figure
 * it is read against); prints the JSON line.
 */
type EncoderFiles = { dir: string; shape: { hidden: number; layers: number; intermediate: number } };

async function compareAll(texts: string[], small: EncoderFiles, bert: EncoderFiles) {
  const smallDir = small.dir;
  const bertDir = bert.dir;
  const result: Record<string, unknown> = {};
  let ceiling: Awaited<ReturnType<typeof onnxCeiling>> | undefined;
  const bertRounds = Number(process.env.BENCH_BERT_ROUNDS ?? 4);
  for (const [name, type, config, rounds, trials, replicas] of [
    ['glove', 'embed.glove', {}, ROUNDS, TRIALS, undefined],
    ['onnx', 'embed.onnx', encoderConfig(smallDir, 32), ROUNDS, TRIALS, undefined],
    ['bertShaped', 'embed.onnx', encoderConfig(bertDir, 32), bertRounds, 1, undefined],
    // the other layout: a copy of the model per core, one thread each (ONNX_REPLICAS)
    ['onnxCopyPerCore', 'embed.onnx', encoderConfig(smallDir, 32), ROUNDS, TRIALS, availableParallelism()],
    ['bertShapedCopyPerCore', 'embed.onnx', encoderConfig(bertDir, 32), bertRounds, 1, availableParallelism()],
  ] as const) {
    result[name] = await compare(type, config, texts, rounds, trials, replicas);
    console.error(`[bench] ${name}: ${JSON.stringify(result[name])}`);
    if (name === 'onnx') {
      ceiling = await onnxCeiling(smallDir, texts, 32);
      console.error(`[bench] onnxruntime alone on the onnx model: ${JSON.stringify(ceiling)}`);
    }
  }
  const onnx = result.onnx as { batched: Measurement; unbatched: Measurement; throughputRatio: number };
  const compute = await computeUse(texts, { onnx: [small, result.onnx], bertShaped: [bert, result.bertShaped] } as Record<string, [EncoderFiles, unknown]>);
  console.error(`[bench] compute: ${JSON.stringify(compute)}`);
  console.log(
    JSON.stringify({
      machine: machine(),
      concurrency: CONCURRENCY,
      rounds: ROUNDS,
      trials: TRIALS,
      ...result,
      throughputRatio: onnx.throughputRatio,
      // what merging gains in onnxruntime alone here (batch 32 in arrival order ÷ batch 1)
      onnxRuntimeCeiling: ceiling,
      p95BatchedMs: onnx.batched.p95Ms,
      p95UnbatchedMs: onnx.unbatched.p95Ms,
      compute,
    }),
  );
}

/** Each encoder's useful GFLOP/s batched and unbatched, and their share of onnxruntime's matrix-product rate here. */
async function computeUse(texts: string[], encoders: Record<string, [EncoderFiles, unknown]>) {
  const matmulGflops = await matmulCeilingGflops();
  const out: Record<string, unknown> = { matmulGflops };
  for (const [name, [files, measured]] of Object.entries(encoders)) {
    const { batched, unbatched } = measured as { batched: Measurement; unbatched: Measurement };
    const tokensPerText = await meanTokens(files.dir, texts);
    const perToken = encoderFlopsPerToken(files.shape);
    const batchedGflops = usefulGflops(batched.requestsPerSec, tokensPerText, perToken);
    const unbatchedGflops = usefulGflops(unbatched.requestsPerSec, tokensPerText, perToken);
    out[name] = {
      tokensPerText: round(tokensPerText, 1),
      batchedGflops,
      unbatchedGflops,
      batchedShare: round(batchedGflops / matmulGflops),
      unbatchedShare: round(unbatchedGflops / matmulGflops),
    };
  }
  return out;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

import { fork } from 'node:child_process';
import { createBertEncoder } from './lib/bert-encoder';
import { benchHost, embedRequest, encoderConfig, scifactQueries, wordsOf } from './lib/embed-requests';
import { createMiniEncoder } from './lib/mini-encoder';
import { machine, percentile, round } from './lib/stats';

/**
 * `npm run bench:spin`: what ONNX_SPIN costs and buys. onnxruntime's threads may spin-wait for the
 * next call (ONNX_SPIN=1) or sleep (the default). Each setting runs in processes of its own (a
 * session's setting is fixed when it opens), the two taking turns for TRIALS trials, measuring:
 * - `lone`: one request at a time to the small encoder (what spinning is for: latency when idle);
 * - `oneModel`: bursts of 64 concurrent requests to it, batched (throughput and CPU per request);
 * - `twoModels`: the same bursts with every eighth request for a second model (MiniLM-shaped), as
 *   a graph with an embedder and a reranker sends them: both models' threads share the cores.
 * Medians per setting; the last line is one JSON object.
 */
const TRIALS = Number(process.env.BENCH_TRIALS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 60);
const CONCURRENCY = 64;

interface ChildFigures {
  loneP50Ms: number;
  loneP95Ms: number;
  oneModel: { requestsPerSec: number; cpuUsPerRequest: number };
  twoModels: { requestsPerSec: number; cpuUsPerRequest: number };
}

async function child(): Promise<ChildFigures> {
  const texts = scifactQueries();
  const words = wordsOf(texts);
  const small = createMiniEncoder(words, { dims: 128, layers: 6 });
  const bert = createBertEncoder(words);
  const host = benchHost();
  const embed = async (dir: string, text: string, i: number) => {
    const result = await embedRequest(host, 'embed.onnx', encoderConfig(dir), text, i);
    if (result.status !== 'succeeded') throw new Error(result.error?.message);
  };
  const bursts = async (rounds: number, dirFor: (i: number) => string) => {
    const started = performance.now();
    const cpu = process.cpuUsage();
    for (let r = 0; r < rounds; r++) {
      await Promise.all(Array.from({ length: CONCURRENCY }, (_, i) => embed(dirFor(i), texts[(r * CONCURRENCY + i) % texts.length]!, i)));
    }
    const used = process.cpuUsage(cpu);
    const requests = rounds * CONCURRENCY;
    return { requestsPerSec: round(requests / ((performance.now() - started) / 1000), 1), cpuUsPerRequest: Math.round((used.user + used.system) / requests) };
  };
  try {
    const latencies: number[] = [];
    for (let i = 0; i < 1200; i++) {
      const t0 = performance.now();
      await embed(small.dir, texts[i % texts.length]!, 0);
      if (i >= 200) latencies.push(performance.now() - t0); // the first 200 warm up
    }
    const twoDirs = (i: number) => (i % 8 === 0 ? bert.dir : small.dir);
    await bursts(10, twoDirs); // warm-up of both models
    return {
      loneP50Ms: round(percentile(latencies, 50), 3),
      loneP95Ms: round(percentile(latencies, 95), 3),
      oneModel: await bursts(ROUNDS, () => small.dir),
      twoModels: await bursts(ROUNDS, twoDirs),
    };
  } finally {
    await host.close();
    small.remove();
    bert.remove();
  }
}

function runChild(spin: '0' | '1'): Promise<ChildFigures> {
  return new Promise((resolvePromise, reject) => {
    const proc = fork(import.meta.filename, ['--child'], { env: { ...process.env, ONNX_SPIN: spin }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    proc.once('message', (figures) => resolvePromise(figures as ChildFigures));
    proc.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`bench:spin child (ONNX_SPIN=${spin}) exited with ${code}`))));
  });
}

const median = (values: number[]) => percentile(values, 50);

function summarise(trials: ChildFigures[]) {
  const of = (pick: (f: ChildFigures) => number) => median(trials.map(pick));
  return {
    loneP50Ms: of((f) => f.loneP50Ms),
    loneP95Ms: of((f) => f.loneP95Ms),
    oneModel: { requestsPerSec: of((f) => f.oneModel.requestsPerSec), cpuUsPerRequest: of((f) => f.oneModel.cpuUsPerRequest) },
    twoModels: { requestsPerSec: of((f) => f.twoModels.requestsPerSec), cpuUsPerRequest: of((f) => f.twoModels.cpuUsPerRequest) },
  };
}

async function main() {
  const figures: Record<'spinning' | 'sleeping', ChildFigures[]> = { spinning: [], sleeping: [] };
  for (let t = 0; t < TRIALS; t++) {
    figures.spinning.push(await runChild('1'));
    figures.sleeping.push(await runChild('0'));
    if (process.env.BENCH_VERBOSE) console.error(`[bench] trial ${t + 1}: ${JSON.stringify({ spinning: figures.spinning.at(-1), sleeping: figures.sleeping.at(-1) })}`);
  }
  const spinning = summarise(figures.spinning);
  const sleeping = summarise(figures.sleeping);
  console.log(
    JSON.stringify({
      machine: machine(),
      trials: TRIALS,
      spinning,
      sleeping,
      // above 1: sleeping threads serve the two-model burst faster (median over trials, each
      // trial's two settings measured one after the other)
      twoModelsSpeedupSleeping: round(median(figures.sleeping.map((f, t) => f.twoModels.requestsPerSec / figures.spinning[t]!.twoModels.requestsPerSec))),
    }),
  );
}

if (process.argv.includes('--child')) {
  child().then(
    (figures) => process.send!(figures, () => process.exit(0)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
} else {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

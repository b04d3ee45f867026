import { existsSync, readFileSync } from 'node:fs';
import type { BatchItem, NodeExecutor } from '../nodes/core/context';
import type { AnyNodeDefinition } from '../nodes/core/define';
import { embedGloveExecutor } from '../nodes/embed/glove/execute';
import { gloveCachePath } from '../nodes/embed/glove/glove-cache';
import { loadGloveModel } from '../nodes/embed/glove/glove-model';
import { embedOnnx } from '../nodes/embed/onnx/definition';
import { embedOnnxExecutor } from '../nodes/embed/onnx/execute';
import { embedOpenAI } from '../nodes/embed/openai/definition';
import { embedOpenAIExecutor } from '../nodes/embed/openai/execute';
import { createTestContext, createTestModelHost } from '../nodes/testing/context';
import { chunksOf } from '../nodes/testing/values';
import { createMiniEncoder } from './lib/mini-encoder';
import { hasScifactCorpus, scifactFile } from './lib/scifact';
import { peakRssMB, round } from './lib/stats';

/**
 * `npm run bench:embed`: texts per second of each embedder through its node executor (tokenising,
 * model, pooling, output assembly), on SciFact abstracts (synthetic sentences when the data set is
 * absent):
 * - embed.glove: the built-in GloVe SIF model (load time from the binary cache reported separately);
 * - embed.onnx: a 6-layer, 384-d encoder built here (bench/lib/mini-encoder.ts; single-head
 *   self-attention and a feed-forward block per layer), maxLength 128, batchSize 32;
 * - embed.openai: only when EMBED_BENCH_URL (and EMBED_BENCH_MODEL) name a running server.
 * Last line: one JSON object.
 */
const GLOVE_TEXTS = Number(process.env.BENCH_GLOVE_TEXTS ?? 5000);
const ONNX_TEXTS = Number(process.env.BENCH_ONNX_TEXTS ?? 256);
const HTTP_TEXTS = Number(process.env.BENCH_HTTP_TEXTS ?? 512);
/** requests handed to executeBatch at once, as the batcher would (glove maxBatchSize) */
const REQUEST_TEXTS = 256;

function loadTexts(): { texts: string[]; source: string } {
  if (hasScifactCorpus()) {
    const texts = readFileSync(scifactFile('corpus.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { title: string; text: string })
      .map((d) => `${d.title}\n\n${d.text}`);
    return { texts, source: 'scifact' };
  }
  const words = 'cell protein gene expression patients treatment increased risk mice study results clinical response tumor levels'.split(' ');
  const texts = Array.from({ length: 5000 }, (_, i) => Array.from({ length: 180 }, (_, j) => words[(i * 7 + j * 13) % words.length]).join(' '));
  return { texts, source: 'synthetic' };
}

/** Embeds `texts` as chunk requests of REQUEST_TEXTS texts, one executeBatch per request; returns texts/s. */
async function throughput<D extends AnyNodeDefinition>(executor: NodeExecutor, texts: string[], config: unknown, models = createTestModelHost()) {
  const items = (slice: string[]) => [{ ctx: createTestContext({ models }), inputs: { chunks: chunksOf(slice) }, config }] as unknown as BatchItem<D>[];
  await executor.executeBatch!(items(texts.slice(0, 8)) as never); // warm: model loaded
  const started = performance.now();
  let dims = 0;
  for (let i = 0; i < texts.length; i += REQUEST_TEXTS) {
    const [out] = await executor.executeBatch!(items(texts.slice(i, i + REQUEST_TEXTS)) as never);
    dims = (out as { embedded: { dims: number } }).embedded.dims;
  }
  const seconds = (performance.now() - started) / 1000;
  return { texts: texts.length, seconds: round(seconds, 3), textsPerSec: round(texts.length / seconds, 1), dims };
}

async function main() {
  const { texts, source } = loadTexts();
  const avgChars = Math.round(texts.reduce((s, t) => s + t.length, 0) / texts.length);
  console.error(`texts: ${texts.length} from ${source}, ${avgChars} chars on average`);

  const cacheExisted = existsSync(gloveCachePath());
  const loadStarted = performance.now();
  const models = createTestModelHost();
  await loadGloveModel(models);
  const gloveLoadMs = round(performance.now() - loadStarted, 0);
  const glove = { ...(await throughput(embedGloveExecutor, texts.slice(0, GLOVE_TEXTS), {}, models)), loadMs: gloveLoadMs, cacheExisted };
  console.error(`embed.glove: ${glove.textsPerSec} texts/s (load ${gloveLoadMs} ms${cacheExisted ? '' : ', cache built'})`);

  const vocabulary = [...new Set(texts.slice(0, 2000).join(' ').toLowerCase().match(/[a-z0-9]+/g) ?? [])];
  const encoder = createMiniEncoder(vocabulary);
  const onnxConfig = embedOnnx.config.parse({ modelDir: encoder.dir, maxLength: 128, batchSize: 32 });
  const onnx = {
    ...(await throughput(embedOnnxExecutor, texts.slice(0, ONNX_TEXTS), onnxConfig).finally(() => encoder.remove())),
    model: 'mini-encoder: 6 single-head encoder layers, 384 wide',
    maxLength: 128,
  };
  console.error(`embed.onnx: ${onnx.textsPerSec} texts/s`);

  let http: Record<string, unknown> = { skipped: 'set EMBED_BENCH_URL (and EMBED_BENCH_MODEL) to a running /v1/embeddings server' };
  if (process.env.EMBED_BENCH_URL) {
    const config = embedOpenAI.config.parse({ baseUrl: process.env.EMBED_BENCH_URL, model: process.env.EMBED_BENCH_MODEL ?? 'default', apiKeyEnv: process.env.EMBED_BENCH_API_KEY_ENV });
    http = { ...(await throughput(embedOpenAIExecutor, texts.slice(0, HTTP_TEXTS), config)), url: process.env.EMBED_BENCH_URL };
    console.error(`embed.openai: ${http.textsPerSec} texts/s`);
  }
  console.log(JSON.stringify({ source, avgChars, glove, onnx, http, peakRssMB: peakRssMB() }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

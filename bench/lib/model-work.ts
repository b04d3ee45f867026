import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadOrt, openSession } from '../../nodes/models/onnx-session';
import { loadTokenizer } from '../../nodes/models/tokenizer';
import { OnnxGraphBuilder } from '../../nodes/testing/onnx-graph';
import { mulberry32 } from '../../nodes/testing/random';
import { makeTempDir } from '../../nodes/testing/tiny-onnx';
import { round } from './stats';

/**
 * How much of what the machine can compute an encoder's throughput uses: its useful floating-point
 * work per second (multiply-adds of the real tokens, padding not counted) beside onnxruntime's own
 * rate on one large matrix product with the executors' session settings (the most two cores give a
 * model made of matrix products). Read against it, a batched rate near the ceiling leaves a
 * dispatcher nothing more to win; unbatched, the gap is what merging requests can recover.
 */

/** Floating-point operations per token of a BERT-style encoder (dense layers; attention scores left out). */
export function encoderFlopsPerToken(shape: { hidden: number; layers: number; intermediate: number }): number {
  const { hidden, layers, intermediate } = shape;
  return 2 * layers * (4 * hidden * hidden + 2 * hidden * intermediate);
}

/** The mean number of tokens (special tokens included) the model's tokenizer gives the texts. */
export async function meanTokens(modelDir: string, texts: string[], maxLength = 64): Promise<number> {
  const tokenizer = await loadTokenizer(modelDir);
  const { lengths } = tokenizer.encode(texts, maxLength);
  return lengths.reduce((a, b) => a + b, 0) / lengths.length;
}

/** onnxruntime's GFLOP/s on a size×size by size×size float matrix product (median of `runs`). */
export async function matmulCeilingGflops(size = 1024, runs = 15): Promise<number> {
  const random = mulberry32(7);
  const g = new OnnxGraphBuilder();
  const a = g.input('a', 'float', [size, size]);
  const b = g.floatArray('b', Float32Array.from({ length: size * size }, () => random() - 0.5), [size, size]);
  g.op('MatMul', [a, b], {}, 'product');
  g.output('product', 'float', [size, size]);
  const dir = makeTempDir('matmul-');
  try {
    writeFileSync(join(dir, 'model.onnx'), g.toBytes('matmul'));
    const session = await openSession(join(dir, 'model.onnx'), 'cpu');
    const ort = await loadOrt();
    const input = new ort.Tensor('float32', Float32Array.from({ length: size * size }, () => random() - 0.5), [size, size]);
    const times: number[] = [];
    for (let i = 0; i < runs + 3; i++) {
      const started = performance.now();
      await session.run({ a: input });
      if (i >= 3) times.push(performance.now() - started); // the first runs warm the threads and allocations
    }
    await session.release();
    times.sort((x, y) => x - y);
    const seconds = times[Math.floor(times.length / 2)]! / 1000;
    return round((2 * size ** 3) / seconds / 1e9, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An encoder's useful GFLOP/s at `textsPerSec`. */
export function usefulGflops(textsPerSec: number, tokensPerText: number, flopsPerToken: number): number {
  return round((textsPerSec * tokensPerText * flopsPerToken) / 1e9, 1);
}

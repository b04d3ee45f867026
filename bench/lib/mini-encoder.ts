import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OnnxGraphBuilder } from '../../nodes/testing/onnx-graph';
import { makeTempDir, SPECIAL_TOKENS, writeTinyTokenizer } from '../../nodes/testing/tiny-onnx';

/**
 * A small sentence encoder for benchmarks: word embeddings followed by `layers` blocks shaped like a
 * transformer layer's feed-forward half (dense, tanh, dense, residual, layer norm), so a call costs
 * what a small encoder costs — per-operator overhead plus real matrix work — unlike the tests'
 * lookup-only models. Weights are pseudo-random but deterministic.
 */
export function createMiniEncoder(vocabulary: string[], options: { dims?: number; layers?: number } = {}) {
  const dims = options.dims ?? 384;
  const layers = options.layers ?? 6;
  const random = mulberry32(42);
  const vocab = new Map<string, number>();
  for (const token of [...SPECIAL_TOKENS, ...new Set(vocabulary.map((w) => w.toLowerCase()))]) if (!vocab.has(token)) vocab.set(token, vocab.size);
  const table = Array.from({ length: vocab.size * dims }, () => random() - 0.5);
  const g = new OnnxGraphBuilder();
  const ids = g.input('input_ids', 'int64', ['batch', 'seq']);
  g.input('attention_mask', 'int64', ['batch', 'seq']);
  g.input('token_type_ids', 'int64', ['batch', 'seq']);
  let hidden = g.op('Gather', [g.floats('word_embeddings', table, [vocab.size, dims]), ids], { axis: 0 });
  const scale = 1 / Math.sqrt(dims);
  const matrix = (name: string) => g.floats(name, Array.from({ length: dims * dims }, () => (random() - 0.5) * 2 * scale), [dims, dims]);
  const vector = (name: string) => g.floats(name, Array.from({ length: dims }, () => (random() - 0.5) * 0.1), [dims]);
  const epsilon = g.floats('epsilon', [1e-5], [1]);
  // Each layer has a transformer block's shape without attention: dense → bias → tanh → dense →
  // residual → layer norm — about a dozen operators, as many as a small encoder runs per layer.
  for (let l = 0; l < layers; l++) {
    const inner = g.op('Tanh', [g.op('Add', [g.op('MatMul', [hidden, matrix(`w1_${l}`)]), vector(`b1_${l}`)])]);
    const residual = g.op('Add', [g.op('Add', [g.op('MatMul', [inner, matrix(`w2_${l}`)]), vector(`b2_${l}`)]), hidden]);
    const centered = g.op('Sub', [residual, g.op('ReduceMean', [residual], { axes: [-1], keepdims: 1 })]);
    const variance = g.op('ReduceMean', [g.op('Mul', [centered, centered])], { axes: [-1], keepdims: 1 });
    const normed = g.op('Div', [centered, g.op('Sqrt', [g.op('Add', [variance, epsilon])])]);
    hidden = g.op('Add', [g.op('Mul', [normed, vector(`gamma_${l}`)]), vector(`beta_${l}`)], {}, l === layers - 1 ? 'last_hidden_state' : undefined);
  }
  g.output('last_hidden_state', 'float', ['batch', 'seq', dims]);
  const dir = makeTempDir('mini-encoder-');
  writeFileSync(join(dir, 'model.onnx'), g.toBytes('mini-encoder'));
  writeTinyTokenizer(dir, vocab);
  return { dir, dims };
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

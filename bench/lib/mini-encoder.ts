import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OnnxGraphBuilder } from '../../nodes/testing/onnx-graph';
import { mulberry32 } from '../../nodes/testing/random';
import { makeTempDir, SPECIAL_TOKENS, writeTinyTokenizer } from '../../nodes/testing/tiny-onnx';

/**
 * A small sentence encoder for benchmarks: word embeddings followed by `layers` single-head
 * transformer encoder layers (self-attention and feed-forward, each with residual and layer norm),
 * so a call costs what a small encoder costs — per-operator overhead plus real matrix work — unlike
 * the tests' lookup-only models. Weights are pseudo-random but deterministic.
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
  const layerNorm = (x: string, l: number, tag: string) => {
    const centered = g.op('Sub', [x, g.op('ReduceMean', [x], { axes: [-1], keepdims: 1 })]);
    const variance = g.op('ReduceMean', [g.op('Mul', [centered, centered])], { axes: [-1], keepdims: 1 });
    const normed = g.op('Div', [centered, g.op('Sqrt', [g.op('Add', [variance, epsilon])])]);
    return g.op('Add', [g.op('Mul', [normed, vector(`gamma_${tag}_${l}`)]), vector(`beta_${tag}_${l}`)]);
  };
  const attentionScale = g.floats('attention_scale', [scale], [1]);
  // Each layer is a transformer encoder layer with one attention head: self-attention (Q·Kᵀ,
  // softmax, ·V, output projection, residual, layer norm) then the feed-forward half (dense, tanh,
  // dense, residual, layer norm) — the operators a small sentence encoder runs per layer.
  for (let l = 0; l < layers; l++) {
    const q = g.op('MatMul', [hidden, matrix(`wq_${l}`)]);
    const k = g.op('MatMul', [hidden, matrix(`wk_${l}`)]);
    const v = g.op('MatMul', [hidden, matrix(`wv_${l}`)]);
    const scores = g.op('Mul', [g.op('MatMul', [q, g.op('Transpose', [k], { perm: [0, 2, 1] })]), attentionScale]);
    const attended = g.op('MatMul', [g.op('MatMul', [g.op('Softmax', [scores], { axis: -1 }), v]), matrix(`wo_${l}`)]);
    const afterAttention = layerNorm(g.op('Add', [attended, hidden]), l, 'attn');
    const inner = g.op('Tanh', [g.op('Add', [g.op('MatMul', [afterAttention, matrix(`w1_${l}`)]), vector(`b1_${l}`)])]);
    const residual = g.op('Add', [g.op('Add', [g.op('MatMul', [inner, matrix(`w2_${l}`)]), vector(`b2_${l}`)]), afterAttention]);
    hidden = layerNorm(residual, l, 'ffn');
  }
  hidden = g.op('Identity', [hidden], {}, 'last_hidden_state');
  g.output('last_hidden_state', 'float', ['batch', 'seq', dims]);
  const dir = makeTempDir('mini-encoder-');
  writeFileSync(join(dir, 'model.onnx'), g.toBytes('mini-encoder'));
  writeTinyTokenizer(dir, vocab);
  return { dir, dims, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

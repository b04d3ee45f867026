import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OnnxGraphBuilder } from '../../nodes/testing/onnx-graph';
import { mulberry32 } from '../../nodes/testing/random';
import { makeTempDir, SPECIAL_TOKENS, writeTinyTokenizer } from '../../nodes/testing/tiny-onnx';

/**
 * A BERT-architecture sentence encoder for benchmarks, built op by op the way a Hugging Face export
 * lays it out: word + position + token-type embeddings with layer norm, then `layers` encoder layers of
 * multi-head self-attention (Q/K/V projections, heads split by Reshape/Transpose, scaled scores plus
 * the attention-mask bias, softmax, output projection, residual, layer norm) and a GELU (erf)
 * feed-forward block (residual, layer norm). The defaults are all-MiniLM-L6-v2's shape (6 layers,
 * 384 wide, 12 heads, 1,536 intermediate); the weights are pseudo-random but deterministic, since
 * no trained weights can be downloaded here. Timing depends on the shape, not on the weights.
 */
export interface BertEncoderShape {
  hidden?: number;
  layers?: number;
  heads?: number;
  intermediate?: number;
  maxPositions?: number;
}

export function createBertEncoder(vocabulary: string[], shape: BertEncoderShape = {}) {
  const hidden = shape.hidden ?? 384;
  const layers = shape.layers ?? 6;
  const heads = shape.heads ?? 12;
  const intermediate = shape.intermediate ?? hidden * 4;
  const maxPositions = shape.maxPositions ?? 512;
  if (hidden % heads !== 0) throw new Error(`hidden size ${hidden} is not a multiple of ${heads} heads`);
  const headSize = hidden / heads;
  const random = mulberry32(42);
  const vocab = new Map<string, number>();
  for (const token of [...SPECIAL_TOKENS, ...new Set(vocabulary.map((w) => w.toLowerCase()))]) if (!vocab.has(token)) vocab.set(token, vocab.size);

  const g = new OnnxGraphBuilder();
  const weights = (name: string, dims: number[], scale: number) => {
    const values = new Float32Array(dims.reduce((a, b) => a * b, 1));
    for (let i = 0; i < values.length; i++) values[i] = (random() - 0.5) * 2 * scale;
    return g.floatArray(name, values, dims);
  };
  const constant = (name: string, value: number) => g.floats(name, [value], [1]);
  const ids = g.input('input_ids', 'int64', ['batch', 'seq']);
  const mask = g.input('attention_mask', 'int64', ['batch', 'seq']);
  const tokenTypes = g.input('token_type_ids', 'int64', ['batch', 'seq']);

  const layerNorm = (x: string, tag: string) => {
    const centered = g.op('Sub', [x, g.op('ReduceMean', [x], { axes: [-1], keepdims: 1 })]);
    const variance = g.op('ReduceMean', [g.op('Pow', [centered, constant(`two_${tag}`, 2)])], { axes: [-1], keepdims: 1 });
    const normed = g.op('Div', [centered, g.op('Sqrt', [g.op('Add', [variance, constant(`eps_${tag}`, 1e-12)])])]);
    return g.op('Add', [g.op('Mul', [normed, weights(`gamma_${tag}`, [hidden], 1)]), weights(`beta_${tag}`, [hidden], 0.05)]);
  };
  const dense = (x: string, tag: string, inSize: number, outSize: number) =>
    g.op('Add', [g.op('MatMul', [x, weights(`w_${tag}`, [inSize, outSize], 1 / Math.sqrt(inSize))]), weights(`b_${tag}`, [outSize], 0.02)]);

  // embeddings: positions 0..seq-1 are a slice of the position table as long as the input
  const seqLength = g.op('Gather', [g.op('Shape', [ids]), g.ints('seq_axis', [1])], { axis: 0 });
  const positions = g.op('Slice', [weights('position_embeddings', [maxPositions, hidden], 0.5), g.ints('zero', [0]), seqLength, g.ints('row_axis', [0])]);
  const summed = g.op('Add', [
    g.op('Add', [g.op('Gather', [weights('word_embeddings', [vocab.size, hidden], 0.5), ids], { axis: 0 }), positions]),
    g.op('Gather', [weights('token_type_embeddings', [2, hidden], 0.5), tokenTypes], { axis: 0 }),
  ]);
  let state = layerNorm(summed, 'embeddings');

  // attention-mask bias [batch, 1, 1, seq]: 0 for tokens, -10000 for padding
  const maskFloat = g.op('Cast', [mask], { to: 1 });
  const maskBias = g.op('Unsqueeze', [g.op('Mul', [g.op('Sub', [constant('one', 1), maskFloat]), constant('mask_value', -10000)]), g.ints('mask_axes', [1, 2])]);
  const splitShape = g.ints('split_heads', [0, 0, heads, headSize]);
  const mergeShape = g.ints('merge_heads', [0, 0, hidden]);
  const scoreScale = constant('score_scale', 1 / Math.sqrt(headSize));
  const halfRootTwo = constant('root_two', Math.SQRT2);
  const half = constant('half', 0.5);

  for (let l = 0; l < layers; l++) {
    const headsOf = (x: string, perm: number[]) => g.op('Transpose', [g.op('Reshape', [x, splitShape])], { perm });
    const q = headsOf(dense(state, `q_${l}`, hidden, hidden), [0, 2, 1, 3]);
    const k = headsOf(dense(state, `k_${l}`, hidden, hidden), [0, 2, 3, 1]);
    const v = headsOf(dense(state, `v_${l}`, hidden, hidden), [0, 2, 1, 3]);
    const scores = g.op('Add', [g.op('Mul', [g.op('MatMul', [q, k]), scoreScale]), maskBias]);
    const context = g.op('MatMul', [g.op('Softmax', [scores], { axis: -1 }), v]);
    const merged = g.op('Reshape', [g.op('Transpose', [context], { perm: [0, 2, 1, 3] }), mergeShape]);
    const attended = layerNorm(g.op('Add', [dense(merged, `o_${l}`, hidden, hidden), state]), `attention_${l}`);
    const up = dense(attended, `up_${l}`, hidden, intermediate);
    const gelu = g.op('Mul', [g.op('Mul', [up, g.op('Add', [g.op('Erf', [g.op('Div', [up, halfRootTwo])]), constant(`one_${l}`, 1)])]), half]);
    state = layerNorm(g.op('Add', [dense(gelu, `down_${l}`, intermediate, hidden), attended]), `output_${l}`);
  }
  g.op('Identity', [state], {}, 'last_hidden_state');
  g.output('last_hidden_state', 'float', ['batch', 'seq', hidden]);
  const dir = makeTempDir('bert-encoder-');
  writeFileSync(join(dir, 'model.onnx'), g.toBytes('bert-encoder'));
  writeTinyTokenizer(dir, vocab);
  return { dir, dims: hidden, shape: { hidden, layers, heads, intermediate }, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

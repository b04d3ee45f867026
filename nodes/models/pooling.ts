/**
 * Sentence vectors from token vectors. `hidden` is a row-major [batch, seq, dim] tensor as ONNX
 * returns it; `mask` the attention mask [batch, seq] (1 = real token). Padding never counts.
 */
export type Pooling = 'mean' | 'cls';

export function pool(hidden: Float32Array, dims: readonly number[], mask: BigInt64Array, pooling: Pooling): Float32Array[] {
  const [batch, seq, dim] = dims;
  if (dims.length !== 3 || batch === undefined || seq === undefined || dim === undefined) {
    throw new Error(`expected token vectors [batch, seq, dim], got [${dims.join(', ')}]`);
  }
  const out: Float32Array[] = [];
  for (let b = 0; b < batch; b++) {
    const vector = new Float32Array(dim);
    if (pooling === 'cls') {
      vector.set(hidden.subarray(b * seq * dim, b * seq * dim + dim));
    } else {
      let count = 0;
      for (let s = 0; s < seq; s++) {
        if (mask[b * seq + s] === 0n) continue;
        count++;
        const offset = (b * seq + s) * dim;
        for (let d = 0; d < dim; d++) vector[d]! += hidden[offset + d]!;
      }
      if (count > 0) for (let d = 0; d < dim; d++) vector[d]! /= count;
    }
    out.push(vector);
  }
  return out;
}

/** Rows of an already pooled [batch, dim] output (models exported with a sentence_embedding head). */
export function rows(data: Float32Array, dims: readonly number[]): Float32Array[] {
  const [batch, dim] = dims;
  if (dims.length !== 2 || batch === undefined || dim === undefined) throw new Error(`expected [batch, dim], got [${dims.join(', ')}]`);
  return Array.from({ length: batch }, (_, b) => data.slice(b * dim, (b + 1) * dim));
}

/** L2-normalises in place (a zero vector stays zero) and returns the vector. */
export function l2normalize(vector: Float32Array): Float32Array {
  let norm = 0;
  for (const x of vector) norm += x * x;
  if (norm > 0) {
    const scale = 1 / Math.sqrt(norm);
    for (let i = 0; i < vector.length; i++) vector[i]! *= scale;
  }
  return vector;
}

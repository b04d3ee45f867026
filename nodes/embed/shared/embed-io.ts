import type { BatchItem } from '../../core/context';
import type { AnyNodeDefinition } from '../../core/define';
import { NodeError } from '../../core/errors';
import { abortedWhenAll } from '../../models/abort';
import type { ChunksValue, EmbeddedChunksValue, QueryValue, QueryVectorValue } from '../../core/values';

/**
 * What every embed node shares: which texts a request carries (chunk texts except parents, and/or the
 * query), how the vectors go back into output values, and how a batch of requests from concurrent
 * runs becomes one model call.
 */

export interface EmbedInputs {
  chunks?: ChunksValue;
  query?: QueryValue;
}

export interface EmbedOutputs {
  embedded?: EmbeddedChunksValue;
  vector?: QueryVectorValue;
}

export interface Prefixes {
  /** prepended to query texts (e5/bge-style instructions, e.g. "query: ") */
  query?: string;
  /** prepended to chunk texts (e.g. "passage: ") */
  passage?: string;
}

export interface EmbeddingResult {
  model: string;
  dims: number;
  /** one vector per text, in order (embedders must also answer an empty list, with model and dims) */
  vectors: ArrayLike<number>[];
}

/** The texts to embed for one request: chunk texts (parents skipped), then the query. */
export function textsOf(inputs: EmbedInputs, prefixes: Prefixes = {}): string[] {
  if (!inputs.chunks && !inputs.query) {
    throw new NodeError('INVALID_INPUT', 'nothing to embed: connect the "chunks" input (ingestion) or the "query" input (query graphs)');
  }
  const texts: string[] = [];
  for (const chunk of inputs.chunks?.chunks ?? []) {
    if (!chunk.isParent) texts.push((prefixes.passage ?? '') + chunk.text);
  }
  if (inputs.query) texts.push((prefixes.query ?? '') + inputs.query.text);
  return texts;
}

/** How many texts one request carries (the batcher's unit). */
export function textCount(inputs: EmbedInputs): number {
  return (inputs.chunks?.chunks.filter((c) => !c.isParent).length ?? 0) + (inputs.query ? 1 : 0);
}

/** The characters of a request's texts (the batcher's length hint for models that pad). */
export function textLength(inputs: EmbedInputs): number {
  let length = inputs.query?.text.length ?? 0;
  for (const chunk of inputs.chunks?.chunks ?? []) if (!chunk.isParent) length += chunk.text.length;
  return length;
}

/** Puts vectors (in the order of textsOf) back into the output values. */
export function outputsOf(inputs: EmbedInputs, result: EmbeddingResult): EmbedOutputs {
  const vectors = result.vectors;
  let next = 0;
  const take = (): number[] => {
    const v = vectors[next++];
    if (!v) throw new NodeError('INTERNAL', `the embedder returned ${vectors.length} vectors for more texts`);
    return checkVector(v, result.dims, result.model);
  };
  const outputs: EmbedOutputs = {};
  if (inputs.chunks) {
    const embeddings = inputs.chunks.chunks.map((chunk) => (chunk.isParent ? [] : take()));
    outputs.embedded = { ...inputs.chunks, model: result.model, dims: result.dims, embeddings };
  }
  if (inputs.query) {
    outputs.vector = { ...inputs.query, vector: take(), model: result.model, dims: result.dims };
  }
  if (next !== vectors.length) throw new NodeError('INTERNAL', `the embedder returned ${vectors.length} vectors for ${next} texts`);
  return outputs;
}

function checkVector(vector: ArrayLike<number>, dims: number, model: string): number[] {
  if (vector.length !== dims) {
    throw new NodeError('DIMENSION_MISMATCH', `model "${model}" returned a ${vector.length}-dimensional vector where ${dims} dimensions were expected`);
  }
  // one pass that copies and checks (this runs for every text of every batch)
  const out = new Array<number>(dims);
  for (let i = 0; i < dims; i++) {
    const x = vector[i]!;
    if (!Number.isFinite(x)) throw new NodeError('REMOTE_ERROR', `model "${model}" returned a vector with NaN or infinite values`);
    out[i] = x;
  }
  return out;
}

/**
 * Runs a batch of requests from concurrent runs: requests with the same config share one `embed` call
 * over all their texts (the model sees one big batch), then each request gets its own outputs back.
 */
export async function embedBatch<D extends AnyNodeDefinition, C>(
  items: BatchItem<D>[],
  options: {
    configOf: (item: BatchItem<D>) => C;
    prefixes?: (config: C) => Prefixes;
    /** `signal` aborts when every request of the group has been cancelled (one cancelled run must not fail the others). */
    embed: (texts: string[], config: C, group: { first: BatchItem<D>; signal: AbortSignal }) => Promise<EmbeddingResult>;
  },
): Promise<EmbedOutputs[]> {
  const results = new Array<EmbedOutputs>(items.length);
  const groups = new Map<string, number[]>();
  items.forEach((item, i) => {
    const key = JSON.stringify(options.configOf(item));
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  for (const indexes of groups.values()) {
    const first = items[indexes[0]!]!;
    const config = options.configOf(first);
    const prefixes = options.prefixes?.(config) ?? {};
    const perItem = indexes.map((i) => textsOf(items[i]!.inputs as EmbedInputs, prefixes));
    const all = perItem.flat();
    // called even with no texts (a document without indexable chunks): the outputs still name model and dims
    const signal = abortedWhenAll(indexes.map((i) => items[i]!.ctx.signal));
    const result = await options.embed(all, config, { first, signal });
    if (result.vectors.length !== all.length) {
      throw new NodeError('INTERNAL', `the embedder returned ${result.vectors.length} vectors for ${all.length} texts`);
    }
    let offset = 0;
    indexes.forEach((itemIndex, k) => {
      const count = perItem[k]!.length;
      const vectors = result.vectors.slice(offset, offset + count);
      offset += count;
      results[itemIndex] = outputsOf(items[itemIndex]!.inputs as EmbedInputs, { ...result, vectors });
    });
  }
  return results;
}


import { z } from 'zod';
import { NodeError } from '../../core/errors';
import { postJson, resolveApiKey, v1Url } from '../../models/http';
import type { EmbedOpenAIConfig } from './definition';

/** The response of POST /v1/embeddings (OpenAI's shape, which TEI, vLLM and Ollama also return). */
const embeddingsResponse = z.object({
  data: z
    .array(z.object({ index: z.number().int().nonnegative(), embedding: z.array(z.number()) }))
    .describe('one item per input'),
  model: z.string().optional(),
});

/** dims learnt per (server, model), so that a request with no texts can still report them */
const knownDims = new Map<string, number>();

export async function requestEmbeddings(texts: string[], config: EmbedOpenAIConfig, signal: AbortSignal): Promise<number[][]> {
  const url = v1Url(config.baseUrl, 'embeddings');
  const apiKey = resolveApiKey(config);
  const body = { model: config.model, input: texts, ...(config.dimensions ? { dimensions: config.dimensions } : {}) };
  const raw = await postJson(url, body, { signal, timeoutMs: config.timeoutMs, apiKey, what: 'embedding server' });
  const parsed = embeddingsResponse.safeParse(raw);
  if (!parsed.success) {
    throw new NodeError('REMOTE_ERROR', `embedding server at ${url} answered in an unexpected shape (${parsed.error.issues[0]?.message ?? 'invalid'} at ${parsed.error.issues[0]?.path.join('.') ?? ''}); expected {data:[{index, embedding}]}`);
  }
  const vectors = new Array<number[] | undefined>(texts.length);
  for (const item of parsed.data.data) {
    if (item.index >= texts.length) throw new NodeError('REMOTE_ERROR', `embedding server at ${url} returned index ${item.index} for ${texts.length} inputs`);
    vectors[item.index] = item.embedding;
  }
  const missing = vectors.findIndex((v) => v === undefined);
  if (missing >= 0) throw new NodeError('REMOTE_ERROR', `embedding server at ${url} returned ${parsed.data.data.length} vectors for ${texts.length} inputs (none for input ${missing})`);
  return vectors as number[][];
}

/** Embeds texts in requests of batchSize; checks that every vector has the same (configured) dims. */
export async function embedTexts(texts: string[], config: EmbedOpenAIConfig, signal: AbortSignal): Promise<{ dims: number; vectors: number[][] }> {
  const key = `${config.baseUrl}|${config.model}|${config.dimensions ?? ''}`;
  const vectors: number[][] = [];
  for (let i = 0; i < texts.length; i += config.batchSize) {
    vectors.push(...(await requestEmbeddings(texts.slice(i, i + config.batchSize), config, signal)));
  }
  let dims = config.dimensions ?? knownDims.get(key) ?? vectors[0]?.length;
  if (dims === undefined) {
    // nothing to embed and dims not known yet: one probe request learns them
    dims = (await requestEmbeddings(['dimension probe'], config, signal))[0]!.length;
  }
  for (const v of vectors) {
    if (v.length !== dims) {
      throw new NodeError(
        'DIMENSION_MISMATCH',
        `model "${config.model}" at ${config.baseUrl} returned a ${v.length}-dimensional vector, expected ${dims}${config.dimensions ? ' (config.dimensions)' : ''}`,
      );
    }
  }
  knownDims.set(key, dims);
  return { dims, vectors };
}

import { z } from 'zod';
import { NodeError } from '../../core/errors';
import { joinUrl, postJson, resolveApiKey, v1Url } from '../../models/http';
import type { RerankHttpConfig } from './definition';

/** TEI answers a bare array, sorted best first. */
const teiResponse = z.array(z.object({ index: z.number().int().nonnegative(), score: z.number() }));
/** Cohere v1/v2 (and Jina, Voyage, vLLM) answer {results: [{index, relevance_score}]}. */
const cohereResponse = z.object({ results: z.array(z.object({ index: z.number().int().nonnegative(), relevance_score: z.number() })) });

/**
 * One score per text, in the texts' order. Texts the server left out (Cohere's top_n) score -Infinity,
 * so they sort last; we ask for all of them, and trim ourselves.
 */
export async function rerankRemote(query: string, texts: string[], config: RerankHttpConfig, signal: AbortSignal): Promise<number[]> {
  const apiKey = resolveApiKey(config);
  let url: string;
  let body: unknown;
  if (config.flavor === 'tei') {
    url = joinUrl(config.baseUrl, 'rerank');
    body = { query, texts, truncate: true, raw_scores: false, return_text: false };
  } else {
    if (!config.model) throw new NodeError('INVALID_CONFIG', 'a Cohere-style rerank server needs "model" (e.g. rerank-english-v3.0)');
    url = v1Url(config.baseUrl, 'rerank');
    body = { model: config.model, query, documents: texts, top_n: texts.length, return_documents: false };
  }
  const raw = await postJson(url, body, { signal, timeoutMs: config.timeoutMs, apiKey, what: 'rerank server' });
  const pairs = parse(raw, config.flavor, url);
  const scores = new Array<number>(texts.length).fill(-Infinity);
  for (const { index, score } of pairs) {
    if (index >= texts.length) throw new NodeError('REMOTE_ERROR', `rerank server at ${url} returned index ${index} for ${texts.length} texts`);
    scores[index] = score;
  }
  return scores;
}

function parse(raw: unknown, flavor: RerankHttpConfig['flavor'], url: string): { index: number; score: number }[] {
  if (flavor === 'tei') {
    const parsed = teiResponse.safeParse(raw);
    if (parsed.success) return parsed.data;
  } else {
    const parsed = cohereResponse.safeParse(raw);
    if (parsed.success) return parsed.data.results.map((r) => ({ index: r.index, score: r.relevance_score }));
  }
  const expected = flavor === 'tei' ? '[{index, score}]' : '{results: [{index, relevance_score}]}';
  throw new NodeError('REMOTE_ERROR', `rerank server at ${url} answered in an unexpected shape; flavor "${flavor}" expects ${expected}: ${JSON.stringify(raw).slice(0, 200)}`);
}

import { z } from 'zod';
import { defineNode } from '../../core/define';
import { rerankOutputConfig } from '../shared/config';
import { RERANK_INPUTS, RERANK_OUTPUTS } from '../shared/ports';

/**
 * Defaults keep the retrieval order and only trim. Measured with this executor on SciFact train (809
 * queries; first stage = stemmed BM25 top 100 over title+abstract, nDCG@10 0.6945): phrase 0.4 →
 * 0.6989, lexical 0.5 → 0.6976, GloVe 0.1 → 0.6954, lexical 0.3 + phrase 0.5 → 0.7034 (best of a
 * small grid; neighbours 0.699–0.702). Gains under 0.01 on a noisy surface do not justify a default
 * that could hurt another first stage; the weights are there for corpora where they are measured.
 */
export const rerankBuiltinConfig = z.object({
  ...rerankOutputConfig,
  retrievalWeight: z.number().min(0).max(10).default(1).describe('Weight of the retriever\'s own score (scaled to 0–1 over the list).'),
  lexicalWeight: z.number().min(0).max(10).default(0).describe('Weight of BM25 over the retrieved passages (Porter2-stemmed terms, scaled to 0–1).'),
  phraseWeight: z.number().min(0).max(10).default(0).describe('Weight of the share of adjacent query word pairs found together in the passage (0–1).'),
  gloveWeight: z.number().min(0).max(10).default(0).describe('Weight of GloVe cosine similarity between query and passage (loads the built-in word vectors).'),
});
export type RerankBuiltinConfig = z.infer<typeof rerankBuiltinConfig>;

export const rerankBuiltin = defineNode({
  type: 'rerank.builtin',
  typeVersion: 1,
  title: 'Reranker (built-in)',
  category: 'rerank',
  description:
    'Reorders retrieved passages without a model download: blends the retrieval score with term overlap (BM25, stemmed), phrase matches and optional GloVe similarity; trims to the best N. By default keeps the retrieval order.',
  inputs: RERANK_INPUTS,
  outputs: RERANK_OUTPUTS,
  config: rerankBuiltinConfig,
  resources: { device: 'cpu' },
});

import { z } from 'zod';
import { defineNode } from '../../core/define';

/**
 * Defaults are the best configuration measured on the SciFact train split with the example graphs
 * (GloVe vectors, 1000-character chunks; `npm run rag -- eval`, nDCG@10): hybrid with rrfK 5 and
 * denseWeight 0.1 = 0.694, lexical only = 0.694 (0.6935), dense only = 0.270 (on the example's
 * 1,500-character chunks now: 0.700, 0.699, 0.256; denseWeight 0.2 = 0.698); hybrid at rrfK 60 /
 * denseWeight 0.3 drops to 0.590 and at weight 1 to 0.487, because GloVe's ranking is much weaker than
 * BM25's. With a strong embedding model, raise denseWeight (and rrfK) and measure again.
 * Relevance feedback stays off by default so saved versions keep their rankings; the example query
 * graph turns it on (feedbackChunks 10: 0.7056 against 0.6997, Recall@100 0.927 against 0.923).
 * Change them only on measured evidence.
 */
export const retrievePgvectorConfig = z.object({
  collection: z
    .string()
    .trim()
    .min(1)
    .max(128)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'use letters, digits, ".", "_" or "-", starting with a letter or digit')
    .default('docs')
    .describe('Collection to search (as named in the vector store node).'),
  mode: z
    .enum(['hybrid', 'dense', 'lexical'])
    .default('hybrid')
    .describe('hybrid: BM25 and vector results fused by weighted reciprocal rank; dense: vectors only; lexical: BM25 only.'),
  topK: z.number().int().min(1).max(1000).default(10).describe('Passages to return (a query may override it with its own topK).'),
  candidates: z.number().int().min(1).max(1000).default(100).describe('How deep each leg (BM25, vectors) looks before fusion, MMR and small-to-big.'),
  rrfK: z.number().min(0).max(1000).default(5).describe('Reciprocal rank fusion constant k in weight / (k + rank); larger flattens rank differences.'),
  lexicalWeight: z.number().min(0).max(10).default(1).describe('Weight of the BM25 ranking in hybrid fusion.'),
  denseWeight: z.number().min(0).max(10).default(0.1).describe('Weight of the vector ranking in hybrid fusion.'),
  k1: z.number().min(0).max(5).default(1.2).describe('BM25 term-frequency saturation.'),
  b: z.number().min(0).max(1).default(0.3).describe('BM25 length normalisation (0 none, 1 full).'),
  feedbackChunks: z
    .number()
    .int()
    .min(0)
    .max(50)
    .default(0)
    .describe('Pseudo-relevance feedback (RM3) for BM25: expand the query with the terms of its best N first-pass chunks, then search again. 0 = off.'),
  feedbackTerms: z.number().int().min(1).max(100).default(10).describe('Relevance feedback: how many expansion terms are added to the query.'),
  feedbackQueryWeight: z.number().min(0).max(1).default(0.8).describe('Relevance feedback: share of the original query in the expanded one (1 keeps the query as it was).'),
  efSearch: z.number().int().min(1).max(1000).default(100).describe('HNSW search list size (hnsw.ef_search); raised to the candidate depth when smaller.'),
  iterativeScan: z
    .enum(['relaxed_order', 'strict_order', 'off'])
    .default('relaxed_order')
    .describe('With metadata filters, keep scanning the HNSW index until enough rows pass the filter (pgvector hnsw.iterative_scan).'),
  maxScanTuples: z.number().int().min(100).max(10_000_000).default(20_000).describe('Upper bound on index tuples an iterative scan visits (hnsw.max_scan_tuples).'),
  filters: z
    .record(z.string(), z.unknown())
    .default({})
    .describe('Metadata every result must contain (jsonb @>), merged with the query\'s own filters, e.g. {"source": "handbook.pdf"}.'),
  smallToBig: z.boolean().default(false).describe('Return each hit\'s parent chunk text as parentText, keeping only the best child per parent.'),
  mmr: z.boolean().default(false).describe('Diversify results with maximal marginal relevance over the chunk vectors.'),
  mmrLambda: z.number().min(0).max(1).default(0.7).describe('MMR trade-off: 1 = relevance only, 0 = diversity only.'),
});
export type RetrievePgvectorConfig = z.infer<typeof retrievePgvectorConfig>;

export const retrievePgvector = defineNode({
  type: 'retrieve.pgvector',
  typeVersion: 1,
  title: 'Retriever (pgvector)',
  category: 'retrieve',
  description:
    'Searches a collection written by store.pgvector: BM25 over the lexical index, HNSW vector search, or both fused (weighted RRF); metadata filters, MMR and small-to-big context.',
  inputs: { query: { kind: 'query-vector', label: 'Query (embedded)' } },
  outputs: { retrieved: { kind: 'retrieved', label: 'Retrieved passages' } },
  config: retrievePgvectorConfig,
  resources: { device: 'any' },
  timeoutMs: 30_000,
  retries: 1,
});

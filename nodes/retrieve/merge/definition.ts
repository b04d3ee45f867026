import { z } from 'zod';
import { defineNode } from '../../core/define';

export const MERGE_MODES = ['rrf', 'score', 'concatenate'] as const;
export type MergeMode = (typeof MERGE_MODES)[number];

export const retrieveMergeConfig = z.object({
  mode: z
    .enum(MERGE_MODES)
    .default('rrf')
    .describe(
      'rrf: reciprocal rank fusion, by rank alone, so lists whose scores are not comparable (BM25, cosine, other collections) merge fairly; score: by each passage\'s own score, for lists scored alike (the same reranker); concatenate: one list after another, in connection order.',
    ),
  weights: z
    .record(z.string().max(100), z.number().min(0).max(10))
    .default({})
    .describe('Weight of each list by the id of the node that feeds it, e.g. {"dense": 0.3} to let a vector search inform BM25 without leading it; 0 leaves a list out; unnamed lists weigh 1. rrf and score modes.'),
  rrfK: z.number().int().min(1).max(1000).default(60).describe('RRF constant k: a passage adds 1 / (k + rank) per list. Smaller k favours the top of each list. Default: 60.'),
  topK: z.number().int().min(0).max(1000).default(10).describe('Keep the best K passages of the merged list (0 keeps all). Default: 10.'),
});
export type RetrieveMergeConfig = z.infer<typeof retrieveMergeConfig>;

export const retrieveMerge = defineNode({
  type: 'retrieve.merge',
  typeVersion: 1,
  title: 'Merge retrieved',
  category: 'retrieve',
  description:
    'Joins the passages of several retrievers into one ranked list: other collections, another mode or another embedder. Reciprocal rank fusion by default, or by score, or one list after another; a passage found by several lists appears once.',
  inputs: {
    retrieved: {
      kind: 'retrieved',
      label: 'Retrieved',
      multiple: true,
      description: 'Two or more retrievers (or rerankers), each weighed by its node id in weights. Ties keep connection order.',
    },
  },
  outputs: {
    retrieved: {
      kind: 'retrieved',
      label: 'Merged',
      description: 'The merged passages, best first; each keeps its own score in metadata.retrievalScore and its rank in each list, by the node that fed it, in metadata.mergedRanks.',
    },
  },
  config: retrieveMergeConfig,
  resources: { device: 'any' },
});

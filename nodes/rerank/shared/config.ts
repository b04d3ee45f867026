import { z } from 'zod';

/** Config fields every reranker shares. */
export const rerankOutputConfig = {
  topN: z.number().int().min(0).max(1000).default(10).describe('Keep the best N passages (0 keeps all).'),
  bothEnds: z
    .boolean()
    .default(false)
    .describe('Put the best passages at both ends of the list (LLMs read the middle of long contexts least). Off for evaluation: it reorders by design.'),
};

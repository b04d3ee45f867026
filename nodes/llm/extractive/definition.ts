import { z } from 'zod';
import { defineNode } from '../../core/define';

export const NO_ANSWER_TEXT = 'The documents do not answer this question.';

export const extractiveConfig = z.object({
  maxSentences: z.number().int().min(1).max(20).default(3).describe('At most this many sentences in the answer.'),
  minRelevance: z
    .number()
    .min(0.01)
    .max(1)
    .default(0.3)
    .describe('Share of the question (its content words, weighted by rarity) a sentence must contain to be used. Below it for every sentence, the answer says the documents do not answer.'),
  rankDecay: z
    .number()
    .min(0)
    .max(5)
    .default(0.15)
    .describe('Preference for higher-ranked passages: a sentence in passage n scores ×1/(1 + rankDecay·(n−1)).'),
  noAnswerText: z.string().min(1).max(1000).default(NO_ANSWER_TEXT).describe('What to answer when no sentence is relevant.'),
});
export type ExtractiveConfig = z.infer<typeof extractiveConfig>;

export const llmExtractive = defineNode({
  type: 'llm.extractive',
  typeVersion: 1,
  title: 'Extractive answer (built-in)',
  category: 'llm',
  description:
    'The embedded default that needs no model: answers with the context sentences that best match the question (stemmed term overlap, weighted by rarity and passage rank), each cited [n]. It does not generate text; when nothing matches it says so.',
  inputs: { prompt: { kind: 'prompt', label: 'Prompt' } },
  outputs: { answer: { kind: 'answer', label: 'Answer' } },
  config: extractiveConfig,
  resources: { device: 'cpu' },
});

import { z } from 'zod';
import { defineNode } from '../../core/define';
import { conversationHistory } from '../../core/values';
import { TOP_K } from './top-k';

export const queryInputFields = z.object({
  query: z.string().trim().min(1, 'query may not be empty').max(10_000, 'query is at most 10,000 characters').describe('The question to answer.'),
  filters: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('Metadata filters applied by retrievers, e.g. {"source": "handbook.pdf"}.'),
  topK: z.number().int().min(TOP_K.min).max(TOP_K.max).optional().describe('How many passages retrievers return (overrides their config).'),
  history: conversationHistory
    .optional()
    .describe('Earlier turns of a conversation, oldest first: [{"role": "user" | "assistant", "content": "…"}]. Prompt templates show them to the LLM; a follow-up rewriter turns the question into one that stands alone for retrieval.'),
});

export const queryInput = defineNode({
  type: 'io.query-input',
  typeVersion: 1,
  title: 'Query input',
  category: 'io',
  description: 'Entry point of a query graph: the question (and optional filters) a caller sends.',
  role: 'entry',
  inputs: {},
  outputs: { query: { kind: 'query', label: 'Query' } },
  config: z.object({}),
  resources: { device: 'any' },
  io: () => queryInputFields,
});

import { z } from 'zod';
import { catalog as realCatalog } from '../../../nodes/catalog';
import { createCatalog } from '../../../nodes/core/catalog-types';
import { defineNode } from '../../../nodes/core/define';

/**
 * Definitions for the editor's unit tests: the real io nodes plus small pipeline nodes with the port
 * kinds of a query graph, so the rules are exercised whatever the other categories contain today.
 */
export const testRetriever = defineNode({
  type: 'test.retriever',
  typeVersion: 1,
  title: 'Test retriever',
  category: 'retrieve',
  description: 'query → retrieved',
  inputs: { query: { kind: 'query' } },
  outputs: { retrieved: { kind: 'retrieved' } },
  config: z.object({
    collection: z.string().min(1).describe('Collection to search.'),
    topK: z.number().int().min(1).max(200).default(8).describe('How many passages to return.'),
    mode: z.enum(['dense', 'hybrid']).default('hybrid').describe('Search mode.'),
    apiKey: z.string().optional().meta({ secret: true }).describe('Key of the remote index.'),
    token: z.string().optional().describe('secret: bearer token'),
    stopWords: z.array(z.string()).default([]).describe('Words to ignore.'),
    exact: z.boolean().default(false).describe('Exact search.'),
    template: z.string().default('Answer using:\n{{context}}').describe('Prompt template.'),
    weights: z.array(z.number()).optional().describe('Fusion weights.'),
    extra: z.record(z.string(), z.number()).optional().describe('Extra options.'),
    threshold: z.number().min(0).max(1).nullable().default(null).describe('Minimum score.'),
  }),
  resources: { device: 'cpu' },
});

export const testPrompt = defineNode({
  type: 'test.prompt',
  typeVersion: 1,
  title: 'Test prompt',
  category: 'prompt',
  description: 'retrieved + query → prompt',
  inputs: { context: { kind: 'retrieved' }, query: { kind: 'query' } },
  outputs: { prompt: { kind: 'prompt' } },
  config: z.object({}),
  resources: { device: 'any' },
});

export const testLlm = defineNode({
  type: 'test.llm',
  typeVersion: 1,
  title: 'Test LLM',
  category: 'llm',
  description: 'prompt → answer',
  inputs: { prompt: { kind: 'prompt' } },
  outputs: { answer: { kind: 'answer' } },
  config: z.object({}),
  resources: { device: 'any' },
});

/** Accepts anything and emits a query: lets a test close a cycle that port kinds would otherwise prevent. */
export const testPassthrough = defineNode({
  type: 'test.passthrough',
  typeVersion: 1,
  title: 'Test passthrough',
  category: 'util',
  description: 'json → query',
  inputs: { value: { kind: 'json', multiple: true } },
  outputs: { query: { kind: 'query' } },
  config: z.object({}),
  resources: { device: 'any' },
});

export const testCatalog = createCatalog([
  ...realCatalog.all().filter((d) => d.category === 'io'),
  testRetriever,
  testPrompt,
  testLlm,
  testPassthrough,
]);

import { z } from 'zod';
import { defineNode } from '../../core/define';
import { apiKeyEnvField, apiKeyField, baseUrlField, timeoutMsField } from '../../llm/shared/openai-config';

export const DEFAULT_INSTRUCTION =
  'Rewrite the follow-up question so that it can be understood without the conversation: replace pronouns and ' +
  'references ("it", "that study", "the second one") with what they refer to. Keep its language and meaning, do not ' +
  'answer it, and reply with the rewritten question alone. If it already stands alone, reply with it unchanged.';

export const promptCondenseConfig = z
  .object({
    mode: z
      .enum(['append', 'llm'])
      .default('append')
      .describe('append: search with the earlier questions added to this one (no model needed). llm: an OpenAI-compatible chat model rewrites it as a question that stands alone.'),
    turns: z.number().int().min(1).max(10).default(1).describe('append mode: how many earlier user questions are added, the latest first.'),
    baseUrl: baseUrlField('http://localhost:8000 (vLLM), http://localhost:11434 (Ollama), https://api.openai.com').default('http://localhost:8000'),
    model: z.string().max(200).default('').describe('llm mode: model name as the server knows it; a small, fast one is enough.'),
    apiKey: apiKeyField,
    apiKeyEnv: apiKeyEnvField,
    instruction: z.string().min(1).max(5000).default(DEFAULT_INSTRUCTION).describe('llm mode: the system message that asks for the rewrite.'),
    timeoutMs: timeoutMsField(30_000),
  })
  .superRefine((config, ctx) => {
    if (config.mode === 'llm' && !config.model.trim()) ctx.addIssue({ code: 'custom', path: ['model'], message: 'llm mode: name the model that rewrites the question' });
  });
export type PromptCondenseConfig = z.infer<typeof promptCondenseConfig>;

export const promptCondense = defineNode({
  type: 'prompt.condense',
  typeVersion: 1,
  title: 'Follow-up rewriter',
  category: 'prompt',
  description:
    'Makes a follow-up question in a conversation ("what about its side effects?") stand alone for retrieval, from the run input\'s history: by adding the earlier questions, or by asking an LLM to rewrite it. Without history the question passes unchanged. Connect the prompt\'s query to the original question, so the answer replies to what was asked.',
  inputs: { query: { kind: 'query', label: 'Question' } },
  outputs: { query: { kind: 'query', label: 'Standalone question' } },
  config: promptCondenseConfig,
  resources: { device: 'any' },
  timeoutMs: 60_000,
  configTimeoutLimits: 'request',
  retries: 1,
});

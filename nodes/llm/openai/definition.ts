import { z } from 'zod';
import { defineNode } from '../../core/define';
import { apiKeyEnvField, apiKeyField, baseUrlField, timeoutMsField } from '../shared/openai-config';

/** Parses a config's jsonSchema text; throws with a readable message when it is not a usable schema. */
export function parseJsonSchema(text: string): Record<string, unknown> {
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch (error) {
    throw new Error(`jsonSchema is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) throw new Error('jsonSchema must be a JSON object (a JSON Schema)');
  try {
    z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
  } catch (error) {
    throw new Error(`jsonSchema is not a supported JSON Schema: ${(error as Error).message}`);
  }
  return schema as Record<string, unknown>;
}

export const llmOpenAIConfig = z
  .object({
    baseUrl: baseUrlField('http://localhost:8000 (vLLM), http://localhost:11434 (Ollama), https://api.openai.com').default('http://localhost:8000'),
    model: z.string().min(1, 'name the model the server should run').max(200).describe('Model name as the server knows it, e.g. "meta-llama/Llama-3.1-8B-Instruct".'),
    apiKey: apiKeyField,
    apiKeyEnv: apiKeyEnvField,
    temperature: z.number().min(0).max(2).default(0.2).describe('Sampling temperature; low values keep answers close to the passages.'),
    maxTokens: z.number().int().min(1).max(128_000).default(512).describe('Most tokens the answer may have (max_tokens).'),
    stop: z.array(z.string().min(1).max(100)).max(4).default([]).describe('Stop sequences (up to 4).'),
    jsonSchema: z
      .string()
      .max(50_000)
      .optional()
      .describe('Optional JSON Schema: the server must answer with JSON matching it (response_format json_schema); the node checks the result.'),
    stream: z.boolean().default(true).describe('Stream tokens as they are generated (SSE); needed for live output and time-to-first-token.'),
    timeoutMs: timeoutMsField(120_000),
  })
  .superRefine((config, ctx) => {
    if (config.jsonSchema === undefined) return;
    try {
      parseJsonSchema(config.jsonSchema);
    } catch (error) {
      ctx.addIssue({ code: 'custom', path: ['jsonSchema'], message: (error as Error).message });
    }
  });
export type LlmOpenAIConfig = z.infer<typeof llmOpenAIConfig>;

export const llmOpenAI = defineNode({
  type: 'llm.openai',
  typeVersion: 1,
  title: 'LLM (OpenAI-compatible)',
  category: 'llm',
  description:
    'Generates the answer with a model behind an OpenAI-compatible chat completions API (vLLM, llama.cpp, Ollama, TGI, OpenAI), streaming tokens. Citation markers [n] in the answer map back to the prompt passages.',
  inputs: { prompt: { kind: 'prompt', label: 'Prompt' } },
  outputs: { answer: { kind: 'answer', label: 'Answer' } },
  config: llmOpenAIConfig,
  resources: { device: 'any' },
  timeoutMs: 180_000,
  configTimeoutLimits: 'request',
  retries: 1,
});

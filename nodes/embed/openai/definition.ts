import { z } from 'zod';
import { defineNode } from '../../core/define';
import { EMBED_INPUTS, EMBED_OUTPUTS } from '../shared/ports';

/** Secret fields carry `.meta({ secret: true })` (zod 4 registry; shows as "secret": true in JSON Schema). */
export const embedOpenAIConfig = z.object({
  baseUrl: z
    .string()
    .url('baseUrl must be a URL such as http://127.0.0.1:8080')
    .default('http://127.0.0.1:8080')
    .describe('Server root: TEI, vLLM, Ollama (http://127.0.0.1:11434) or https://api.openai.com. /v1/embeddings is appended (a trailing /v1 is fine).'),
  model: z.string().min(1, 'name the embedding model').max(200).describe('Model name the server knows, e.g. text-embedding-3-small, BAAI/bge-small-en-v1.5, nomic-embed-text.'),
  apiKey: z.string().max(500).optional().meta({ secret: true, description: 'API key sent as a Bearer token. Secret: it is redacted from traces; prefer apiKeyEnv, which keeps the key out of the graph.' }),
  apiKeyEnv: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]*_API_KEY$/, 'apiKeyEnv must name a variable ending in _API_KEY')
    .optional()
    .describe('Read the API key from this environment variable of the worker (only names ending in _API_KEY), e.g. OPENAI_API_KEY.'),
  dimensions: z.number().int().min(1).max(16384).optional().describe('Sent as "dimensions" (models that can shorten vectors) and checked on every vector returned.'),
  batchSize: z.number().int().min(1).max(2048).default(64).describe('Texts per request.'),
  timeoutMs: z.number().int().min(100).max(600_000).default(30_000).describe('Longest wait for one request, in ms.'),
  queryPrefix: z.string().max(200).default('').describe('Prepended to queries (models trained with instructions, e.g. "query: ").'),
  passagePrefix: z.string().max(200).default('').describe('Prepended to chunk texts (e.g. "passage: ").'),
});
export type EmbedOpenAIConfig = z.infer<typeof embedOpenAIConfig>;

export const embedOpenAI = defineNode({
  type: 'embed.openai',
  typeVersion: 1,
  title: 'Embeddings API (OpenAI-compatible)',
  category: 'embed',
  description: 'Embeds chunks or a query through an OpenAI-compatible /v1/embeddings endpoint: OpenAI, TEI, vLLM, Ollama, llama.cpp.',
  inputs: EMBED_INPUTS,
  outputs: EMBED_OUTPUTS,
  config: embedOpenAIConfig,
  resources: { device: 'any' },
  batch: { maxBatchSize: 512, maxLatencyMs: 10 },
  timeoutMs: 600_000, // one attempt sends a request per batch of texts: a large upload sends hundreds
  configTimeoutLimits: 'request',
  retries: 2,
});

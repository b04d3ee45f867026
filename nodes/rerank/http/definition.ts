import { z } from 'zod';
import { defineNode } from '../../core/define';
import { rerankOutputConfig } from '../shared/config';
import { RERANK_INPUTS, RERANK_OUTPUTS } from '../shared/ports';

export const rerankHttpConfig = z.object({
  flavor: z
    .enum(['tei', 'cohere'])
    .default('tei')
    .describe('API shape: "tei" = Hugging Face text-embeddings-inference POST /rerank {query, texts}; "cohere" = POST /v1/rerank {model, query, documents, top_n} (Cohere, Jina, Voyage, vLLM, Infinity).'),
  baseUrl: z.string().url('baseUrl must be a URL such as http://127.0.0.1:8080').default('http://127.0.0.1:8080').describe('Server root (for "cohere", a trailing /v1 is fine).'),
  model: z.string().max(200).optional().describe('Model name (required by Cohere-style servers; TEI serves one model and ignores it).'),
  apiKey: z.string().max(500).optional().meta({ secret: true, description: 'API key sent as a Bearer token. Secret: redacted from traces; prefer apiKeyEnv.' }),
  apiKeyEnv: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]*_API_KEY$/, 'apiKeyEnv must name a variable ending in _API_KEY')
    .optional()
    .describe('Read the API key from this environment variable of the worker (only names ending in _API_KEY), e.g. COHERE_API_KEY.'),
  useParentText: z.boolean().default(false).describe('Send the parent passage (small-to-big retrieval) instead of the matched chunk.'),
  timeoutMs: z.number().int().min(100).max(600_000).default(30_000).describe('Longest wait for the server, in ms.'),
  ...rerankOutputConfig,
});
export type RerankHttpConfig = z.infer<typeof rerankHttpConfig>;

export const rerankHttp = defineNode({
  type: 'rerank.http',
  typeVersion: 1,
  title: 'Reranker API (TEI / Cohere)',
  category: 'rerank',
  description: 'Reranks passages through a rerank server: Hugging Face TEI /rerank or a Cohere-compatible /v1/rerank.',
  inputs: RERANK_INPUTS,
  outputs: RERANK_OUTPUTS,
  config: rerankHttpConfig,
  resources: { device: 'any' },
  timeoutMs: 60_000,
  configTimeoutLimits: 'request',
  retries: 2,
});

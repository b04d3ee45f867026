import { z } from 'zod';
import { citation, CONVERSATION_LIMITS, type AnswerValue, type Citation } from '../../nodes/core/values';
import { ServiceError } from './errors';
import type { Capabilities } from './public-capabilities';

/**
 * The OpenAI protocol as this server speaks it: `model` is an endpoint slug. Sampling parameters
 * (temperature, max_tokens, …) are accepted and ignored: the graph's own node configuration decides.
 * Two extension fields reach the graph: `filters` (metadata filters) and `top_k` (passages to retrieve).
 * Responses carry two extra fields: `citations` (the answer's sources) and `ragraph` (run id, version).
 */
const textPart = z.object({ type: z.literal('text'), text: z.string() });
const messageContent = z.union([z.string(), z.array(z.union([textPart, z.object({ type: z.string() }).loose()])), z.null()]);

export const chatCompletionRequest = z
  .object({
    model: z.string().min(1, 'model: name the endpoint slug to call').max(63).describe('The endpoint slug.'),
    messages: z
      .array(z.object({ role: z.string().describe('system, user, assistant, tool or developer'), content: messageContent.optional() }).loose())
      .min(1, 'messages: send at least one message')
      .max(1000)
      .describe('The conversation; the last user message is the question the graph answers, the user and assistant messages before it its history.'),
    stream: z.boolean().nullish().describe('Stream chat.completion.chunk objects as server-sent events.'),
    stream_options: z.object({ include_usage: z.boolean().nullish() }).loose().nullish().describe('include_usage adds a final chunk with token usage.'),
    n: z.literal(1, 'n: only one choice is produced').nullish(),
    filters: z.record(z.string(), z.unknown()).optional().describe('Extension: metadata filters passed to the graph (run input `filters`).'),
    top_k: z.number().int().min(1).max(200).optional().describe('Extension: passages to retrieve (run input `topK`).'),
  })
  .loose();
export type ChatCompletionRequest = z.infer<typeof chatCompletionRequest>;

export const embeddingsRequest = z
  .object({
    model: z.string().min(1, 'model: name the endpoint slug to call').max(63).describe('The embedder endpoint slug.'),
    input: z
      .union([z.string().min(1, 'input: the text may not be empty'), z.array(z.string().min(1, 'input: texts may not be empty')).min(1, 'input: send at least one text').max(256, 'input: at most 256 texts per request')])
      .describe('A text, or an array of up to 256 texts (token arrays are not supported).'),
    encoding_format: z.enum(['float', 'base64']).optional().describe('float (default) or base64 (little-endian float32).'),
    dimensions: z.number().int().positive().optional().describe('Must equal the endpoint\'s vector size when given (vectors are not truncated).'),
    user: z.string().optional(),
  })
  .loose();
export type EmbeddingsRequest = z.infer<typeof embeddingsRequest>;

export function parseOpenAIBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const param = first?.path.map(String).join('.') || null;
  const message = parsed.error.issues.map((i) => (i.message.includes(':') || !i.path.length ? i.message : `${i.path.join('.')}: ${i.message}`)).join('; ');
  throw new ServiceError('BAD_REQUEST', message, { param, zodIssues: parsed.error.issues });
}

/**
 * The run input of a chat call: the last user message is the query, and the user and assistant
 * messages before it are the conversation's history (cut to the run input's CONVERSATION_LIMITS: a
 * client resending a long conversation is not refused for it). System messages
 * are left out: the graph's prompt template has its own.
 */
export function chatRunInput(request: ChatCompletionRequest): Record<string, unknown> {
  const lastUserAt = request.messages.findLastIndex((m) => m.role === 'user');
  if (lastUserAt < 0) throw new ServiceError('BAD_REQUEST', 'messages: there is no user message to answer', { param: 'messages' });
  const query = contentText(request.messages[lastUserAt]!.content).trim();
  if (!query) throw new ServiceError('BAD_REQUEST', 'messages: the last user message has no text', { param: 'messages' });
  const history = request.messages
    .slice(0, lastUserAt)
    .flatMap((m) => {
      const content = contentText(m.content).trim().slice(0, CONVERSATION_LIMITS.messageChars);
      return (m.role === 'user' || m.role === 'assistant') && content ? [{ role: m.role, content }] : [];
    })
    .slice(-CONVERSATION_LIMITS.messages);
  return {
    query,
    ...(history.length ? { history } : {}),
    ...(request.filters ? { filters: request.filters } : {}),
    ...(request.top_k ? { topK: request.top_k } : {}),
  };
}

function contentText(content: z.infer<typeof messageContent> | undefined): string {
  if (content === null || content === undefined) return '';
  if (typeof content === 'string') return content;
  return content.map((part) => (part.type === 'text' && typeof part.text === 'string' ? part.text : '')).join('\n');
}

export function requireChat(capabilities: Capabilities, slug: string): NonNullable<Capabilities['chat']> {
  if (capabilities.chat) return capabilities.chat;
  throw new ServiceError(
    'BAD_REQUEST',
    `endpoint "${slug}" cannot answer chat completions: its graph needs an io.query-input entry and an io.answer-output exit (it is a ${capabilities.kind} graph)`,
    { param: 'model' },
  );
}

export function requireEmbedder(capabilities: Capabilities, slug: string): NonNullable<Capabilities['embedder']> {
  if (capabilities.embedder) return capabilities.embedder;
  throw new ServiceError(
    'BAD_REQUEST',
    `endpoint "${slug}" is not an embedder: its graph needs an io.query-input entry and an io.result-output fed by a query-vector output (e.g. embed.glove → result) (it is a ${capabilities.kind} graph)`,
    { param: 'model' },
  );
}

export function answerOf(output: Record<string, unknown> | null, field: string): AnswerValue {
  const answer = output?.[field] as AnswerValue | undefined;
  if (!answer || typeof answer.text !== 'string') throw new ServiceError('UNAVAILABLE', `the run ended without an answer in "${field}"`);
  return answer;
}

/** Rough token count when no LLM node reported usage: ~4 characters a token, as OpenAI's tokenizers average on English. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export interface CompletionMeta {
  runId: string;
  slug: string;
  version: number;
  created: number;
}

export function completionId(runId: string): string {
  return `chatcmpl-${runId}`;
}

export function ragraphField(meta: CompletionMeta, usageEstimated: boolean) {
  return { run_id: meta.runId, endpoint: meta.slug, version: meta.version, usage_estimated: usageEstimated };
}

export function usageOf(recorded: { promptTokens: number; completionTokens: number } | null, query: string, answer: string) {
  const prompt = recorded?.promptTokens ?? estimateTokens(query);
  const completion = recorded?.completionTokens ?? estimateTokens(answer);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

export function chatCompletion(meta: CompletionMeta, answer: AnswerValue, usage: ReturnType<typeof usageOf>, usageEstimated: boolean) {
  return {
    id: completionId(meta.runId),
    object: 'chat.completion' as const,
    created: meta.created,
    model: meta.slug,
    choices: [
      {
        index: 0,
        message: { role: 'assistant' as const, content: answer.text, refusal: null },
        logprobs: null,
        finish_reason: answer.blocked ? ('content_filter' as const) : ('stop' as const),
      },
    ],
    usage,
    system_fingerprint: null,
    citations: publicCitations(answer.citations),
    ragraph: ragraphField(meta, usageEstimated),
  };
}

export function chunk(meta: CompletionMeta, delta: Record<string, unknown>, finishReason: string | null, extra: Record<string, unknown> = {}) {
  return {
    id: completionId(meta.runId),
    object: 'chat.completion.chunk' as const,
    created: meta.created,
    model: meta.slug,
    system_fingerprint: null,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...extra,
  };
}

/** The documented `citations` field: one entry per source the answer cites. */
export const publicCitation = citation.describe('A passage the answer cites: its marker in the text ([1]), the chunk and its source.');
export function publicCitations(citations: Citation[] | undefined): Citation[] {
  return (citations ?? []).map((c) => ({ marker: c.marker, chunkId: c.chunkId, sourceId: c.sourceId, ...(c.title ? { title: c.title } : {}), ...(c.quote ? { quote: c.quote } : {}) }));
}

/** Vectors as OpenAI sends them: float arrays, or base64 of little-endian float32. */
export function encodeEmbedding(vector: number[], format: 'float' | 'base64' | undefined): number[] | string {
  if (format !== 'base64') return vector;
  const floats = new Float32Array(vector);
  return Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength).toString('base64');
}

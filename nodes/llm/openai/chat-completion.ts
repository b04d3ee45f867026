import type { NodeContext } from '../../core/context';
import { NodeError } from '../../core/errors';
import type { ChatMessage } from '../../core/values';
import { resolveApiKey } from '../../models/http';
import { postOpenAI } from '../shared/openai-http';
import { readSseData } from '../shared/sse';
import { estimateTokens } from '../shared/tokens';
import type { LlmOpenAIConfig } from './definition';

export interface ChatResult {
  content: string;
  model?: string;
  finishReason?: string;
  promptTokens: number;
  completionTokens: number;
  /** false when the server reported no usage and the counts are estimates */
  usageReported: boolean;
  ttftMs?: number;
  tpotMs?: number;
}

interface Usage {
  prompt_tokens?: number;
  completion_tokens?: number;
}

interface StreamChunk {
  model?: string;
  choices?: { delta?: { content?: string | null }; finish_reason?: string | null }[];
  usage?: Usage | null;
  error?: { message?: string } | string;
}

interface Completion {
  model?: string;
  choices?: { message?: { content?: string | null }; finish_reason?: string | null }[];
  usage?: Usage;
}

/**
 * One chat completion against an OpenAI-compatible server. Streams when configured (emitting a token
 * event per delta and timing TTFT/TPOT), and also accepts a plain JSON reply from servers that ignore
 * `stream`. Token counts come from the server's usage (stream_options.include_usage) when it sends
 * them; otherwise the prompt is estimated from its characters and the completion counts one token per
 * streamed delta (servers send one token per chunk) or characters / 4 without streaming.
 */
export async function chatCompletion(ctx: NodeContext, messages: ChatMessage[], config: LlmOpenAIConfig, responseFormat?: unknown): Promise<ChatResult> {
  const body = {
    model: config.model,
    messages,
    temperature: config.temperature,
    max_tokens: config.maxTokens,
    ...(config.stop.length ? { stop: config.stop } : {}),
    ...(responseFormat ? { response_format: responseFormat } : {}),
    stream: config.stream,
    ...(config.stream ? { stream_options: { include_usage: true } } : {}),
  };
  const started = performance.now();
  const { response, fail } = await postOpenAI({
    baseUrl: config.baseUrl,
    path: '/chat/completions',
    body,
    apiKey: resolveApiKey(config),
    timeoutMs: config.timeoutMs,
    signal: ctx.signal,
    what: 'the LLM server',
  });

  const isStream = (response.headers.get('content-type') ?? '').includes('text/event-stream');
  const promptEstimate = estimateTokens(messages.map((m) => m.content).join('\n')) + 4 * messages.length;
  try {
    if (!isStream) {
      const json = (await response.json()) as Completion;
      const choice = json.choices?.[0];
      if (!choice) throw new NodeError('REMOTE_ERROR', 'the LLM server answered without choices', { retryable: true });
      const content = choice.message?.content ?? '';
      if (content) ctx.emit({ type: 'token', data: content });
      return {
        content,
        model: json.model,
        finishReason: choice.finish_reason ?? undefined,
        promptTokens: json.usage?.prompt_tokens ?? promptEstimate,
        completionTokens: json.usage?.completion_tokens ?? estimateTokens(content),
        usageReported: json.usage?.completion_tokens !== undefined,
        ttftMs: performance.now() - started,
      };
    }

    let content = '';
    let deltas = 0;
    let firstAt: number | undefined;
    let lastAt: number | undefined;
    let model: string | undefined;
    let finishReason: string | undefined;
    let usage: Usage | undefined;
    let done = false;
    for await (const data of readSseData(response.body!)) {
      if (data.trim() === '[DONE]') {
        done = true;
        break;
      }
      let chunk: StreamChunk;
      try {
        chunk = JSON.parse(data) as StreamChunk;
      } catch {
        throw new NodeError('REMOTE_ERROR', `the LLM server sent a malformed stream chunk: ${data.slice(0, 200)}`, { retryable: true });
      }
      if (chunk.error) {
        const message = typeof chunk.error === 'string' ? chunk.error : (chunk.error.message ?? JSON.stringify(chunk.error));
        throw new NodeError('REMOTE_ERROR', `the LLM server reported an error mid-stream: ${message}`, { retryable: true });
      }
      model ??= chunk.model;
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices?.[0];
      const delta = choice?.delta?.content;
      if (delta) {
        const now = performance.now();
        firstAt ??= now;
        lastAt = now;
        deltas++;
        content += delta;
        ctx.emit({ type: 'token', data: delta });
      }
      if (choice?.finish_reason) finishReason = choice.finish_reason;
    }
    if (!done && !finishReason) {
      throw new NodeError('REMOTE_ERROR', 'the LLM stream ended before the answer was complete (no finish_reason, no [DONE])', { retryable: true });
    }
    const completionTokens = usage?.completion_tokens ?? deltas;
    return {
      content,
      model,
      finishReason,
      promptTokens: usage?.prompt_tokens ?? promptEstimate,
      completionTokens,
      usageReported: usage?.completion_tokens !== undefined,
      ttftMs: firstAt === undefined ? undefined : firstAt - started,
      tpotMs: firstAt !== undefined && lastAt !== undefined && completionTokens > 1 ? (lastAt - firstAt) / (completionTokens - 1) : undefined,
    };
  } catch (error) {
    throw fail(error);
  }
}

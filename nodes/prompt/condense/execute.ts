import { defineExecutor, type NodeContext } from '../../core/context';
import type { ConversationTurn, QueryValue } from '../../core/values';
import { chatCompletion } from '../../llm/openai/chat-completion';
import type { LlmOpenAIConfig } from '../../llm/openai/definition';
import { promptCondense, type PromptCondenseConfig } from './definition';

/** A rewrite is a question: longer than this, the model answered instead of rewriting, and the question is kept. */
const MAX_REWRITE_CHARS = 1000;

export const promptCondenseExecutor = defineExecutor(promptCondense, {
  async execute(ctx, inputs, config) {
    const query = inputs.query;
    const history = query.history ?? [];
    if (!history.some((turn) => turn.role === 'user')) {
      ctx.record({ rewritten: false });
      return { query };
    }
    const text = config.mode === 'append' ? appendEarlierQuestions(query.text, history, config.turns) : await rewriteWithModel(ctx, query, config);
    ctx.record({ rewritten: text !== query.text });
    return { query: { ...query, text } };
  },
});

/** The latest `turns` earlier user questions, oldest first, then this one: the search sees what "it" was. */
export function appendEarlierQuestions(question: string, history: ConversationTurn[], turns: number): string {
  const earlier = history.filter((turn) => turn.role === 'user').slice(-turns).map((turn) => turn.content.trim());
  return [...earlier, question].filter(Boolean).join('\n');
}

async function rewriteWithModel(ctx: NodeContext, query: QueryValue, config: PromptCondenseConfig): Promise<string> {
  const conversation = (query.history ?? []).map((turn) => `${turn.role === 'user' ? 'User' : 'Assistant'}: ${turn.content}`).join('\n');
  const llm: LlmOpenAIConfig = {
    baseUrl: config.baseUrl,
    model: config.model,
    apiKey: config.apiKey,
    apiKeyEnv: config.apiKeyEnv,
    timeoutMs: config.timeoutMs,
    temperature: 0,
    maxTokens: 200,
    stop: [],
    stream: false,
  };
  const result = await chatCompletion(ctx, [
    { role: 'system', content: config.instruction },
    { role: 'user', content: `Conversation:\n${conversation}\n\nFollow-up question: ${query.text}\n\nStandalone question:` },
  ], llm);
  ctx.record({ promptTokens: result.promptTokens, completionTokens: result.completionTokens, model: result.model ?? config.model });
  const rewritten = result.content.trim().replace(/^["'“]|["'”]$/g, '').trim();
  // an empty reply or an answer in place of a question would search for the wrong thing
  return rewritten && rewritten.length <= MAX_REWRITE_CHARS ? rewritten : query.text;
}

import { z } from 'zod';
import { defineExecutor } from '../../core/context';
import { NodeError } from '../../core/errors';
import { citationsFromMarkers } from '../shared/citations';
import { chatCompletion } from './chat-completion';
import { llmOpenAI, parseJsonSchema } from './definition';

export const llmOpenAIExecutor = defineExecutor(llmOpenAI, {
  async execute(ctx, inputs, config) {
    const { prompt } = inputs;
    if (prompt.messages.length === 0) throw new NodeError('EMPTY_INPUT', 'llm.openai got a prompt without messages');
    let schema: Record<string, unknown> | undefined;
    try {
      schema = config.jsonSchema === undefined ? undefined : parseJsonSchema(config.jsonSchema);
    } catch (error) {
      throw new NodeError('INVALID_CONFIG', (error as Error).message);
    }
    const responseFormat = schema && { type: 'json_schema', json_schema: { name: 'answer', schema, strict: true } };

    const result = await chatCompletion(ctx, prompt.messages, config, responseFormat);
    ctx.record({
      promptTokens: result.promptTokens,
      completionTokens: result.completionTokens,
      ...(result.ttftMs !== undefined ? { ttftMs: result.ttftMs } : {}),
      ...(result.tpotMs !== undefined ? { tpotMs: result.tpotMs } : {}),
      usageReported: result.usageReported,
      finishReason: result.finishReason,
      model: result.model ?? config.model,
    });
    if (schema) checkJson(result.content, schema, result.finishReason);

    return {
      answer: {
        text: result.content,
        citations: citationsFromMarkers(result.content, prompt.context),
        producedBy: result.model ?? config.model,
      },
    };
  },
});

/** The server promised JSON matching the schema; a model that broke the promise fails the node. */
function checkJson(content: string, schema: Record<string, unknown>, finishReason: string | undefined): void {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch {
    const why = finishReason === 'length' ? ' (the answer was cut at maxTokens: raise it)' : '';
    throw new NodeError('REMOTE_ERROR', `the model's answer is not valid JSON${why}: ${content.slice(0, 200)}`, { retryable: true });
  }
  const check = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]).safeParse(value);
  if (!check.success) {
    const issues = check.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new NodeError('REMOTE_ERROR', `the model's JSON does not match jsonSchema: ${issues}`, { retryable: true });
  }
}

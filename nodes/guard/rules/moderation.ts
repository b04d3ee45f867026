import type { NodeContext } from '../../core/context';
import { NodeError } from '../../core/errors';
import { postJson, resolveApiKey, v1Url } from '../../models/http';
import type { GuardRulesConfig } from './definition';

/**
 * OpenAI-style moderation (POST {baseUrl}/v1/moderations → results[0].flagged / categories /
 * category_scores), as served by OpenAI and by self-hosted moderation servers speaking its protocol.
 */
export interface ModerationOutcome {
  flagged: boolean;
  /** the categories the server flagged */
  categories: string[];
  scores: Record<string, number>;
}

interface ModerationResponse {
  results?: { flagged?: unknown; categories?: Record<string, unknown>; category_scores?: Record<string, unknown> }[];
}

export async function moderate(ctx: NodeContext, text: string, config: GuardRulesConfig): Promise<ModerationOutcome> {
  const url = v1Url(config.moderationBaseUrl, 'moderations');
  const body = { input: text, ...(config.moderationModel ? { model: config.moderationModel } : {}) };
  const response = (await postJson(url, body, {
    signal: ctx.signal,
    timeoutMs: config.moderationTimeoutMs,
    apiKey: resolveApiKey({ apiKey: config.moderationApiKey, apiKeyEnv: config.moderationApiKeyEnv }),
    what: 'the moderation server',
  })) as ModerationResponse;
  const result = response?.results?.[0];
  if (!result || typeof result.flagged !== 'boolean') {
    throw new NodeError('REMOTE_ERROR', `the moderation server at ${url} answered without results[0].flagged: is it an OpenAI-compatible /v1/moderations endpoint?`);
  }
  const categories = Object.entries(result.categories ?? {})
    .filter(([, value]) => value === true)
    .map(([name]) => name);
  const scores = Object.fromEntries(Object.entries(result.category_scores ?? {}).filter((e): e is [string, number] => typeof e[1] === 'number'));
  return { flagged: result.flagged, categories, scores };
}

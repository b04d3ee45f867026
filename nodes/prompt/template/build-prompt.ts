import type { PromptValue, QueryValue, RetrievedValue } from '../../core/values';
import { estimateTokens, truncateToTokens } from '../../llm/shared/tokens';
import { fillTemplate, type PromptTemplateConfig } from './definition';

type ContextPassage = PromptValue['context'][number];

/** Below this many tokens a shortened passage says too little to be worth its marker. */
const MIN_TRUNCATED_TOKENS = 24;

/**
 * Picks the passages that fit the budget (rank order; lowest-ranked dropped first, then the last kept
 * one truncated), numbers them [1]..[n] and fills the template; earlier turns of the conversation go
 * between the system message and the question.
 */
export function buildPrompt(query: QueryValue, retrieved: RetrievedValue | undefined, config: PromptTemplateConfig): PromptValue {
  const context = selectPassages(retrieved, config);
  const contextText = context.length
    ? context.map((p) => renderPassage(p, config.includeTitles)).join('\n\n')
    : '(no passages were retrieved)';
  const values = { ...config.variables, question: query.text, context: contextText };
  const system = fillTemplate(config.system, values).trim();
  const user = fillTemplate(config.template, values);
  // the conversation so far, as the chat turns it was (the latest `historyMessages`), so a follow-up reads in context
  const earlier = config.historyMessages > 0 ? (query.history ?? []).slice(-config.historyMessages) : [];
  return {
    messages: [...(system ? [{ role: 'system' as const, content: system }] : []), ...earlier, { role: 'user', content: user }],
    context,
    question: query.text,
  };
}

export function selectPassages(retrieved: RetrievedValue | undefined, config: PromptTemplateConfig): ContextPassage[] {
  const out: ContextPassage[] = [];
  const seenTexts = new Set<string>();
  let budget = config.maxContextTokens;
  for (const item of retrieved?.items ?? []) {
    if (out.length >= config.maxPassages) break;
    const text = (config.useParentText && item.parentText ? item.parentText : item.text).trim();
    // siblings returning the same parent (small-to-big) or duplicate chunks add nothing the second time
    if (!text || seenTexts.has(text)) continue;
    seenTexts.add(text);
    const title = titleOf(item.metadata);
    const marker = `[${out.length + 1}]`;
    const overhead = estimateTokens(`${marker} ${config.includeTitles && title ? `${title}\n` : ''}`);
    const cost = overhead + estimateTokens(text);
    if (cost <= budget) {
      out.push({ marker, chunkId: item.chunkId, sourceId: item.sourceId, ...(title ? { title } : {}), text });
      budget -= cost;
      continue;
    }
    const room = budget - overhead;
    if (room >= MIN_TRUNCATED_TOKENS) {
      const shortened = truncateToTokens(text, room);
      if (shortened) out.push({ marker, chunkId: item.chunkId, sourceId: item.sourceId, ...(title ? { title } : {}), text: shortened });
    }
    break; // budget spent: every lower-ranked passage is dropped
  }
  return out;
}

function renderPassage(passage: ContextPassage, includeTitle: boolean): string {
  return includeTitle && passage.title ? `${passage.marker} ${passage.title}\n${passage.text}` : `${passage.marker} ${passage.text}`;
}

function titleOf(metadata: Record<string, unknown>): string | undefined {
  const title = metadata.title;
  return typeof title === 'string' && title.trim() ? title.trim() : undefined;
}

import type { ConversationTurn } from '../../../nodes/core/values';

/** The most turns a run input's history holds (its schema's limit). */
export const MAX_HISTORY = 50;

/**
 * The conversation after one more exchange, for the Run panel's follow-ups: the question and the answer
 * it got appended, the oldest turns dropped past MAX_HISTORY (a run would refuse more). Pure.
 */
export function withExchange(history: readonly ConversationTurn[], question: string, answer: string): ConversationTurn[] {
  const next: ConversationTurn[] = [...history, { role: 'user', content: question.trim() }, { role: 'assistant', content: answer.trim() }];
  return next.slice(-MAX_HISTORY);
}

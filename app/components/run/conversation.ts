import { CONVERSATION_LIMITS, type ConversationTurn } from '../../../nodes/core/values';

/** The most turns a run input's history holds (its schema's limit). */
export const MAX_HISTORY = CONVERSATION_LIMITS.messages;

/**
 * The conversation after one more exchange, for the Run panel's follow-ups: the question and the answer
 * it got appended, each within CONVERSATION_LIMITS, the oldest turns dropped past MAX_HISTORY (a run
 * would refuse more). Pure.
 */
export function withExchange(history: readonly ConversationTurn[], question: string, answer: string): ConversationTurn[] {
  // a long answer is cut to what a history message may hold, as chat endpoints cut theirs
  const turn = (role: ConversationTurn['role'], content: string): ConversationTurn => ({ role, content: content.trim().slice(0, CONVERSATION_LIMITS.messageChars) });
  const next = [...history, turn('user', question), turn('assistant', answer)];
  return next.slice(-MAX_HISTORY);
}

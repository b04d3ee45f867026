import type { ConversationTurn, VerdictValue } from '../../core/values';
import type { GuardRulesConfig } from './definition';
import { injectionFindings, personalData } from './text-findings';

type Reason = VerdictValue['reasons'][number];

/**
 * The conversation before the question (the run input's history) goes to the LLM with it, and an API
 * caller writes all of it, the assistant's turns too. So the rules that keep a question from steering
 * the model or leaking personal data hold for every earlier turn as well: an injection in any turn
 * blocks, and personal data is redacted (or blocks) as in the question. The other rules judge what is
 * asked now and are not applied again to what was asked before.
 */
export function checkHistory(history: readonly ConversationTurn[], config: GuardRulesConfig): { history: ConversationTurn[]; reasons: Reason[]; blocking: Reason[] } {
  const reasons: Reason[] = [];
  const blocking: Reason[] = [];
  const turns = history.map((turn, i) => {
    const which = `message ${i + 1} of the conversation (${turn.role})`;
    if (config.injection) for (const message of injectionFindings(turn.content, which)) blocking.push({ rule: 'injection', message });
    const pii = personalData(turn.content, config);
    if (!pii) return turn;
    if (config.pii === 'block') {
      blocking.push({ rule: 'pii', message: `${which} contains personal data (${pii.kinds}); remove it and ask again` });
      return turn;
    }
    reasons.push({ rule: 'pii', message: `redacted personal data (${pii.kinds}) in ${which}` });
    return { ...turn, content: pii.redacted };
  });
  return { history: turns, reasons: [...reasons, ...blocking], blocking };
}

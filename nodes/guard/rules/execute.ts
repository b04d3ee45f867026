import { defineExecutor } from '../../core/context';
import { NodeError } from '../../core/errors';
import type { AnswerValue, VerdictValue } from '../../core/values';
import { guardRules } from './definition';
import { evaluateQuestion } from './evaluate';
import { checkHistory } from './history';

export const guardRulesExecutor = defineExecutor(guardRules, {
  async execute(ctx, inputs, config) {
    const query = inputs.query;
    if (typeof query?.text !== 'string') throw new NodeError('INVALID_INPUT', 'guard.rules needs a query with text');
    const asked = await evaluateQuestion(ctx, query.text, config);
    const earlier = query.history?.length ? checkHistory(query.history, config) : undefined;
    const blocking = [...asked.blocking, ...(earlier?.blocking ?? [])];
    const verdict: VerdictValue = { ...asked.verdict, allowed: blocking.length === 0, reasons: [...asked.verdict.reasons, ...(earlier?.reasons ?? [])] };
    ctx.record({ allowed: verdict.allowed, rules: verdict.reasons.map((r) => r.rule) });
    // exactly one of passed / blocked emits; the verdict always does
    if (verdict.allowed) return { passed: { ...query, text: verdict.text, ...(earlier ? { history: earlier.history } : {}) }, verdict };
    return { blocked: refusal(config.refusalText, blocking), verdict };
  },
});

function refusal(refusalText: string, blocking: VerdictValue['reasons']): AnswerValue {
  const because = blocking.map((r) => r.message).join('; ');
  return { text: `${refusalText.trim()} Reason: ${because}.`, citations: [], producedBy: 'guard.rules', blocked: true };
}

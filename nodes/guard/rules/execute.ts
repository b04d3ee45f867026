import { defineExecutor, type NodeContext } from '../../core/context';
import { NodeError } from '../../core/errors';
import type { AnswerValue, QueryValue, VerdictValue } from '../../core/values';
import { classifierModelKey, classifyAlone, withSharedClassifier, type ClassifyOne } from '../shared/shared-classifier';
import { guardRules, type GuardRulesConfig } from './definition';
import { evaluateQuestion } from './evaluate';
import { checkHistory } from './history';

/**
 * Without a classifier the rules run where the node lands. With one, the node is batched per
 * classifier model and runs on that model's thread: concurrent questions share one classifier call.
 */
export const guardRulesExecutor = defineExecutor(guardRules, {
  modelKey: (config) => classifierModelKey(config.classifierModelDir),
  execute: (ctx, inputs, config) => guard(ctx, inputs.query, config, classifyAlone(ctx)),
  executeBatch: (items) => withSharedClassifier(items, (item) => item.ctx, (item, classify) => guard(item.ctx, item.inputs.query, item.config, classify)),
});

async function guard(ctx: NodeContext, query: QueryValue | undefined, config: GuardRulesConfig, classify: ClassifyOne) {
  if (typeof query?.text !== 'string') throw new NodeError('INVALID_INPUT', 'guard.rules needs a query with text');
  const asked = await evaluateQuestion(ctx, query.text, config, classify);
  const earlier = query.history?.length ? checkHistory(query.history, config) : undefined;
  const blocking = [...asked.blocking, ...(earlier?.blocking ?? [])];
  const verdict: VerdictValue = { ...asked.verdict, allowed: blocking.length === 0, reasons: [...asked.verdict.reasons, ...(earlier?.reasons ?? [])] };
  ctx.record({ allowed: verdict.allowed, rules: verdict.reasons.map((r) => r.rule) });
  // exactly one of passed / blocked emits; the verdict always does
  if (verdict.allowed) return { passed: { ...query, text: verdict.text, ...(earlier ? { history: earlier.history } : {}) }, verdict };
  return { blocked: refusal(config.refusalText, blocking), verdict };
}

function refusal(refusalText: string, blocking: VerdictValue['reasons']): AnswerValue {
  const because = blocking.map((r) => r.message).join('; ');
  return { text: `${refusalText.trim()} Reason: ${because}.`, citations: [], producedBy: 'guard.rules', blocked: true };
}

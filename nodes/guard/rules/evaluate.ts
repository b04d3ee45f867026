import type { NodeContext } from '../../core/context';
import { isNodeError, NodeError } from '../../core/errors';
import type { VerdictValue } from '../../core/values';
import type { ClassifyOne } from '../shared/shared-classifier';
import type { GuardRulesConfig } from './definition';
import { identifyLanguage } from './language';
import { moderate } from './moderation';
import { findProfanity } from './profanity';
import { injectionFindings, personalData } from './text-findings';

type Reason = VerdictValue['reasons'][number];

/**
 * Runs the configured rules over a question, cheapest first: local text rules, then the language
 * model, the classifier, and last the remote moderation call, which is skipped once a question is
 * already blocked and which sees the redacted text (personal data never leaves for a third party).
 * `reasons` lists every finding, including redactions that did not block.
 */
export interface GuardOutcome {
  verdict: VerdictValue;
  /** the reasons that blocked (a subset of verdict.reasons, which also lists redactions) */
  blocking: Reason[];
}

/** `classify` runs the ONNX classifier on the text (alone, or merged with a batch's other questions). */
export async function evaluateQuestion(ctx: NodeContext, question: string, config: GuardRulesConfig, classify: ClassifyOne): Promise<GuardOutcome> {
  const reasons: Reason[] = [];
  const blocking: Reason[] = [];
  const scores: Record<string, number> = {};
  let blocked = false;
  const block = (rule: string, message: string) => {
    blocked = true;
    reasons.push({ rule, message });
    blocking.push({ rule, message });
  };
  let text = question;

  if (config.maxChars > 0 && question.length > config.maxChars) {
    block('max-length', `the question is ${question.length} characters long; the limit is ${config.maxChars}`);
  }
  for (const pattern of config.denyPatterns) {
    if (compile(pattern).test(question)) block('deny-pattern', `the question matches a blocked pattern (/${pattern}/)`);
  }
  if (config.injection) {
    for (const message of injectionFindings(question, 'the question')) block('injection', message);
  }
  if (config.profanity) {
    const hits = findProfanity(question);
    if (hits.length) block('profanity', `the question contains profanity (${hits.length === 1 ? '1 word' : `${hits.length} words`})`);
  }
  const pii = personalData(question, config);
  if (pii && config.pii === 'block') block('pii', `the question contains personal data (${pii.kinds}); remove it and ask again`);
  else if (pii) {
    text = pii.redacted;
    reasons.push({ rule: 'pii', message: `redacted personal data (${pii.kinds})` });
  }

  if (config.languages.length > 0 && countLetters(question) >= config.languageMinChars) {
    const [best] = await identifyLanguage(ctx.models, question, 1);
    if (best) {
      scores[`language:${best.code}`] = best.probability;
      const accepted = config.languages.includes(best.code) || config.languages.includes(best.alpha3);
      if (!accepted && best.probability >= config.languageMinConfidence) {
        block('language', `the question is in ${best.name} (${best.code}); this endpoint answers questions in ${config.languages.join(', ')}`);
      }
    }
  }

  if (config.classifierModelDir && !blocked) {
    const result = await classify(text, {
      modelDir: config.classifierModelDir,
      maxLength: config.classifierMaxLength,
      activation: config.classifierActivation,
    });
    for (const [label, p] of Object.entries(result.probabilities)) scores[`classifier:${label}`] = p;
    for (const label of config.classifierBlockLabels) {
      const p = result.probabilities[label];
      if (p !== undefined && p >= config.classifierThreshold) block('classifier', `the classifier rates the question "${label}" (${p.toFixed(2)})`);
    }
  }

  if (config.moderationBaseUrl && !blocked) {
    try {
      const outcome = await moderate(ctx, text, config);
      for (const [category, score] of Object.entries(outcome.scores)) scores[`moderation:${category}`] = score;
      const relevant = config.moderationCategories.length ? outcome.categories.filter((c) => config.moderationCategories.includes(c)) : outcome.categories;
      if (outcome.flagged && (relevant.length > 0 || config.moderationCategories.length === 0)) {
        block('moderation', `the moderation service flagged the question${relevant.length ? ` (${relevant.join(', ')})` : ''}`);
      }
    } catch (error) {
      if (config.moderationOnError === 'fail' || !isNodeError(error) || error.code === 'CANCELLED') throw error;
      if (config.moderationOnError === 'block') block('moderation', `the moderation service failed (${error.code}), so the question was not accepted`);
      else reasons.push({ rule: 'moderation', message: `the moderation service failed (${error.code}); the question was let through` });
    }
  }

  return { verdict: { allowed: !blocked, reasons, text, ...(Object.keys(scores).length ? { scores } : {}) }, blocking };
}

/** Validation rejects bad patterns; this guards executors handed a config that skipped it. */
function compile(pattern: string): RegExp {
  try {
    return new RegExp(pattern, 'iu');
  } catch (error) {
    throw new NodeError('INVALID_CONFIG', `denyPatterns: invalid regular expression /${pattern}/: ${(error as Error).message}`);
  }
}

function countLetters(text: string): number {
  return text.match(/\p{L}/gu)?.length ?? 0;
}

import { z } from 'zod';
import { defineNode } from '../../core/define';
import { apiKeyEnvField, apiKeyField, timeoutMsField } from '../../llm/shared/openai-config';
import { PII_TYPES } from './pii';

export const DEFAULT_REFUSAL = "I can't help with that request.";

/** Deny-list entries are JavaScript regular expressions, matched case-insensitively. */
function regexIssue(source: string): string | undefined {
  try {
    new RegExp(source, 'iu');
    return undefined;
  } catch (error) {
    return `invalid regular expression /${source}/: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}`;
  }
}

// Flat on purpose: the editor renders top-level fields as a form (nested objects fall back to JSON).
export const guardRulesConfig = z
  .object({
    maxChars: z.number().int().min(0).max(100_000).default(2000).describe('Longest accepted question in characters; 0 turns the length check off.'),
    denyPatterns: z
      .array(z.string().min(1).max(1000))
      .max(200)
      .default([])
      .describe('Regular expressions (JavaScript syntax, case-insensitive); a question matching any is blocked.'),
    profanity: z.boolean().default(true).describe('Block profanity and slurs (obscenity word list, tuned not to flag clinical terms).'),
    pii: z
      .enum(['redact', 'block', 'off'])
      .default('redact')
      .describe('Personal data (e-mail, phone, card numbers, IBANs): replace it with placeholders, block the question, or ignore it.'),
    piiTypes: z.array(z.enum(PII_TYPES)).min(1).default([...PII_TYPES]).describe('Which kinds of personal data to look for.'),
    injection: z.boolean().default(true).describe('Block prompt-injection attempts (ignore previous instructions, system-prompt extraction, jailbreak personas, control tokens).'),
    languages: z
      .array(z.string().regex(/^[a-z]{2,3}$/, 'use ISO 639 codes like "en" or "deu"'))
      .max(200)
      .default([])
      .describe('Accepted languages (ISO 639 codes, e.g. en, de) detected with fastText lid.176; empty turns the check off.'),
    languageMinConfidence: z.number().min(0).max(1).default(0.5).describe('Block another language only when the detector is at least this sure.'),
    languageMinChars: z.number().int().min(1).max(1000).default(20).describe('Skip the language check for shorter questions (detection is unreliable on a few words).'),
    classifierModelDir: z
      .string()
      .max(1000)
      .default('')
      .describe('Directory of an ONNX text classifier (model.onnx, tokenizer.json, labels in config.json id2label or labels.txt); empty turns it off.'),
    classifierBlockLabels: z.array(z.string().min(1).max(200)).max(100).default([]).describe('Classifier labels that block the question, e.g. toxic, injection.'),
    classifierThreshold: z.number().min(0).max(1).default(0.5).describe('Block when a blocking label has at least this probability.'),
    classifierActivation: z
      .enum(['auto', 'softmax', 'sigmoid'])
      .default('auto')
      .describe('How logits become probabilities: softmax (one label), sigmoid (multi-label), or auto (from config.json problem_type).'),
    classifierMaxLength: z.number().int().min(8).max(8192).default(256).describe('Tokens the classifier reads at most.'),
    moderationBaseUrl: z
      .string()
      .max(1000)
      .default('')
      .describe('OpenAI-compatible moderation server (POST /v1/moderations), e.g. https://api.openai.com; empty turns it off.'),
    moderationModel: z.string().max(200).default('').describe('Moderation model name (empty: the server default).'),
    moderationApiKey: apiKeyField,
    moderationApiKeyEnv: apiKeyEnvField,
    moderationCategories: z
      .array(z.string().min(1).max(100))
      .max(50)
      .default([])
      .describe('Block only for these categories (e.g. violence, self-harm); empty blocks whenever the server flags the question.'),
    moderationTimeoutMs: timeoutMsField(10_000),
    moderationOnError: z
      .enum(['fail', 'allow', 'block'])
      .default('fail')
      .describe('When the moderation server fails: fail the run, let the question pass, or block it.'),
    refusalText: z.string().min(1).max(2000).default(DEFAULT_REFUSAL).describe('Start of the answer given when a question is blocked (the reasons follow).'),
  })
  .superRefine((config, ctx) => {
    config.denyPatterns.forEach((pattern, i) => {
      const issue = regexIssue(pattern);
      if (issue) ctx.addIssue({ code: 'custom', path: ['denyPatterns', i], message: issue });
    });
    if (config.classifierModelDir && config.classifierBlockLabels.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['classifierBlockLabels'], message: 'name the classifier labels that should block (e.g. toxic)' });
    }
    if (config.moderationBaseUrl && !/^https?:\/\/[^\s/]+/.test(config.moderationBaseUrl)) {
      ctx.addIssue({ code: 'custom', path: ['moderationBaseUrl'], message: 'moderationBaseUrl must be a URL like https://api.openai.com' });
    }
  });
export type GuardRulesConfig = z.infer<typeof guardRulesConfig>;

export const guardRules = defineNode({
  type: 'guard.rules',
  typeVersion: 1,
  title: 'Guardrails',
  category: 'guard',
  description:
    'Checks a question before it reaches retrieval and the LLM: length, deny-list, profanity, personal data (redact or block), prompt injection, language, an optional ONNX classifier and an optional moderation API. Earlier turns of a conversation are checked for prompt injection and personal data too. A passing (possibly redacted) question leaves through "passed"; a blocked one becomes a refusal answer on "blocked". The verdict always says why.',
  inputs: { query: { kind: 'query', label: 'Query' } },
  outputs: {
    passed: { kind: 'query', label: 'Passed', description: 'The question (and its conversation), with personal data redacted when configured.' },
    blocked: { kind: 'answer', label: 'Blocked', description: 'A refusal answer (blocked: true) listing the reasons.' },
    verdict: { kind: 'verdict', label: 'Verdict' },
  },
  config: guardRulesConfig,
  // the rules are light; with an ONNX classifier, concurrent questions are batched on its thread
  resources: { device: 'cpu', memoryMB: 500, ownThread: true },
  batch: { maxBatchSize: 32, maxLatencyMs: 5 },
  timeoutMs: 30_000,
});

import type { GuardRulesConfig } from './definition';
import { findInjection } from './injection';
import { findPii, redactPii } from './pii';

/**
 * What the injection rule says of a text, about `subject` ("the question", "message 2 of the
 * conversation (user)"): one message naming every pattern found, since the reply quotes the
 * messages one after another and "the question looks like…" twice reads as a stutter.
 */
export function injectionFindings(text: string, subject: string): string[] {
  const hits = findInjection(text);
  if (!hits.length) return [];
  return [`${subject} looks like a prompt-injection attempt: it ${hits.map((hit) => hit.description).join(', and ')}`];
}

/** Personal data in a text, under the config's pii setting: none (or off), else the kinds found and the text with them redacted. */
export function personalData(text: string, config: GuardRulesConfig): { kinds: string; redacted: string } | undefined {
  if (config.pii === 'off') return undefined;
  const found = findPii(text, config.piiTypes);
  if (!found.length) return undefined;
  return { kinds: [...new Set(found.map((m) => m.type))].join(', '), redacted: redactPii(text, found) };
}

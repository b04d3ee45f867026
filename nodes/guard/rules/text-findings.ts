import type { GuardRulesConfig } from './definition';
import { findInjection } from './injection';
import { findPii, redactPii } from './pii';

/** What the injection rule says of a text: one message per finding, about `subject` ("the question", "message 2 of the conversation (user)"). */
export function injectionFindings(text: string, subject: string): string[] {
  return findInjection(text).map((hit) => `${subject} looks like a prompt-injection attempt: it ${hit.description}`);
}

/** Personal data in a text, under the config's pii setting: none (or off), else the kinds found and the text with them redacted. */
export function personalData(text: string, config: GuardRulesConfig): { kinds: string; redacted: string } | undefined {
  if (config.pii === 'off') return undefined;
  const found = findPii(text, config.piiTypes);
  if (!found.length) return undefined;
  return { kinds: [...new Set(found.map((m) => m.type))].join(', '), redacted: redactPii(text, found) };
}

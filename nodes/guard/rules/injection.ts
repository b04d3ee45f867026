/**
 * Prompt-injection heuristics: phrasings that try to override the system prompt, extract it, switch the
 * model into an unrestricted persona, or smuggle chat-template control tokens. Patterns need the
 * instruction-ish object ("instructions", "system prompt", "no restrictions") next to the verb, so
 * ordinary questions that say "ignore" or "act as" are not caught.
 */

export interface InjectionPattern {
  name: string;
  description: string;
  pattern: RegExp;
}

const GAP = String.raw`(?:\W+\w+){0,6}?\W+`; // up to six words between the parts of a phrase

export const INJECTION_PATTERNS: readonly InjectionPattern[] = [
  {
    name: 'override-instructions',
    description: 'asks to ignore or override previous instructions',
    pattern: new RegExp(
      String.raw`\b(?:ignore|disregard|forget|override|bypass|skip|drop)${GAP}(?:previous|prior|above|earlier|preceding|initial|original|system|all|any|your|the|these|those)\W+(?:\w+\W+){0,2}?(?:instructions?|rules|prompts?|constraints|guardrails|restrictions|programming)\b`,
      'i',
    ),
  },
  {
    name: 'new-instructions',
    description: 'declares new instructions or a new system prompt',
    pattern: /\b(?:new|updated|real|actual)\s+(?:system\s+)?(?:instructions?|rules|prompt)\s*:|\bfrom now on,?\s+you\s+(?:are|will|must|shall)\b/i,
  },
  {
    name: 'prompt-exfiltration',
    description: 'asks for the system prompt or hidden instructions',
    pattern: new RegExp(
      String.raw`\b(?:reveal|show|print|repeat|output|display|tell|give|leak|dump|recite|list|share|what(?:'s|\s+is|\s+are|\s+were))${GAP}(?:system|initial|hidden|original|secret|internal|developer|pre-?prompt)\s+(?:prompt|instructions?|message|rules|guidelines)\b|\b(?:repeat|print|output|recite)${GAP}(?:everything|all|text|words)\W+(?:\w+\W+){0,3}?(?:above|before\s+this)\b`,
      'i',
    ),
  },
  {
    name: 'jailbreak-persona',
    description: 'role-play to remove restrictions (DAN, developer mode, unfiltered persona)',
    pattern: new RegExp(
      String.raw`\b(?:you\s+are|you're|act\s+as|pretend(?:\s+to\s+be|\s+you\s+are)?|role-?play(?:\s+as)?|behave\s+like|simulate|become)${GAP}(?:DAN|jailbr(?:eak|oken)|unfiltered|uncensored|unrestricted|amoral|evil|an?\s+AI\s+without|(?:no|without)\s+(?:any\s+)?(?:restrictions|rules|limits|filters|censorship|guidelines|ethics))\b|\bdo\s+anything\s+now\b|\b(?:developer|god|jailbreak|DAN)\s+mode\b|\bjailbreak(?:ing)?\b`,
      'i',
    ),
  },
  {
    name: 'control-tokens',
    description: 'chat-template control tokens or fake role headers',
    pattern: /<\|(?:im_start|im_end|system|user|assistant|endoftext|eot_id|start_header_id|end_header_id)\|>|\[\/?INST\]|<<\/?SYS>>|^\s*(?:system|assistant)\s*:|^\s*#{2,}\s*(?:system|instruction)s?\b/im,
  },
];

export interface InjectionHit {
  name: string;
  description: string;
  excerpt: string;
}

export function findInjection(text: string): InjectionHit[] {
  const hits: InjectionHit[] = [];
  for (const p of INJECTION_PATTERNS) {
    const m = p.pattern.exec(text);
    if (m) hits.push({ name: p.name, description: p.description, excerpt: m[0].slice(0, 80) });
  }
  return hits;
}

/**
 * Personal data in queries: e-mail addresses, phone numbers, payment card numbers (Luhn-checked) and
 * IBANs (mod-97-checked, country length known). Checksums keep scientific numbers, dates and ids from
 * being taken for card numbers or IBANs; phone numbers need a phone-like shape (a leading +, a
 * parenthesised area code, or 10+ digits in groups) for the same reason.
 */

export const PII_TYPES = ['email', 'phone', 'credit-card', 'iban'] as const;
export type PiiType = (typeof PII_TYPES)[number];

export interface PiiMatch {
  type: PiiType;
  start: number;
  end: number;
}

const PLACEHOLDER: Record<PiiType, string> = { email: '[EMAIL]', phone: '[PHONE]', 'credit-card': '[CARD_NUMBER]', iban: '[IBAN]' };

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
const CARD = /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d])/g;
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){10,32}/gi;
const PHONE = /(?<![\w+.-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{2,5}(?:[ .-]\d{2,8}){1,5}(?![\w-]|\.\d)|(?<![\w+.-])\+\d{7,15}(?![\w.-]?\d)/g;

export function findPii(text: string, types: readonly PiiType[] = PII_TYPES): PiiMatch[] {
  const found: PiiMatch[] = [];
  const want = new Set(types);
  if (want.has('email')) for (const m of text.matchAll(EMAIL)) found.push({ type: 'email', start: m.index, end: m.index + m[0].length });
  if (want.has('iban')) {
    for (const m of text.matchAll(IBAN)) {
      const end = validIbanEnd(text, m.index, m.index + m[0].length);
      if (end !== undefined) found.push({ type: 'iban', start: m.index, end });
    }
  }
  if (want.has('credit-card')) {
    for (const m of text.matchAll(CARD)) {
      const digits = m[0].replace(/\D/g, '');
      if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits) && !/^(\d)\1+$/.test(digits)) {
        found.push({ type: 'credit-card', start: m.index, end: m.index + m[0].length });
      }
    }
  }
  if (want.has('phone')) {
    for (const m of text.matchAll(PHONE)) {
      if (looksLikePhone(m[0])) found.push({ type: 'phone', start: m.index, end: m.index + m[0].length });
    }
  }
  return dropOverlaps(found);
}

/** Replaces each match with a placeholder like [EMAIL]. */
export function redactPii(text: string, matches: PiiMatch[]): string {
  let out = text;
  for (const m of [...matches].sort((a, b) => b.start - a.start)) out = out.slice(0, m.start) + PLACEHOLDER[m.type] + out.slice(m.end);
  return out;
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** ISO 13616 mod-97 check on a compact IBAN (no spaces). */
export function ibanChecksumValid(iban: string): boolean {
  const s = iban.toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(s)) return false;
  const rearranged = s.slice(4) + s.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const value = ch >= 'A' ? ch.charCodeAt(0) - 55 : ch.charCodeAt(0) - 48;
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder === 1;
}

/** IBAN lengths by country (SWIFT IBAN registry). */
const IBAN_LENGTHS: Record<string, number> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28, CH: 21, CR: 22,
  CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FK: 18, FO: 18, FR: 27, GB: 22,
  GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30,
  KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27,
  MT: 31, MU: 30, NI: 28, NL: 18, NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33,
  SA: 24, SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29,
  VA: 22, VG: 24, XK: 20, YE: 30,
};

/**
 * The regex may run past the IBAN into following words; walk the country's exact length of
 * alphanumerics (single spaces allowed between) and check the checksum. Returns the end offset.
 */
function validIbanEnd(text: string, start: number, limit: number): number | undefined {
  const length = IBAN_LENGTHS[text.slice(start, start + 2).toUpperCase()];
  if (!length) return undefined;
  let compact = '';
  let i = start;
  while (i < limit && compact.length < length) {
    const ch = text[i]!;
    if (ch !== ' ') compact += ch;
    i++;
  }
  if (compact.length !== length || /[A-Za-z0-9]/.test(text[i] ?? '')) return undefined;
  return ibanChecksumValid(compact) ? i : undefined;
}

function looksLikePhone(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return false;
  if (candidate.startsWith('+') || candidate.includes('(')) return true;
  // without a country code or area-code brackets, only full national numbers in groups: 10-12 digits
  // ("415-555-2671", "020 7946 0958"); shorter runs are too often counts, ranges or dates
  if (digits.length < 10 || digits.length > 12) return false;
  if (/^\d{4}[-.]\d{2}[-.]\d{2}$/.test(candidate)) return false; // ISO date
  return /[ .-]/.test(candidate);
}

function dropOverlaps(matches: PiiMatch[]): PiiMatch[] {
  const sorted = [...matches].sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const out: PiiMatch[] = [];
  for (const m of sorted) {
    const last = out.at(-1);
    if (last && m.start < last.end) continue;
    out.push(m);
  }
  return out;
}

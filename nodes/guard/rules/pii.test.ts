import { describe, expect, it } from 'vitest';
import { findPii, ibanChecksumValid, luhnValid, redactPii } from './pii';

const types = (text: string) => findPii(text).map((m) => [m.type, text.slice(m.start, m.end)]);

describe('PII detection', () => {
  it('finds e-mail addresses', () => {
    expect(types('mail jane.doe+lab@uni-heidelberg.de today')).toEqual([['email', 'jane.doe+lab@uni-heidelberg.de']]);
  });

  it('finds card numbers only when the Luhn check passes', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(types('card 4111 1111 1111 1111 exp')).toEqual([['credit-card', '4111 1111 1111 1111']]);
    expect(types('card 5500-0000-0000-0004.')).toEqual([['credit-card', '5500-0000-0000-0004']]);
    expect(types('id 4111 1111 1111 1112')).toEqual([]);
  });

  it('finds IBANs with a valid mod-97 checksum and exact country length, not the words after', () => {
    expect(ibanChecksumValid('DE89370400440532013000')).toBe(true);
    expect(ibanChecksumValid('DE89370400440532013001')).toBe(false);
    expect(types('pay to DE89 3704 0044 0532 0130 00 please')).toEqual([['iban', 'DE89 3704 0044 0532 0130 00']]);
    expect(types('GB82WEST12345698765432')).toEqual([['iban', 'GB82WEST12345698765432']]);
    expect(types('DE89 3704 0044 0532 0130 01')).toEqual([]);
  });

  it('finds phone numbers in common formats', () => {
    expect(types('call +1 415 555 2671 now')).toEqual([['phone', '+1 415 555 2671']]);
    expect(types('call (415) 555-2671')).toEqual([['phone', '(415) 555-2671']]);
    expect(types('call 415-555-2671')).toEqual([['phone', '415-555-2671']]);
    expect(types('ring 020 7946 0958')).toEqual([['phone', '020 7946 0958']]);
    expect(types('+442079460958')).toEqual([['phone', '+442079460958']]);
  });

  it('leaves scientific numbers, ranges, dates, DOIs and decimals alone', () => {
    for (const text of [
      '1 in 5 million in UK have abnormal PrP positivity.',
      'Patients aged 18-65 between 1990-2000 were enrolled (n = 32,441).',
      'Published 2019-01-15, doi 10.1016/j.cell.2009.01.042, p < 0.001.',
      'A dose of 0.5-1.0 mg/kg for 12 weeks; 493 per million (95% CI 282 to 801).',
      'ISBN 978-3-16-148410-0 and PMID 12345678.',
      'The 10,000,000,000 cells were counted in 1234567890123 steps.',
    ]) {
      expect(findPii(text), text).toEqual([]);
    }
  });

  it('redacts every match with a typed placeholder', () => {
    const text = 'I am jane@example.org, card 4111111111111111, phone +49 30 1234567.';
    expect(redactPii(text, findPii(text))).toBe('I am [EMAIL], card [CARD_NUMBER], phone [PHONE].');
    expect(findPii(text, ['email']).map((m) => m.type)).toEqual(['email']);
  });
});

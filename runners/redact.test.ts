import { describe, expect, it } from 'vitest';
import { preview, redactForView, traceRedaction } from './redact';

describe('trace redaction', () => {
  const none = traceRedaction({});
  const configured = traceRedaction({ TRACE_REDACT: ' pii , customerId,address ' });

  it('reads TRACE_REDACT: field names (any case) and pii', () => {
    expect(none).toEqual({ fields: new Set(), pii: false });
    expect(configured).toEqual({ fields: new Set(['customerid', 'address']), pii: true });
  });

  it('hides secrets always, and configured fields and personal data when asked, in previews', () => {
    const value = { query: 'mail ana@example.org or call +44 20 7946 0958', apiKey: 'sk-123', maxTokens: 512, customer: { CustomerId: 42, address: { city: 'Paris' } } };
    expect(preview(value, 0, none)).toEqual({ ...value, apiKey: '[redacted]' });
    expect(preview(value, 0, configured)).toEqual({
      query: 'mail [EMAIL] or call [PHONE]',
      apiKey: '[redacted]',
      maxTokens: 512, // a secret-like key only hides text
      customer: { CustomerId: '[redacted]', address: '[redacted]' },
    });
  });

  it('hides the same in the values the editor shows, without cutting them', () => {
    const long = `${'word '.repeat(200)}ana@example.org`;
    const shown = redactForView({ output: { answer: long, customerId: 'c-9', list: ['+44 20 7946 0958', 7] }, password: 'hunter2' }, configured);
    expect(shown).toEqual({ output: { answer: `${'word '.repeat(200)}[EMAIL]`, customerId: '[redacted]', list: ['[PHONE]', 7] }, password: '[redacted]' });
    // without configuration only secrets go
    expect(redactForView({ answer: 'ana@example.org', token: 'abc' }, none)).toEqual({ answer: 'ana@example.org', token: '[redacted]' });
  });
});

import { describe, expect, it } from 'vitest';
import { ServiceError } from './errors';
import { assertStorableText, unstorableTextAt } from './storable-text';

describe('unstorableTextAt', () => {
  it('finds NUL characters and unpaired surrogates in strings, keys and nested values, with their path', () => {
    expect(unstorableTextAt('plain')).toBeUndefined();
    expect(unstorableTextAt({ a: [1, 'x', { b: 'emoji \ud83d\ude00' }] })).toBeUndefined();
    expect(unstorableTextAt({ a: [1, 'x', { b: 'nul\u0000' }] })).toEqual({ path: 'a[2].b', problem: 'contains a NUL character (\\u0000)' });
    expect(unstorableTextAt({ q: 'high \ud800 alone' })?.path).toBe('q');
    expect(unstorableTextAt({ q: 'low \udc00 alone' })?.problem).toMatch(/unpaired UTF-16 surrogate/);
    expect(unstorableTextAt({ q: 'reversed \ude00\ud83d' })?.problem).toMatch(/unpaired/);
    expect(unstorableTextAt({ ['k\u0000']: 1 })).toEqual({ path: 'k\u0000', problem: 'has a name that contains a NUL character (\\u0000)' });
    expect(unstorableTextAt('\u0000')).toEqual({ path: '', problem: 'contains a NUL character (\\u0000)' });
  });

  it('refuses keys that rewrite a prototype, at any depth (JSON.parse makes them own keys)', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const value = JSON.parse(`{"query":"hi","meta":{"tags":[{"${key}":{"x":1}}]}}`) as unknown;
      expect(unstorableTextAt(value)).toEqual({ path: `meta.tags[0].${key}`, problem: `has a name that is "${key}", reserved in JavaScript objects (a prototype pollution risk)` });
    }
    expect(unstorableTextAt({ constructors: 1, proto: 2, '__proto__x': 3 })).toBeUndefined();
  });

  it('refuses nesting deeper than JSON can be serialised again, without overflowing the stack itself', () => {
    const deep = JSON.parse(`{"q":${'['.repeat(100_000)}${']'.repeat(100_000)}}`) as unknown;
    expect(unstorableTextAt(deep)).toEqual({ path: `q${'[0]'.repeat(13)}…`, problem: 'is nested more than 100 levels deep' });
    const fine = JSON.parse(`{"q":${'['.repeat(99)}${']'.repeat(99)}}`) as unknown;
    expect(unstorableTextAt(fine)).toBeUndefined();
  });
});

describe('assertStorableText', () => {
  it('throws a BAD_REQUEST ServiceError that names what and where', () => {
    expect(() => assertStorableText({ query: 'ok' }, 'the body')).not.toThrow();
    const error = (() => {
      try {
        assertStorableText({ query: 'a\u0000' }, 'the body');
      } catch (e) {
        return e;
      }
    })() as ServiceError;
    expect(error).toBeInstanceOf(ServiceError);
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toBe('the body field "query" contains a NUL character (\\u0000), which cannot be stored: remove or replace it');
    expect(() => assertStorableText('\ud800', 'the path parameter "slug"')).toThrow(/^the path parameter "slug" contains an unpaired/);
  });
});

import { describe, expect, it } from 'vitest';
import { storableJson } from './storable-json';

describe('storableJson', () => {
  it('replaces NUL characters and lone surrogates with U+FFFD, keeping paired surrogates and escaped backslashes', () => {
    expect(JSON.parse(storableJson({ a: 'x\u0000y', b: ['\ud800', '\udfff tail'] }))).toEqual({ a: 'x\ufffdy', b: ['\ufffd', '\ufffd tail'] });
    expect(JSON.parse(storableJson({ emoji: 'ok \ud83d\ude00' }))).toEqual({ emoji: 'ok \ud83d\ude00' });
    expect(JSON.parse(storableJson({ literal: 'C:\\u0000 and \\\\\u0000' }))).toEqual({ literal: 'C:\\u0000 and \\\\\ufffd' });
    expect(storableJson({ plain: 'text', n: 1 })).toBe('{"plain":"text","n":1}');
  });
});

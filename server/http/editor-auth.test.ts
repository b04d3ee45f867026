import { describe, expect, it } from 'vitest';
import { editorAccessAllowed, editorChallenge, isLoopbackHost } from './editor-auth';

const credentials = { user: 'admin', password: 'correct horse battery' };
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('editor password', () => {
  it('leaves everything open when no password is set', () => {
    expect(editorAccessAllowed('/graphs', undefined, undefined)).toBe(true);
    expect(editorAccessAllowed('/api/trpc/graph.list', undefined, undefined)).toBe(true);
  });

  it('guards pages, the editor API and browser uploads', () => {
    for (const path of ['/', '/graphs/abc', '/_next/static/chunk.js', '/api/trpc/apiKey.create', '/api/collections/docs/upload']) {
      expect(editorAccessAllowed(path, undefined, credentials)).toBe(false);
      expect(editorAccessAllowed(path, basic('admin', 'correct horse battery'), credentials)).toBe(true);
    }
  });

  it('refuses a wrong password, a wrong user, another scheme and a malformed header', () => {
    expect(editorAccessAllowed('/', basic('admin', 'wrong'), credentials)).toBe(false);
    expect(editorAccessAllowed('/', basic('root', 'correct horse battery'), credentials)).toBe(false);
    expect(editorAccessAllowed('/', 'Bearer rgk_abc', credentials)).toBe(false);
    expect(editorAccessAllowed('/', 'Basic !!!', credentials)).toBe(false);
    expect(editorAccessAllowed('/', `Basic ${Buffer.from('no-colon').toString('base64')}`, credentials)).toBe(false);
  });

  it('keeps a password that contains colons whole', () => {
    const withColons = { user: 'admin', password: 'a:b:c:d:e' };
    expect(editorAccessAllowed('/', basic('admin', 'a:b:c:d:e'), withColons)).toBe(true);
    expect(editorAccessAllowed('/', basic('admin', 'a:b'), withColons)).toBe(false);
  });

  it('leaves the public API (API keys) and the health probe open', () => {
    for (const path of ['/api/v1/endpoints/qa', '/api/v1', '/api/v1/openapi.json', '/api/health', '/favicon.ico']) expect(editorAccessAllowed(path, undefined, credentials)).toBe(true);
    // only those exact prefixes: look-alikes stay guarded
    for (const path of ['/api/v10/x', '/api/healthz', '/api/health/x', '/x/api/v1/y', '/favicon.icon']) expect(editorAccessAllowed(path, undefined, credentials)).toBe(false);
  });

  it('challenges with Basic auth and a message that says what to do', () => {
    const challenge = editorChallenge();
    expect(challenge.status).toBe(401);
    expect(challenge.headers['www-authenticate']).toMatch(/^Basic realm="Ragraph editor"/);
    expect(JSON.parse(challenge.body).error.message).toContain('EDITOR_PASSWORD');
  });

  it('knows which hosts are local only', () => {
    expect(['127.0.0.1', 'localhost', '::1', '127.0.0.2'].map(isLoopbackHost)).toEqual([true, true, true, true]);
    expect(['0.0.0.0', '::', '10.0.0.5', 'example.com'].map(isLoopbackHost)).toEqual([false, false, false, false]);
  });
});

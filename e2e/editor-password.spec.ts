import { expect, test } from './fixtures';
import { EDITOR_CREDENTIALS } from './editor-credentials';

/**
 * The specs' server runs with EDITOR_PASSWORD (see playwright.config.ts) and the other specs' browser
 * signs in with it. Here plain HTTP clients without it (Playwright's own contexts would add the
 * configured credentials) are turned away from pages, the editor API and browser uploads, while the
 * public API (API keys) and the health probe answer as before.
 */
test('without the editor password, pages and the editor API answer 401; the public API and health do not ask', async ({ baseURL }) => {
  const get = (path: string, headers: Record<string, string> = {}) => fetch(new URL(path, baseURL), { headers });
  const wrongPassword = { authorization: `Basic ${Buffer.from(`${EDITOR_CREDENTIALS.username}:not-the-password`).toString('base64')}` };
  const rightPassword = { authorization: `Basic ${Buffer.from(`${EDITOR_CREDENTIALS.username}:${EDITOR_CREDENTIALS.password}`).toString('base64')}` };

  const page = await get('/graphs');
  expect(page.status).toBe(401);
  expect(page.headers.get('www-authenticate')).toMatch(/^Basic realm="Ragraph editor"/);
  expect(((await page.json()) as { error: { message: string } }).error.message).toContain('EDITOR_PASSWORD');
  expect((await get('/api/trpc/graph.list')).status).toBe(401);
  expect((await get('/graphs', wrongPassword)).status).toBe(401);
  const upload = new FormData();
  upload.append('files', new Blob(['x'], { type: 'text/plain' }), 'a.txt');
  expect((await fetch(new URL('/api/collections/docs/upload', baseURL), { method: 'POST', body: upload })).status).toBe(401);

  expect((await get('/graphs', rightPassword)).status).toBe(200);
  expect((await get('/api/health')).status).toBe(200);
  const favicon = await get('/favicon.ico');
  expect([favicon.status, favicon.headers.get('content-type')]).toEqual([200, 'image/svg+xml']);
  expect((await get('/api/v1/openapi.json')).status).toBe(200);
  const call = await fetch(new URL('/api/v1/endpoints/anything', baseURL), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"x"}' });
  expect(call.status).toBe(401);
  expect(((await call.json()) as { error: { message: string } }).error.message).toMatch(/API key/i); // the public API's own answer
});

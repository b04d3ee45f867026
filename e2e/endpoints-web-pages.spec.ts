import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GraphSpec } from '../nodes/core/spec';
import { htmlPage, startTestSite } from '../nodes/testing/web-site';
import { expect, test } from './fixtures';
import { api, call, uniqueName } from './pages/api';

/**
 * A published graph that loads web pages: its page offers examples that send addresses (no file
 * upload, no question to try, nothing to score), and a call with an API key loads the pages.
 */
test('publish a graph that loads web pages and call it with addresses', async ({ page, request, shot }) => {
  const site = await startTestSite({
    '/help/': { body: htmlPage('Help centre', 'Find answers here.', ['returns']) },
    '/help/returns': { body: htmlPage('Returns', 'Items can be returned within 30 days.') },
  });
  try {
    const template = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'prisma', 'seed', 'templates', 'web-pages.graph.json'), 'utf8')) as GraphSpec;
    // the test site is on this machine: the graph allows it
    const spec = { ...template, nodes: template.nodes.map((n) => (n.id === 'pages' ? { ...n, config: { ...n.config, allowPrivateNetwork: true } } : n)) };
    const graph = await api.createGraph(request, uniqueName('Web ingest'), spec);
    const v1 = await api.saveVersion(request, graph.id, null, 'first');
    const slug = `web-${Date.now().toString(36)}`;
    await call(request, 'endpoint.publish', { graphId: graph.id, slug, versionId: v1.id }, 'mutation');
    const key = await call<{ secret: string }>(request, 'apiKey.create', { name: uniqueName('web key'), scopes: ['*'] }, 'mutation');

    await page.goto(`/endpoints/${slug}`);
    await expect(page.getByTestId('snippet-code')).toContainText(`-d '{"urls":["https://example.com/docs/"]}'`);
    await expect(page.getByRole('tab', { name: 'curl (upload files)' })).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Try it' })).toHaveCount(0);
    await page.getByText('Request and response schemas').click();
    await expect(page.getByText('"urls"').first()).toBeVisible();
    await shot('endpoint');

    const called = await request.post(`/api/v1/endpoints/${slug}`, { headers: { authorization: `Bearer ${key.secret}` }, data: { urls: [`${site.url}/help/`] } });
    expect(called.status()).toBe(200);
    const body = (await called.json()) as { output: { ingested: { collection: string; documents: number }; unloaded: { count: number } } };
    expect(body.output.ingested).toMatchObject({ collection: 'web', documents: 2 });
    expect(body.output.unloaded.count).toBe(0);

    // an address that is not one is refused before anything runs, saying why
    const refused = await request.post(`/api/v1/endpoints/${slug}`, { headers: { authorization: `Bearer ${key.secret}` }, data: { urls: ['help/returns'] } });
    expect(refused.status()).toBe(400);
    expect(JSON.stringify(await refused.json())).toContain('is not a URL: give a full address such as https://example.com/docs');
  } finally {
    await site.close();
  }
});

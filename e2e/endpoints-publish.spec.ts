import { expect, test } from './fixtures';
import { echoSpec } from '../server/testing/specs';
import { api, call, uniqueName } from './pages/api';

/**
 * Publishing from the Endpoints page: publish a saved version, create a key (shown once), call the
 * endpoint with it, see the call in "Recent calls", split traffic to a canary, roll back, unpublish,
 * revoke the key.
 */
test('publish a graph, call it with a new key, canary, roll back, unpublish and revoke the key', async ({ page, request, shot }) => {
  const name = uniqueName('Echo endpoint');
  const graph = await api.createGraph(request, name, echoSpec('v1'));
  const v1 = await api.saveVersion(request, graph.id, null, 'first');
  const slug = `echo-${Date.now().toString(36)}`;

  await page.goto('/endpoints');
  await expect(page.getByRole('heading', { name: 'Endpoints', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Publish a graph' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Publish as endpoint' });
  await dialog.getByLabel('Graph').selectOption({ label: `${name} (v1)` });
  await expect(dialog.getByLabel('Slug')).toHaveValue(/^echo-endpoint-/); // the suggestion from the graph's name
  await dialog.getByLabel('Slug').fill(slug);
  await dialog.getByLabel('Version').selectOption({ label: 'v1 only — first' });
  await shot('publish-dialog');
  await dialog.getByRole('button', { name: 'Publish' }).click();

  await expect(page).toHaveURL(new RegExp(`/endpoints/${slug}$`));
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(slug) })).toBeVisible();
  await expect(page.getByTestId('endpoint-url')).toContainText(`/api/v1/endpoints/${slug}`);
  await expect(page.getByTestId('snippet-code')).toContainText('Authorization: Bearer $RAGRAPH_API_KEY');

  // a key scoped to this endpoint: the secret is shown once
  await page.getByRole('button', { name: 'New API key' }).click();
  const keyDialog = page.getByRole('dialog', { name: 'New API key' });
  await keyDialog.getByLabel('Name').fill('e2e key');
  await keyDialog.getByRole('button', { name: 'Create key' }).click();
  const secret = await page.getByTestId('new-api-key').inputValue();
  expect(secret).toMatch(/^rgk_[A-Za-z0-9]{8}_[A-Za-z0-9]{40}$/);
  const prefix = secret.slice(0, 12);
  await shot('key-created');
  await page.getByRole('button', { name: 'I have stored it' }).click();
  await expect(page.getByRole('table', { name: 'API keys' })).toContainText(`${prefix}_…`);
  await expect(page.getByRole('table', { name: 'API keys' })).not.toContainText(secret);

  // a real call with it lands in "Recent calls" with its version and key prefix
  const call = await request.post(`/api/v1/endpoints/${slug}`, { headers: { authorization: `Bearer ${secret}` }, data: { query: 'hello' } });
  expect(call.status()).toBe(200);
  expect(await call.json()).toMatchObject({ version: 1, output: { v1: { text: 'hello' } } });
  const calls = page.getByRole('table', { name: 'Recent calls' });
  await expect(calls).toContainText(prefix, { timeout: 15_000 });
  await expect(calls).toContainText('v1');
  await expect(calls).toContainText('succeeded');

  // canary: 50 % to a second version
  const v2 = await api.saveVersion(request, graph.id, v1.id, 'second');
  expect(v2.number).toBe(2);
  await page.reload();
  await page.getByLabel('Canary', { exact: true }).selectOption({ label: 'v2' });
  await page.getByLabel('Canary share in percent').fill('50');
  await page.getByRole('button', { name: 'Apply routing' }).click();
  const history = page.getByRole('list', { name: 'Routing history' });
  await expect(history).toContainText('50% to v1, 50% to canary v2');
  const versions = new Set<number>();
  for (let i = 0; i < 8; i++) {
    const response = await request.post(`/api/v1/endpoints/${slug}`, { headers: { authorization: `Bearer ${secret}` }, data: { query: 'which?' } });
    versions.add(((await response.json()) as { version: number }).version);
  }
  expect(versions).toEqual(new Set([1, 2]));
  // the traffic card counts the nine calls, and splits them by version: the canary beside the main one
  await page.reload();
  await expect(page.getByTestId('traffic-totals').locator('div', { hasText: 'Calls' }).locator('dd')).toHaveText('9');
  await expect(page.getByTestId('traffic-totals').locator('div', { hasText: 'Errors' }).locator('dd')).toHaveText('0.0%');
  const perVersion = page.getByTestId('traffic-version');
  await expect(perVersion).toHaveCount(2);
  await expect(perVersion.nth(0)).toContainText('v2 canary');
  await expect(perVersion.nth(1)).toContainText('v1 main');
  const callsOf = async (row: number) => Number(await perVersion.nth(row).locator('td').nth(1).innerText());
  expect((await callsOf(0)) + (await callsOf(1))).toBe(9);
  const bars = await page.getByTestId('traffic-bar').evaluateAll((gs) => gs.map((g) => Number(g.getAttribute('data-calls'))));
  expect(bars).toHaveLength(24);
  expect(bars.reduce((a, b) => a + b, 0)).toBe(9);
  await shot('canary');
  // the week: 28 six-hour bars, the same nine calls
  await page.getByRole('button', { name: '7 days' }).click();
  await expect(page.getByTestId('traffic-bar')).toHaveCount(28);
  const week = await page.getByTestId('traffic-bar').evaluateAll((gs) => gs.map((g) => Number(g.getAttribute('data-calls'))));
  expect(week.reduce((a, b) => a + b, 0)).toBe(9);
  await shot('traffic-week');

  // roll back: the canary goes, v1 serves everything again
  await page.getByRole('button', { name: 'Roll back' }).click();
  await expect(history.getByText('rolled back')).toBeVisible();
  await expect(page.getByText(/serving v1$/)).toBeVisible();
  await expect(page.getByLabel('Canary', { exact: true })).toHaveValue('none'); // the form follows the rolled-back routing
  const after = await request.post(`/api/v1/endpoints/${slug}`, { headers: { authorization: `Bearer ${secret}` }, data: { query: 'x' } });
  expect(((await after.json()) as { version: number }).version).toBe(1);

  // unpublish: calls get 404 with a message saying so
  await page.getByRole('button', { name: 'Unpublish' }).click();
  await expect(page.getByText('This endpoint is unpublished')).toBeVisible();
  const gone = await request.post(`/api/v1/endpoints/${slug}`, { headers: { authorization: `Bearer ${secret}` }, data: { query: 'x' } });
  expect(gone.status()).toBe(404);
  expect(((await gone.json()) as { error: { message: string } }).error.message).toContain('is unpublished');
  await shot('unpublished');

  // revoke the key through its confirmation: calls with it are refused with 401 from then on
  await page.getByRole('button', { name: 'Revoke e2e key' }).click();
  const revoke = page.getByRole('dialog', { name: 'Revoke API key?' });
  await expect(revoke).toContainText(`${prefix}_…`);
  await shot('revoke-key');
  await revoke.getByRole('button', { name: 'Revoke key' }).click();
  await expect(revoke).toBeHidden();
  await expect(page.getByRole('table', { name: 'API keys' }).getByRole('row', { name: /e2e key/ })).toContainText('revoked');
  const refused = await request.post(`/api/v1/endpoints/${slug}`, { headers: { authorization: `Bearer ${secret}` }, data: { query: 'x' } });
  expect(refused.status()).toBe(401);

  // the list shows it, with its call count
  await page.getByRole('link', { name: '← Endpoints' }).click();
  const row = page.getByRole('table', { name: 'Endpoints' }).getByRole('row', { name: new RegExp(slug) });
  await expect(row).toContainText('unpublished');
  await expect(row).toContainText('10');
});

test('the API reference renders the OpenAPI document and is linked from the sidebar, listing endpoints to the editor only', async ({ page, request, baseURL }) => {
  const graph = await api.createGraph(request, uniqueName('Documented'), echoSpec('docs'));
  await api.saveVersion(request, graph.id, null, 'v1');
  const slug = `documented-${Date.now().toString(36)}`;
  await call(request, 'endpoint.publish', { graphId: graph.id, slug, versionId: null }, 'mutation');
  await page.goto('/endpoints');
  await page.getByRole('link', { name: 'API reference' }).first().click();
  await expect(page).toHaveURL(/\/api\/v1\/docs\?signin$/);
  await expect(page.getByRole('heading', { name: 'Ragraph public API' }).first()).toBeVisible();
  await expect(page.locator('code', { hasText: '/api/v1/openai/chat/completions' }).first()).toBeVisible();
  // the editor's user (signed in) sees the endpoint; an anonymous reader does not
  await expect(page.locator('code', { hasText: `/api/v1/endpoints/${slug}` }).first()).toBeVisible();
  const anonymous = await (await fetch(new URL('/api/v1/docs', baseURL))).text();
  expect(anonymous).not.toContain(`/api/v1/endpoints/${slug}`);
  expect(anonymous).toContain('/api/v1/docs?signin');
  const doc = await page.request.get('/api/v1/openapi.json');
  expect(((await doc.json()) as { openapi: string }).openapi).toBe('3.1.0');
});

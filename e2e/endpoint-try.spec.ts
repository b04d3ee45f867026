import { expect, test } from './fixtures';
import { runsApi } from './fixtures/runs-api';
import { call, uniqueName } from './pages/api';

/** An endpoint's page asks its served version a question, without a key and outside its traffic. */
test('try a published endpoint from its page', async ({ page, request, shot }) => {
  expect((await runsApi.uploadDocs(request, 'docs')).status).toBe('succeeded');
  const graph = await runsApi.graphByName(request, 'Example: answer questions');
  const slug = uniqueName('try').toLowerCase().replace(/[^a-z0-9-]+/g, '-');
  await call(request, 'endpoint.publish', { graphId: graph.id, slug, versionId: null }, 'mutation');

  await page.goto(`/endpoints/${slug}`);
  const card = page.getByRole('region', { name: 'Try it' });
  await card.getByLabel('Question to try').fill('How often should I oil a bicycle chain?');
  await card.getByRole('button', { name: 'Ask' }).click();
  const result = card.getByTestId('try-result');
  await expect(result.getByTestId('answer-text')).toContainText('chain');
  await expect(result).toContainText('succeeded');
  await shot('answered');
  // not a call: the endpoint's own list of calls stays empty
  await expect(page.getByRole('region', { name: 'Recent calls' })).toContainText('No calls yet');
});

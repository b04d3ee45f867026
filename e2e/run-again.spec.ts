import { expect, test } from './fixtures';
import { runsApi } from './fixtures/runs-api';

/** A finished run's page runs its input again: on the version it ran, then on the graph's current draft. */
test('run a finished run again, on its version and on the current draft', async ({ page, request, shot }) => {
  expect((await runsApi.uploadDocs(request, 'docs')).status).toBe('succeeded');
  const graph = await runsApi.graphByName(request, 'Example: answer questions');
  const first = await runsApi.startRun(request, graph.id, graph.latestVersion!.id, { query: 'How often should I oil a bicycle chain?' });
  expect((await runsApi.waitRun(request, first.runId)).status).toBe('succeeded');

  await page.goto(`/runs/${first.runId}`);
  await expect(page.getByTestId('answer-text')).toContainText('chain');
  await shot('finished');
  await page.getByRole('button', { name: 'Run again' }).click();
  await expect(page).not.toHaveURL(new RegExp(`/runs/${first.runId}$`));
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  const again = page.url().split('/').pop()!;
  await expect(page.getByTestId('answer-text')).toContainText('chain');
  await expect(page.locator('.subtitle .badge')).toHaveText(`v${graph.latestVersion!.number}`);
  await expect(page.locator('.subtitle')).toContainText('from editor');

  await page.getByRole('button', { name: 'Run on the current draft' }).click();
  await expect(page).not.toHaveURL(new RegExp(`/runs/${again}$`));
  await expect(page.getByTestId('answer-text')).toContainText('chain');
  await expect(page.locator('.subtitle .badge')).toHaveText('draft');
  await shot('on-draft');
});

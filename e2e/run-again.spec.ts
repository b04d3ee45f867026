import { expect, test } from './fixtures';
import { runsApi } from './fixtures/runs-api';

/** A finished run's page runs its input again: on the version it ran, then on the graph's current draft, and compares the two. */
test('run a finished run again, on its version and on the current draft', async ({ page, request, shot }) => {
  expect((await runsApi.uploadDocs(request, 'docs')).status).toBe('succeeded');
  const graph = await runsApi.graphByName(request, 'Example: answer questions');
  const first = await runsApi.startRun(request, graph.id, graph.latestVersion!.id, { query: 'How often should I oil a bicycle chain?' });
  expect((await runsApi.waitRun(request, first.runId)).status).toBe('succeeded');

  await page.goto(`/runs/${first.runId}`);
  await expect(page.getByTestId('answer-text')).toContainText('chain');
  await shot('finished');
  await page.getByRole('button', { name: 'Run again' }).click();
  await expect(page).toHaveURL(new RegExp(`/runs/[0-9a-f-]{36}\\?after=${first.runId}$`));
  const again = new URL(page.url()).pathname.split('/').pop()!;
  expect(again).not.toBe(first.runId);
  await expect(page.getByTestId('answer-text')).toContainText('chain');
  await expect(page.locator('.subtitle .badge')).toHaveText(`v${graph.latestVersion!.number}`);
  await expect(page.locator('.subtitle')).toContainText('from editor');

  await page.getByRole('button', { name: 'Run on the current draft' }).click();
  await expect(page).toHaveURL(new RegExp(`\\?after=${again}$`));
  await expect(page.getByTestId('answer-text')).toContainText('chain');
  await expect(page.locator('.subtitle .badge')).toHaveText('draft');
  await shot('on-draft');

  // the run it repeats is named, and the two compare node by node
  await page.getByTestId('repeats').getByRole('link', { name: /Compare the two/ }).click();
  await expect(page.getByRole('heading', { name: 'Compare runs' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Run A' })).toContainText(`v${graph.latestVersion!.number}`);
  await expect(page.getByRole('region', { name: 'Run B' })).toContainText('draft');
  for (const node of ['query', 'retrieve', 'answer', 'output']) await expect(page.getByTestId(`compare-row-${node}`)).toBeVisible();
  await page.getByTestId('compare-row-answer').getByRole('button').click();
  await expect(page.getByLabel('Output of answer in B')).toContainText('chain');
  await shot('compared');
});

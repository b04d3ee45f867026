import { expect, test } from './fixtures';

test('the graphs page lists the seeded example graphs', async ({ page, shot }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/graphs$/);
  await expect(page.getByRole('heading', { name: 'Graphs', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Example: ingest documents' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Example: answer questions' })).toBeVisible();
  await shot('graphs');
});

test('an example graph opens with its nodes readable and the side panel saying what it takes and gives', async ({ page, shot }) => {
  await page.goto('/graphs');
  await page.getByRole('link', { name: 'Example: answer questions' }).click();
  const overview = page.getByRole('region', { name: 'This graph' });
  await expect(overview).toBeVisible();
  await expect(overview.getByText('query', { exact: true })).toBeVisible();
  await expect(overview.getByText('The question to answer.', { exact: false })).toBeVisible();
  await expect(overview.getByText('answer', { exact: true })).toBeVisible();
  // the two-row layout opens near readable size, not a third of it
  const box = await page.locator('.react-flow__node').first().boundingBox();
  expect(box!.width).toBeGreaterThan(75);
  await shot('example-query-graph');
});

test('health reports the database', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: 'ok', database: { ok: true } });
});

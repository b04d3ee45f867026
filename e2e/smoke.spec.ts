import { expect, test } from './fixtures';

test('the graphs page lists the seeded example graphs', async ({ page, shot }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/graphs$/);
  await expect(page.getByRole('heading', { name: 'Graphs', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Example: ingest documents' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Example: answer questions' })).toBeVisible();
  await shot('graphs');
});

test('health reports the database', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: 'ok', database: { ok: true } });
});

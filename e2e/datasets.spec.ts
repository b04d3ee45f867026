import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { uniqueName } from './pages/api';

const QUERIES = ['{"_id": "q1", "text": "oiling a bicycle chain"}', '{"_id": "q2", "text": "green tea temperature"}', '{"_id": "q3", "text": "judged, nothing relevant"}', '{"_id": "q4", "text": "nobody judged this"}'].join('\n');
const QRELS = 'query-id\tcorpus-id\tscore\nq1\tbicycle-care.txt\t1\nq2\tgreen-tea.md\t2\nq2\tsourdough.md\t0\nq3\tsourdough.md\t0\n';
const files = (page: import('@playwright/test').Page) => ({
  queries: () => page.getByLabel('Queries').setInputFiles({ name: 'queries.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(QUERIES) }),
  qrels: () => page.getByLabel('Judgements').setInputFiles({ name: 'dev.tsv', mimeType: 'text/tab-separated-values', buffer: Buffer.from(QRELS) }),
});

/** /datasets: add judged queries from BEIR files, see what was kept, refuse a taken name, delete. */
test('add a dataset from BEIR files, open it, and delete it', async ({ page, shot, consoleErrors }) => {
  const name = uniqueName('kitchen dev');
  await page.goto('/datasets');
  await expect(page.getByRole('heading', { name: 'Datasets', level: 1 })).toBeVisible();
  const form = page.getByRole('region', { name: 'Add a dataset' });
  await expect(form.getByRole('button', { name: 'Add dataset' })).toBeDisabled();
  await files(page).queries();
  await files(page).qrels();
  // named after the judgements file until the user names it
  await expect(form.getByLabel('Dataset name')).toHaveValue('dev');
  await form.getByLabel('Dataset name').fill(name);
  await form.getByLabel('Description').fill('three kitchen and garage notes');
  await form.getByRole('button', { name: 'Add dataset' }).click();

  await expect(page).toHaveURL(/\/datasets\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await expect(page.getByTestId('dataset-stats')).toContainText('2 judged queries · 3 judgements');
  await expect(page.getByTestId('dataset-stats')).toContainText('three kitchen and garage notes');
  await expect(page.getByRole('region', { name: 'Queries' })).toContainText('All 2. Left out of the files: 1 unjudged query, 1 query with no relevant document.');
  await expect(page.getByRole('table', { name: 'Judged queries' }).locator('tbody tr')).toHaveText([/q1\s*oiling a bicycle chain\s*1/, /q2\s*green tea temperature\s*1/]);
  await expect(page.getByTestId('standings-empty')).toContainText('No version has been scored on this dataset yet');
  // a command that pastes into a shell as it is (straight quotes)
  await expect(page.getByTestId('standings-empty').locator('code')).toHaveText(`npm run rag -- eval --dataset "${name}" --graph NAME --collection NAME`);
  await shot('dataset');

  // it downloads as the BEIR files it came from, less what was left out
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'qrels.tsv' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^kitchen-dev-\w+-qrels\.tsv$/);
  expect(readFileSync(await download.path(), 'utf8')).toBe('query-id\tcorpus-id\tscore\nq1\tbicycle-care.txt\t1\nq2\tgreen-tea.md\t2\nq2\tsourdough.md\t0\n');

  await page.getByRole('link', { name: 'Datasets' }).first().click();
  const row = page.getByTestId('dataset-row').filter({ hasText: name });
  await expect(row).toContainText('three kitchen and garage notes');
  await expect(row.locator('td')).toHaveText([new RegExp(name), '2', '3', '0', 'never', /ago|now/]);
  await shot('datasets');

  // a dataset never changes: the same name again is refused with what to do
  await files(page).queries();
  await files(page).qrels();
  await form.getByLabel('Dataset name').fill(name);
  await form.getByRole('button', { name: 'Add dataset' }).click();
  await expect(form.locator('.alert.error')).toContainText(`a dataset named "${name}" already exists: choose another name, or delete it first`);
  expect(consoleErrors.splice(0).filter((e) => !/status of 409 .*\/api\/trpc\/dataset\.create/.test(e))).toEqual([]);

  await row.getByRole('link', { name }).click();
  // its name and description may change, never its queries
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  const edit = page.getByRole('dialog', { name: 'Edit dataset' });
  await expect(edit.getByRole('button', { name: 'Save' })).toBeDisabled();
  await edit.getByLabel('Name').fill(`${name} (garage)`);
  await edit.getByLabel('Description').fill('two kitchen and garage notes');
  await shot('dataset-edit');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toHaveCount(0);
  await expect(page.getByRole('heading', { name: `${name} (garage)` })).toBeVisible();
  await expect(page.getByTestId('dataset-stats')).toContainText('2 judged queries · 3 judgements');
  await expect(page.getByTestId('dataset-stats')).toContainText('two kitchen and garage notes');
  await page.getByRole('button', { name: 'Delete dataset' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete dataset?' });
  await expect(confirm).toContainText('The 0 evaluations made on it keep their scores');
  await confirm.getByRole('button', { name: 'Delete dataset' }).click();
  await expect(page).toHaveURL(/\/datasets$/);
  await expect(page.getByTestId('dataset-row').filter({ hasText: name })).toHaveCount(0);
});

test('files too big to send together are refused before sending, with the way round', async ({ page }) => {
  await page.goto('/datasets');
  const form = page.getByRole('region', { name: 'Add a dataset' });
  // each file is under the 4 MB per-file limit; as one JSON body they are over 8 MB
  const lines = (count: number, line: (i: number) => string) => Buffer.from(Array.from({ length: count }, (_, i) => line(i)).join(''));
  await page.getByLabel('Queries').setInputFiles({ name: 'queries.jsonl', mimeType: 'application/jsonl', buffer: lines(60_000, (i) => `{"_id": "q${i}", "text": "a question about tea ${i}"}\n`) });
  await page.getByLabel('Judgements').setInputFiles({ name: 'big.tsv', mimeType: 'text/tab-separated-values', buffer: lines(235_000, (i) => `q${i % 60_000}\td${i}\t1\n`) });
  await expect(form.locator('.alert.error')).toContainText("over the editor's 8 MB: add this dataset with npm run rag -- datasets add");
  await expect(form.getByRole('button', { name: 'Add dataset' })).toBeDisabled();
});

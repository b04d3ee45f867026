import { expect, test } from './fixtures';
import { docFiles, runsApi } from './fixtures/runs-api';

/** A collection's page: its documents, upload more into it, delete one (with confirmation). */
test('browse a collection, upload into it and delete a document', async ({ page, request, shot }) => {
  const collection = `notes-${Date.now().toString(36)}`;
  expect((await runsApi.uploadDocs(request, collection)).status).toBe('succeeded');

  await page.goto('/collections');
  await page.getByRole('link', { name: collection }).click();
  await expect(page).toHaveURL(new RegExp(`/collections/${collection}$`));
  await expect(page.getByRole('heading', { name: collection })).toBeVisible();
  await expect(page.getByTestId('collection-stats')).toContainText('3 documents');
  const rows = page.getByTestId('document-row');
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: 'sourdough.md' })).toContainText('Sourdough bread');

  // search narrows the list
  await page.getByLabel('Search documents').fill('bicycle');
  await expect(rows).toHaveCount(1);
  await page.getByLabel('Search documents').fill('');
  await expect(rows).toHaveCount(3);

  // upload the same files again: unchanged documents are skipped, the count stays
  const upload = page.getByTestId('upload-panel');
  await page.getByTestId('file-input').setInputFiles(docFiles().slice(0, 1));
  await upload.getByRole('button', { name: `Upload 1 file to ${collection}` }).click();
  await expect(upload.getByTestId('ingest-progress')).toHaveAttribute('data-status', 'succeeded', { timeout: 60_000 });
  await expect(upload.getByTestId('ingest-summary')).toContainText('1 skipped unchanged');
  await shot('collection');

  // delete one document: cancel first, then confirm
  await page.getByRole('button', { name: 'Delete bicycle-care.txt' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete document?' });
  await expect(dialog).toContainText('bicycle-care');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(rows).toHaveCount(3);
  await page.getByRole('button', { name: 'Delete bicycle-care.txt' }).click();
  await dialog.getByRole('button', { name: 'Delete document' }).click();
  await expect(dialog).toBeHidden();
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId('collection-stats')).toContainText('2 documents');
  await shot('deleted');
});

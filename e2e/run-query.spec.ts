import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { docFiles } from './fixtures/runs-api';

const SAMPLE_GUIDES = readdirSync(join(import.meta.dirname, '..', 'prisma', 'seed', 'sample-documents')).filter((name) => name.endsWith('.md')).length;

/** Opens the example query graph from the Graphs page and asks it a question in its run panel (focused on opening). */
async function askTheExample(page: Page, question: string) {
  await page.goto('/graphs');
  await page.getByRole('link', { name: 'Example: answer questions' }).click();
  await expect(page.getByTestId('canvas')).toBeVisible();
  await page.getByRole('button', { name: '▶ Run' }).first().click();
  const panel = page.getByTestId('run-panel');
  await expect(panel.getByLabel('Question')).toBeFocused();
  await panel.getByLabel('Question').fill(question);
  await panel.getByRole('button', { name: '▶ Run' }).click();
  return panel;
}

/**
 * The first-time path: a fresh install has put its guides into the "docs" collection (which the
 * example query graph reads), so the example answers at once; then upload documents of one's own
 * into "docs", open the example query graph, ask a question in the editor's run panel, watch the
 * nodes go green and read the answer with its citations.
 */
test('the example query graph answers from the sample guides, then from uploaded documents, in the editor', async ({ page, shot }) => {
  // ingested in the background when the server first started (other specs may have added theirs)
  await expect(async () => {
    await page.goto('/collections/docs');
    await expect(page.getByRole('cell', { name: 'publishing-endpoints.md', exact: true })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 90_000 });
  await expect(page.getByTestId('collection-description')).toContainText('Short guides to Ragraph');
  await shot('sample-guides');

  const firstPanel = await askTheExample(page, 'How do I publish a graph as an endpoint?');
  await expect(firstPanel.getByTestId('answer-text')).toContainText('then press Publish', { timeout: 60_000 });
  await expect(firstPanel.getByTestId('citation').first()).toContainText('publishing-endpoints.md');
  await shot('answered-from-guides');

  await page.goto('/collections');
  await expect(page.getByRole('heading', { name: 'Collections', exact: true })).toBeVisible();
  const docsRow = page.getByTestId('collection-row').filter({ hasText: 'docs' });
  const upload = page.getByTestId('upload-panel');
  await upload.getByLabel('Collection').fill('docs');
  await expect(upload.getByLabel('Ingestion graph')).toHaveValue(/.+/);
  await page.getByTestId('file-input').setInputFiles(docFiles());
  await expect(upload.getByRole('list', { name: 'Chosen files' }).getByRole('listitem')).toHaveCount(3);
  await upload.getByRole('button', { name: /^Upload 3 files to docs$/ }).click();

  await expect(upload.getByRole('progressbar', { name: 'Upload progress' })).toBeVisible();
  await expect(upload.getByRole('progressbar', { name: 'Upload progress' })).toHaveAttribute('aria-valuenow', '100');
  const ingest = upload.getByTestId('ingest-progress');
  await expect(ingest).toHaveAttribute('data-status', 'succeeded', { timeout: 60_000 });
  await expect(upload.getByRole('progressbar', { name: 'Ingestion progress' })).toHaveAttribute('aria-valuenow', '100');
  await expect(upload.getByTestId('ingest-summary')).toContainText('3 documents');
  // the guides and the three uploaded files (the same three, should another spec have sent them first)
  await expect(docsRow.locator('td').nth(3)).toHaveText(String(SAMPLE_GUIDES + 3));
  await shot('uploaded');

  // the example query graph, in the editor
  const panel = await askTheExample(page, 'At what temperature should green tea be brewed?');

  // node statuses arrive live: every node of the graph ends succeeded (or skipped: the guard's blocked branch)
  for (const node of ['query', 'guard', 'condense', 'embed', 'retrieve', 'rerank', 'prompt', 'answer', 'output']) {
    await expect(panel.getByTestId(`run-node-${node}`)).toHaveAttribute('data-status', /succeeded|skipped/, { timeout: 60_000 });
  }
  // … and colour the canvas nodes
  const outline = await page.getByTestId('node-retrieve').evaluate((el) => getComputedStyle(el).outlineColor);
  expect(outline).toBe('rgb(22, 163, 74)');

  const answer = panel.getByTestId('answer-text');
  await expect(answer).toContainText('80 degrees');
  const citations = panel.getByTestId('citation');
  await expect(citations.first()).toContainText('green-tea.md');
  await shot('answered');

  // a follow-up in the same conversation: the first exchange goes with it as the run input's history
  await panel.getByRole('button', { name: 'Ask a follow-up' }).click();
  const conversation = panel.getByTestId('run-conversation');
  await expect(conversation).toContainText('You: At what temperature should green tea be brewed?');
  await expect(conversation).toContainText('Answer: ');
  const followUp = panel.getByLabel('Follow-up question');
  await expect(followUp).toBeFocused();
  await followUp.fill('And for how many minutes?');
  await panel.getByRole('button', { name: '▶ Run' }).click();
  await expect(answer).toContainText('three minutes', { timeout: 60_000 });
  await shot('follow-up');

  // the run is in the history, with its timeline and the conversation it was asked in
  await panel.getByTestId('run-detail-link').click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: /^Run / })).toContainText('succeeded');
  await expect(page.getByTestId('answer-text')).toContainText('80 degrees');
  await expect(page.getByRole('region', { name: 'Input' })).toContainText('history');
  await expect(page.getByRole('region', { name: 'Input' })).toContainText('At what temperature should green tea be brewed?');
  await expect(page.getByTestId('timeline-row-retrieve')).toBeVisible();
  await shot('run-detail');

  // the run panel belongs to the graph it was opened on: another graph, reached by in-app links,
  // opens with its panel closed
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Graphs' }).click();
  await page.getByRole('link', { name: 'Example: ingest documents' }).click();
  await expect(page.getByTestId('canvas')).toBeVisible();
  const ingestPanel = page.getByTestId('run-panel');
  await expect(ingestPanel.getByRole('button', { name: /Run$/ }).first()).toHaveAttribute('aria-expanded', 'false');

  // a file too big to travel inside a run request is refused with the way to upload it instead
  await page.getByRole('button', { name: '▶ Run' }).first().click();
  await ingestPanel.locator('input[type=file]').setInputFiles({ name: 'big.txt', mimeType: 'text/plain', buffer: Buffer.alloc(6 * 1024 * 1024, 'a') });
  await ingestPanel.getByRole('button', { name: '▶ Run' }).click();
  await expect(ingestPanel.getByRole('alert')).toContainText('Collections page');
  await shot('run-panel-file-too-big');
});

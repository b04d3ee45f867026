import { expect, test } from './fixtures';
import { runsApi } from './fixtures/runs-api';

/** Run history: filter the list, open a run, read its timeline and one node's full output. */
test('filter the run history, open a run and inspect a node', async ({ page, request, shot }) => {
  const ingest = await runsApi.uploadDocs(request, 'docs');
  expect(ingest.status).toBe('succeeded');
  const graph = await runsApi.graphByName(request, 'Example: answer questions');
  const ok = await runsApi.startRun(request, graph.id, graph.latestVersion!.id, { query: 'How often should I oil a bicycle chain?' });
  expect((await runsApi.waitRun(request, ok.runId)).status).toBe('succeeded');
  // a run that fails: an empty file cannot be parsed
  const ingestGraph = await runsApi.graphByName(request, 'Example: ingest documents');
  const bad = await runsApi.startRun(request, ingestGraph.id, null, { files: [{ name: 'empty.txt', contentBase64: '' }] });
  expect((await runsApi.waitRun(request, bad.runId)).status).toBe('failed');

  await page.goto('/runs');
  await expect(page.getByRole('heading', { name: 'Runs', exact: true })).toBeVisible();
  const rows = page.getByTestId('run-row');
  await expect(rows.first()).toBeVisible();
  const all = await rows.count();
  expect(all).toBeGreaterThanOrEqual(3);
  await shot('all');

  // filter: the query graph, its version 1, succeeded
  await page.getByLabel('Graph').selectOption({ label: 'Example: answer questions' });
  await expect(page).toHaveURL(new RegExp(`graph=${graph.id}`));
  await page.getByLabel('Version').selectOption({ label: 'v1 — Example graph' });
  await page.getByLabel('Status').selectOption('succeeded');
  await expect(rows.first()).toContainText('Example: answer questions');
  for (const row of await rows.all()) {
    await expect(row).toContainText('Example: answer questions');
    await expect(row).toContainText('succeeded');
    await expect(row).toContainText('v1');
  }
  const okRow = page.locator(`[data-run-id="${ok.runId}"]`);
  await expect(okRow).toBeVisible();
  // a status with no runs for this graph says so
  await page.getByLabel('Status').selectOption('cancelled');
  await expect(page.getByText('No run matches these filters')).toBeVisible();
  await page.getByLabel('Status').selectOption('succeeded');
  await shot('filtered');

  // the failed ingestion shows up under "failed"
  await page.getByRole('button', { name: 'Clear' }).click();
  await page.getByLabel('Status').selectOption('failed');
  await expect(page.locator(`[data-run-id="${bad.runId}"]`)).toBeVisible();
  await expect(page.locator(`[data-run-id="${ok.runId}"]`)).toHaveCount(0);
  await page.getByLabel('Status').selectOption('succeeded');

  // open the run: timeline, then a node's details and full output
  await page.locator(`[data-run-id="${ok.runId}"]`).getByRole('link', { name: /^Open run/ }).click();
  await expect(page).toHaveURL(new RegExp(`/runs/${ok.runId}$`));
  await expect(page.getByTestId('answer-text')).toContainText('chain');
  const timeline = page.getByTestId('timeline');
  for (const node of ['query', 'guard', 'condense', 'embed', 'retrieve', 'rerank', 'prompt', 'answer', 'output']) {
    await expect(timeline.getByTestId(`timeline-row-${node}`)).toBeVisible();
  }
  await expect(timeline.getByTestId('timeline-row-retrieve')).toHaveAttribute('data-status', 'succeeded');
  await timeline.getByTestId('timeline-row-retrieve').click();
  const detail = page.getByTestId('node-detail');
  await expect(detail.getByRole('heading', { name: 'retrieve' })).toBeVisible();
  await expect(detail).toContainText('retrieve.pgvector');
  await expect(detail).toContainText('cpu');
  // the example retriever expands the question by relevance feedback: the trace lists the terms added
  await expect(detail.getByTestId('node-metrics')).toContainText(/expandedWith \w+, \w+/);
  await detail.getByRole('button', { name: 'Show full output' }).click();
  await expect(detail.getByTestId('full-output')).toContainText('bicycle-care.txt');
  await shot('node-output');
  // the exit node's full output is its part of the run output (stored once, with the run)
  await timeline.getByTestId('timeline-row-output').click();
  await expect(detail.getByRole('heading', { name: 'output', exact: true })).toBeVisible();
  await detail.getByRole('button', { name: 'Show full output' }).click();
  await expect(detail.getByTestId('full-output')).toContainText('chain');
  await shot('exit-node-output');
  // its input is the answer node's output: the preview says so and leads there
  const sources = detail.getByRole('list', { name: 'Inputs of output from other nodes' });
  await expect(sources).toContainText('answer ← output answer of answer');
  await sources.getByRole('button', { name: 'answer' }).click();
  await expect(detail.getByRole('heading', { name: 'answer', exact: true })).toBeVisible();
  await expect(detail.getByRole('list', { name: 'Inputs of answer from other nodes' })).toContainText('prompt');
  await shot('node-input-sources');

  // the failed run's detail shows its error and leads to the node at fault
  await page.goto(`/runs/${bad.runId}`);
  await expect(page.getByTestId('run-error')).toContainText('EMPTY_INPUT');
  await page.getByTestId('run-error').getByRole('button', { name: 'Show node parse' }).click();
  await expect(page.getByTestId('node-detail')).toContainText('"empty.txt" is empty');
  await expect(page.getByTestId('timeline-row-parse')).toHaveAttribute('data-status', 'failed');
  await shot('failed-run');

  // two ticked runs open side by side
  await page.goto('/runs');
  await page.getByLabel(`Compare run ${ok.runId.slice(0, 8)}`).check();
  await page.getByLabel(`Compare run ${bad.runId.slice(0, 8)}`).check();
  await page.getByRole('link', { name: 'Compare the 2 ticked runs →' }).click();
  await expect(page.getByRole('heading', { name: 'Compare runs' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Run B' })).toContainText('failed');
  await expect(page.getByTestId('compare-row-parse')).toContainText('not run'); // only the ingestion graph has it
  await shot('compared');
});

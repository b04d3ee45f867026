import { expect, test } from './fixtures';
import { runsApi } from './fixtures/runs-api';

/** A slow graph (query → delay → result): its run page updates live, a run can be cancelled, and the Workers page names it. */
const slowSpec = (ms: number) => ({
  schemaVersion: 1,
  nodes: [
    { id: 'query', type: 'io.query-input', typeVersion: 1, config: {}, position: { x: 0, y: 0 } },
    { id: 'wait', type: 'util.delay', typeVersion: 1, config: { ms }, position: { x: 260, y: 0 } },
    { id: 'result', type: 'io.result-output', typeVersion: 1, config: { field: 'echo' }, position: { x: 520, y: 0 } },
  ],
  edges: [
    { id: 'e1', from: { node: 'query', port: 'query' }, to: { node: 'wait', port: 'value' } },
    { id: 'e2', from: { node: 'wait', port: 'value' }, to: { node: 'result', port: 'value' } },
  ],
});

test('a running run updates live on its page, then shows its output', async ({ page, request, shot }) => {
  const graph = await runsApi.createGraph(request, `Slow echo ${Date.now().toString(36)}`, slowSpec(8000));
  const { runId } = await runsApi.startRun(request, graph.id, null, { query: 'hello there' });
  await page.goto(`/runs/${runId}`);
  const heading = page.getByRole('heading', { name: /^Run / });
  await expect(heading).toContainText('running');
  await expect(page.getByTestId('timeline-row-wait')).toHaveAttribute('data-status', 'running');
  await shot('running');
  await expect(heading).toContainText('succeeded', { timeout: 20_000 });
  await expect(page.getByTestId('timeline-row-wait')).toHaveAttribute('data-status', 'succeeded');
  await expect(page.getByRole('region', { name: 'Output' })).toContainText('hello there');
  await shot('finished');
});

test('a long run can be cancelled from its page', async ({ page, request }) => {
  const graph = await runsApi.createGraph(request, `Very slow echo ${Date.now().toString(36)}`, slowSpec(60_000));
  const { runId } = await runsApi.startRun(request, graph.id, null, { query: 'never mind' });
  await page.goto(`/runs/${runId}`);
  const heading = page.getByRole('heading', { name: /^Run / });
  await expect(heading).toContainText('running');
  await page.getByRole('button', { name: 'Cancel run' }).click();
  await expect(heading).toContainText('cancelled', { timeout: 20_000 });
  await expect(page.getByTestId('run-error')).toContainText('CANCELLED');
  await expect(page.getByRole('button', { name: 'Cancel run' })).toHaveCount(0);
});

test('the Workers page shows the worker alive, its device, its models and their batching, and the run it is orchestrating', async ({ page, request, shot }) => {
  // ingesting embeds the chunks with GloVe, through its batcher
  expect((await runsApi.uploadDocs(request, 'docs')).status).toBe('succeeded');
  const graph = await runsApi.createGraph(request, `Slow echo for workers ${Date.now().toString(36)}`, slowSpec(15_000));
  const { runId } = await runsApi.startRun(request, graph.id, null, { query: 'who runs me' });
  await page.goto('/workers');
  await expect(page.getByRole('heading', { name: 'Workers', exact: true })).toBeVisible();
  const row = page.getByTestId('worker-row').first();
  await expect(row).toContainText('alive');
  await expect(row).toContainText('cpu');
  const glove = row.getByTestId('loaded-model').filter({ hasText: 'glove' });
  await expect(glove).toContainText('MB');
  // ingesting ran batches: how many requests they merged, how long they waited, the fitted batch time once past warm-up
  await expect(glove.getByTestId('model-batching')).toContainText(
    /^last (batch: \d+ requests?, [\d.]+ items? · it waited [\d.]+ ms|\d+ batches: (one request each \(none arrived together\), of [\d.]+ items? on average|[\d.]+ requests merged on average \(max \d+\), [\d.]+ items? in all) · each waited up to [\d.]+ ms) for its batch/,
    { timeout: 15_000 },
  );
  // the in-process runner both orchestrates and executes
  await expect(row.getByTestId('worker-roles')).toContainText('orchestrates runs · executes nodes');
  // the worker's heartbeat (every 5 s) names the run, and the page (refreshed every 5 s) links it
  const link = row.getByTestId('worker-runs').getByRole('link', { name: `Open run ${runId.slice(0, 8)}` });
  await expect(link).toBeVisible({ timeout: 15_000 });
  await shot('orchestrating');
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/runs/${runId}$`));
  await page.getByRole('button', { name: 'Cancel run' }).click();
  await expect(page.getByRole('heading', { name: /^Run / })).toContainText('cancelled', { timeout: 20_000 });
});

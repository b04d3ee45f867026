import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GraphSpec } from '../nodes/core/spec';
import { expect, test } from './fixtures';
import { runsApi } from './fixtures/runs-api';
import { api, call, uniqueName } from './pages/api';
import { EditorPage } from './pages/editor-page';

const QUERIES = [
  { _id: 'q1', text: 'how often should I oil a bicycle chain' },
  { _id: 'q2', text: 'what water temperature for brewing green tea' },
  { _id: 'q3', text: 'feeding a sourdough starter' },
];
const QRELS = 'query-id\tcorpus-id\tscore\nq1\tbicycle-care.txt\t1\nq2\tgreen-tea.md\t1\nq3\tsourdough.md\t1\n';

/** The example query graph over `collection`, its retriever's config changed by `retriever`. */
function querySpec(collection: string, retriever: Record<string, unknown> = {}): GraphSpec {
  const spec = JSON.parse(readFileSync(join(import.meta.dirname, '../prisma/seed/examples/query.graph.json'), 'utf8')) as GraphSpec;
  return { ...spec, nodes: spec.nodes.map((n) => (n.type === 'retrieve.pgvector' ? { ...n, config: { ...n.config, collection, ...retriever } } : n)) };
}

/**
 * A rollout gated on quality: the candidate staged as a 0 % canary from the Routing card, the main
 * version evaluated through the public API (as a pipeline holding only an API key does) and the
 * canary from the endpoint's page; the Quality card shows their scores side by side with the
 * canary's change.
 */
test('an endpoint shows the scores of its main version beside its staged canary’s, evaluated over the public API and from the page', async ({ page, request, shot }) => {
  const collection = uniqueName('quality').replace(/\W+/g, '-');
  expect((await runsApi.uploadDocs(request, collection)).status).toBe('succeeded');
  const graph = await api.createGraph(request, uniqueName('Gated'), querySpec(collection));
  const v1 = await api.saveVersion(request, graph.id, null, 'example settings');
  // the candidate: a retriever filter no passage matches, a regression the gate must catch
  const v2 = await call<{ id: string }>(request, 'version.save', { graphId: graph.id, baseVersionId: v1.id, spec: querySpec(collection, { filters: { never: 'matches' } }), message: 'filter everything out' }, 'mutation');
  const slug = `gated-${Date.now().toString(36)}`;
  await call(request, 'endpoint.publish', { graphId: graph.id, slug, versionId: v1.id }, 'mutation');
  const dataset = uniqueName('kitchen questions');
  await call(request, 'dataset.create', { name: dataset, queriesText: QUERIES.map((q) => JSON.stringify(q)).join('\n'), qrelsText: QRELS }, 'mutation');

  await page.goto(`/endpoints/${slug}`);
  // the candidate is staged as a canary at 0 %: on the endpoint, serving no calls
  await page.getByLabel('Canary', { exact: true }).selectOption({ label: 'v2' });
  await page.getByLabel('Canary share in percent').fill('0');
  await page.getByRole('button', { name: 'Apply routing' }).click();
  await expect(page.getByRole('list', { name: 'Routing history' }).locator('li').first()).toContainText('all calls to v1, canary v2 staged (no calls)');
  await expect(page.getByText('serving v1 · canary v2 staged')).toBeVisible();
  const card = page.getByRole('region', { name: 'Quality' });
  await expect(card).toContainText('No scores for the versions it serves yet. Evaluate v1 or the canary v2 on a dataset of judged queries here');
  await expect(card.locator('code')).toHaveText(`POST /api/v1/endpoints/${slug}/evaluations`);
  await shot('endpoint-quality-empty');

  const { secret } = await call<{ secret: string }>(request, 'apiKey.create', { name: 'pipeline', scopes: ['*'] }, 'mutation');
  const evaluate = async (version: 'main' | 'canary') => {
    const response = await request.post(`/api/v1/endpoints/${slug}/evaluations`, { headers: { authorization: `Bearer ${secret}` }, data: { dataset, version } });
    expect(response.status()).toBe(202);
    const started = (await response.json()) as { statusUrl: string };
    await expect
      .poll(async () => ((await (await request.get(started.statusUrl, { headers: { authorization: `Bearer ${secret}` } })).json()) as { status: string }).status, { timeout: 60_000 })
      .toBe('succeeded');
  };
  await evaluate('main');
  const row = card.getByTestId('quality-row');
  await expect(row.locator('td').nth(1).locator('.score')).toHaveCount(3, { timeout: 15_000 });
  await expect(row.locator('td').nth(2)).toHaveText('not scored');
  // the canary from the page: Evaluate… offers it first (no dataset has scored it), on the dataset main was scored on
  await card.getByRole('button', { name: 'Evaluate…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Evaluate a version' });
  await expect(dialog.getByLabel('Version')).toHaveValue(v2.id);
  await expect(dialog.getByLabel('Version').locator('option')).toHaveCount(2);
  await expect(dialog.getByLabel('Dataset', { exact: true }).locator('option:checked')).toHaveText(new RegExp(`^${dataset} \\(3 queries\\)`));
  await shot('endpoint-evaluate-dialog');
  await dialog.getByRole('button', { name: 'Start evaluation' }).click();
  await expect(dialog).toHaveCount(0);

  await expect(row).toHaveCount(1);
  await expect(row.locator('td').nth(2).locator('.score')).toHaveCount(3, { timeout: 30_000 });
  await expect(card.getByRole('columnheader')).toHaveText(['Dataset', 'Main · v1', 'Canary · v2']);
  const [main, canary] = [row.locator('td').nth(1), row.locator('td').nth(2)];
  await expect(main.locator('.score').first()).toHaveText(/nDCG@10\s*1\.000/);
  await expect(canary.locator('.score').first()).toHaveText(/nDCG@10\s*0\.000\s*−1\.000/);
  await expect(canary.locator('.delta.down').first()).toBeVisible();
  await row.getByRole('link', { name: dataset }).scrollIntoViewIfNeeded();
  await shot('endpoint-quality');
  await row.getByRole('link', { name: dataset }).click();
  await expect(page.getByRole('heading', { name: dataset })).toBeVisible();

  // the graph's History says which versions the endpoint serves, beside their scores
  const editor = new EditorPage(page);
  await editor.open(graph.id);
  await editor.openHistory();
  await expect(page.getByTestId('version-1').getByTestId('served-by')).toHaveText(slug);
  await expect(page.getByTestId('version-2').getByTestId('served-by')).toHaveText(`${slug} · canary staged`);
  await expect(page.getByTestId('version-2').getByTestId('served-by')).toHaveAttribute('title', `staged as the canary of ${slug}: serves no calls yet`);
  await shot('history-served-by');
  await page.getByTestId('version-1').getByTestId('served-by').click();
  await expect(page).toHaveURL(new RegExp(`/endpoints/${slug}$`));
});

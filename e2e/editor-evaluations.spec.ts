import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GraphSpec } from '../nodes/core/spec';
import { expect, test } from './fixtures';
import { runsApi } from './fixtures/runs-api';
import { api, call, planSpec, queryPlan, uniqueName } from './pages/api';
import { EditorPage } from './pages/editor-page';

/**
 * Evaluations in the editor's history: a graph never scored shows how to score it; scores recorded
 * through the API (as `rag eval` records them) appear beside their versions, each metric with its
 * change since the older version scored on the same dataset.
 */
test('the history shows each version’s retrieval scores and their change between versions', async ({ page, request, shot }) => {
  const plan = queryPlan();
  const name = uniqueName('Scored');
  const graph = await api.createGraph(request, name, planSpec(plan, plan.field.first));
  const v1 = await api.saveVersion(request, graph.id, null, 'Baseline');
  const editor = new EditorPage(page);
  await editor.open(graph.id);
  await editor.openHistory();
  const hint = page.locator('.history-hint');
  await expect(hint).toContainText('scores a version on a dataset of judged queries');
  await expect(page.locator('.history-hint code')).toHaveText(`npm run rag -- eval --graph "${name}@1" --collection NAME --queries queries.jsonl --qrels qrels.tsv`);
  await shot('unscored');

  const v2 = await api.saveVersion(request, graph.id, v1.id, 'Tuned');
  const record = (versionId: string, metrics: Record<string, number>, extra: Record<string, unknown> = {}) =>
    call(request, 'evaluation.record', { versionId, dataset: 'scifact train', collection: 'scifact', queries: 809, metrics, ...extra }, 'mutation');
  await record(v1.id, { ndcg10: 0.6935, recall100: 0.917, mrr10: 0.655 });
  await record(v2.id, { ndcg10: 0.7012, recall100: 0.9101, mrr10: 0.655 }, { failed: 3 });
  await page.reload();
  await editor.openHistory();

  const second = page.getByTestId('version-2').getByTestId('version-score');
  await expect(second).toContainText('scifact train · 809 queries · 3 failed');
  const scores = (locator: typeof second) => locator.locator('.score').evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => (cell as HTMLElement).innerText.replace(/\s+/g, ' ').trim())));
  expect(await scores(second)).toEqual([
    ['nDCG@10', '0.701 +0.008'],
    ['Recall@100', '0.910 −0.007'],
    ['MRR@10', '0.655 ±0.000'],
  ]);
  await expect(second.locator('.delta.up')).toHaveText('+0.008');
  await expect(second.locator('.delta.down')).toHaveText('−0.007');
  const first = page.getByTestId('version-1').getByTestId('version-score');
  expect(await scores(first)).toEqual([
    ['nDCG@10', '0.694'],
    ['Recall@100', '0.917'],
    ['MRR@10', '0.655'],
  ]);
  await expect(first.locator('.delta')).toHaveCount(0);
  await expect(hint).toHaveCount(0);
  await shot('scored');
  // recorded without per-query lines: the details say so
  await second.getByRole('button', { name: 'Queries of the evaluation on scifact train' }).click();
  const details = page.getByRole('dialog', { name: 'v2 on scifact train' });
  await expect(details).toContainText('recorded without per-query results');
});

const QRELS = 'query-id\tcorpus-id\tscore\nq1\tbicycle-care.txt\t1\nq2\tgreen-tea.md\t1\nq3\tsourdough.md\t1\n';

/**
 * The whole path from the editor: a query graph, Evaluate… with BEIR files (stored as a new
 * dataset) on the uploaded collection the judgements are about (the graph's retriever names another),
 * the evaluation's runs, its scores beside the version, and the dataset's page ranking both versions.
 */
test('evaluate a version from the editor on a new dataset from BEIR files', async ({ page, request, shot }) => {
  const collection = uniqueName('kitchen').replace(/\W+/g, '-');
  const ingested = await runsApi.uploadDocs(request, collection);
  expect(ingested.status).toBe('succeeded');
  const example = JSON.parse(readFileSync(join(import.meta.dirname, '../prisma/seed/examples/query.graph.json'), 'utf8')) as { spec?: GraphSpec } & GraphSpec;
  const spec = example.spec ?? example;
  const elsewhere = { ...spec, nodes: spec.nodes.map((n) => (n.type === 'retrieve.pgvector' ? { ...n, config: { ...n.config, collection: `${collection}-not-here` } } : n)) };
  const graph = await api.createGraph(request, uniqueName('Evaluated'), elsewhere);
  await api.saveVersion(request, graph.id, null, 'Example settings');

  const editor = new EditorPage(page);
  await editor.open(graph.id);
  await editor.openHistory();
  await page.getByRole('button', { name: 'Evaluate…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Evaluate a version' });
  await dialog.getByLabel('Dataset', { exact: true }).selectOption({ label: 'New dataset from files…' });
  const queries = [
    { _id: 'q1', text: 'how often should I oil a bicycle chain' },
    { _id: 'q2', text: 'what water temperature for brewing green tea' },
    { _id: 'q3', text: 'feeding a sourdough starter' },
  ];
  await dialog.getByLabel('Queries').setInputFiles({ name: 'queries.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(queries.map((q) => JSON.stringify(q)).join('\n')) });
  await dialog.getByLabel('Judgements').setInputFiles({ name: 'test.tsv', mimeType: 'text/tab-separated-values', buffer: Buffer.from(QRELS) });
  // the dataset is named after the judgements file until the user names it
  await expect(dialog.getByLabel('Dataset name')).toHaveValue('test');
  const dataset = uniqueName('kitchen questions');
  await dialog.getByLabel('Dataset name').fill(dataset);
  await expect(dialog.getByLabel('Collection', { exact: true })).toHaveValue('');
  await dialog.getByLabel('Collection', { exact: true }).selectOption(collection);
  await shot('evaluate-dialog');
  await dialog.getByRole('button', { name: 'Add dataset and evaluate' }).click();
  await expect(dialog).toHaveCount(0);

  const first = page.getByTestId('version-1').getByTestId('version-score');
  await expect(first).toContainText(`${dataset} · 3 queries`, { timeout: 60_000 });
  await expect(first.locator('.score').first()).toHaveText(/nDCG@10\s*1\.000/);
  await expect(page.getByTestId('evaluation-running')).toHaveCount(0);
  await shot('evaluated');

  // query by query, each with its run
  await first.getByRole('button', { name: `Queries of the evaluation on ${dataset}` }).click();
  const details = page.getByRole('dialog', { name: `v1 on ${dataset}` });
  await expect(details.getByTestId('evaluation-summary')).toHaveText('3 queries · weakest first');
  await expect(details.getByTestId('evaluation-query')).toHaveCount(3);
  await expect(details.getByTestId('evaluation-query').first()).toContainText('how often should I oil a bicycle chain');
  await expect(details.getByRole('link', { name: 'Open' })).toHaveCount(3);
  await details.getByRole('button', { name: 'Close' }).click();

  // a second version scored on the same dataset is compared query by query with the first
  const v1 = (await api.listVersions(request, graph.id))[0]!;
  const v2 = await api.saveVersion(request, graph.id, v1.id, 'Same settings again');
  const stored = (await call<{ id: string; name: string }[]>(request, 'dataset.list', undefined, 'query')).find((d) => d.name === dataset)!;
  await call(request, 'evaluation.start', { versionId: v2.id, datasetId: stored.id, collection }, 'mutation');
  await page.reload();
  await editor.openHistory();
  const second = page.getByTestId('version-2').getByTestId('version-score');
  await expect(second).toContainText(`${dataset} · 3 queries`, { timeout: 60_000 });
  await expect(second.locator('.score').first()).toHaveText(/nDCG@10\s*1\.000\s*±0\.000/);
  // Evaluate… offers the dataset this graph was last evaluated on, not the first one by name
  await call(request, 'dataset.create', { name: uniqueName('aaa first by name'), queriesText: queries.map((q) => JSON.stringify(q)).join('\n'), qrelsText: QRELS }, 'mutation');
  await page.getByRole('button', { name: 'Evaluate…' }).click();
  const again = page.getByRole('dialog', { name: 'Evaluate a version' });
  await expect(again.getByLabel('Dataset', { exact: true })).toHaveValue(stored.id);
  await again.getByRole('button', { name: 'Cancel' }).click();
  await second.getByRole('button', { name: `Queries of the evaluation on ${dataset}` }).click();
  const compared = page.getByRole('dialog', { name: `v2 on ${dataset}` });
  await expect(compared.getByTestId('evaluation-summary')).toHaveText('3 queries · against v1: 0 worse, 0 better, 3 unchanged (biggest drops first)');
  await expect(compared.getByRole('columnheader', { name: 'v1' })).toBeVisible();
  await shot('evaluation-queries');
  await compared.getByRole('button', { name: 'Close' }).click();

  // each query was a run of the version: the scores link to them in the run history
  await page.getByTestId('version-1').getByTestId('version-score').getByRole('link', { name: 'Runs' }).click();
  await expect(page).toHaveURL(/\/runs\?graph=.*&version=.*&source=eval/);
  await expect(page.getByLabel('Source')).toHaveValue('eval');
  await expect(page.getByTestId('run-row')).toHaveCount(3);
  await shot('evaluation-runs');
  // without a source filter, evaluation runs are left out, and the history says so when nothing else is there
  await page.getByLabel('Source').selectOption({ label: 'Any but evaluations' });
  await expect(page.getByTestId('only-evaluations')).toContainText('Only evaluation runs here');
  await page.getByRole('button', { name: 'Show evaluation runs' }).click();
  await expect(page).toHaveURL(/source=any/);
  await expect(page.getByTestId('run-row')).toHaveCount(3);

  // the dataset's page ranks every version scored on it
  await page.goBack();
  await editor.openHistory();
  await page.getByTestId('version-2').getByTestId('version-score').getByRole('link', { name: dataset }).click();
  await expect(page.getByRole('heading', { name: dataset })).toBeVisible();
  await expect(page.getByTestId('standing-row')).toHaveCount(2);
  // both score 1.000: neither is marked best
  await expect(page.getByTestId('standing-row').getByText('best')).toHaveCount(0);
  await expect(page.getByTestId('standing-row').first().locator('td').nth(3)).toHaveText('1.000');
  await shot('dataset-standings');
  // any line query by query, against the best (the best against the runner-up): here v2, the newer of a tie
  await page.getByRole('button', { name: `Queries of ${graph.name} v2` }).click();
  const perQuery = page.getByRole('dialog', { name: `${graph.name} v2 on ${dataset}` });
  await expect(perQuery.getByTestId('evaluation-summary')).toHaveText(`3 queries · against ${graph.name} v1: 0 worse, 0 better, 3 unchanged (biggest drops first)`);
  await perQuery.getByRole('button', { name: 'Close' }).click();

  // any query graph's version can be evaluated from the dataset's page
  await page.getByRole('button', { name: 'Evaluate a version…' }).click();
  const fromDataset = page.getByRole('dialog', { name: `Evaluate on ${dataset}` });
  await fromDataset.getByLabel('Query graph').selectOption({ label: graph.name });
  await expect(fromDataset.getByLabel('Version')).toHaveValue(v2.id); // the latest first
  await fromDataset.getByLabel('Version').selectOption(v1.id);
  await fromDataset.getByLabel('Collection', { exact: true }).selectOption(collection);
  await shot('evaluate-on-dataset');
  await fromDataset.getByRole('button', { name: 'Start evaluation' }).click();
  await expect(fromDataset).toHaveCount(0);
  await expect
    .poll(async () => (await call<{ evaluations: { status: string }[] }>(request, 'dataset.byId', { id: stored.id }, 'query')).evaluations.map((e) => e.status), { timeout: 60_000 })
    .toEqual(['succeeded', 'succeeded', 'succeeded']);
  await expect(page.getByTestId('dataset-running')).toHaveCount(0);
  await expect(page.getByTestId('standing-row')).toHaveCount(2);
});

test('a bad judgements file is refused in the dialog with what to fix', async ({ page, request, consoleErrors }) => {
  const plan = queryPlan();
  const graph = await api.createGraph(request, uniqueName('Refused'), planSpec(plan, plan.field.first));
  await api.saveVersion(request, graph.id, null, 'v1');
  const editor = new EditorPage(page);
  await editor.open(graph.id);
  await editor.openHistory();
  await page.getByRole('button', { name: 'Evaluate…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Evaluate a version' });
  await dialog.getByLabel('Dataset', { exact: true }).selectOption({ label: 'New dataset from files…' });
  await dialog.getByLabel('Queries').setInputFiles({ name: 'queries.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from('{"_id": "q1", "text": "tea"}') });
  await dialog.getByLabel('Judgements').setInputFiles({ name: 'qrels.tsv', mimeType: 'text/tab-separated-values', buffer: Buffer.from('query-id\tcorpus-id\tscore\nq1\tgreen-tea.md\tvery\n') });
  await dialog.getByRole('button', { name: 'Add dataset and evaluate' }).click();
  await expect(dialog.locator('.alert.error')).toHaveText('judgements file:2: score "very" is not a number');
  // the browser logs the refused request itself; that 400 is what this test expects, and nothing else
  const refused = consoleErrors.splice(0).filter((e) => !/status of 400 .*\/api\/trpc\/dataset\.create/.test(e));
  expect(refused).toEqual([]);
});

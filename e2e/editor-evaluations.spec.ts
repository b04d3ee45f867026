import { expect, test } from './fixtures';
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
  const hint = page.getByText('Score a version on judged queries');
  await expect(hint).toBeVisible();
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
});

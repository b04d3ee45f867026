import { expect, test } from './fixtures';
import { runsApi } from './fixtures/runs-api';
import { api, uniqueName } from './pages/api';
import { EditorPage } from './pages/editor-page';
import { specEdge, specNode } from '../nodes/testing/spec-builders';

/**
 * Two retrievers into one Merge retrieved node: the input takes both edges (where a one-edge input
 * refuses a second), the graph is valid, and a run ranks both lists as one, shown as a ranked list. Here one collection is
 * searched twice, by BM25 and by vectors, the way a user builds a hybrid of their own.
 */
test('wire two retrievers into Merge retrieved and run it from the editor', async ({ page, request, shot }) => {
  const collection = `merge-${Date.now().toString(36)}`;
  expect((await runsApi.uploadDocs(request, collection)).status).toBe('succeeded');
  const { id: graphId } = await api.createGraph(request, uniqueName('Merged search'), {
    schemaVersion: 1,
    nodes: [
      specNode('query', 'io.query-input', {}, 0, 0),
      specNode('embed', 'embed.glove', {}, 260, 0),
      specNode('lexical', 'retrieve.pgvector', { collection, mode: 'lexical' }, 0, 200),
      specNode('dense', 'retrieve.pgvector', { collection, mode: 'dense' }, 260, 200),
      specNode('merge', 'retrieve.merge', { topK: 3 }, 0, 420),
      specNode('output', 'io.result-output', { field: 'passages' }, 260, 420),
    ],
    edges: [
      specEdge('query', 'query', 'embed', 'query'),
      specEdge('embed', 'vector', 'lexical', 'query'),
      specEdge('embed', 'vector', 'dense', 'query'),
    ],
  });
  const editor = new EditorPage(page);
  await editor.open(graphId);
  await expect(editor.validation).not.toHaveText('✓ Valid'); // merge and output are not wired yet

  // laid out in two columns so every handle is on screen at the zoom the editor opens at
  await editor.connect(['lexical', 'retrieved'], ['merge', 'retrieved']);
  await expect(editor.edges).toHaveCount(4);
  await editor.connect(['dense', 'retrieved'], ['merge', 'retrieved']);
  await expect(editor.edges).toHaveCount(5);
  await editor.connect(['merge', 'retrieved'], ['output', 'value']);
  await expect(editor.edges).toHaveCount(6);
  await expect(editor.validation).toHaveText('✓ Valid');

  await page.getByRole('button', { name: '▶ Run' }).first().click();
  const panel = page.getByTestId('run-panel');
  await panel.getByLabel('Question').fill('How often should I oil a bicycle chain?');
  await panel.getByRole('button', { name: '▶ Run' }).click();
  await expect(panel.getByTestId('run-node-merge')).toHaveAttribute('data-status', 'succeeded', { timeout: 60_000 });
  // the passages read as a ranked list, the JSON (with each passage's rank in both lists) a click away
  const passages = panel.getByTestId('run-passages');
  await expect(passages).toContainText('3 passages in passages for “How often should I oil a bicycle chain?”');
  await expect(passages.getByTestId('search-hit')).toHaveCount(3);
  await expect(passages.getByTestId('search-hit').first()).toContainText('bicycle-care.txt');
  await shot('merged-run');
  await passages.getByText('The output as JSON').click();
  // each rank is named by the retriever that gave it
  await expect(passages.getByLabel('Run output')).toContainText(/"mergedRanks": \{\s+"(lexical|dense)": \d+/);

  // the run's page shows the same list
  await panel.getByTestId('run-detail-link').click();
  await expect(page.getByRole('region', { name: 'Output' }).getByTestId('search-hit').first()).toContainText('bicycle-care.txt');
  await shot('run-page-passages');
});

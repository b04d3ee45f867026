import { catalog } from '../nodes/catalog';
import { latestDefinitions } from '../nodes/core/catalog-types';
import { expect, test } from './fixtures';
import { api, uniqueName } from './pages/api';
import { EditorPage } from './pages/editor-page';

test('a connection between ports of different kinds is refused with its reason', async ({ page, request, shot }) => {
  const editor = new EditorPage(page);
  const graph = await api.createGraph(request, uniqueName('Refusals'), {
    schemaVersion: 1,
    nodes: [
      { id: 'question', type: 'io.query-input', typeVersion: 1, config: {}, position: { x: 0, y: 0 } },
      { id: 'reply', type: 'io.answer-output', typeVersion: 1, config: {}, position: { x: 320, y: 40 } },
    ],
    edges: [],
  });
  await editor.open(graph.id);
  const from = editor.handle('question', 'out', 'query');
  const to = editor.handle('reply', 'in', 'answer');
  const reason = 'a "query" output cannot feed an "answer" input: "answer" comes from Extractive answer (built-in), LLM (OpenAI-compatible), Guardrails';

  // while drawing: the reason shows beside the cursor
  await editor.drawConnection(from, to, { release: false });
  await expect(page.getByTestId('connection-reason')).toContainText(reason);
  await shot('drawing');
  await page.mouse.up();

  // after the drop: no edge, and the reason stays readable in the status line
  await expect(page.getByTestId('connection-reason')).toBeHidden();
  await expect(editor.canvasStatus).toContainText(`Connection refused: ${reason}`);
  await expect(editor.edges).toHaveCount(0);
  await shot('refused');
  const draft = await api.graph(request, graph.id);
  expect(draft.draft.edges).toEqual([]);
});

test('an input that takes one connection refuses a second one', async ({ page, request }) => {
  // any node with a single (not `multiple`) query input will do: guardrails, prompt, router…
  const single = latestDefinitions(catalog).find((d) => Object.values(d.inputs).some((p) => p.kind === 'query' && !p.multiple));
  expect(single, 'the catalog has a node with a single query input').toBeDefined();
  const port = Object.entries(single!.inputs).find(([, p]) => p.kind === 'query' && !p.multiple)![0];
  const editor = new EditorPage(page);
  const graph = await api.createGraph(request, uniqueName('One edge per input'), {
    schemaVersion: 1,
    nodes: [
      { id: 'first', type: 'io.query-input', typeVersion: 1, config: {}, position: { x: 0, y: 0 } },
      { id: 'second', type: 'io.query-input', typeVersion: 1, config: {}, position: { x: 0, y: 200 } },
      { id: 'target', type: single!.type, typeVersion: single!.typeVersion, config: {}, position: { x: 320, y: 60 } },
    ],
    edges: [],
  });
  await editor.open(graph.id);
  await editor.connect(['first', 'query'], ['target', port]);
  await expect(editor.edges).toHaveCount(1);
  await editor.connect(['second', 'query'], ['target', port]);
  await expect(editor.canvasStatus).toContainText(`input "${port}" takes one connection and already has one`);
  await expect(editor.edges).toHaveCount(1);
});

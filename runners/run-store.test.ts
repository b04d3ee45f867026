import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGraph } from '../server/services/graphs';
import { dbBackends, openTestDb, type TestDb } from '../server/testing/db';
import { echoSpec } from '../server/testing/specs';
import { RunStore } from './run-store';

/**
 * What a run writes is a record of what nodes produced, and nodes may produce text Postgres cannot
 * hold (an LLM's NUL character, a lone surrogate from a broken decoder). The record keeps U+FFFD in
 * their place: the run still finishes, and runs whose rows were flushed in the same batch lose nothing.
 */
describe.each(dbBackends())('the run store on %s', (backend) => {
  let db: TestDb;
  let store: RunStore;
  let graphId: string;
  beforeAll(async () => {
    db = await openTestDb(backend);
    store = new RunStore(db);
    graphId = (await createGraph(db, { name: 'store', spec: echoSpec() })).id;
  });
  afterAll(async () => {
    await db?.destroy();
  });

  const newRun = (input: Record<string, unknown> = { query: 'q' }) =>
    store.createRun({ graphId, graphVersionId: null, spec: echoSpec(), specHash: 'h', input, source: 'api' }, 'running');

  it('stores outputs, previews and run output with NUL characters and lone surrogates as U+FFFD, and finishes the run', async () => {
    const bad = 'a\u0000b \ud800 c\\u0000d';
    const [id, neighbour] = [await newRun({ query: bad }), await newRun()];
    store.recordNode({ runId: neighbour, nodeId: 'in', nodeType: 'io.query-input', attempt: 1, status: 'succeeded', queuedAt: new Date(), outputPreview: { text: 'fine' } });
    store.saveArtifact(neighbour, 'in', { outputs: { query: { text: 'fine' } }, runOutput: {} });
    store.recordNode({ runId: id, nodeId: 'llm', nodeType: 'llm.openai', attempt: 1, status: 'succeeded', queuedAt: new Date(), outputPreview: { text: bad }, errorMessage: bad });
    store.saveArtifact(id, 'llm', { outputs: { answer: { text: bad } }, runOutput: { answer: bad } });
    await store.finishRun(id, 'succeeded', { output: { answer: bad } });

    const clean = 'a\ufffdb \ufffd c\\u0000d'; // an escaped backslash before "u0000" is plain text and stays
    const [run] = await db.sql.query<{ status: string; output: { answer: string }; input: { query: string } }>('SELECT status, output, input FROM run WHERE id = $1', [id]);
    expect(run).toEqual({ status: 'succeeded', output: { answer: clean }, input: { query: clean } });
    const [node] = await db.sql.query<{ output_preview: { text: string }; error_message: string }>('SELECT output_preview, error_message FROM node_run WHERE run_id = $1', [id]);
    expect(node).toEqual({ output_preview: { text: clean }, error_message: clean });
    expect((await store.loadArtifact(id, 'llm'))?.outputs).toEqual({ answer: { text: clean } });
    // the neighbour's rows went out in the same batch
    expect((await store.loadArtifact(neighbour, 'in'))?.outputs).toEqual({ query: { text: 'fine' } });
  });
});

import { describe, expect, it, vi } from 'vitest';
import { dbBackends } from '../server/testing/db';
import { useRunStore } from './testing/run-store-fixture';

/**
 * What a run writes is a record of what nodes produced, and nodes may produce text Postgres cannot
 * hold (an LLM's NUL character, a lone surrogate from a broken decoder). The record keeps U+FFFD in
 * their place: the run still finishes, and runs whose rows were flushed in the same batch lose nothing.
 */
describe.each(dbBackends())('the run store on %s', (backend) => {
  const fixture = useRunStore(backend, 'store');
  const { newRun } = fixture;

  it('stores outputs, previews and run output with NUL characters and lone surrogates as U+FFFD, and finishes the run', async () => {
    const bad = 'a\u0000b \ud800 c\\u0000d';
    const [id, neighbour] = [await newRun({ query: bad }), await newRun()];
    fixture.store.recordNode({ runId: neighbour, nodeId: 'in', nodeType: 'io.query-input', attempt: 1, status: 'succeeded', queuedAt: new Date(), outputPreview: { text: 'fine' } });
    fixture.store.saveArtifact(neighbour, 'in', { outputs: { query: { text: 'fine' } }, runOutput: {} });
    fixture.store.recordNode({ runId: id, nodeId: 'llm', nodeType: 'llm.openai', attempt: 1, status: 'succeeded', queuedAt: new Date(), outputPreview: { text: bad }, errorMessage: bad });
    fixture.store.saveArtifact(id, 'llm', { outputs: { answer: { text: bad } }, runOutput: { answer: bad } });
    await fixture.store.finishRun(id, 'succeeded', { output: { answer: bad } });

    const clean = 'a\ufffdb \ufffd c\\u0000d'; // an escaped backslash before "u0000" is plain text and stays
    const [run] = await fixture.db.sql.query<{ status: string; output: { answer: string }; input: { query: string } }>('SELECT status, output, input FROM run WHERE id = $1', [id]);
    expect(run).toEqual({ status: 'succeeded', output: { answer: clean }, input: { query: clean } });
    const [node] = await fixture.db.sql.query<{ output_preview: { text: string }; error_message: string }>('SELECT output_preview, error_message FROM node_run WHERE run_id = $1', [id]);
    expect(node).toEqual({ output_preview: { text: clean }, error_message: clean });
    expect((await fixture.store.loadArtifact(id, 'llm'))?.outputs).toEqual({ answer: { text: clean } });
    // the neighbour's rows went out in the same batch
    expect((await fixture.store.loadArtifact(neighbour, 'in'))?.outputs).toEqual({ query: { text: 'fine' } });
  });

  it('starts and finishes concurrent runs in shared writes, and a run that cannot be stored fails alone', async () => {
    const runs = await Promise.all(Array.from({ length: 12 }, (_, i) => fixture.newRun({ query: `q${i}` })));
    const blocker = fixture.newRun({ query: 'first' }); // in flight while the next two are submitted
    const orphan = fixture.store.createRun({ graphId: '00000000-0000-4000-8000-000000000000', graphVersionId: null, spec: {} as never, specHash: 'h', input: {}, source: 'api' }, 'running');
    const neighbours = Promise.all([blocker, fixture.newRun({ query: 'n2' })]);
    await expect(orphan).rejects.toThrow(/foreign key|violates/i);
    const started = [...runs, ...(await neighbours)];
    await Promise.all(started.map((id, i) => fixture.store.finishRun(id, 'succeeded', { output: { n: i } })));
    const rows = await fixture.db.sql.query<{ id: string; status: string; output: { n: number } }>('SELECT id, status, output FROM run WHERE id = ANY($1::uuid[])', [started]);
    expect(rows).toHaveLength(started.length);
    for (const row of rows) expect(row).toEqual({ id: row.id, status: 'succeeded', output: { n: started.indexOf(row.id) } });
  });
});

/**
 * A trace write that fails (a connection timing out while the process was busy) is tried again: the
 * run's NodeRun rows, its outputs and its finish all land once the database answers again.
 */
describe.each(dbBackends())('the run store on %s, when a write fails', (backend) => {
  const fixture = useRunStore(backend, 'store-retry');

  it('keeps the rows of a failed write and writes them with the next try, finishing the run', async () => {
    const id = await fixture.newRun();
    const execute = fixture.db.sql.execute.bind(fixture.db.sql);
    let failures = 2;
    const failing = vi.spyOn(fixture.db.sql, 'execute').mockImplementation((text, params) => {
      if (failures > 0 && /node_run|UPDATE run SET/.test(text)) {
        failures--;
        return Promise.reject(new Error('Connection terminated due to connection timeout'));
      }
      return execute(text, params);
    });
    try {
      fixture.store.recordNode({ runId: id, nodeId: 'in', nodeType: 'io.query-input', attempt: 1, status: 'succeeded', queuedAt: new Date(), outputPreview: { text: 'q' } });
      fixture.store.saveArtifact(id, 'in', { outputs: { query: { text: 'q' } }, runOutput: {} });
      await fixture.store.finishRun(id, 'succeeded', { output: { answer: 'a' } });
    } finally {
      failing.mockRestore();
    }
    expect(failures).toBe(0); // both failures happened
    const [run] = await fixture.db.sql.query<{ status: string }>('SELECT status FROM run WHERE id = $1', [id]);
    expect(run?.status).toBe('succeeded');
    const nodes = await fixture.db.sql.query<{ node_id: string }>('SELECT node_id FROM node_run WHERE run_id = $1', [id]);
    expect(nodes.map((n) => n.node_id)).toEqual(['in']);
    expect((await fixture.store.loadArtifact(id, 'in'))?.outputs).toEqual({ query: { text: 'q' } });
  });
});

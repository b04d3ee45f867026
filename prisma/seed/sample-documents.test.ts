import { describe, expect, it } from 'vitest';
import { createRunner, type Runner } from '../../runners/index';
import { createCollection } from '../../server/services/collections';
import { callerFor } from '../../server/testing/caller';
import { dbBackends, openTestDb } from '../../server/testing/db';
import { sampleFiles, seedSampleDocuments } from './sample-documents';
import { seedExamples } from './seed';
import { runnerSuite } from '../../server/testing/runner-suite';

/** A fresh install: the guides go into "docs" once, and the example query graph answers from them. */
describe.each(dbBackends())('sample documents on %s', (backend) => {
  const suite = runnerSuite(backend);

  it('waits for the example graphs, then ingests the guides into "docs" through the example ingestion graph, once', async () => {
    expect(await seedSampleDocuments(suite.db, suite.runner)).toEqual({ started: false, reason: 'no example ingestion graph' });
    await seedExamples(suite.db);
    const seeded = await seedSampleDocuments(suite.db, suite.runner);
    if (!seeded.started) throw new Error(`not seeded: ${seeded.reason}`);
    const finished = await suite.runner.wait(seeded.runId, 120_000);
    expect(finished.error).toBeNull();
    const run = await suite.caller.run.byId({ id: seeded.runId });
    expect(run).toMatchObject({ source: 'upload', graphName: 'Example: ingest documents', status: 'succeeded' });

    expect((await suite.caller.collection.byName({ name: 'docs' })).description).toContain('guides to Ragraph');
    const docs = await suite.caller.collection.documents({ name: 'docs' });
    expect(docs.documents.map((d) => d.sourceId).sort()).toEqual(sampleFiles().map((f) => f.name));
    expect(docs.documents.map((d) => d.sourceId)).toContain('publishing-endpoints.md');

    // deleted or not, the guides are not put back on a later start
    await suite.caller.collection.deleteDocument({ name: 'docs', sourceId: 'workers-and-batching.md' });
    expect(await seedSampleDocuments(suite.db, suite.runner)).toEqual({ started: false, reason: 'seeded before' });
    expect((await suite.caller.collection.documents({ name: 'docs' })).total).toBe(sampleFiles().length - 1);
  }, 180_000);

  it('lets the example query graph answer a question about the project from them, with a citation', async () => {
    const graph = (await suite.caller.graph.list()).find((g) => g.name === 'Example: answer questions')!;
    const { runId } = await suite.caller.run.start({ graphId: graph.id, versionId: graph.latestVersion!.id, input: { query: 'How do I create an API key for an endpoint?' } });
    const run = await suite.runner.wait(runId, 120_000);
    expect(run.error).toBeNull();
    const answer = run.output?.answer as { text: string; citations: { sourceId: string }[] };
    expect(answer.citations.map((c) => c.sourceId)).toContain('publishing-endpoints.md');
    expect(answer.text).toMatch(/API key/i);
  }, 120_000);

  it("answers the README's follow-up from the guides: how to call the endpoint just published", async () => {
    const graph = (await suite.caller.graph.list()).find((g) => g.name === 'Example: answer questions')!;
    const ask = async (query: string, history?: { role: 'user' | 'assistant'; content: string }[]) => {
      const { runId } = await suite.caller.run.start({ graphId: graph.id, versionId: graph.latestVersion!.id, input: { query, history } });
      const run = await suite.runner.wait(runId, 120_000);
      expect(run.error).toBeNull();
      return run.output?.answer as { text: string; citations: { sourceId: string }[] };
    };
    const first = await ask('How do I publish a graph as an endpoint?');
    expect(first.text).toMatch(/press Publish/i);
    const followUp = await ask('And how do I call it?', [
      { role: 'user', content: 'How do I publish a graph as an endpoint?' },
      { role: 'assistant', content: first.text },
    ]);
    expect(followUp.text).toMatch(/send a POST request to `\/api\/v1\/endpoints\/my-search`/i);
    expect(followUp.citations.map((c) => c.sourceId)).toContain('publishing-endpoints.md');
  }, 120_000);

  it('tries again on the next start when the ingestion could not start, leaving no empty "docs" behind', async () => {
    const other = await openTestDb(backend);
    const otherRunner = await createRunner(other, { resume: false });
    try {
      await seedExamples(other);
      const down = { ...otherRunner, start: () => Promise.reject(new Error('the queue is unreachable')) } as Runner;
      await expect(seedSampleDocuments(other, down)).rejects.toThrow('the queue is unreachable');
      expect(await callerFor(other, otherRunner).collection.list()).toEqual([]);
      const seeded = await seedSampleDocuments(other, otherRunner);
      expect(seeded.started).toBe(true);
      if (seeded.started) expect((await otherRunner.wait(seeded.runId, 120_000)).status).toBe('succeeded');
    } finally {
      await otherRunner.close();
      await other.destroy();
    }
  }, 180_000);

  it('leaves a "docs" collection that already exists alone', async () => {
    const other = await openTestDb(backend);
    try {
      await seedExamples(other);
      await createCollection(other, { name: 'docs' });
      expect(await seedSampleDocuments(other, suite.runner)).toEqual({ started: false, reason: 'collection "docs" exists' });
      expect(await seedSampleDocuments(other, suite.runner)).toEqual({ started: false, reason: 'seeded before' });
    } finally {
      await other.destroy();
    }
  });
});

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../nodes/catalog';
import type { GraphSpec } from '../nodes/core/spec';
import { validateGraph } from '../nodes/core/validate';
import type { RetrievedValue } from '../nodes/core/values';
import { getExample, withCollection } from '../prisma/seed/examples';
import { createGraph } from '../server/services/graphs';
import { dbBackends, openTestDb, type TestDb } from '../server/testing/db';
import { modeMatrix, openMode, type ModeHandle } from './testing/modes';
import { specEdge, specNode } from '../nodes/testing/spec-builders';

/**
 * One question searched in two collections at once: two retrievers feed a Merge retrieved node
 * (several edges into one input), which ranks both collections' passages as one list and knows which
 * node gave which list, in one process and through BullMQ workers. The shipped ingestion graph fills
 * the collections with real parsing, chunking and GloVe vectors.
 */
process.env.RAG_QUEUE_PREFIX = `merge-${randomBytes(4).toString('hex')}`;

const file = (name: string, text: string) => ({ name, mimeType: 'text/markdown', contentBase64: Buffer.from(text).toString('base64'), size: text.length });


const SEARCH_BOTH: GraphSpec = {
  schemaVersion: 1,
  nodes: [
    specNode('query', 'io.query-input'),
    specNode('embed', 'embed.glove'),
    specNode('handbook', 'retrieve.pgvector', { collection: 'handbook', topK: 5 }),
    specNode('faq', 'retrieve.pgvector', { collection: 'faq', topK: 5 }),
    specNode('merge', 'retrieve.merge', { topK: 4 }),
    specNode('output', 'io.result-output', { field: 'merged' }),
  ],
  edges: [
    specEdge('query', 'query', 'embed', 'query'),
    specEdge('embed', 'vector', 'handbook', 'query'),
    specEdge('embed', 'vector', 'faq', 'query'),
    specEdge('handbook', 'retrieved', 'merge', 'retrieved'),
    specEdge('faq', 'retrieved', 'merge', 'retrieved'),
    specEdge('merge', 'retrieved', 'output', 'value'),
  ],
};

describe.each(modeMatrix(dbBackends()))('searching two collections through Merge retrieved on %s, %s', (backend, mode) => {
  let db: TestDb;
  let handle: ModeHandle;
  let graphId: string;
  const runner = () => handle.runner;
  beforeAll(async () => {
    db = await openTestDb(backend);
    handle = await openMode(mode, db, db.url);
    graphId = (await createGraph(db, { name: 'two collections' })).id;
    const ingest = async (collection: string, files: ReturnType<typeof file>[]) => {
      const { runId } = await runner().start({ graphId, graphVersionId: null, spec: withCollection(getExample('ingest')!.spec, collection), source: 'test', input: { files } });
      const run = await runner().wait(runId, 180_000);
      expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    };
    await ingest('handbook', [
      file('leave.md', '# Leave policy\n\nEmployees get 30 days of paid leave per year. Unused leave expires at the end of March.'),
      file('travel.md', '# Travel\n\nTrain travel is preferred for trips under 600 km. Flights need approval from a manager.'),
    ]);
    await ingest('faq', [
      file('faq-leave.md', '# Can I carry leave over?\n\nLeave can be carried over into the next year only with written approval.'),
      file('faq-laptop.md', '# Laptops\n\nA broken laptop is replaced by the IT desk within two days.'),
    ]);
  }, 300_000);
  afterAll(async () => {
    await handle?.close();
    await db?.destroy();
  });

  it('is a valid graph: one input takes both retrievers', () => {
    expect(validateGraph(SEARCH_BOTH, catalog)).toMatchObject({ ok: true });
  });

  it('ranks the passages of both collections as one list, each saying which list found it', async () => {
    const { runId } = await runner().start({ graphId, graphVersionId: null, spec: SEARCH_BOTH, source: 'test', input: { query: 'When does unused leave expire, and can leave be carried over?' } });
    const run = await runner().wait(runId, 120_000);
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    const merged = run.output?.merged as RetrievedValue;
    const sources = merged.items.map((i) => i.sourceId);
    expect(sources.length).toBeLessThanOrEqual(4);
    // the best of each collection is in the merged list, from the list that found it
    expect(sources).toContain('leave.md');
    expect(sources).toContain('faq-leave.md');
    const ranks = (sourceId: string) => merged.items.find((i) => i.sourceId === sourceId)!.metadata.mergedRanks;
    // ranked by the node that fed each list
    expect(ranks('leave.md')).toEqual({ handbook: 1 });
    expect(ranks('faq-leave.md')).toEqual({ faq: 1 });
    // the two first places share the top, ahead of what either collection ranked lower
    expect(sources.slice(0, 2).sort()).toEqual(['faq-leave.md', 'leave.md']);
    const scores = merged.items.map((i) => i.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // the trace records both lists arriving at the one input
    const mergeRun = await db.prisma.nodeRun.findFirst({ where: { runId, nodeId: 'merge' } });
    expect(mergeRun?.status).toBe('succeeded');
    expect(JSON.stringify(mergeRun?.inputPreview)).toContain('faq');
  });
});

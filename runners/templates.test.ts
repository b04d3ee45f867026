import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../nodes/catalog';
import type { GraphSpec } from '../nodes/core/spec';
import { validateGraph } from '../nodes/core/validate';
import { startOpenAIServer, type OpenAITestServer } from '../nodes/testing/openai-server';
import { exampleGraphs, getExample, withCollection } from '../prisma/seed/examples';
import { createGraph } from '../server/services/graphs';
import { dbBackends } from '../server/testing/db';
import { runnerSuite } from '../server/testing/runner-suite';
import { htmlPage, startTestSite } from '../nodes/testing/web-site';

/**
 * The templates "New graph" offers, run end to end on real nodes: each is a valid graph with a note
 * saying what to adjust, and each does what its description says.
 */
const file = (name: string, text: string) => ({ name, mimeType: 'text/markdown', contentBase64: Buffer.from(text).toString('base64'), size: text.length });
const LEAVE = file('leave.md', '# Leave policy\n\nEmployees get 30 days of paid leave per year. Unused leave expires at the end of March.');
const TRAVEL = file('travel.md', '# Travel\n\nTrain travel is preferred for trips under 600 km. Flights need approval from a manager.');

describe('shipped graphs', () => {
  it('are valid graphs; the templates are offered, not seeded, and each carries a note', () => {
    for (const graph of exampleGraphs()) expect(validateGraph(graph.spec, catalog).issues, graph.id).toEqual([]);
    const templates = exampleGraphs().filter((g) => !g.seeded);
    expect(templates.map((t) => [t.id, t.kind])).toEqual([
      ['search', 'query'],
      ['llm-answer', 'query'],
      ['two-collections', 'query'],
      ['sentence-windows', 'ingestion'],
      ['web-pages', 'ingestion'],
    ]);
    for (const template of templates) expect(template.spec.notes?.[0]?.text.length, template.id).toBeGreaterThan(50);
  });
});

describe.each(dbBackends())('templates on %s', (backend) => {
  const suite = runnerSuite(backend);
  let graphId: string;
  let llm: OpenAITestServer;
  const run = async (spec: GraphSpec, input: Record<string, unknown>) => {
    const { runId } = await suite.runner.start({ graphId, graphVersionId: null, spec, input, source: 'test' });
    const finished = await suite.runner.wait(runId, 120_000);
    expect(finished.status, JSON.stringify(finished.error)).toBe('succeeded');
    return finished.output as Record<string, unknown>;
  };
  const template = (id: string) => getExample(id)!.spec;
  beforeAll(async () => {
    graphId = (await createGraph(suite.db, { name: 'templates' })).id;
    llm = await startOpenAIServer();
    const ingest = getExample('ingest')!.spec;
    await run(withCollection(ingest, 'docs'), { files: [LEAVE] });
    await run(withCollection(ingest, 'notes'), { files: [TRAVEL] });
  }, 240_000);
  afterAll(async () => {
    await llm?.close();
  });

  it('search returns ranked passages, the one that answers first', async () => {
    const output = await run(template('search'), { query: 'How many days of paid leave?' });
    const passages = output.passages as { query: string; items: { sourceId: string; score: number }[] };
    expect(passages.query).toBe('How many days of paid leave?');
    expect(passages.items.map((p) => p.sourceId)).toEqual(['leave.md']); // the other file is in "notes"
    expect(passages.items[0]!.score).toBeGreaterThan(0);
  });

  it('two collections answers from whichever collection holds the answer', async () => {
    const travel = (await run(template('two-collections'), { query: 'Do flights need approval?' })).answer as { text: string; citations: { sourceId: string }[] };
    expect(travel.text).toContain('Flights need approval from a manager');
    expect(travel.citations.map((c) => c.sourceId)).toEqual(['travel.md']);
    const leave = (await run(template('two-collections'), { query: 'When does unused leave expire?' })).answer as { citations: { sourceId: string }[] };
    expect(leave.citations.map((c) => c.sourceId)).toEqual(['leave.md']);
  });

  it('the LLM answerer sends the retrieved passages to an OpenAI-compatible server and returns its answer', async () => {
    llm.onChat(() => ({ content: 'Employees get 30 days of paid leave [1].' }));
    const spec = template('llm-answer');
    const pointed = { ...spec, nodes: spec.nodes.map((n) => (n.id === 'llm' ? { ...n, config: { ...n.config, baseUrl: `${llm.url}/v1` } } : n)) };
    const answer = (await run(pointed, { query: 'How many days of paid leave do employees get?' })).answer as { text: string };
    expect(answer.text).toBe('Employees get 30 days of paid leave [1].');
    const sent = JSON.stringify(llm.requests.at(-1)!.body);
    expect(sent).toContain('llama3.1:8b');
    expect(sent).toContain('30 days of paid leave per year'); // the passage reached the prompt
  });

  it('sentence windows stores each sentence as a chunk under a parent of its neighbours', async () => {
    const output = await run(template('sentence-windows'), { files: [LEAVE] });
    const ingested = output.ingested as { collection: string; documents: number; chunksWritten: number };
    expect(ingested).toMatchObject({ collection: 'sentences', documents: 1 });
    expect(ingested.chunksWritten).toBeGreaterThanOrEqual(3);
  });

  it('web pages loads a page and the pages it links to under its folder into "web", and lists what it could not load', async () => {
    const site = await startTestSite({
      '/handbook/': { body: htmlPage('Handbook', 'Start here.', ['leave', 'gone']) },
      '/handbook/leave': { body: htmlPage('Leave', 'Employees get 30 days of paid leave per year.') },
    });
    try {
      const spec = template('web-pages');
      // the test site is on this machine: allowed for the test, refused by the template as shipped
      const local = { ...spec, nodes: spec.nodes.map((n) => (n.id === 'pages' ? { ...n, config: { ...n.config, allowPrivateNetwork: true } } : n)) };
      const output = await run(local, { urls: [`${site.url}/handbook/`] });
      expect(output.ingested).toMatchObject({ collection: 'web', documents: 2 });
      expect(output.unloaded).toMatchObject({ count: 1, files: [{ file: `${site.url}/handbook/gone`, code: 'REMOTE_ERROR' }] });
    } finally {
      await site.close();
    }
  });
});

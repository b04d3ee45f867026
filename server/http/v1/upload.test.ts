import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbBackends } from '../../testing/db';
import { conversationalRagGraph, ingestGraph, ragGraph, readSse, startApi, type ApiHarness } from './testing';

/**
 * Multipart uploads to /api/v1/collections/{name}/documents through a published ingestion graph, then
 * questions over what was uploaded, answered with citations in the documented extra field.
 */
const DOCS = {
  'prions.md': '# Prions\n\nPrions are misfolded proteins. A prion converts normal proteins into the misfolded form, which causes brain disease in mammals.',
  'heart.txt': 'Statins lower cholesterol in the blood. Lower cholesterol reduces the risk of heart attacks in adults with heart disease.',
  'ocean.txt': 'Coral reefs bleach when the ocean warms. Bleached corals lose the algae that feed them and often die.',
};

function form(files: Record<string, string>, fields: Record<string, string> = {}): FormData {
  const data = new FormData();
  for (const [name, text] of Object.entries(files)) data.append('files', new Blob([text], { type: name.endsWith('.md') ? 'text/markdown' : 'text/plain' }), name);
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

/** Two different files with the same name (as from two folders). */
function twoNamed(name: string): FormData {
  const data = new FormData();
  data.append('files', new Blob(['notes from the first folder'], { type: 'text/plain' }), name);
  data.append('files', new Blob(['notes from the second folder'], { type: 'text/plain' }), name);
  return data;
}

describe.each(dbBackends())('document uploads on %s', (backend) => {
  let api: ApiHarness;
  let secret: string;
  beforeAll(async () => {
    api = await startApi(backend);
    await api.publish('ingest-kb', ingestGraph('kb'));
    await api.publish('ask-kb', ragGraph('kb'));
    await api.publish('chat-kb', conversationalRagGraph('kb'));
    ({ secret } = await api.key());
  });
  afterAll(async () => {
    await api?.close();
  });

  const upload = (path: string, body: FormData | string, headers: Record<string, string> = {}) =>
    fetch(`${api.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${secret}`, ...headers }, body });

  it('ingests uploaded files through the ingestion endpoint, streaming node progress, and stores them in the collection', async () => {
    const response = await upload('/api/v1/collections/kb/documents', form(DOCS, { metadata: '{"team": "bio"}' }), { accept: 'text/event-stream' });
    expect(response.status).toBe(200);
    const frames = await readSse(response);
    expect(frames[0]).toMatchObject({ event: 'started', data: { endpoint: 'ingest-kb', version: 1 } });
    const nodes = frames.filter((f) => f.event === 'node').map((f) => f.data as { nodeId: string; status: string });
    for (const id of ['files', 'parse', 'chunk', 'embed', 'store', 'out']) expect(nodes).toContainEqual(expect.objectContaining({ nodeId: id, status: 'succeeded' }));
    const done = frames.at(-1)!;
    expect(done.event).toBe('done');
    expect(done.data).toMatchObject({ status: 'succeeded', output: { ingested: { collection: 'kb', documents: 3, skippedUnchanged: 0 } } });

    const docs = await api.db.sql.query<{ source_id: string; metadata: { team?: string } }>(
      "SELECT d.source_id, d.metadata FROM document d JOIN collection c ON c.id = d.collection_id WHERE c.name = 'kb' ORDER BY d.source_id",
    );
    expect(docs.map((d) => d.source_id)).toEqual(['heart.txt', 'ocean.txt', 'prions.md']);
    expect(docs.every((d) => d.metadata.team === 'bio')).toBe(true);
  });

  it('uploads asynchronously: 202 with a run id to poll; re-uploading unchanged files writes nothing', async () => {
    const response = await upload('/api/v1/collections/kb/documents?mode=async', form({ 'heart.txt': DOCS['heart.txt'] }));
    expect(response.status).toBe(202);
    const { runId, statusUrl } = (await response.json()) as { runId: string; statusUrl: string };
    await api.runner.wait(runId, 30_000);
    const polled = (await (await fetch(`${api.url}${statusUrl}`, { headers: { authorization: `Bearer ${secret}` } })).json()) as { status: string; output: { ingested: { skippedUnchanged: number } } };
    expect(polled).toMatchObject({ status: 'succeeded', output: { ingested: { skippedUnchanged: 1 } } });
  });

  it('answers questions over the uploaded documents with citations through the OpenAI client', async () => {
    const client = new OpenAI({ baseURL: `${api.url}/api/v1/openai`, apiKey: secret, maxRetries: 0 });
    const completion = await client.chat.completions.create({ model: 'ask-kb', messages: [{ role: 'user', content: 'What do prions do to normal proteins?' }] });
    const text = completion.choices[0]!.message.content!;
    expect(text).toMatch(/prion converts normal proteins/i);
    const citations = (completion as unknown as { citations: { marker: string; sourceId: string; chunkId: string; quote?: string }[] }).citations;
    expect(citations.length).toBeGreaterThan(0);
    expect(citations[0]).toMatchObject({ sourceId: 'prions.md' });
    expect(text).toContain(citations[0]!.marker);

    const stream = await client.chat.completions.create({ model: 'ask-kb', messages: [{ role: 'user', content: 'What do prions do to normal proteins?' }], stream: true });
    let streamed = '';
    let streamCitations: unknown[] = [];
    for await (const chunk of stream) {
      streamed += chunk.choices[0]?.delta.content ?? '';
      if (chunk.choices[0]?.finish_reason) streamCitations = (chunk as unknown as { citations: unknown[] }).citations;
    }
    expect(streamed).toBe(text);
    expect(streamCitations).toEqual(citations);
  });

  it('retrieves for a follow-up question with the conversation the chat call sent, when the graph rewrites follow-ups', async () => {
    const client = new OpenAI({ baseURL: `${api.url}/api/v1/openai`, apiKey: secret, maxRetries: 0 });
    const messages = [
      { role: 'system' as const, content: 'You are helpful.' },
      { role: 'user' as const, content: 'What are prions?' },
      { role: 'assistant' as const, content: 'Prions are misfolded proteins.' },
      { role: 'user' as const, content: 'Do they die?' },
    ];
    /** the passage the call's retriever ranked first, and the text it searched with */
    const retrievedFirst = async (model: string) => {
      const completion = await client.chat.completions.create({ model, messages });
      const runId = (completion as unknown as { ragraph: { run_id: string } }).ragraph.run_id;
      const artifact = await api.db.prisma.runArtifact.findUniqueOrThrow({ where: { runId_nodeId: { runId, nodeId: 'retrieve' } } });
      const retrieved = (artifact.data as { outputs: { retrieved: { query: string; items: { sourceId: string }[] } } }).outputs.retrieved;
      return { query: retrieved.query, first: retrieved.items[0]?.sourceId };
    };
    // "they" are prions: with the earlier question added, the search finds the prion document
    expect(await retrievedFirst('chat-kb')).toEqual({ query: 'What are prions?\nDo they die?', first: 'prions.md' });
    // the same graph without the rewriter searches for "die" alone, and finds the coral reefs
    expect(await retrievedFirst('ask-kb')).toEqual({ query: 'Do they die?', first: 'ocean.txt' });
  });

  it('refuses uploads it cannot route, with messages that say what to do', async () => {
    const cases: [string, FormData | string, Record<string, string>, number, RegExp][] = [
      ['/api/v1/collections/nowhere/documents', form(DOCS), {}, 404, /no published ingestion endpoint writes to collection "nowhere"/],
      ['/api/v1/collections/kb/documents?endpoint=ask-kb', form(DOCS), {}, 400, /"ask-kb" is not an ingestion endpoint/],
      ['/api/v1/collections/kb/documents', '{"files": []}', { 'content-type': 'application/json' }, 400, /multipart\/form-data/],
      ['/api/v1/collections/kb/documents', form({}, { note: 'no file' }), {}, 400, /the form has no file/],
      ['/api/v1/collections/kb/documents', form(DOCS, { metadata: '[1,2]' }), {}, 400, /metadata: send a JSON object/],
      ['/api/v1/collections/kb/documents', form(DOCS, { metadata: '{"team":"a\\u0000"}' }), {}, 400, /metadata field "team" contains a NUL character/],
      ['/api/v1/collections/kb/documents', form({ 'bad\u0000name.txt': 'text' }), {}, 400, /the file name "bad.{1}name.txt" contains a NUL character/],
      ['/api/v1/collections/kb/documents?endpoint=ingest%00', form(DOCS), {}, 400, /the endpoint parameter contains a NUL character/],
      ['/api/v1/collections/kb/documents', twoNamed('notes.txt'), {}, 400, /two files in this upload are named "notes\.txt"; .* rename one/],
      // a hand-set multipart type: without a boundary, or with one the body does not use
      ['/api/v1/collections/kb/documents', '--x\r\n', { 'content-type': 'multipart/form-data' }, 400, /\(the Content-Type header names no boundary\): let the client build it, e\.g\. curl -F files=@report\.pdf/],
      ['/api/v1/collections/kb/documents', 'not multipart at all', { 'content-type': 'multipart/form-data; boundary=abc' }, 400, /\(its parts do not match the boundary in the Content-Type header\)/],
    ];
    for (const [path, body, headers, status, message] of cases) {
      const response = await upload(path, body, headers);
      expect(response.status, path).toBe(status);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(message);
    }
    await api.publish('ingest-kb-2', ingestGraph('kb'));
    const ambiguous = await upload('/api/v1/collections/kb/documents', form(DOCS));
    expect(ambiguous.status).toBe(400);
    expect(((await ambiguous.json()) as { error: { message: string } }).error.message).toMatch(/several endpoints write to collection "kb" \(ingest-kb, ingest-kb-2\)/);
    expect((await upload('/api/v1/collections/kb/documents?endpoint=ingest-kb-2', form({ 'ocean.txt': DOCS['ocean.txt'] }))).status).toBe(200);

    // a file over the endpoint's File input limit (here 1 KB) is refused before a run starts
    const small = ingestGraph('small-files');
    await api.publish('ingest-small', { ...small, nodes: small.nodes.map((n) => (n.id === 'files' ? { ...n, config: { maxFileMB: 0.001 } } : n)) });
    const tooBig = await upload('/api/v1/collections/small-files/documents', form({ 'long.txt': 'x'.repeat(2048) }));
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { error: { message: string } }).error.message).toMatch(
      /^file "long\.txt" is 2\.0 KB; endpoint "ingest-small" \(v1\) accepts at most 0\.001 MB per file \(its File input's "maxFileMB"\)/,
    );
    expect(await api.db.sql.query(`SELECT id FROM run WHERE input::text LIKE '%long.txt%'`)).toEqual([]);
  });
});

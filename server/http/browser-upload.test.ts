import { describe, expect, it } from 'vitest';
import { seedExamples } from '../../prisma/seed/seed';
import { dbBackends } from '../testing/db';
import { browserUpload } from './browser-upload';
import { responseForError } from './responses';
import { runnerSuite } from '../testing/runner-suite';

/**
 * The editor's multipart upload route: files larger than a tRPC JSON body allows go through the
 * seeded ingestion graph into the collection; bad requests get 4xx bodies that say what to fix.
 */
describe.each(dbBackends())('browser upload on %s', (backend) => {
  const suite = runnerSuite(backend, { prepare: seedExamples });

  const post = (collection: string, body: FormData | string, contentType?: string) =>
    browserUpload(
      { db: suite.db, runner: suite.runner },
      new Request(`http://localhost/api/collections/${collection}/upload`, { method: 'POST', body, ...(contentType ? { headers: { 'content-type': contentType } } : {}) }),
      { name: collection },
    ).catch(responseForError);

  it('ingests a file bigger than a JSON body could carry into the collection', async () => {
    // about 9 MB of text: over tRPC's 8 MB body limit even before base64
    const paragraph = 'Green tea is brewed at about 80 degrees. Black tea wants boiling water and four minutes. ';
    const big = `# Tea notes\n\n${Array.from({ length: 100_000 }, () => paragraph).join('\n')}`;
    expect(big.length).toBeGreaterThan(8 * 1024 * 1024);
    const form = new FormData();
    form.append('files', new Blob([big], { type: 'text/markdown' }), 'tea.md');
    const response = await post('bigdocs', form);
    expect(response.status).toBe(200);
    const started = (await response.json()) as { runId: string; graphName: string };
    expect(started.graphName).toBe('Example: ingest documents');
    const run = await suite.runner.wait(started.runId, 300_000);
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    const [doc] = await suite.db.sql.query<{ source_id: string; chunk_count: number }>(
      "SELECT d.source_id, d.chunk_count FROM document d JOIN collection c ON c.id = d.collection_id WHERE c.name = 'bigdocs'",
    );
    expect(doc?.source_id).toBe('tea.md');
    expect(doc!.chunk_count).toBeGreaterThan(1000);
  }, 600_000);

  it('answers 400 for a body that is not multipart, a form without files or a malformed graph id', async () => {
    const notMultipart = await post('docs', '{"files": []}', 'application/json');
    expect(notMultipart.status).toBe(400);
    expect(((await notMultipart.json()) as { error: { message: string } }).error.message).toMatch(/multipart\/form-data/);

    const empty = new FormData();
    empty.append('graphId', '');
    const noFiles = await post('docs', empty);
    expect(noFiles.status).toBe(400);
    expect(((await noFiles.json()) as { error: { message: string } }).error.message).toMatch(/no file/);

    const badGraph = new FormData();
    badGraph.append('files', new Blob(['hello'], { type: 'text/plain' }), 'a.txt');
    badGraph.append('graphId', 'not-a-uuid');
    const response = await post('docs', badGraph);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe('graphId: not a valid id');
  });

  it("answers 413 for a file over the ingestion graph's File input limit, before any run starts", async () => {
    // the example graph's File input takes 50 MB per file
    const form = new FormData();
    form.append('files', new Blob([new Uint8Array(51 * 1024 * 1024).fill(0x61)], { type: 'text/plain' }), 'huge.txt');
    const response = await post('toolarge', form);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe(
      'file "huge.txt" is 51.0 MB; the ingestion graph "Example: ingest documents" accepts at most 50 MB per file (its File input\'s "maxFileMB"): split the file, or raise that limit in a new version of the graph',
    );
    expect(await suite.db.sql.query(`SELECT id FROM run WHERE source = 'upload' AND input::text LIKE '%huge.txt%'`)).toEqual([]);
  }, 120_000);

  it('answers 400 for a collection name the store would refuse', async () => {
    const form = new FormData();
    form.append('files', new Blob(['hello'], { type: 'text/plain' }), 'a.txt');
    const response = await post('bad%20name!', form);
    expect(response.status).toBe(400);
  });
});

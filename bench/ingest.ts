/**
 * Ingestion benchmark (`npm run bench:ingest [-- CORPUS_DIR_OR_JSONL]`): the SciFact corpus (or the
 * given BEIR corpus) through the default ingestion graph into a fresh collection, then the same chunks
 * through only the GloVe embedder and the store's bulk write (no graph, parse or chunk, same store
 * config defaults) into another fresh collection. The difference is what the graph runtime, parsing and
 * chunking cost. Each phase starts from empty tables in a throwaway database of its own (a new one on
 * the DATABASE_URL server, dropped afterwards, else embedded PGlite in a temp folder). The last
 * stdout line is JSON: {docsPerSec, chunksPerSec, seconds, bareSeconds, peakRssMB, ...}.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestFiles } from '../cli/commands/ingest';
import { DEFAULT_INGEST_GRAPH, loadGraphSpec } from '../cli/graphs';
import { ingestSources } from '../cli/sources';
import type { SqlClient } from '../nodes/core/context';
import type { ChunkValue, DocumentValue } from '../nodes/core/values';
import { loadGloveModel } from '../nodes/embed/glove/glove-model';
import { storePgvectorConfig } from '../nodes/store/pgvector/definition';
import { planDocuments } from '../nodes/store/pgvector/plan';
import { storeDocuments } from '../nodes/store/pgvector/write';
import { createModelHost } from '../runners/model-host';
import { openScratchDb } from '../server/testing/db';
import { SCIFACT_DIR } from './lib/scifact';

const corpus = process.argv[2] ?? SCIFACT_DIR;
const BATCH = 64;
const tempDir = mkdtempSync(join(tmpdir(), 'rag-bench-ingest-'));
const openFresh = (name: string) => openScratchDb({ pgliteDir: join(tempDir, name) });
let db = await openFresh('graph');
const graphCollection = 'bench-graph';
const bareCollection = 'bench-bare';

try {
  // Warm the embedder first so neither phase pays the one-off model load.
  const models = createModelHost();
  const glove = await loadGloveModel(models);
  glove.embed(['warm up']);

  const { spec } = await loadGraphSpec(db, DEFAULT_INGEST_GRAPH);
  const { files, total } = ingestSources([corpus]);
  const graphRun = await ingestFiles({ sql: db.sql, spec, collection: graphCollection, files, total, batchSize: BATCH });

  const chunked = await readBack(db.sql, graphCollection);
  await db.destroy();
  db = await openFresh('bare');
  const storeDefaults = storePgvectorConfig.parse({ collection: bareCollection });
  const bareStarted = performance.now();
  for (let i = 0; i < chunked.length; i += BATCH) {
    const docs = chunked.slice(i, i + BATCH);
    const chunks = docs.flatMap((d) => d.chunks);
    const texts = chunks.filter((c) => !c.isParent).map((c) => c.text);
    const vectors = glove.embed(texts);
    let next = 0;
    const embeddings = chunks.map((c) => (c.isParent ? [] : Array.from(vectors[next++]!)));
    const value = { documents: docs.map((d) => d.document), chunks, embeddings, model: glove.id, dims: glove.dims };
    await storeDocuments(db.sql, { ...storeDefaults, model: glove.id, dims: glove.dims }, (collectionId) =>
      planDocuments(value, collectionId, { indexTitle: storeDefaults.indexTitle }),
    );
  }
  const bareSeconds = (performance.now() - bareStarted) / 1000;

  const peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  const result = {
    docsPerSec: graphRun.docsPerSec,
    chunksPerSec: Math.round((graphRun.chunksWritten / graphRun.seconds) * 10) / 10,
    seconds: graphRun.seconds,
    bareSeconds: Math.round(bareSeconds * 100) / 100,
    peakRssMB,
    documents: graphRun.documents,
    chunks: graphRun.chunksWritten,
    database: db.kind,
    cpus: (await import('node:os')).cpus().length,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await db.destroy();
  rmSync(tempDir, { recursive: true, force: true });
}

/** The documents and chunks the graph stored, rebuilt as the values a chunker would have emitted. */
async function readBack(sql: SqlClient, collection: string): Promise<{ document: DocumentValue; chunks: ChunkValue[] }[]> {
  const rows = await sql.query<{ doc_id: string; source_id: string; title: string; content_hash: string; chunk_id: string; parent_chunk_id: string | null; is_parent: boolean; ordinal: number; text: string }>(
    `SELECT d.id AS doc_id, d.source_id, d.title, d.content_hash, c.id AS chunk_id, c.parent_chunk_id, c.is_parent, c.ordinal, c.text
     FROM document d JOIN collection k ON k.id = d.collection_id JOIN chunk c ON c.document_id = d.id
     WHERE k.name = $1 ORDER BY d.source_id, c.ordinal`,
    [collection],
  );
  const byDoc = new Map<string, { document: DocumentValue; chunks: ChunkValue[] }>();
  let offset = 0;
  for (const r of rows) {
    let entry = byDoc.get(r.doc_id);
    if (!entry) {
      entry = { document: { id: r.doc_id, sourceId: r.source_id, text: '', metadata: { source: r.source_id, title: r.title, mimeType: 'text/plain', contentHash: r.content_hash } }, chunks: [] };
      byDoc.set(r.doc_id, entry);
      offset = 0;
    }
    entry.chunks.push({
      id: r.chunk_id,
      documentId: r.doc_id,
      sourceId: r.source_id,
      text: r.text,
      start: offset,
      end: offset + r.text.length,
      ordinal: r.ordinal,
      ...(r.parent_chunk_id && { parentId: r.parent_chunk_id }),
      ...(r.is_parent && { isParent: true }),
      metadata: { title: r.title },
    });
    offset += r.text.length;
  }
  return [...byDoc.values()];
}


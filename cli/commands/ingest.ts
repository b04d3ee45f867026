import { z } from 'zod';
import { catalog } from '../../nodes/catalog';
import { compileGraph } from '../../nodes/core/compile';
import type { NodeEvent, SqlClient } from '../../nodes/core/context';
import { isNodeError } from '../../nodes/core/errors';
import type { GraphSpec } from '../../nodes/core/spec';
import type { FileValue } from '../../nodes/core/values';
import { runGraphInline } from '../../runners/inline';
import { openCliDb } from '../db';
import { applySets, DEFAULT_INGEST_GRAPH, loadGraphSpec, overrideConfig } from '../graphs';
import { progressBar } from '../progress';
import { batches, ingestSources } from '../sources';
import { ingestPages, isWebAddress } from './ingest-pages';
import { addStoreSummaries, noStoreCounts, sumStoreCounts } from './store-counts';

export const ingestArgs = z.object({
  collection: z.string({ error: '--collection NAME is required' }).min(1, '--collection NAME is required'),
  graph: z.string().default(DEFAULT_INGEST_GRAPH),
  batch: z.coerce.number().int().min(1).max(1000).default(64),
  set: z.array(z.string()).default([]),
  paths: z.array(z.string()).min(1, 'give at least one file, folder, BEIR dataset or web address to ingest'),
  /** for web addresses (crawl settings of the page loader) */
  crawlDepth: z.coerce.number().int().min(0, '--crawl-depth is 0 to 5').max(5, '--crawl-depth is 0 to 5').default(0),
  maxPages: z.coerce.number().int().min(1, '--max-pages is 1 to 1000').max(1000, '--max-pages is 1 to 1000').default(50),
  scope: z.enum(['path', 'site'], { error: '--scope is "path" or "site"' }).default('path'),
  skipPaths: z.array(z.string().min(1, '--skip PATH may not be empty')).max(50, 'at most 50 --skip paths').default([]),
  allowPrivateNetwork: z.boolean().default(false),
  renderJavaScript: z.boolean().default(false),
  useSitemaps: z.boolean().default(false),
});

export interface IngestTotals {
  collection: string;
  documents: number;
  /** files the parser could not read (each reported on stderr) */
  failedFiles: number;
  /** web pages that could not be loaded or read (each reported on stderr); only with web addresses */
  failedPages?: number;
  chunksWritten: number;
  skippedUnchanged: number;
  replaced: number;
  seconds: number;
  docsPerSec: number;
}

/**
 * Runs the ingestion graph over the files in batches (one inline run per batch) and adds up what the
 * store nodes report. Shared by `rag ingest` and bench/ingest.ts.
 */
export async function ingestFiles(options: {
  sql: SqlClient;
  spec: GraphSpec;
  collection: string;
  files: AsyncIterable<FileValue>;
  total?: number;
  batchSize: number;
  quiet?: boolean;
}): Promise<IngestTotals> {
  const spec = overrideConfig(options.spec, 'store.pgvector', { collection: options.collection });
  const graph = compileGraph(spec, catalog);
  const started = performance.now();
  const totals = { collection: options.collection, failedFiles: 0, ...noStoreCounts() };
  const reportFailure = (what: string) => {
    totals.failedFiles++;
    if (!options.quiet && totals.failedFiles <= MAX_REPORTED_FAILURES) process.stderr.write(`\nskipped ${what}\n`);
    if (!options.quiet && totals.failedFiles === MAX_REPORTED_FAILURES + 1) process.stderr.write('(more skipped files are counted, not listed)\n');
  };
  const progress = options.quiet ? undefined : progressBar('ingest', options.total, 'docs');
  let files = 0;
  const nodeMs = new Map<string, number>();
  for await (const batch of batches(options.files, options.batchSize)) {
    let reportedInBatch = 0;
    const onEvent = (_nodeId: string, event: NodeEvent) => {
      const data = event.data as { level?: string; file?: string; code?: string; message?: string } | undefined;
      if (event.type !== 'log' || data?.level !== 'error' || !data.file) return;
      reportedInBatch++;
      reportFailure(`${data.file} [${data.code}]: ${data.message}`);
    };
    const result = await runGraphInline({ sql: options.sql, graph, input: { files: batch }, onEvent }).catch((error: unknown) => {
      // every file of the batch was unreadable (the parser reported each one): go on with the next
      // batch; anything else, including the same codes from a later node, stops the run
      if (isNodeError(error) && PER_FILE_CODES.has(error.code) && String(error.details?.nodeType).startsWith('parse.')) {
        if (reportedInBatch === 0) for (const file of batch) reportFailure(`${file.sourceId ?? file.name} [${error.code}]: ${error.message}`);
        return undefined;
      }
      progress?.finish();
      throw new Error(`ingestion stopped after ${files} files (batch starting at "${batch[0]?.sourceId ?? batch[0]?.name}"): ${(error as Error).message}`, {
        cause: error,
      });
    });
    files += batch.length;
    progress?.tick(files);
    if (!result) continue;
    for (const [nodeId, node] of Object.entries(result.nodes)) nodeMs.set(nodeId, (nodeMs.get(nodeId) ?? 0) + (node.ms ?? 0));
    addStoreSummaries(totals, graph, result);
  }
  progress?.finish();
  if (!options.quiet) process.stderr.write(`time per node: ${[...nodeMs].map(([id, ms]) => `${id} ${(ms / 1000).toFixed(1)}s`).join(', ')}\n`);
  const seconds = (performance.now() - started) / 1000;
  return { ...totals, seconds: round(seconds), docsPerSec: round(files / seconds) };
}

const round = (x: number) => Math.round(x * 100) / 100;
const MAX_REPORTED_FAILURES = 20;
/** Errors that concern the files themselves: with every file of a batch unreadable, skip the batch. */
const PER_FILE_CODES = new Set(['UNSUPPORTED_FORMAT', 'CORRUPT_FILE', 'EMPTY_INPUT', 'TOO_LARGE']);

export async function ingestCommand(args: z.infer<typeof ingestArgs>): Promise<IngestTotals> {
  const db = await openCliDb();
  try {
    const { spec: loaded, source } = await loadGraphSpec(db, args.graph);
    process.stderr.write(`graph: ${source}\n`);
    const spec = applySets(loaded, args.set);
    const urls = args.paths.filter(isWebAddress);
    const paths = args.paths.filter((p) => !isWebAddress(p));
    const started = performance.now();
    const fromFiles = paths.length ? await ingestFiles({ sql: db.sql, spec, collection: args.collection, ...ingestSources(paths), batchSize: args.batch }) : undefined;
    if (!urls.length) return fromFiles!;
    const pages = await ingestPages({ sql: db.sql, spec, collection: args.collection, urls, crawl: args });
    const seconds = (performance.now() - started) / 1000;
    const counts = sumStoreCounts(fromFiles ?? noStoreCounts(), pages);
    return {
      collection: args.collection,
      ...counts,
      failedFiles: fromFiles?.failedFiles ?? 0,
      failedPages: pages.failedPages,
      seconds: round(seconds),
      docsPerSec: round(counts.documents / seconds),
    };
  } finally {
    await db.close();
  }
}

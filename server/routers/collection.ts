import { z } from 'zod';
import { validateCollectionName } from '../../nodes/store/shared/collections';
import type { Runner } from '../../runners/index';
import type { Db } from '../db/client';
import { collectionGraph } from '../services/collection-graph';
import { collectionSearchInput, searchCollection } from '../services/collection-search';
import { deleteCollection, deleteDocument, getCollection, listCollections, listDocuments } from '../services/collections';
import { listDocumentChunks } from '../services/document-chunks';
import { ServiceError } from '../services/errors';
import { uuid } from '../services/spec-input';
import { firstRepeatedName, repeatedNameMessage } from '../services/upload-names';
import { publicProcedure, router } from '../trpc';
import { assertFilesFit } from '../services/file-limits';
import { addWebSource, deleteWebSource, listWebSources, refreshWebSource, setWebSourceCrawl, setWebSourceRefresh } from '../services/web-sources';
import { webInputConfig, webInputFields } from '../../nodes/io/web-input/definition';

const collectionName = z
  .string()
  .trim()
  .min(1, 'a collection needs a name')
  .max(128, 'collection names are at most 128 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'use letters, digits, ".", "_" or "-", starting with a letter or digit');

/** How often a web source is loaded again: every 1 hour to 90 days, or null for only when asked. */
const refreshHours = z.number().int().min(1, 'refresh at most every hour').max(2160, 'refresh at least every 90 days (2,160 hours)').nullable();

/** A document's identity in its collection (file name, BEIR id). */
const sourceId = z.string().min(1, 'name the document by its source id').max(512, 'source ids are at most 512 characters');

const uploadFile = z.object({
  name: z.string().min(1, 'a file needs a name').max(512, 'file names are at most 512 characters'),
  mimeType: z.string().max(200).optional(),
  contentBase64: z.string().max(12_000_000, 'a file sent here is at most ~8 MB (base64): upload larger files through the public API'),
  size: z.number().int().nonnegative().optional(),
});

/** The crawl settings a caller chooses for a web load (the Web pages node's, with the defaults the Collections page shows). */
const crawlInput = {
  crawlDepth: webInputConfig.shape.crawlDepth,
  maxPages: webInputConfig.shape.maxPages,
  scope: webInputConfig.shape.scope,
  skipPaths: webInputConfig.shape.skipPaths,
  useSitemaps: z.boolean().default(false),
  allowPrivateNetwork: z.boolean().default(false),
  renderJavaScript: z.boolean().default(false),
};

export const collectionRouter = router({
  /** every collection with its embedding model and document/chunk counts */
  list: publicProcedure.query(({ ctx }) => listCollections(ctx.db)),

  byName: publicProcedure.input(z.object({ name: collectionName })).query(({ ctx, input }) => getCollection(ctx.db, input.name)),

  documents: publicProcedure
    .input(
      z.object({
        name: collectionName,
        search: z.string().max(200, 'search text is at most 200 characters').optional(),
        limit: z.number().int().min(1).max(1000).default(100),
        offset: z.number().int().min(0).default(0),
      }),
    )
    .query(({ ctx, input }) => listDocuments(ctx.db, input.name, input)),

  /** one page of a document's chunks in reading order, with what was indexed for each */
  chunks: publicProcedure
    .input(
      z.object({
        name: collectionName,
        sourceId,
        limit: z.number().int().min(1).max(200, 'at most 200 chunks a page').default(50),
        offset: z.number().int().min(0).default(0),
      }),
    )
    .query(({ ctx, input }) => listDocumentChunks(ctx.db, input.name, input.sourceId, input)),

  deleteDocument: publicProcedure
    .input(z.object({ name: collectionName, sourceId }))
    .mutation(({ ctx, input }) => deleteDocument(ctx.db, input.name, input.sourceId)),

  delete: publicProcedure.input(z.object({ name: collectionName })).mutation(({ ctx, input }) => deleteCollection(ctx.db, input.name)),

  /** Tries a query on the collection through a query graph (services/collection-search.ts): the passages its ranking returns, with scores. */
  search: publicProcedure
    .input(collectionSearchInput.extend({ collection: collectionName }))
    .mutation(({ ctx, input }) => searchCollection(ctx.db, ctx.runner, input)),

  /**
   * Ingests files into a collection by running an ingestion graph (the seeded one unless `graphId`
   * names another; services/collection-graph.ts) with its store node pointed at the collection. The run shows in the run history;
   * the collection is created by the store on first upload.
   */
  upload: publicProcedure
    .input(
      z.object({
        collection: collectionName,
        files: z
          .array(uploadFile)
          .min(1, 'choose at least one file')
          .max(1000, 'at most 1,000 files per upload')
          .superRefine((files, ctx) => {
            const repeated = firstRepeatedName(files.map((f) => f.name));
            if (repeated !== undefined) ctx.addIssue({ code: 'custom', message: repeatedNameMessage(repeated) });
          }),
        graphId: uuid.optional(),
      }),
    )
    .mutation(({ ctx, input }) => startUpload(ctx.db, ctx.runner, input)),

  /**
   * Loads web pages (and, with crawlDepth, the pages they link to) into a collection through an
   * ingestion graph, as `upload` does with files (services/web-import.ts), and keeps them as a web
   * source of the collection, loaded again every `refreshHours` or when asked (services/web-sources.ts).
   */
  importWeb: publicProcedure
    .input(
      z.object({
        collection: collectionName,
        urls: webInputFields.shape.urls,
        ...crawlInput,
        refreshHours: refreshHours.default(null),
        graphId: uuid.optional(),
      }),
    )
    .mutation(({ ctx, input }) => addWebSource(ctx.db, ctx.runner, { ...input, collection: checkedCollection(input.collection) })),

  /** the web sources of a collection, with how each one's last load went */
  webSources: publicProcedure.input(z.object({ name: collectionName })).query(({ ctx, input }) => listWebSources(ctx.db, input.name)),

  refreshWebSource: publicProcedure.input(z.object({ id: uuid })).mutation(({ ctx, input }) => refreshWebSource(ctx.db, ctx.runner, input.id)),

  setWebSourceRefresh: publicProcedure.input(z.object({ id: uuid, refreshHours })).mutation(({ ctx, input }) => setWebSourceRefresh(ctx.db, input.id, input.refreshHours)),

  /** how a source crawls from its next load on (the addresses are what make it the source: add others as a new one) */
  setWebSourceCrawl: publicProcedure.input(z.object({ id: uuid, ...crawlInput })).mutation(({ ctx, input: { id, ...crawl } }) => setWebSourceCrawl(ctx.db, id, crawl)),

  /** forgets a source; withPages deletes its pages from the collection too (not those another source also loads) */
  deleteWebSource: publicProcedure.input(z.object({ id: uuid, withPages: z.boolean().default(false) })).mutation(({ ctx, input }) => deleteWebSource(ctx.db, input.id, { withPages: input.withPages })),
});

export async function startUpload(
  db: Db,
  runner: Runner,
  input: { collection: string; files: z.infer<typeof uploadFile>[]; graphId?: string },
): Promise<{ runId: string; graphId: string; graphName: string; versionNumber: number | null }> {
  const collection = checkedCollection(input.collection);
  const { graph, version, spec } = await collectionGraph(db, 'ingestion', collection, input.graphId);
  if (!spec.nodes.some((n) => n.type === 'io.file-input')) {
    throw new ServiceError('BAD_REQUEST', `graph "${graph.name}" reads web pages, not files: choose an ingestion graph with a File input, or add these documents as web pages`);
  }
  assertFilesFit(spec, `the ingestion graph "${graph.name}"`, input.files);
  const { runId } = await runner.start({
    graphId: graph.id,
    graphVersionId: version?.id ?? null,
    spec,
    input: { files: input.files },
    source: 'upload',
  });
  return { runId, graphId: graph.id, graphName: graph.name, versionNumber: version?.number ?? null };
}

function checkedCollection(name: string): string {
  try {
    return validateCollectionName(name);
  } catch (error) {
    throw new ServiceError('BAD_REQUEST', (error as Error).message);
  }
}

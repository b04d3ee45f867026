import { z } from 'zod';
import { deleteCollection, deleteDocument, listCollections, listDocuments } from '../../server/services/collections';
import { openCliDb } from '../db';

export const collectionsArgs = z.object({
  action: z.enum(['list', 'delete']).default('list'),
  name: z.string().optional(),
});

export async function collectionsCommand(args: z.infer<typeof collectionsArgs>): Promise<unknown> {
  const db = await openCliDb();
  try {
    if (args.action === 'delete') {
      if (!args.name) throw new Error('usage: rag collections delete NAME');
      return { collection: args.name, ...(await deleteCollection(db, args.name)) };
    }
    return (await listCollections(db)).map((c) => ({
      name: c.name,
      model: c.embeddingModel,
      dims: c.dims,
      documents: c.documentCount,
      chunks: c.chunkCount,
    }));
  } finally {
    await db.close();
  }
}

export const documentsArgs = z.object({
  collection: z.string({ error: '--collection NAME is required' }).min(1, '--collection NAME is required'),
  action: z.enum(['list', 'delete']).default('list'),
  sourceId: z.string().optional(),
  search: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export async function documentsCommand(args: z.infer<typeof documentsArgs>): Promise<unknown> {
  const db = await openCliDb();
  try {
    if (args.action === 'delete') {
      if (!args.sourceId) throw new Error('usage: rag documents delete --collection NAME SOURCE_ID');
      return { collection: args.collection, sourceId: args.sourceId, ...(await deleteDocument(db, args.collection, args.sourceId)) };
    }
    const { total, documents } = await listDocuments(db, args.collection, { search: args.search, limit: args.limit });
    return { total, documents: documents.map((d) => ({ sourceId: d.sourceId, title: d.title, chunks: d.chunkCount, updatedAt: d.updatedAt })) };
  } finally {
    await db.close();
  }
}

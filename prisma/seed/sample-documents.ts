import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Runner } from '../../runners/index';
import type { Db } from '../../server/db/client';
import type { Prisma } from '../../server/db/generated/client';
import { startUpload } from '../../server/routers/collection';
import { createCollection, deleteCollection } from '../../server/services/collections';
import { getGraphByName } from '../../server/services/graphs';
import { EXAMPLE_NAMES } from './examples';

const MARKER = 'sample_documents_seeded';
/** The collection the example graphs store into and search. */
export const SAMPLE_COLLECTION = 'docs';
const SAMPLE_DESCRIPTION = 'Short guides to Ragraph, so that the example query graph can answer from the start. Delete them once your own documents are in.';
export const SAMPLE_DOCUMENTS_DIR = join(import.meta.dirname, 'sample-documents');

export type SampleSeeding = { started: false; reason: string } | { started: true; runId: string };

/**
 * Puts this project's short guides into the "docs" collection, once, by running the example
 * ingestion graph on them as an upload: so the example query graph answers on a fresh install
 * (instead of failing on a collection that does not exist yet), and the first run in the history
 * is a real one. Left alone when the examples were not seeded, when "docs" already exists (its
 * owner chose what is in it), and on every later start, even if the documents were deleted.
 */
export async function seedSampleDocuments(db: Db, runner: Runner): Promise<SampleSeeding> {
  if (await db.prisma.appSetting.findUnique({ where: { key: MARKER } })) return { started: false, reason: 'seeded before' };
  if (await db.prisma.collection.findUnique({ where: { name: SAMPLE_COLLECTION }, select: { id: true } })) {
    await mark(db, { skipped: `collection "${SAMPLE_COLLECTION}" existed` });
    return { started: false, reason: `collection "${SAMPLE_COLLECTION}" exists` };
  }
  const ingestion = await getGraphByName(db, EXAMPLE_NAMES.ingestion).catch(() => undefined);
  if (!ingestion) return { started: false, reason: 'no example ingestion graph' };
  await createCollection(db, { name: SAMPLE_COLLECTION, description: SAMPLE_DESCRIPTION });
  let runId: string;
  try {
    ({ runId } = await startUpload(db, runner, { collection: SAMPLE_COLLECTION, files: sampleFiles(), graphId: ingestion.id }));
  } catch (error) {
    // the next start tries again (Redis back up, say): it would take an empty "docs" for the owner's
    await deleteCollection(db, SAMPLE_COLLECTION).catch(() => undefined);
    throw error;
  }
  await mark(db, { runId });
  return { started: true, runId };
}

/** The guides as an upload's files. */
export function sampleFiles() {
  return readdirSync(SAMPLE_DOCUMENTS_DIR)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => {
      const bytes = readFileSync(join(SAMPLE_DOCUMENTS_DIR, name));
      return { name, mimeType: 'text/markdown', size: bytes.length, contentBase64: bytes.toString('base64') };
    });
}

async function mark(db: Db, value: Record<string, string>) {
  const stamped = { at: new Date().toISOString(), ...value } as Prisma.InputJsonValue;
  await db.prisma.appSetting.upsert({ where: { key: MARKER }, create: { key: MARKER, value: stamped }, update: {} });
}

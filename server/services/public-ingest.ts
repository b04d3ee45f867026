import type { FileValue } from '../../nodes/core/values';
import type { Db } from '../db/client';
import { mayCall, type AuthenticatedKey } from './api-keys';
import { ServiceError } from './errors';
import { servedEndpoints } from './public-routing';
import { assertStorableText } from './storable-text';
import { firstRepeatedName, repeatedNameMessage } from './upload-names';

/**
 * Uploads to /api/v1/collections/{name}/documents run through a published ingestion endpoint (an
 * `io.file-input` graph whose `store.pgvector` writes to that collection). The caller may name it
 * (`?endpoint=slug` or a form field `endpoint`); otherwise the one ingestion endpoint writing to the
 * collection that the key may call is used.
 */
export async function ingestionEndpointFor(db: Db, key: AuthenticatedKey, collection: string): Promise<string> {
  const writers = (await servedEndpoints(db)).filter((e) => e.capabilities?.ingestion?.collections.includes(collection));
  if (writers.length === 0) {
    throw new ServiceError(
      'NOT_FOUND',
      `no published ingestion endpoint writes to collection "${collection}": publish an ingestion graph (io.file-input … store.pgvector) whose store node names "${collection}"`,
    );
  }
  const allowed = writers.filter((w) => mayCall(key, w.id));
  if (allowed.length === 0) {
    throw new ServiceError('FORBIDDEN', `API key ${key.prefix} may not call the ingestion endpoint of "${collection}" (${writers.map((w) => w.slug).join(', ')}): add it to the key's scopes`);
  }
  if (allowed.length > 1) {
    throw new ServiceError('BAD_REQUEST', `several endpoints write to collection "${collection}" (${allowed.map((w) => w.slug).join(', ')}): choose one with ?endpoint=<slug>`, { param: 'endpoint' });
  }
  return allowed[0]!.slug;
}

/** The endpoint's version (maybe the canary) must write where the URL says. */
export function assertWritesTo(collections: string[] | undefined, slug: string, collection: string): void {
  if (!collections) throw new ServiceError('BAD_REQUEST', `endpoint "${slug}" is not an ingestion endpoint: its graph needs an io.file-input entry and a store.pgvector node`);
  if (!collections.includes(collection)) {
    throw new ServiceError('BAD_REQUEST', `endpoint "${slug}" writes to collection ${collections.map((c) => `"${c}"`).join(', ')}, not "${collection}": upload to /api/v1/collections/${collections[0]}/documents`);
  }
}

/** Multipart form → the files run input, with optional shared metadata (a JSON object in the `metadata` field). */
export async function filesFromForm(form: FormData): Promise<FileValue[]> {
  let metadata: Record<string, unknown> | undefined;
  const rawMetadata = form.get('metadata');
  if (typeof rawMetadata === 'string' && rawMetadata.trim()) {
    try {
      const parsed: unknown = JSON.parse(rawMetadata);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      metadata = parsed as Record<string, unknown>;
    } catch (error) {
      throw new ServiceError('BAD_REQUEST', `metadata: send a JSON object (${(error as Error).message})`, { param: 'metadata' });
    }
    assertStorableText(metadata, 'metadata');
  }
  const uploads = [...form.values()].filter((value): value is File => typeof value !== 'string');
  const repeated = firstRepeatedName(uploads.map((file) => file.name).filter(Boolean));
  if (repeated !== undefined) throw new ServiceError('BAD_REQUEST', repeatedNameMessage(repeated), { param: 'files' });
  const files: FileValue[] = [];
  for (const value of uploads) {
    assertStorableText(value.name, `the file name "${value.name}"`);
    const bytes = Buffer.from(await value.arrayBuffer());
    files.push({
      name: value.name || `upload-${files.length + 1}`,
      ...(value.type ? { mimeType: value.type.split(';')[0]!.trim() } : {}),
      contentBase64: bytes.toString('base64'),
      size: bytes.byteLength,
      ...(metadata ? { metadata } : {}),
    });
  }
  if (files.length === 0) throw new ServiceError('BAD_REQUEST', 'the form has no file: attach documents as file fields (e.g. curl -F files=@report.pdf)', { param: 'files' });
  return files;
}

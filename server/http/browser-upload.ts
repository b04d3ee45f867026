import type { Runner } from '../../runners/index';
import type { Db } from '../db/client';
import { startUpload } from '../routers/collection';
import { ServiceError } from '../services/errors';
import { filesFromForm } from '../services/public-ingest';
import { uuid } from '../services/spec-input';
import { REQUEST_LIMITS } from '../../nodes/core/request-limits';
import { readMultipart } from './v1/http';

const MAX_FILES = 1000;

/**
 * POST /api/collections/{name}/upload — the editor's own upload (same origin and no API key, like
 * tRPC): multipart/form-data with `files` and an optional `graphId`. Files travel as they are rather
 * than base64 inside JSON, so the browser takes files up to the public API's limit instead of tRPC's
 * 8 MB body. Starts the same ingestion run as collection.upload and answers what it answers.
 */
export async function browserUpload(deps: { db: Db; runner: Runner }, request: Request, params: { name: string }): Promise<Response> {
  const form = await readMultipart(request, REQUEST_LIMITS.uploadBytes);
  const rawGraphId = form.get('graphId');
  const graphId = typeof rawGraphId === 'string' && rawGraphId !== '' ? uuid.safeParse(rawGraphId) : undefined;
  if (graphId && !graphId.success) throw new ServiceError('BAD_REQUEST', `graphId: ${graphId.error.issues[0]?.message ?? 'not a valid id'}`);
  const files = await filesFromForm(form);
  if (files.length > MAX_FILES) throw new ServiceError('BAD_REQUEST', `${files.length} files in one upload: send at most ${MAX_FILES} per request`);
  const started = await startUpload(deps.db, deps.runner, { collection: params.name, files, graphId: graphId?.data });
  return Response.json(started, { headers: { 'cache-control': 'no-store' } });
}

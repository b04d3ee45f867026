import { authenticate } from '../../services/api-keys';
import { ServiceError } from '../../services/errors';
import { admitKey, type PublicApiDeps } from '../../services/public-calls';
import { assertWritesTo, filesFromForm, ingestionEndpointFor } from '../../services/public-ingest';
import { LIMITS, readBytes, refuseDeclaredTooLarge } from './http';
import { callMode, runAndRespond } from './run-response';

/**
 * POST /api/v1/collections/{name}/documents (multipart/form-data): the files go through a published
 * ingestion endpoint as one run. Same modes as an endpoint call: sync, `?mode=async` (202 + run id) or
 * SSE (`Accept: text/event-stream`) with node and progress events.
 */
export async function uploadDocuments(deps: PublicApiDeps, request: Request, params: { name: string }): Promise<Response> {
  refuseDeclaredTooLarge(request, LIMITS.uploadBytes);
  const mode = callMode(request);
  const key = await authenticate(deps.db, request.headers.get('authorization'));
  const contentType = request.headers.get('content-type') ?? '';
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) {
    throw new ServiceError('BAD_REQUEST', `send the documents as multipart/form-data (got "${contentType || 'no content type'}"): e.g. curl -F files=@report.pdf`);
  }
  const bytes = await readBytes(request, LIMITS.uploadBytes);
  let form: FormData;
  try {
    form = await new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': contentType } }).formData();
  } catch (error) {
    throw new ServiceError('BAD_REQUEST', `the multipart body could not be read: ${(error as Error).message}`);
  }
  const named = new URL(request.url).searchParams.get('endpoint') ?? (typeof form.get('endpoint') === 'string' ? (form.get('endpoint') as string) : null);
  const slug = named ?? (await ingestionEndpointFor(deps.db, key, params.name));
  const admitted = await admitKey(deps, key, slug);
  assertWritesTo(admitted.target.capabilities.ingestion?.collections, slug, params.name);
  const files = await filesFromForm(form);
  return runAndRespond(deps, admitted, { files }, mode, request);
}

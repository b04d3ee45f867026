import { authenticate } from '../../services/api-keys';
import { assertStorableText } from '../../services/storable-text';
import { admitKey, type PublicApiDeps } from '../../services/public-calls';
import { assertWritesTo, filesFromForm, ingestionEndpointFor } from '../../services/public-ingest';
import { REQUEST_LIMITS } from '../../../nodes/core/request-limits';
import { assertFilesFit } from '../../services/file-limits';
import { readMultipart, refuseDeclaredTooLarge } from './http';
import { callMode, runAndRespond } from './run-response';

/**
 * POST /api/v1/collections/{name}/documents (multipart/form-data): the files go through a published
 * ingestion endpoint as one run. Same modes as an endpoint call: sync, `?mode=async` (202 + run id) or
 * SSE (`Accept: text/event-stream`) with node and progress events.
 */
export async function uploadDocuments(deps: PublicApiDeps, request: Request, params: { name: string }): Promise<Response> {
  refuseDeclaredTooLarge(request, REQUEST_LIMITS.uploadBytes);
  const mode = callMode(request);
  const key = await authenticate(deps.db, request.headers.get('authorization'));
  const form = await readMultipart(request, REQUEST_LIMITS.uploadBytes);
  const fromForm = form.get('endpoint');
  const named = new URL(request.url).searchParams.get('endpoint') ?? (typeof fromForm === 'string' ? fromForm : null);
  assertStorableText(named, 'the endpoint parameter');
  const slug = named ?? (await ingestionEndpointFor(deps.db, key, params.name));
  const admitted = await admitKey(deps, key, slug);
  assertWritesTo(admitted.target.capabilities.ingestion?.collections, slug, params.name);
  const files = await filesFromForm(form);
  assertFilesFit(admitted.target.version.spec, `endpoint "${slug}" (v${admitted.target.version.number})`, files);
  return runAndRespond(deps, admitted, { files }, mode, request);
}

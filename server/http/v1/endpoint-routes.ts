import { authenticate } from '../../services/api-keys';
import { admit, publicRun, type PublicApiDeps } from '../../services/public-calls';
import { REQUEST_LIMITS } from '../../../nodes/core/request-limits';
import { json, readJsonObject, refuseDeclaredTooLarge } from './http';
import { callMode, runAndRespond } from './run-response';

/** POST /api/v1/endpoints/{slug}: the body is the run input (the endpoint's request schema). */
export async function callEndpoint(deps: PublicApiDeps, request: Request, params: { slug: string }): Promise<Response> {
  refuseDeclaredTooLarge(request, REQUEST_LIMITS.jsonBytes);
  const mode = callMode(request);
  const admitted = await admit(deps, request.headers.get('authorization'), params.slug);
  const input = await readJsonObject(request);
  return runAndRespond(deps, admitted, input, mode, request);
}

/** GET /api/v1/runs/{runId}: status and output of a call, for keys that may call its endpoint. */
export async function getRun(deps: PublicApiDeps, request: Request, params: { runId: string }): Promise<Response> {
  const key = await authenticate(deps.db, request.headers.get('authorization'));
  return json(await publicRun(deps, key, params.runId));
}

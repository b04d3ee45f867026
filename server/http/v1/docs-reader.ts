import { authenticate, mayCall } from '../../services/api-keys';
import type { PublicApiDeps } from '../../services/public-calls';
import { editorAccessAllowed } from '../editor-auth';

/** Which published endpoints the reader of the API reference may see, and a line saying why when not all. */
export interface DocsReader {
  mayRead(endpointId: string): boolean;
  note?: string;
}

/**
 * Who reads the API reference decides which endpoints it lists, as keys are scoped per endpoint:
 * - an API key (`Authorization: Bearer …`): the endpoints it may call (a wrong key is a 401);
 * - the editor's users (no editor password set, or the request carries it): every endpoint, as the
 *   editor's Endpoints page shows them anyway;
 * - anyone else: none, only the generic routes (with the editor password set, the reference would
 *   otherwise list every endpoint's name, graph and schema to anyone who can reach the server).
 */
export async function docsReader(deps: PublicApiDeps, request: Request): Promise<DocsReader> {
  const authorization = request.headers.get('authorization');
  if (authorization && /^Bearer\s/i.test(authorization.trim())) {
    const key = await authenticate(deps.db, authorization);
    return { mayRead: (id) => mayCall(key, id), note: `Listed: the endpoints API key ${key.prefix} ("${key.name}") may call.` };
  }
  if (editorAccessAllowed('/', authorization ?? undefined, deps.editorCredentials)) return { mayRead: () => true };
  return {
    mayRead: () => false,
    note: "This server's endpoints are listed for the editor's users and, in `openapi.json`, for an API key's endpoints (send `Authorization: Bearer <API key>`); any endpoint is called as `/api/v1/endpoints/{slug}` below.",
  };
}

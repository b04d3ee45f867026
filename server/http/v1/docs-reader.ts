import { authenticate, mayCall } from '../../services/api-keys';
import type { PublicApiDeps } from '../../services/public-calls';
import { editorAccessAllowed, editorChallenge } from '../editor-auth';
import { openApiDocument } from '../../services/public-openapi';
import { renderDocsPage } from './docs-page';

/** Which published endpoints the reader of the API reference may see, and a line saying why when not all. */
export interface DocsReader {
  /** an API key's holder, the editor's user, or anyone */
  who: 'key' | 'editor' | 'anonymous';
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
    return { who: 'key', mayRead: (id) => mayCall(key, id), note: `Listed: the endpoints API key ${key.prefix} ("${key.name}") may call.` };
  }
  if (editorAccessAllowed('/', authorization ?? undefined, deps.editorCredentials)) return { who: 'editor', mayRead: () => true };
  return {
    who: 'anonymous',
    mayRead: () => false,
    note: "This server's endpoints are listed for the editor's users (open `/api/v1/docs?signin`) and, in `openapi.json`, for an API key's endpoints (send `Authorization: Bearer <API key>`); any endpoint is called as `/api/v1/endpoints/{slug}` below.",
  };
}

/**
 * GET /api/v1/docs: the reference as a page. `?signin` (the editor's links) asks for the editor
 * password when the request lacks it, as the editor's pages do; a browser that signed in to the editor
 * answers with it, and the page lists every endpoint. Without `?signin` nobody is asked.
 */
export async function docsPage(deps: PublicApiDeps, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const reader = await docsReader(deps, request);
  if (url.searchParams.has('signin') && reader.who === 'anonymous') {
    const challenge = editorChallenge();
    return new Response(challenge.body, { status: challenge.status, headers: challenge.headers });
  }
  const html = renderDocsPage(await openApiDocument(deps.db, { serverUrl: url.origin, ...reader }), url.origin);
  return new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
}

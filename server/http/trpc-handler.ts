import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { REQUEST_LIMITS } from '../../nodes/core/request-limits';
import { createContext } from '../context';
import { appRouter } from '../routers/_app';
import { readBodyLimited } from './fetch-bridge';
import { errorResponse } from './responses';
import { log } from '../log';

/**
 * Bodies over the JSON limit are refused before parsing (graph specs are capped at 1 MB inside): by
 * their declared length, or as they arrive when they declare none (chunked), so a body without a
 * length cannot fill the server's memory either.
 */
export async function handleTrpc(request: Request): Promise<Response> {
  const limit = REQUEST_LIMITS.jsonBytes;
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > limit) return errorResponse(413, 'PAYLOAD_TOO_LARGE', `request body is ${length} bytes; the limit is ${limit}`);
  let bounded = request;
  if (request.body) {
    const body = await readBodyLimited(request, limit);
    if (body === null) return errorResponse(413, 'PAYLOAD_TOO_LARGE', `request body is larger than ${limit} bytes, the limit`);
    // tRPC reads any other JSON as an input envelope and fails inside it ("Cannot destructure property 'json' of null")
    const first = body.find((byte) => byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09);
    if (first !== undefined && first !== 0x7b) {
      return errorResponse(400, 'BAD_REQUEST', 'send a JSON object: {"json": <input>} for one call (tRPC with superjson), or {"0": {"json": <input>}, …} with ?batch=1');
    }
    bounded = new Request(request.url, { method: request.method, headers: request.headers, body: body as Uint8Array<ArrayBuffer>, signal: request.signal });
  }
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req: bounded,
    // queries may be POSTed too: a query's input rides in its URL otherwise, and a large one
    // (graph.validate on a big spec) passes the server's 16 KB header limit
    allowMethodOverride: true,
    router: appRouter,
    createContext,
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') log.error(`[trpc] ${path}:`, error.cause ?? error);
    },
  });
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

/**
 * Adapts Node's http objects to the Fetch API so every API handler is a plain
 * `(request: Request) => Promise<Response>`: easy to test, and streaming (SSE) works through it.
 */
export function toFetchRequest(req: IncomingMessage, signal: AbortSignal): Request {
  const host = req.headers.host ?? '127.0.0.1';
  const url = new URL(req.url ?? '/', `http://${host}`);
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(key, v));
    else if (value !== undefined) headers.set(key, value);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(url, {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    signal,
    // @ts-expect-error Node's fetch needs this for streamed request bodies
    duplex: 'half',
  });
}

/** The text of responses made by `textResponse`, which the bridge sends as it is. */
const knownBodies = new WeakMap<Response, string>();

/**
 * A Response whose body is `text`, which sendFetchResponse writes in one piece with its length
 * instead of reading it back through the body stream chunk by chunk: for the public API's JSON
 * answers that read was a few per cent of a call's CPU. Other consumers read it like any Response.
 */
export function textResponse(text: string, init: ResponseInit): Response {
  const response = new Response(text, init);
  knownBodies.set(response, text);
  return response;
}

export async function sendFetchResponse(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, key) => {
    if (key === 'set-cookie') headers[key] = response.headers.getSetCookie();
    else headers[key] = value;
  });
  const text = knownBodies.get(response);
  if (text !== undefined) {
    res.writeHead(response.status, response.statusText, { ...headers, 'content-length': String(Buffer.byteLength(text)) });
    res.end(text);
    return;
  }
  res.writeHead(response.status, response.statusText, headers);
  if (!response.body) {
    res.end();
    return;
  }
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) res.flushHeaders();
  const reader = response.body.getReader();
  const onClose = () => void reader.cancel().catch(() => undefined);
  res.on('close', onClose);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) await new Promise<void>((resolve) => res.once('drain', resolve));
    }
  } catch {
    // the client went away mid-stream; nothing to send it
  } finally {
    res.off('close', onClose);
    res.end();
  }
}

/** Reads a request body up to `limit` bytes; returns null when it is larger (the caller answers 413). */
export async function readBodyLimited(request: Request, limit: number): Promise<Uint8Array | null> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) return null;
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    parts.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    body.set(part, offset);
    offset += part.byteLength;
  }
  return body;
}

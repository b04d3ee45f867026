import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP server on 127.0.0.1 whose answers each test scripts, for model APIs (OpenAI
 * /v1/embeddings, TEI /rerank, Cohere-style /v1/rerank). Requests are recorded with their parsed
 * JSON bodies so tests can assert exactly what a client sent.
 */
export interface ScriptedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface ScriptedReply {
  status?: number;
  /** sent as JSON */
  json?: unknown;
  /** sent verbatim (e.g. an HTML error page) */
  text?: string;
  delayMs?: number;
  /** never answer: the client must time out or cancel */
  hang?: boolean;
}

export interface ScriptedServer {
  url: string;
  requests: ScriptedRequest[];
  /** replaces the handler */
  handle(handler: (request: ScriptedRequest) => ScriptedReply | Promise<ScriptedReply>): void;
  close(): Promise<void>;
}

export async function startScriptedServer(handler: (request: ScriptedRequest) => ScriptedReply | Promise<ScriptedReply>): Promise<ScriptedServer> {
  let current = handler;
  const requests: ScriptedRequest[] = [];
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => {
      void (async () => {
        const raw = Buffer.concat(parts).toString('utf8');
        let body: unknown = raw;
        try {
          body = raw ? (JSON.parse(raw) as unknown) : undefined;
        } catch {
          // keep the raw text
        }
        const request: ScriptedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body };
        requests.push(request);
        let reply: ScriptedReply;
        try {
          reply = await current(request);
        } catch (error) {
          reply = { status: 500, text: `test handler failed: ${(error as Error).message}` };
        }
        if (reply.hang) return;
        if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
        if (res.destroyed) return;
        const isJson = reply.json !== undefined;
        res.writeHead(reply.status ?? 200, { 'content-type': isJson ? 'application/json' : 'text/plain' });
        res.end(isJson ? JSON.stringify(reply.json) : (reply.text ?? ''));
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    handle: (h) => void (current = h),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (bound, then released). */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

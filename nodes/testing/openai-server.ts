import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP server speaking the OpenAI wire protocol, for tests of nodes that call OpenAI-compatible
 * servers (vLLM, llama.cpp, Ollama, TEI, OpenAI). It implements /v1/chat/completions (JSON and SSE
 * streaming with the exact chunk objects OpenAI sends, including the usage chunk of
 * `stream_options.include_usage`), /v1/embeddings and /v1/moderations. Each test scripts the replies;
 * every request is recorded so tests can assert what the client sent.
 */

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

/** What the chat endpoint answers with. */
export interface ChatScript {
  /** the reply; split into `pieces` for streaming (default: one piece per word, spaces kept). */
  content?: string;
  /** explicit stream pieces (one SSE chunk each); overrides splitting `content`. */
  pieces?: string[];
  finishReason?: 'stop' | 'length' | 'content_filter';
  /** usage reported; default: prompt chars / 4 and one token per piece. `null` reports none. */
  usage?: { prompt_tokens: number; completion_tokens: number } | null;
  /** model name echoed back (default: the requested model). */
  model?: string;
  /** reply with this HTTP status and body instead (e.g. 500, 429). */
  error?: { status: number; body: string };
  /** send an `error` object inside the SSE stream after this many pieces (some servers do this). */
  streamErrorAfter?: number;
  /** close the stream after this many pieces without finish_reason or [DONE] (a dropped connection). */
  dropAfter?: number;
  /** wait before the response headers. */
  delayMs?: number;
  /** wait between stream chunks. */
  pieceDelayMs?: number;
  /** never answer (for timeout tests); the connection stays open until the client gives up. */
  hang?: boolean;
  /** ignore `stream: true` and answer with one JSON object (some servers do). */
  ignoreStream?: boolean;
}

export interface ChatRequestBody {
  model?: string;
  messages?: { role: string; content: string }[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  max_tokens?: number;
  max_completion_tokens?: number;
  stop?: string | string[];
  temperature?: number;
  response_format?: unknown;
  [key: string]: unknown;
}

export interface ModerationResult {
  flagged: boolean;
  categories: Record<string, boolean>;
  category_scores: Record<string, number>;
}

export type EmbeddingsReply = number[][] | { error: { status: number; body: string } };
export type ModerationsReply = ModerationResult[] | { error: { status: number; body: string } };

export interface OpenAITestServer {
  /** base URL without a trailing slash, e.g. http://127.0.0.1:41234 */
  url: string;
  requests: RecordedRequest[];
  onChat(handler: (body: ChatRequestBody) => ChatScript | Promise<ChatScript>): void;
  /** handlers may be async; a promise that never settles makes the server hang (timeout tests). */
  onEmbeddings(handler: (inputs: string[], body: Record<string, unknown>) => EmbeddingsReply | Promise<EmbeddingsReply>): void;
  onModerations(handler: (inputs: string[], body: Record<string, unknown>) => ModerationsReply | Promise<ModerationsReply>): void;
  /** when set, requests without `Authorization: Bearer <key>` get a 401 like OpenAI's. */
  requireApiKey(key: string | undefined): void;
  close(): Promise<void>;
}

export const MODERATION_CATEGORIES = [
  'harassment',
  'harassment/threatening',
  'hate',
  'hate/threatening',
  'illicit',
  'illicit/violent',
  'self-harm',
  'self-harm/intent',
  'self-harm/instructions',
  'sexual',
  'sexual/minors',
  'violence',
  'violence/graphic',
] as const;

/** A moderation result with every category false except the flagged ones (score 0.9 for those). */
export function moderationResult(flaggedCategories: string[] = []): ModerationResult {
  const categories: Record<string, boolean> = {};
  const scores: Record<string, number> = {};
  for (const c of MODERATION_CATEGORIES) {
    categories[c] = flaggedCategories.includes(c);
    scores[c] = flaggedCategories.includes(c) ? 0.9 : 0.001;
  }
  return { flagged: flaggedCategories.length > 0, categories, category_scores: scores };
}

/** Deterministic embedding for a text: a normalised hash-seeded vector (same text → same vector). */
export function hashEmbedding(text: string, dims: number): number[] {
  let seed = 2166136261;
  for (let i = 0; i < text.length; i++) seed = Math.imul(seed ^ text.charCodeAt(i), 16777619) >>> 0;
  const v: number[] = [];
  for (let i = 0; i < dims; i++) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    v.push(seed / 4294967296 - 0.5);
  }
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

export async function startOpenAIServer(): Promise<OpenAITestServer> {
  let chatHandler: (body: ChatRequestBody) => ChatScript | Promise<ChatScript> = () => ({ content: 'ok' });
  let embeddingsHandler: Parameters<OpenAITestServer['onEmbeddings']>[0] = (inputs, body) =>
    inputs.map((t) => hashEmbedding(t, typeof body.dimensions === 'number' ? body.dimensions : 8));
  let moderationsHandler: Parameters<OpenAITestServer['onModerations']>[0] = (inputs) => inputs.map(() => moderationResult());
  let apiKey: string | undefined;
  const requests: RecordedRequest[] = [];

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: String(error), type: 'server_error' } });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    let body: unknown = raw;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      // recorded as text; the endpoint answers 400 below like OpenAI does
    }
    requests.push({ method: req.method ?? 'GET', path, headers: req.headers, body });
    if (apiKey !== undefined && req.headers.authorization !== `Bearer ${apiKey}`) {
      return sendJson(res, 401, { error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' } });
    }
    if (req.method !== 'POST') return sendJson(res, 404, { error: { message: `no route ${req.method} ${path}` } });
    if (typeof body !== 'object' || body === null) {
      return sendJson(res, 400, { error: { message: 'We could not parse the JSON body of your request.', type: 'invalid_request_error' } });
    }
    const json = body as Record<string, unknown>;
    if (path === '/v1/chat/completions') return chat(json as ChatRequestBody, res);
    if (path === '/v1/embeddings') {
      const inputs = toInputs(json.input);
      const out = await embeddingsHandler(inputs, json);
      if (!Array.isArray(out)) return sendText(res, out.error.status, out.error.body);
      return sendJson(res, 200, {
        object: 'list',
        // encoding_format "base64" (the OpenAI SDK's default) sends little-endian float32 bytes
        data: out.map((embedding, index) => ({
          object: 'embedding',
          index,
          embedding: json.encoding_format === 'base64' ? Buffer.from(new Float32Array(embedding).buffer).toString('base64') : embedding,
        })),
        model: json.model ?? 'test-embedder',
        usage: { prompt_tokens: tokensOf(inputs.join(' ')), total_tokens: tokensOf(inputs.join(' ')) },
      });
    }
    if (path === '/v1/moderations') {
      const inputs = toInputs(json.input);
      const out = await moderationsHandler(inputs, json);
      if (!Array.isArray(out)) return sendText(res, out.error.status, out.error.body);
      return sendJson(res, 200, { id: `modr-${requests.length}`, model: json.model ?? 'omni-moderation-latest', results: out });
    }
    return sendJson(res, 404, { error: { message: `Invalid URL (POST ${path})`, type: 'invalid_request_error' } });
  }

  async function chat(body: ChatRequestBody, res: ServerResponse): Promise<void> {
    const script = await chatHandler(body);
    if (script.hang) return; // the client's timeout must end this
    if (script.delayMs) await sleep(script.delayMs);
    if (script.error) return sendText(res, script.error.status, script.error.body);

    const id = `chatcmpl-${requests.length}`;
    const created = Math.floor(Date.now() / 1000);
    const model = script.model ?? body.model ?? 'test-model';
    let pieces = script.pieces ?? splitWords(script.content ?? '');
    let finishReason: string = script.finishReason ?? 'stop';
    // honour stop sequences and max_tokens like a real server, so clients can rely on them
    const stops = body.stop === undefined ? [] : Array.isArray(body.stop) ? body.stop : [body.stop];
    const joined = pieces.join('');
    const cut = Math.min(...stops.map((s) => joined.indexOf(s)).filter((i) => i >= 0), Infinity);
    if (cut !== Infinity) pieces = splitWords(joined.slice(0, cut));
    const maxTokens = body.max_completion_tokens ?? body.max_tokens;
    if (maxTokens !== undefined && pieces.length > maxTokens) {
      pieces = pieces.slice(0, maxTokens);
      finishReason = 'length';
    }
    const content = pieces.join('');
    const promptChars = (body.messages ?? []).reduce((n, m) => n + String(m.content).length, 0);
    const usage =
      script.usage === null
        ? undefined
        : (script.usage ?? { prompt_tokens: Math.ceil(promptChars / 4), completion_tokens: pieces.length });
    const usageObject = usage && { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens };

    if (!body.stream || script.ignoreStream) {
      return sendJson(res, 200, {
        id,
        object: 'chat.completion',
        created,
        model,
        choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: finishReason }],
        ...(usageObject ? { usage: usageObject } : {}),
        system_fingerprint: 'fp_test',
      });
    }

    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const chunk = (delta: Record<string, unknown>, finish: string | null, extra: Record<string, unknown> = {}) => ({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      system_fingerprint: 'fp_test',
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      ...extra,
    });
    const includeUsage = body.stream_options?.include_usage === true;
    const send = (payload: unknown) => res.write(`data: ${JSON.stringify(payload)}\n\n`);
    send(chunk({ role: 'assistant', content: '', refusal: null }, null, includeUsage ? { usage: null } : {}));
    for (const [i, piece] of pieces.entries()) {
      if (script.streamErrorAfter !== undefined && i === script.streamErrorAfter) {
        send({ error: { message: 'The server had an error while processing your request.', type: 'server_error' } });
        res.end();
        return;
      }
      if (script.dropAfter !== undefined && i === script.dropAfter) {
        res.end();
        return;
      }
      if (script.pieceDelayMs) await sleep(script.pieceDelayMs);
      if (res.destroyed) return;
      send(chunk({ content: piece }, null, includeUsage ? { usage: null } : {}));
    }
    send(chunk({}, finishReason, includeUsage ? { usage: null } : {}));
    if (includeUsage && usageObject) {
      send({ id, object: 'chat.completion.chunk', created, model, system_fingerprint: 'fp_test', choices: [], usage: usageObject });
    }
    res.write('data: [DONE]\n\n');
    res.end();
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    onChat: (h) => void (chatHandler = h),
    onEmbeddings: (h) => void (embeddingsHandler = h),
    onModerations: (h) => void (moderationsHandler = h),
    requireApiKey: (key) => void (apiKey = key),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Words with their following whitespace, so joining the pieces gives back the text. */
function splitWords(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

function toInputs(input: unknown): string[] {
  if (typeof input === 'string') return [input];
  if (Array.isArray(input)) return input.map((x) => (typeof x === 'string' ? x : JSON.stringify(x)));
  return [];
}

function tokensOf(text: string): number {
  return Math.ceil(text.length / 4);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(payload));
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': text.trimStart().startsWith('{') ? 'application/json' : 'text/plain' });
  res.end(text);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

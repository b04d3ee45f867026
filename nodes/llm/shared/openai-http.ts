import { NodeError } from '../../core/errors';

/**
 * POSTs JSON to an OpenAI-compatible server (vLLM, llama.cpp, Ollama, TEI, OpenAI) and maps every way
 * it can fail to a NodeError a user can act on: unreachable server, HTTP error with status and body
 * excerpt, timeout, cancellation. Shared by the LLM, moderation and other HTTP model clients.
 */
export interface OpenAIPost {
  baseUrl: string;
  /** path under /v1, e.g. "/chat/completions" */
  path: string;
  body: unknown;
  apiKey?: string;
  timeoutMs: number;
  /** the run's signal (cancellation, runner timeout) */
  signal: AbortSignal;
  /** how errors name the server, e.g. "the LLM server" */
  what: string;
}

export interface OpenAIResponse {
  response: Response;
  url: string;
  /** aborts on the run's signal or this request's timeout; body reads must stay under it */
  signal: AbortSignal;
  /** maps an error thrown while reading the body (abort, reset) to a NodeError */
  fail(error: unknown): NodeError;
}

/** "http://h:8000", "http://h:8000/", "http://h:8000/v1" all mean the same server. */
export function endpointUrl(baseUrl: string, path: string): string {
  const base = baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '');
  return `${base}/v1${path}`;
}

export async function postOpenAI(request: OpenAIPost): Promise<OpenAIResponse> {
  const url = endpointUrl(request.baseUrl, request.path);
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = AbortSignal.any([request.signal, timeout]);
  const fail = (error: unknown) => toNodeError(error, { url, what: request.what, timeoutMs: request.timeoutMs, timeout, runSignal: request.signal });
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        ...(request.apiKey ? { authorization: `Bearer ${request.apiKey}` } : {}),
      },
      body: JSON.stringify(request.body),
      signal,
    });
  } catch (error) {
    throw fail(error);
  }
  if (!response.ok) {
    let text = '';
    try {
      text = await response.text();
    } catch {
      // the status says enough
    }
    const excerpt = text.replace(/\s+/g, ' ').trim().slice(0, 300);
    const status = response.status;
    const hint = status === 401 || status === 403 ? ' (check the API key)' : status === 404 ? ' (check baseUrl and the model name)' : '';
    throw new NodeError('REMOTE_ERROR', `${request.what} at ${url} answered HTTP ${status}${hint}${excerpt ? `: ${excerpt}` : ''}`, {
      retryable: status === 408 || status === 409 || status === 429 || status >= 500,
      details: { status, body: excerpt },
    });
  }
  return { response, url, signal, fail };
}

function toNodeError(
  error: unknown,
  at: { url: string; what: string; timeoutMs: number; timeout: AbortSignal; runSignal: AbortSignal },
): NodeError {
  if (error instanceof NodeError) return error;
  if (at.timeout.aborted) {
    return new NodeError('TIMEOUT', `${at.what} at ${at.url} did not finish within ${at.timeoutMs} ms (raise timeoutMs or check the server's load)`, { cause: error });
  }
  if (at.runSignal.aborted) {
    const reason: unknown = at.runSignal.reason;
    if (reason instanceof NodeError) return reason;
    const timedOut = reason instanceof Error && reason.name === 'TimeoutError';
    return new NodeError(timedOut ? 'TIMEOUT' : 'CANCELLED', `${at.what} request to ${at.url} was ${timedOut ? 'stopped by the node timeout' : 'cancelled'}`, { cause: error });
  }
  const code = networkCode(error);
  if (code && UNREACHABLE.has(code)) {
    return new NodeError('REMOTE_UNREACHABLE', `could not reach ${at.what} at ${at.url} (${code}): is the server running and is baseUrl right?`, { cause: error });
  }
  if (code) {
    return new NodeError('REMOTE_ERROR', `the connection to ${at.what} at ${at.url} broke (${code})`, { cause: error, retryable: true });
  }
  return new NodeError('REMOTE_ERROR', `${at.what} at ${at.url} failed: ${(error as Error)?.message ?? String(error)}`, { cause: error, retryable: true });
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ECONNRESET', 'UND_ERR_CONNECT_TIMEOUT', 'fetch failed']);

/** fetch wraps socket errors in TypeError("fetch failed") with the system error as cause. */
function networkCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/.test(code)) return code;
  }
  return error instanceof TypeError && error.message === 'fetch failed' ? 'fetch failed' : undefined;
}

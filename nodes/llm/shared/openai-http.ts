import { postRequest, v1Url, type StartedRequest } from '../../models/http';

/**
 * POSTs JSON to an OpenAI-compatible server (vLLM, llama.cpp, Ollama, TEI, OpenAI) and maps every way
 * it can fail to a NodeError a user can act on (nodes/models/http.ts does the work; this names the
 * OpenAI paths and accepts streamed answers).
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

export type OpenAIResponse = StartedRequest;

/** POST {baseUrl}/v1{path}: the shared HTTP client, asking for JSON or an event stream. */
export function postOpenAI(request: OpenAIPost): Promise<OpenAIResponse> {
  return postRequest(v1Url(request.baseUrl, request.path), request.body, {
    signal: request.signal,
    timeoutMs: request.timeoutMs,
    apiKey: request.apiKey,
    what: request.what,
    accept: 'application/json, text/event-stream',
  });
}

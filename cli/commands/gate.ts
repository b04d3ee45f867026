import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { PublicDatasetView } from '../../server/services/public-datasets';
import type { PublicEvaluationView } from '../../server/services/public-evaluations';
import { gateAndReport, gateOptionArgs, parseMinimums, type GateResult } from '../eval/gate';
import { EVALUATION_DEPTH } from '../../nodes/io/query-input/top-k';
import { proxiedFetch } from '../../nodes/models/proxied-fetch';

/**
 * `rag gate`: the quality gate against a running server, for a pipeline that holds an API key but no
 * database: it evaluates what an endpoint serves (its main version or its canary, often staged at 0 %)
 * on a stored dataset through the public API, waits for the scores, and passes them through the same
 * gate as `rag eval` (floors with --min, --max-drop since the nearest older version scored on that
 * dataset). The key comes from RAGRAPH_API_KEY, never a flag, so it stays out of shell history and CI logs.
 */
export const gateArgs = z.object({
  url: z.string({ error: '--url is required: the server, e.g. --url https://rag.example.com' }).url('--url must be a URL, e.g. https://rag.example.com'),
  endpoint: z.string({ error: '--endpoint SLUG is required' }).min(1, '--endpoint SLUG is required'),
  dataset: z.string({ error: '--dataset NAME is required (a stored dataset on that server)' }).min(1, '--dataset NAME is required (a stored dataset on that server)'),
  version: z.enum(['main', 'canary'], { error: '--version is main or canary' }).default('canary'),
  /** BEIR files to store as --dataset first, when the server does not have it yet (needs a key for all endpoints) */
  queries: z.string().optional(),
  qrels: z.string().optional(),
  depth: z.coerce.number().int().min(EVALUATION_DEPTH.min).max(EVALUATION_DEPTH.max).optional(),
  ...gateOptionArgs,
  /** seconds to wait for the scores before cancelling the evaluation */
  timeout: z.coerce.number().positive('--timeout is a number of seconds').default(1800),
  /** seconds between polls (tests poll faster) */
  poll: z.coerce.number().positive().default(2),
});

export interface GateOutcome {
  endpoint: string;
  version: number;
  dataset: string;
  evaluationId: string;
  metrics: Record<string, number>;
  comparedWith: PublicEvaluationView['comparedWith'];
  gate: GateResult;
}

export async function gateCommand(args: z.infer<typeof gateArgs>, env: Record<string, string | undefined> = process.env): Promise<GateOutcome> {
  const min = parseMinimums(args.min); // a bad --min is refused before anything starts
  const key = env.RAGRAPH_API_KEY?.trim();
  if (!key) throw new Error('set RAGRAPH_API_KEY to an API key scoped to the endpoint (Endpoints → New API key)');
  const api = apiClient(args.url, key);
  if (args.queries || args.qrels) await storeDataset(api, args);
  const base = `/api/v1/endpoints/${encodeURIComponent(args.endpoint)}/evaluations`;
  let view = await api<PublicEvaluationView>('POST', base, { dataset: args.dataset, version: args.version, ...(args.depth ? { depth: args.depth } : {}) });
  process.stderr.write(`evaluating v${view.version} of ${args.endpoint} (${args.version}) on "${view.dataset}": ${view.queries} queries\n`);
  const deadline = Date.now() + args.timeout * 1000;
  while (view.status === 'running') {
    if (Date.now() >= deadline) {
      await api('POST', `${view.statusUrl}/cancel`).catch(() => undefined);
      throw new Error(`the evaluation did not finish within ${args.timeout} s and was cancelled (${view.done} of ${view.queries} queries scored): raise --timeout`);
    }
    await new Promise((resolve) => setTimeout(resolve, args.poll * 1000));
    view = await api<PublicEvaluationView>('GET', view.statusUrl);
    process.stderr.write(`  ${view.done} / ${view.queries}\n`);
  }
  if (view.status !== 'succeeded') throw new Error(`the evaluation ${view.status}${view.error ? `: ${view.error}` : ''}`);
  const scores = { ndcg10: view.metrics.ndcg10 ?? 0, recall100: view.metrics.recall100 ?? 0, mrr10: view.metrics.mrr10 ?? 0 };
  const gate = gateAndReport(scores, { min, maxDrop: args.maxDrop }, view.comparedWith ?? undefined);
  return { endpoint: view.endpoint, version: view.version, dataset: view.dataset, evaluationId: view.id, metrics: view.metrics, comparedWith: view.comparedWith, gate };
}

/**
 * Stores --queries and --qrels under --dataset, so a pipeline can ship its judged queries with the
 * gate; a dataset of that name already on the server is kept as it is (stored datasets never change).
 */
async function storeDataset(api: ApiClient, args: z.infer<typeof gateArgs>): Promise<void> {
  if (!args.queries || !args.qrels) throw new Error('--queries and --qrels go together: the BEIR queries.jsonl and qrels .tsv to store as --dataset');
  const body = { name: args.dataset, queriesText: readFileSync(args.queries, 'utf8'), qrelsText: readFileSync(args.qrels, 'utf8') };
  try {
    const stored = await api<PublicDatasetView>('POST', '/api/v1/datasets', body);
    process.stderr.write(`stored dataset "${stored.name}": ${stored.queries} judged queries\n`);
  } catch (error) {
    if ((error as ApiError).status !== 409) throw error;
    process.stderr.write(`dataset "${args.dataset}" is already on the server: its stored queries are used\n`);
  }
}

type ApiClient = ReturnType<typeof apiClient>;
type ApiError = Error & { status?: number };

/** JSON over the public API with the key; an error answer becomes an Error carrying the server's message and status. */
function apiClient(url: string, key: string) {
  const origin = url.replace(/\/+$/, '');
  return async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
    let response: Response;
    try {
      response = await proxiedFetch(`${origin}${path}`, {
        method,
        headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
    } catch (error) {
      throw new Error(`cannot reach ${origin}: ${(error as Error).message}`);
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`${method} ${path} answered ${response.status} with no JSON: is ${origin} a ragraph server?`);
    }
    if (!response.ok) throw Object.assign(new Error(`${response.status}: ${(parsed as { error?: { message?: string } }).error?.message ?? text.slice(0, 200)}`), { status: response.status });
    return parsed as T;
  };
}

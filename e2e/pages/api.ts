import type { APIRequestContext } from '@playwright/test';
import { catalog } from '../../nodes/catalog';
import type { GraphSpec } from '../../nodes/core/spec';

/**
 * Setting up state through the real tRPC HTTP API (superjson envelope), so specs spend their time on
 * the editor behaviour they test rather than on building fixtures by hand.
 */
export async function call<T>(request: APIRequestContext, procedure: string, input: unknown, kind: 'query' | 'mutation'): Promise<T> {
  const response =
    kind === 'mutation'
      ? await request.post(`/api/trpc/${procedure}`, { data: { json: input } })
      : await request.get(`/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
  const body = (await response.json()) as { result?: { data: { json: T } }; error?: { json: { message: string } } };
  if (!response.ok() || !body.result) throw new Error(`${procedure} failed (${response.status()}): ${body.error?.json.message ?? JSON.stringify(body)}`);
  return body.result.data.json;
}

export const api = {
  createGraph: (request: APIRequestContext, name: string, spec: GraphSpec) => call<{ id: string; name: string }>(request, 'graph.create', { name, spec }, 'mutation'),
  saveVersion: (request: APIRequestContext, graphId: string, baseVersionId: string | null, message: string) =>
    call<{ id: string; number: number }>(request, 'version.save', { graphId, baseVersionId, message }, 'mutation'),
  listVersions: (request: APIRequestContext, graphId: string) => call<{ id: string; number: number; message: string }[]>(request, 'version.list', { graphId }, 'query'),
  version: (request: APIRequestContext, id: string) => call<{ id: string; number: number; spec: GraphSpec }>(request, 'version.byId', { id }, 'query'),
  graph: (request: APIRequestContext, id: string) => call<{ id: string; name: string; description: string; draft: GraphSpec }>(request, 'graph.byId', { id }, 'query'),
};

export const hasType = (type: string) => catalog.versionsOf(type).length > 0;

/** A unique graph name per test run (the e2e database lives for the whole run). */
export const uniqueName = (prefix: string) => `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/**
 * The query pipeline the editor specs build: the full RAG chain when its node types are in the
 * catalog, else the smallest valid query graph (the io nodes always exist).
 */
export interface PlannedNode {
  id: string;
  type: string;
  /** where to drop it on a 1:1 canvas, relative to the canvas' top-left corner. */
  at: { x: number; y: number };
}
export interface PlannedEdge {
  from: [string, string];
  to: [string, string];
}
export interface QueryPlan {
  nodes: PlannedNode[];
  edges: PlannedEdge[];
  /** the config field the specs edit: node id, field label in the form, key in the spec, two values. */
  field: { node: string; label: string; key: string; first: string; second: string };
}

export function queryPlan(): QueryPlan {
  const full = ['embed.glove', 'retrieve.pgvector', 'prompt.template', 'llm.extractive'].every(hasType);
  if (!full) {
    return {
      nodes: [
        { id: 'query-input', type: 'io.query-input', at: { x: 40, y: 60 } },
        { id: 'result-output', type: 'io.result-output', at: { x: 320, y: 200 } },
      ],
      edges: [{ from: ['query-input', 'query'], to: ['result-output', 'value'] }],
      field: { node: 'result-output', label: 'Field', key: 'field', first: 'question', second: 'echo' },
    };
  }
  return {
    nodes: [
      { id: 'query-input', type: 'io.query-input', at: { x: 30, y: 30 } },
      { id: 'embed', type: 'embed.glove', at: { x: 290, y: 30 } },
      { id: 'retrieve', type: 'retrieve.pgvector', at: { x: 30, y: 230 } },
      { id: 'prompt', type: 'prompt.template', at: { x: 290, y: 230 } },
      { id: 'llm', type: 'llm.extractive', at: { x: 30, y: 450 } },
      { id: 'answer-output', type: 'io.answer-output', at: { x: 290, y: 450 } },
    ],
    edges: [
      { from: ['query-input', 'query'], to: ['embed', 'query'] },
      { from: ['embed', 'vector'], to: ['retrieve', 'query'] },
      { from: ['retrieve', 'retrieved'], to: ['prompt', 'context'] },
      { from: ['query-input', 'query'], to: ['prompt', 'query'] },
      { from: ['prompt', 'prompt'], to: ['llm', 'prompt'] },
      { from: ['llm', 'answer'], to: ['answer-output', 'answer'] },
    ],
    field: { node: 'retrieve', label: 'Collection', key: 'collection', first: 'handbook', second: 'policies' },
  };
}

/** The plan as a spec (for specs that start from an existing graph), with the field set to `value`. */
export function planSpec(plan: QueryPlan, value: string): GraphSpec {
  return {
    schemaVersion: 1,
    nodes: plan.nodes.map((n) => ({
      id: n.id,
      type: n.type,
      typeVersion: Math.max(...catalog.versionsOf(n.type)),
      config: n.id === plan.field.node ? { [plan.field.key]: value } : {},
      position: { x: n.at.x * 1.1, y: n.at.y },
    })),
    edges: plan.edges.map((e, i) => ({ id: `e${i + 1}`, from: { node: e.from[0], port: e.from[1] }, to: { node: e.to[0], port: e.to[1] } })),
  };
}

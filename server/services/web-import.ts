import type { GraphSpec, NodeSpec } from '../../nodes/core/spec';
import type { WebInputConfig } from '../../nodes/io/web-input/definition';
import type { Runner } from '../../runners/index';
import type { Db } from '../db/client';
import { collectionGraph } from './collection-graph';

/** What the collection page's "Add web pages" asks for. */
export interface WebImport {
  collection: string;
  urls: string[];
  crawlDepth: WebInputConfig['crawlDepth'];
  maxPages: WebInputConfig['maxPages'];
  scope: WebInputConfig['scope'];
  /** links not to follow (robots.txt paths) */
  skipPaths?: string[];
  /** loading addresses on the server's own network (an intranet wiki): the node's allowPrivateNetwork */
  allowPrivateNetwork?: boolean;
  graphId?: string;
}

/** The run output field that lists the pages a web import could not load, beside the parser's `rejected`. */
export const UNLOADED_FIELD = 'unloaded';

/**
 * Loads web pages into a collection through an ingestion graph (the seeded one unless `graphId` names
 * another), so its parser, chunker, embedder and store settings apply to pages as to uploads. The run
 * shows in the run history like an upload; the graph itself is not changed.
 */
export async function startWebImport(db: Db, runner: Runner, input: WebImport) {
  const { graph, version, spec } = await collectionGraph(db, 'ingestion', input.collection, input.graphId);
  const { runId } = await runner.start({
    graphId: graph.id,
    graphVersionId: version?.id ?? null,
    spec: forWebPages(spec, input),
    input: { urls: input.urls },
    source: 'upload',
  });
  return { runId, graphId: graph.id, graphName: graph.name, versionNumber: version?.number ?? null };
}

/**
 * The spec a web import runs: a graph that reads web pages keeps its Web pages node, with the crawl
 * settings asked for (these decide, the node's own included); a graph that reads files gets a Web pages node in place of its File input (same
 * id, same `files` output, so every edge holds), and its failures go to the run output as `unloaded`.
 */
export function forWebPages(spec: GraphSpec, crawl: Pick<WebImport, 'crawlDepth' | 'maxPages' | 'scope' | 'skipPaths' | 'allowPrivateNetwork'>): GraphSpec {
  const settings = { crawlDepth: crawl.crawlDepth, maxPages: crawl.maxPages, scope: crawl.scope, skipPaths: crawl.skipPaths ?? [], allowPrivateNetwork: crawl.allowPrivateNetwork ?? false };
  if (spec.nodes.some((n) => n.type === 'io.web-input')) {
    return { ...spec, nodes: spec.nodes.map((n) => (n.type === 'io.web-input' ? { ...n, config: { ...n.config, ...settings } } : n)) };
  }
  const nodes: NodeSpec[] = spec.nodes.map((n) => (n.type === 'io.file-input' ? { ...n, type: 'io.web-input', typeVersion: 1, config: settings } : n));
  const web = nodes.find((n) => n.type === 'io.web-input');
  const fieldTaken = spec.nodes.some((n) => n.type === 'io.result-output' && n.config.field === UNLOADED_FIELD);
  if (!web || fieldTaken) return { ...spec, nodes };
  const outputId = freeId(spec, UNLOADED_FIELD);
  nodes.push({ id: outputId, type: 'io.result-output', typeVersion: 1, config: { field: UNLOADED_FIELD }, position: { x: web.position.x, y: web.position.y - 160 } });
  const edges = [...spec.edges, { id: freeId(spec, `${outputId}-edge`), from: { node: web.id, port: 'failures' }, to: { node: outputId, port: 'value' } }];
  return { ...spec, nodes, edges };
}

function freeId(spec: GraphSpec, base: string): string {
  const taken = new Set([...spec.nodes.map((n) => n.id), ...spec.edges.map((e) => e.id)]);
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
  return id;
}

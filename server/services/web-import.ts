import type { GraphSpec, NodeSpec } from '../../nodes/core/spec';
import type { WebInputConfig } from '../../nodes/io/web-input/definition';
import type { Runner } from '../../runners/index';
import type { Db } from '../db/client';
import { collectionGraph } from './collection-graph';

/** How a web import crawls: the Web pages node's settings a caller chooses (the rest keep the graph's). */
export type WebCrawl = Pick<WebInputConfig, 'crawlDepth' | 'maxPages' | 'scope'> & Partial<Pick<WebInputConfig, 'skipPaths' | 'useSitemaps' | 'allowPrivateNetwork' | 'renderJavaScript'>>;

/** What the collection page's "Add web pages" asks for. */
export interface WebImport extends WebCrawl {
  collection: string;
  urls: string[];
  graphId?: string;
}

/**
 * A crawl's settings and only those (an import's input, or a stored source's, carries more or fewer),
 * with what was not given at its default: `skipPaths` none; sitemaps, the private network and JavaScript off.
 */
export function crawlSettings(crawl: WebCrawl): Required<WebCrawl> {
  return {
    crawlDepth: crawl.crawlDepth,
    maxPages: crawl.maxPages,
    scope: crawl.scope,
    skipPaths: crawl.skipPaths ?? [],
    useSitemaps: crawl.useSitemaps ?? false,
    allowPrivateNetwork: crawl.allowPrivateNetwork ?? false,
    renderJavaScript: crawl.renderJavaScript ?? false,
  };
}

/** The run output field that lists the pages a web import could not load, beside the parser's `rejected`. */
export const UNLOADED_FIELD = 'unloaded';
/** The run output field that lists the pages a web import stands for: the next load's `known`. */
export const PAGES_FIELD = 'pages';

/**
 * Loads web pages into a collection through an ingestion graph (the seeded one unless `graphId` names
 * another), so its parser, chunker, embedder and store settings apply to pages as to uploads. The run
 * shows in the run history like an upload; the graph itself is not changed. `known` (a refresh's: the
 * pages the last load stood for) are checked too, and those gone from the site removed.
 */
export async function startWebImport(db: Db, runner: Runner, input: WebImport, known: string[] = []) {
  const { graph, version, spec } = await collectionGraph(db, 'ingestion', input.collection, input.graphId);
  const { runId } = await runner.start({
    graphId: graph.id,
    graphVersionId: version?.id ?? null,
    spec: forWebPages(spec, input),
    input: known.length > 0 ? { urls: input.urls, known } : { urls: input.urls },
    source: 'upload',
  });
  return { runId, graphId: graph.id, graphName: graph.name, versionNumber: version?.number ?? null };
}

/**
 * The spec a web import runs: a graph that reads web pages keeps its Web pages node, with the crawl
 * settings asked for (these decide, the node's own included); a graph that reads files gets a Web
 * pages node in place of its File input (same id, same `files` output, so every edge holds). Where the
 * graph does not say otherwise, the pages that failed go to the run output as `unloaded`, the pages
 * loaded as `pages`, and the pages gone from the site to the vector store's Remove input.
 */
export function forWebPages(spec: GraphSpec, crawl: WebCrawl): GraphSpec {
  const settings = crawlSettings(crawl);
  const nodes: NodeSpec[] = spec.nodes.some((n) => n.type === 'io.web-input')
    ? spec.nodes.map((n) => (n.type === 'io.web-input' ? { ...n, config: { ...n.config, ...settings } } : n))
    : spec.nodes.map((n) => (n.type === 'io.file-input' ? { ...n, type: 'io.web-input', typeVersion: 1, config: settings } : n));
  const web = nodes.find((n) => n.type === 'io.web-input');
  if (!web) return { ...spec, nodes };
  const wired = new SpecWiring({ ...spec, nodes });
  wired.toResultField(web, 'failures', UNLOADED_FIELD, -160);
  wired.toResultField(web, 'addresses', PAGES_FIELD, -320);
  for (const store of nodes.filter((n) => n.type === 'store.pgvector')) wired.toFreeInput(web, 'gone', store, 'remove');
  return wired.spec;
}

/** Adds nodes and edges to a spec under ids it does not use yet. */
class SpecWiring {
  constructor(public spec: GraphSpec) {}

  /** `from.port` into a new result output of that field, unless the graph already has one */
  toResultField(from: NodeSpec, port: string, field: string, dy: number) {
    if (this.spec.nodes.some((n) => n.type === 'io.result-output' && n.config.field === field)) return;
    const id = this.freeId(field);
    const output: NodeSpec = { id, type: 'io.result-output', typeVersion: 1, config: { field }, position: { x: from.position.x, y: from.position.y + dy } };
    this.spec = { ...this.spec, nodes: [...this.spec.nodes, output] };
    this.toFreeInput(from, port, output, 'value');
  }

  /** `from.port` into `to.input`, unless something feeds that input already */
  toFreeInput(from: NodeSpec, port: string, to: NodeSpec, input: string) {
    if (this.spec.edges.some((e) => e.to.node === to.id && e.to.port === input)) return;
    const edge = { id: this.freeId(`${from.id}-${port}`), from: { node: from.id, port }, to: { node: to.id, port: input } };
    this.spec = { ...this.spec, edges: [...this.spec.edges, edge] };
  }

  private freeId(base: string): string {
    const taken = new Set([...this.spec.nodes.map((n) => n.id), ...this.spec.edges.map((e) => e.id)]);
    let id = base;
    for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
    return id;
  }
}

import { catalog } from '../../nodes/catalog';
import { compileGraph } from '../../nodes/core/compile';
import type { NodeEvent, SqlClient } from '../../nodes/core/context';
import type { GraphSpec } from '../../nodes/core/spec';
import type { FileFailuresValue } from '../../nodes/core/values';
import { runGraphInline } from '../../runners/inline';
import { forWebPages, type WebCrawl } from '../../server/services/web-import';
import { overrideConfig } from '../graphs';
import { addStoreSummaries, noStoreCounts, type StoreCounts } from './store-counts';


export interface PageTotals extends StoreCounts {
  /** pages that could not be loaded, and pages loaded but not readable */
  failedPages: number;
}

/**
 * `rag ingest` of web addresses: one run of the ingestion graph with a page loader in place of its
 * File input (or its own Web pages node), as the Collections page does; pages that fail are listed on
 * stderr and counted, the others stored.
 */
export async function ingestPages(options: { sql: SqlClient; spec: GraphSpec; collection: string; urls: string[]; crawl: WebCrawl; quiet?: boolean }): Promise<PageTotals> {
  const spec = overrideConfig(forWebPages(options.spec, options.crawl), 'store.pgvector', { collection: options.collection });
  const graph = compileGraph(spec, catalog);
  const say = (line: string) => {
    if (!options.quiet) process.stderr.write(`${line}\n`);
  };
  const onEvent = (_nodeId: string, event: NodeEvent) => {
    const data = event.data as { level?: string; file?: string; code?: string; message?: string; done?: number } | undefined;
    if (event.type === 'log' && data?.level === 'error' && data.file) say(`skipped ${data.file} [${data.code}]: ${data.message}`);
    if (event.type === 'progress' && data?.done && data.done % 10 === 0) say(`${data.done} pages loaded`);
  };
  const result = await runGraphInline({ sql: options.sql, graph, input: { urls: options.urls }, onEvent });
  const totals: PageTotals = { failedPages: 0, ...noStoreCounts() };
  addStoreSummaries(totals, graph, result);
  for (const [nodeId, node] of Object.entries(result.nodes)) {
    const type = graph.nodes.get(nodeId)?.definition.type;
    if (type === 'io.web-input' || type === 'parse.document') totals.failedPages += (node.outputs?.failures as FileFailuresValue | undefined)?.count ?? 0;
  }
  return totals;
}

/** Whether a command-line argument is a web address rather than a path. */
export function isWebAddress(argument: string): boolean {
  return /^https?:\/\//i.test(argument);
}

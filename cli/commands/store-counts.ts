import type { CompiledGraph } from '../../nodes/core/compile';
import type { InlineRunResult } from '../../runners/inline';

/** What the store nodes of ingestion runs report (their `summary` output), added up. */
const STORE_COUNTS = ['documents', 'chunksWritten', 'skippedUnchanged', 'replaced'] as const;
export type StoreCounts = Record<(typeof STORE_COUNTS)[number], number>;

export function noStoreCounts(): StoreCounts {
  return { documents: 0, chunksWritten: 0, skippedUnchanged: 0, replaced: 0 };
}

/** Adds the summaries of a run's store nodes to `into`. */
export function addStoreSummaries(into: StoreCounts, graph: CompiledGraph, result: InlineRunResult): void {
  for (const [nodeId, node] of Object.entries(result.nodes)) {
    if (graph.nodes.get(nodeId)?.definition.type !== 'store.pgvector') continue;
    const summary = node.outputs?.summary as Partial<StoreCounts> | undefined;
    for (const key of STORE_COUNTS) into[key] += summary?.[key] ?? 0;
  }
}

/** The counts of two ingestions together (files, then web pages, of one `rag ingest`). */
export function sumStoreCounts(a: StoreCounts, b: StoreCounts): StoreCounts {
  const sum = noStoreCounts();
  for (const key of STORE_COUNTS) sum[key] = a[key] + b[key];
  return sum;
}

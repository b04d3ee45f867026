import type { CompiledGraph } from '../../nodes/core/compile';
import type { RetrievedValue } from '../../nodes/core/values';

/** What a run's nodes emitted, by node id (an inline run's result, or a stored run's artifacts). */
export interface NodeOutputs {
  nodes: Record<string, { outputs?: Record<string, unknown> } | undefined>;
}

/** The nodes whose outputs hold rankings: those with a `retrieved` output port. */
export function rankingNodes(graph: CompiledGraph): string[] {
  return graph.order.filter((id) => Object.values(graph.nodes.get(id)!.definition.outputs).some((port) => port.kind === 'retrieved'));
}

/**
 * The ranking a query graph produced, as BEIR document ids (chunk sourceIds, each kept at its best
 * rank). Taken from node outputs, not the answer: the LAST node in execution order that emitted a
 * `retrieved` value is the final ranking (a reranker after the retriever), and when it returns fewer
 * than `depth` documents (a reranker's topN) the earlier rankings fill the tail, so Recall@100 still
 * sees the retriever's depth while nDCG@10 is decided by the final order.
 */
export function rankedSources(graph: CompiledGraph, result: NodeOutputs, depth: number): string[] {
  const rankings: string[][] = [];
  for (const nodeId of graph.order) {
    const node = graph.nodes.get(nodeId)!;
    const outputs = result.nodes[nodeId]?.outputs;
    if (!outputs) continue;
    for (const [port, def] of Object.entries(node.definition.outputs)) {
      const value = outputs[port] as RetrievedValue | undefined;
      if (def.kind === 'retrieved' && value?.items) rankings.push(value.items.map((item) => item.sourceId));
    }
  }
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const ranking of rankings.reverse()) {
    for (const id of ranking) {
      if (ids.length >= depth) return ids;
      if (seen.has(id)) continue;
      seen.add(id);
      ids.push(id);
    }
  }
  return ids;
}


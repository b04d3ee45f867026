import type { CompiledGraph } from '../../nodes/core/compile';
import type { RetrievedItem, RetrievedValue } from '../../nodes/core/values';
import type { Artifact } from '../../runners/run-store';
import type { Db } from '../db/client';

/** What a run's nodes emitted, by node id (an inline run's result, or a stored run's artifacts). */
export interface NodeOutputs {
  nodes: Record<string, { outputs?: Record<string, unknown> } | undefined>;
}

/** The nodes whose outputs hold rankings: those with a `retrieved` output port. */
export function rankingNodes(graph: CompiledGraph): string[] {
  return graph.order.filter((id) => Object.values(graph.nodes.get(id)!.definition.outputs).some((port) => port.kind === 'retrieved'));
}

/** The rankings a run's nodes emitted, in execution order: each ranking node's passages, for each `retrieved` port that emitted. */
export function rankings(graph: CompiledGraph, result: NodeOutputs): { nodeId: string; items: RetrievedItem[] }[] {
  const found: { nodeId: string; items: RetrievedItem[] }[] = [];
  for (const nodeId of graph.order) {
    const node = graph.nodes.get(nodeId)!;
    const outputs = result.nodes[nodeId]?.outputs;
    if (!outputs) continue;
    for (const [port, def] of Object.entries(node.definition.outputs)) {
      const value = outputs[port] as RetrievedValue | undefined;
      if (def.kind === 'retrieved' && value?.items) found.push({ nodeId, items: value.items });
    }
  }
  return found;
}

/** What a stored run's ranking nodes emitted (their run artifacts), for `rankings` and `rankedSources`. */
export async function storedRankingOutputs(db: Db, runId: string, graph: CompiledGraph): Promise<NodeOutputs> {
  const artifacts = await db.prisma.runArtifact.findMany({ where: { runId, nodeId: { in: rankingNodes(graph) } }, select: { nodeId: true, data: true } });
  return { nodes: Object.fromEntries(artifacts.map((a) => [a.nodeId, { outputs: (a.data as unknown as Artifact).outputs }])) };
}

/**
 * The ranking a query graph produced, as BEIR document ids (chunk sourceIds, each kept at its best
 * rank). Taken from node outputs, not the answer: the LAST node in execution order that emitted a
 * `retrieved` value is the final ranking (a reranker after the retriever), and when it returns fewer
 * than `depth` documents (a reranker's topN) the earlier rankings fill the tail, so Recall@100 still
 * sees the retriever's depth while nDCG@10 is decided by the final order.
 */
export function rankedSources(graph: CompiledGraph, result: NodeOutputs, depth: number): string[] {
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const { items } of rankings(graph, result).reverse()) {
    for (const { sourceId: id } of items) {
      if (ids.length >= depth) return ids;
      if (seen.has(id)) continue;
      seen.add(id);
      ids.push(id);
    }
  }
  return ids;
}

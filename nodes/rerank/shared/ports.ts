import type { PortMap } from '../../core/ports';

export const RERANK_INPUTS = {
  retrieved: { kind: 'retrieved', label: 'Retrieved', description: 'Passages from a retriever, best first.' },
} as const satisfies PortMap;

export const RERANK_OUTPUTS = {
  retrieved: { kind: 'retrieved', label: 'Reranked', description: 'The passages in the new order, trimmed to topN; each keeps its retrieval score in metadata.retrievalScore.' },
} as const satisfies PortMap;

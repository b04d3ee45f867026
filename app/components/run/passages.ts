/**
 * Finding ranked passages in a run's output (what a retriever, reranker or Merge retrieved returns
 * through a result output), so a retrieval-only graph's result reads as a ranked list, not as JSON.
 * Pure.
 */
export interface PassageView {
  rank: number;
  chunkId: string;
  sourceId: string;
  title: string;
  text: string;
  score: number;
}

export interface FoundPassages {
  /** the output field that held them */
  field: string;
  query: string;
  passages: PassageView[];
}

interface RetrievedLike {
  query?: unknown;
  items: { chunkId: string; sourceId: string; text: string; score: number; metadata?: Record<string, unknown> }[];
}

function isRetrieved(value: unknown): value is RetrievedLike {
  const items = (value as { items?: unknown } | null)?.items;
  return (
    Array.isArray(items) &&
    items.every((item) => {
      const i = item as Partial<RetrievedLike['items'][number]> | null;
      return !!i && typeof i.chunkId === 'string' && typeof i.sourceId === 'string' && typeof i.text === 'string' && typeof i.score === 'number';
    })
  );
}

/** The first output field shaped as retrieved passages, with the passages in their order. */
export function findPassages(output: unknown): FoundPassages | undefined {
  if (!output || typeof output !== 'object') return undefined;
  const found = Object.entries(output as Record<string, unknown>).find(([, value]) => isRetrieved(value));
  if (!found) return undefined;
  const [field, value] = found as [string, RetrievedLike];
  return {
    field,
    query: typeof value.query === 'string' ? value.query : '',
    passages: value.items.map((item, i) => ({
      rank: i + 1,
      chunkId: item.chunkId,
      sourceId: item.sourceId,
      title: typeof item.metadata?.title === 'string' ? item.metadata.title : '',
      text: item.text,
      score: item.score,
    })),
  };
}

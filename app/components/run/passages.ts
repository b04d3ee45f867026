import { passageViews, type PassageView } from '../../../nodes/core/passage-view';
import { retrievedValue } from '../../../nodes/core/values';

/**
 * Finding ranked passages in a run's output (what a retriever, reranker or Merge retrieved returns
 * through a result output), so a retrieval-only graph's result reads as a ranked list, not as JSON.
 * Pure.
 */
export interface FoundPassages {
  /** the output field that held them */
  field: string;
  query: string;
  passages: PassageView[];
}

/** The first output field that is a `retrieved` port's value, with its passages in their order. */
export function findPassages(output: unknown): FoundPassages | undefined {
  if (!output || typeof output !== 'object') return undefined;
  for (const [field, value] of Object.entries(output as Record<string, unknown>)) {
    const parsed = retrievedValue.safeParse(value);
    if (parsed.success) return { field, query: parsed.data.query, passages: passageViews(parsed.data.items) };
  }
  return undefined;
}

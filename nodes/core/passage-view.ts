import type { RetrievedItem } from './values';

/**
 * A ranked passage as people read it: in the collection page's search, and in a run's output when a
 * graph returns passages. Client-safe.
 */
export interface PassageView {
  /** 1-based, in the ranking's order */
  rank: number;
  chunkId: string;
  sourceId: string;
  /** the document's title, when the store recorded one */
  title: string;
  text: string;
  score: number;
}

export function passageViews(items: readonly RetrievedItem[]): PassageView[] {
  return items.map((item, i) => ({
    rank: i + 1,
    chunkId: item.chunkId,
    sourceId: item.sourceId,
    title: typeof item.metadata?.title === 'string' ? item.metadata.title : '',
    text: item.text,
    score: item.score,
  }));
}

/**
 * English stopwords dropped before indexing and querying. Lucene's classic English set (the one
 * Elasticsearch's `english` analyzer uses, which the BEIR BM25 baselines ran on): small on purpose,
 * so negations and most content words stay searchable.
 */
export const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'for', 'if', 'in', 'into', 'is', 'it', 'no', 'not',
  'of', 'on', 'or', 'such', 'that', 'the', 'their', 'then', 'there', 'these', 'they', 'this', 'to', 'was',
  'will', 'with',
]);

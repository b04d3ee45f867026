/**
 * Body limits of the HTTP API (bodies above them get 413 before they are read in full). Client-safe,
 * so the editor checks file sizes against the same numbers before it sends anything.
 */
export const REQUEST_LIMITS = {
  /** JSON bodies: tRPC calls (the run panel's base64 files among them), endpoint inputs, chat and embedding requests */
  jsonBytes: 8 * 1024 * 1024,
  /** multipart uploads: the public documents route and the editor's collection upload */
  uploadBytes: 100 * 1024 * 1024,
  /** each of a dataset's two BEIR files (queries.jsonl, qrels .tsv), checked by the editor before it reads one */
  datasetFileChars: 4_000_000,
} as const;

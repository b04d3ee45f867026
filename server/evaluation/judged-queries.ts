import type { Qrels } from './metrics';

/**
 * Judged queries in BEIR's formats (Thakur et al. 2021): queries.jsonl, one {"_id", "text"} object per
 * line, and qrels .tsv, (query-id, corpus-id, score) per line after a header, CRLF as shipped. `source`
 * names the file in errors ("queries.jsonl:3: …"), so the message says where to look.
 */
export function parseBeirQueries(text: string, source: string): Map<string, string> {
  const queries = new Map<string, string>();
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let row: { _id?: unknown; text?: unknown };
    try {
      row = JSON.parse(line) as typeof row;
    } catch {
      throw new Error(`${source}:${i + 1}: not a JSON line (a BEIR queries file has one {"_id", "text"} object per line)`);
    }
    if (row === null || typeof row !== 'object' || row._id === undefined || typeof row.text !== 'string') throw new Error(`${source}:${i + 1}: a query line needs "_id" and "text"`);
    queries.set(String(row._id), row.text);
  });
  return queries;
}

export function parseQrels(text: string, source: string): Qrels {
  const qrels: Qrels = new Map();
  text.split(/\r?\n/).forEach((line, i) => {
    const cells = line.trim().split('\t');
    if (cells.length < 3) return;
    const [queryId, docId, score] = cells as [string, string, string];
    const grade = Number(score);
    if (!Number.isFinite(grade)) {
      if (i === 0) return; // the header line
      throw new Error(`${source}:${i + 1}: score "${score}" is not a number`);
    }
    const judged = qrels.get(queryId) ?? new Map<string, number>();
    judged.set(docId, grade);
    qrels.set(queryId, judged);
  });
  return qrels;
}

import { isJudged, type Qrels } from './metrics';

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

/** What a pair of BEIR files holds that an evaluation can score, and what it left out. */
export interface JudgedSet {
  /** judged queries with at least one relevant document, in the queries file's order */
  queries: (readonly [string, string])[];
  /** their judgements only */
  qrels: Qrels;
  skipped: {
    /** queries the judgements do not mention (BEIR's evaluation skips them too) */
    unjudged: number;
    /** judged query ids with no line in the queries file */
    judgedButMissing: number;
    /** queries whose every judgement is 0: nothing to find, and trec_eval leaves them out */
    allZero: number;
  };
}

/**
 * Reads BEIR files into the queries an evaluation scores. Throws an Error whose message says what to
 * fix when the files hold no scorable query.
 */
export function readJudgedSet(queriesText: string, qrelsText: string): JudgedSet {
  const queries = parseBeirQueries(queriesText, 'queries file');
  const qrels = parseQrels(qrelsText, 'judgements file');
  if (queries.size === 0) throw new Error('the queries file has no {"_id", "text"} lines');
  if (qrels.size === 0) throw new Error('the judgements file has no tab-separated (query-id, corpus-id, score) lines');
  const found = [...queries.keys()].filter((id) => qrels.has(id));
  if (found.length === 0) {
    throw new Error(`none of the ${qrels.size.toLocaleString('en')} judged queries is in the queries file (judged ids look like ${[...qrels.keys()].slice(0, 3).join(', ')}; query ids like ${[...queries.keys()].slice(0, 3).join(', ')})`);
  }
  const judged = found.filter((id) => isJudged(qrels.get(id)!));
  if (judged.length === 0) throw new Error('every judgement of the queries found scores 0: give at least one relevant document (score above 0)');
  return {
    queries: judged.map((id) => [id, queries.get(id)!] as const),
    qrels: new Map(judged.map((id) => [id, qrels.get(id)!])),
    skipped: { unjudged: queries.size - found.length, judgedButMissing: [...qrels.keys()].filter((id) => !queries.has(id)).length, allZero: found.length - judged.length },
  };
}

import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { isNodeError } from '../nodes/core/errors';
import { collectionsArgs, collectionsCommand, documentsArgs, documentsCommand } from './commands/collections';
import { datasetsArgs, datasetsCommand } from './commands/datasets';
import { evalArgs, evalCommand } from './commands/eval';
import { gateArgs, gateCommand } from './commands/gate';
import { ingestArgs, ingestCommand } from './commands/ingest';

/**
 * `npm run rag -- <command> ...`: ingest files or a BEIR corpus, evaluate a query graph on BEIR
 * queries or a stored dataset, gate an endpoint's version on a running server, list/add/rename/delete datasets, list/delete collections and documents. Progress and logs go to stderr; the LAST stdout line
 * is always one JSON object (the result), so scripts can read it.
 */
const USAGE = `usage: npm run rag -- <command> [options]

  ingest --collection NAME [--graph NAME_OR_FILE] [--batch 64] [--set NODE.FIELD=VALUE]... PATH...
      PATH: files, folders, a BEIR dataset (folder with corpus.jsonl), or web addresses (http/https;
      a sitemap.xml stands for its pages) with [--crawl-depth 0-5] [--max-pages 50] [--scope path|site]
      [--skip PATH]... [--sitemaps] [--allow-private-network] [--render-js] to follow their links
      (--skip: robots.txt paths; --sitemaps: also the pages the site's sitemap lists; --render-js: read
      pages built by JavaScript in a headless Chromium)
  eval --collection NAME (--dataset NAME | --queries queries.jsonl --qrels qrels.tsv [--dataset LABEL])
       [--graph NAME[@N]_OR_FILE] [--out run.jsonl] [--set NODE.FIELD=VALUE]... [--limit N]
       [--concurrency N] [--depth 100] [--min METRIC=VALUE]... [--max-drop 0.01]
      --dataset alone evaluates on a stored dataset; a saved version evaluated as saved (no --set)
      has its scores recorded with it (editor: History, and the dataset's page). --min (ndcg10,
      recall100, mrr10) and --max-drop (since the nearest older version on the same dataset and
      collection) make it exit 1 when the scores fall short: a CI gate
  gate --url URL --endpoint SLUG --dataset NAME [--version canary|main] [--depth 100]
       [--min METRIC=VALUE]... [--max-drop 0.01] [--timeout 1800] [--queries q.jsonl --qrels q.tsv]
      the same gate against a running server, with only an API key (RAGRAPH_API_KEY): evaluates what
      the endpoint serves (by default its canary, e.g. staged at 0 %) on a stored dataset through the
      public API, waits, and exits 1 when the scores fall short; --queries/--qrels store the dataset
      first when the server lacks it (a key for all endpoints)
  datasets [list | add NAME --queries queries.jsonl --qrels qrels.tsv [--description TEXT] | rename NAME NEW_NAME | delete NAME]
  collections [list | delete NAME]
  documents [list | delete SOURCE_ID] --collection NAME [--search TEXT] [--limit N]

  --graph: a graph name in the database (latest version, or NAME@N) or a .graph.json file; defaults to the
  example graphs in prisma/seed/examples. Database: DATABASE_URL, else the embedded one in DATA_DIR.`;

function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  // a message that already names its option ("--collection NAME is required") is not prefixed again
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `${i.path.length && !i.message.startsWith('--') ? `--${i.path.join('.')}: ` : ''}${i.message}`).join('; '));
  return parsed.data;
}

class UsageError extends Error {}

async function main(argv: string[]): Promise<unknown> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    strict: true,
    options: {
      collection: { type: 'string' },
      graph: { type: 'string' },
      batch: { type: 'string' },
      set: { type: 'string', multiple: true },
      queries: { type: 'string' },
      qrels: { type: 'string' },
      out: { type: 'string' },
      limit: { type: 'string' },
      concurrency: { type: 'string' },
      depth: { type: 'string' },
      dataset: { type: 'string' },
      search: { type: 'string' },
      description: { type: 'string' },
      min: { type: 'string', multiple: true },
      'max-drop': { type: 'string' },
      'crawl-depth': { type: 'string' },
      'max-pages': { type: 'string' },
      scope: { type: 'string' },
      skip: { type: 'string', multiple: true },
      'allow-private-network': { type: 'boolean' },
      'render-js': { type: 'boolean' },
      sitemaps: { type: 'boolean' },
      url: { type: 'string' },
      endpoint: { type: 'string' },
      version: { type: 'string' },
      timeout: { type: 'string' },
      poll: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || !command || command === 'help') {
    process.stderr.write(`${USAGE}\n`);
    return { usage: true };
  }
  switch (command) {
    case 'ingest':
      return ingestCommand(
        parse(ingestArgs, { ...values, paths: positionals, crawlDepth: values['crawl-depth'], maxPages: values['max-pages'], skipPaths: values.skip, allowPrivateNetwork: values['allow-private-network'], renderJavaScript: values['render-js'], useSitemaps: values.sitemaps }),
      );
    case 'eval':
      return evalCommand(parse(evalArgs, { ...values, maxDrop: values['max-drop'] }));
    case 'gate':
      return gateCommand(parse(gateArgs, { ...values, maxDrop: values['max-drop'] }));
    case 'datasets':
      return datasetsCommand(parse(datasetsArgs, { ...values, action: positionals[0], name: positionals[1], to: positionals[2] }));
    case 'collections':
      return collectionsCommand(parse(collectionsArgs, { action: positionals[0], name: positionals[1] }));
    case 'documents':
      return documentsCommand(parse(documentsArgs, { ...values, action: positionals[0], sourceId: positionals[1] }));
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

main(process.argv.slice(2)).then(
  (result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    // a failed quality gate (rag eval --min / --max-drop) prints its scores and fails the command
    if ((result as { gate?: { passed: boolean } }).gate?.passed === false) process.exitCode = 1;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof UsageError || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') process.stderr.write(`${USAGE}\n\n`);
    const code = isNodeError(error) ? ` [${error.code}]` : '';
    process.stderr.write(`error${code}: ${message}\n`);
    process.stdout.write(`${JSON.stringify({ error: message })}\n`);
    process.exitCode = 1;
  },
);

import { MAX_KNOWN_PAGES, webAddress } from '../../nodes/io/web-input/definition';
import type { Runner } from '../../runners/index';
import type { Db } from '../db/client';
import { log } from '../log';
import { repeatInBackground } from './background';
import { deleteDocuments } from './collections';
import { notFound } from './errors';
import { crawlSettings, PAGES_FIELD, startWebImport, UNLOADED_FIELD, type WebCrawl, type WebImport } from './web-import';

/**
 * Web sources: the addresses a collection was filled from, with their crawl settings, kept so the
 * pages can be loaded again ("Refresh now") or every `refreshHours`. A load is a web import run
 * (web-import.ts); unchanged pages are skipped by the store, changed ones replaced. Each load is told
 * the pages the source stood for (`pages`), checks them even where no link leads to them any more,
 * and removes those the site answers 404 or 410 for or redirects for good (301, 308); a page that
 * cannot be reached for another reason (a timeout, a server error) stays.
 */

export interface WebSourceInput extends WebImport {
  /** load again every so many hours; null: only when asked */
  refreshHours: number | null;
}

const HOUR_MS = 3_600_000;

/**
 * Loads web pages into a collection and keeps them as a source of it. The same addresses in the same
 * collection are one source: loading them again (say with the settings corrected after a failed
 * load) updates it to the settings of the latest load.
 */
export async function addWebSource(db: Db, runner: Runner, input: WebSourceInput) {
  const same = await db.prisma.webSource.findFirst({ where: { collection: input.collection, urls: { equals: input.urls } }, select: { id: true, lastRunId: true, pages: true } });
  const known = same ? await knownPages(db, same) : [];
  const started = await startWebImport(db, runner, input, known);
  const fields = { crawl: crawlSettings(input), graphId: started.graphId, refreshHours: input.refreshHours, pages: known, ...loaded(started.runId, input.refreshHours) };
  const source = same
    ? await db.prisma.webSource.update({ where: { id: same.id }, data: fields })
    : await db.prisma.webSource.create({ data: { collection: input.collection, urls: input.urls, ...fields } });
  return { ...started, sourceId: source.id };
}

/** A collection's web sources, newest first, each with how its last load went. */
export async function listWebSources(db: Db, collection: string) {
  const rows = await db.prisma.webSource.findMany({
    where: { collection },
    orderBy: { createdAt: 'desc' },
    include: { lastRun: { select: { id: true, status: true, finishedAt: true } }, graph: { select: { name: true } } },
  });
  const outcomes = await loadOutcomes(db, rows.flatMap((row) => (row.lastRun?.status === 'succeeded' ? [row.lastRun.id] : [])));
  return rows.map(({ lastRun, ...row }) => ({
    id: row.id,
    urls: row.urls as string[],
    crawl: crawlSettings(row.crawl as WebCrawl),
    graphName: row.graph?.name ?? null,
    refreshHours: row.refreshHours,
    nextRunAt: row.nextRunAt,
    lastRunAt: row.lastRunAt,
    lastRun: lastRun && { ...lastRun, ...(outcomes.has(lastRun.id) ? { outcome: outcomes.get(lastRun.id)! } : {}) },
    createdAt: row.createdAt,
  }));
}

/**
 * What finished loads did, counted in the database from their run outputs (which list up to
 * thousands of pages: the card asks every few seconds while a load runs): the pages each stands for
 * (`pages`), those it could not load (`unloaded`), the documents its stores removed (a store
 * summary's `removed`).
 */
async function loadOutcomes(db: Db, runIds: string[]): Promise<Map<string, { pages?: number; unloaded?: number; removed?: number }>> {
  if (runIds.length === 0) return new Map();
  const rows = await db.sql.query<{ id: string; pages: number | null; unloaded: number | string | null; stores: number | string; removed: number | string | null }>(
    `SELECT r.id,
       CASE WHEN jsonb_typeof(r.output -> $2) = 'array' THEN jsonb_array_length(r.output -> $2) END AS pages,
       CASE WHEN jsonb_typeof(r.output -> $3 -> 'count') = 'number' THEN (r.output -> $3 ->> 'count')::numeric END AS unloaded,
       count(s.value) AS stores,
       sum(CASE WHEN jsonb_typeof(s.value -> 'removed') = 'number' THEN (s.value ->> 'removed')::numeric END) AS removed
     FROM run r
     LEFT JOIN LATERAL jsonb_each(CASE WHEN jsonb_typeof(r.output) = 'object' THEN r.output ELSE '{}'::jsonb END) AS s(key, value)
       ON jsonb_typeof(s.value) = 'object' AND s.value ? 'chunksWritten'
     WHERE r.id = ANY($1::uuid[])
     GROUP BY r.id`,
    [runIds, PAGES_FIELD, UNLOADED_FIELD],
  );
  return new Map(
    rows.map((row) => [
      row.id,
      {
        ...(row.pages !== null ? { pages: Number(row.pages) } : {}),
        ...(row.unloaded !== null ? { unloaded: Number(row.unloaded) } : {}),
        ...(Number(row.stores) > 0 ? { removed: Number(row.removed ?? 0) } : {}),
      },
    ]),
  );
}

/** Loads a source's pages again now, through the graph it was loaded with (the seeded one if that graph is gone). */
export async function refreshWebSource(db: Db, runner: Runner, id: string) {
  const source = await db.prisma.webSource.findUnique({ where: { id } });
  if (!source) throw notFound('web source', id);
  return startRefresh(db, runner, source);
}

export async function setWebSourceRefresh(db: Db, id: string, refreshHours: number | null) {
  const source = await db.prisma.webSource.findUnique({ where: { id } });
  if (!source) throw notFound('web source', id);
  // the next load counts from the last one, so switching to "daily" after a day loads soon
  const from = source.lastRunAt ?? new Date();
  await db.prisma.webSource.update({ where: { id }, data: { refreshHours, nextRunAt: nextRun(from, refreshHours) } });
  return { id, refreshHours };
}

/** Changes how a source crawls: its next load, by hand or on schedule, goes by the new settings. */
export async function setWebSourceCrawl(db: Db, id: string, crawl: WebCrawl) {
  const settings = crawlSettings(crawl);
  const { count } = await db.prisma.webSource.updateMany({ where: { id }, data: { crawl: settings } });
  if (count === 0) throw notFound('web source', id);
  return { id, crawl: settings };
}

/**
 * Forgets a source. `withPages` deletes the pages it stands for from the collection too, but those
 * another source of the collection also stands for.
 */
export async function deleteWebSource(db: Db, id: string, options: { withPages?: boolean } = {}) {
  const source = await db.prisma.webSource.findUnique({ where: { id }, select: { collection: true, lastRunId: true, pages: true } });
  if (!source) throw notFound('web source', id);
  let deletedPages = 0;
  if (options.withPages) {
    const others = await db.prisma.webSource.findMany({ where: { collection: source.collection, id: { not: id } }, select: { lastRunId: true, pages: true } });
    const shared = new Set((await Promise.all(others.map((other) => knownPages(db, other)))).flat());
    const own = (await knownPages(db, source)).filter((page) => !shared.has(page));
    deletedPages = (await deleteDocuments(db, source.collection, own)).deletedDocuments;
  }
  const { count } = await db.prisma.webSource.deleteMany({ where: { id } });
  if (count === 0) throw notFound('web source', id);
  return { deleted: id, deletedPages };
}

/**
 * Starts a load of every source that is due. Claiming is one UPDATE that moves each due source's next
 * run on, so two web processes never both load one; a source whose load cannot start (its collection
 * name refused, the seeded graph deleted) is logged and tried again at its next time.
 */
export async function refreshDueWebSources(db: Db, runner: Runner, now = new Date()): Promise<string[]> {
  const due = await db.sql.query<{ id: string }>(
    `UPDATE web_source SET next_run_at = $1::timestamptz + make_interval(hours => refresh_hours)
     WHERE refresh_hours IS NOT NULL AND next_run_at <= $1::timestamptz
     RETURNING id`,
    [now.toISOString()],
  );
  const started: string[] = [];
  for (const { id } of due) {
    const source = await db.prisma.webSource.findUnique({ where: { id } });
    if (!source) continue;
    try {
      await startRefresh(db, runner, source, { keepNextRun: true });
      started.push(id);
    } catch (error) {
      log.error(`[web sources] could not refresh ${source.urls as string[]} into "${source.collection}":`, (error as Error).message);
    }
  }
  return started;
}

/** How often a web process looks for web sources that are due. */
const SWEEP_EVERY_MS = 60_000;

/** Loads the web sources that are due, every minute, in the background; returns the stop function. */
export function scheduleWebRefresh(db: Db, runner: Runner): () => void {
  return repeatInBackground('web sources', () => refreshDueWebSources(db, runner), { everyMs: SWEEP_EVERY_MS, firstAfterMs: SWEEP_EVERY_MS });
}

type SourceRow = { id: string; collection: string; urls: unknown; crawl: unknown; graphId: string | null; refreshHours: number | null; lastRunId: string | null; pages: unknown };

async function startRefresh(db: Db, runner: Runner, source: SourceRow, options: { keepNextRun?: boolean } = {}) {
  const known = await knownPages(db, source);
  const started = await startWebImport(
    db,
    runner,
    { collection: source.collection, urls: source.urls as string[], ...crawlSettings(source.crawl as WebCrawl), ...(source.graphId ? { graphId: source.graphId } : {}) },
    known,
  );
  const { nextRunAt, ...last } = loaded(started.runId, source.refreshHours);
  await db.prisma.webSource.update({ where: { id: source.id }, data: { ...last, pages: known, ...(options.keepNextRun ? {} : { nextRunAt }) } });
  return started;
}

/**
 * The pages a source stands for, for its next load to check again: those its last load listed when
 * it succeeded (run output `pages`), else those that load started with (it may have stopped before
 * checking them). Sources loaded before pages were tracked know none: their next load starts the list.
 */
async function knownPages(db: Db, source: Pick<SourceRow, 'lastRunId' | 'pages'>): Promise<string[]> {
  const run = source.lastRunId ? await db.prisma.run.findUnique({ where: { id: source.lastRunId }, select: { status: true, output: true } }) : null;
  const listed = run?.status === 'succeeded' ? (run.output as Record<string, unknown> | null)?.[PAGES_FIELD] : undefined;
  const pages = Array.isArray(listed) ? listed : source.pages;
  if (!Array.isArray(pages)) return [];
  // a graph of one's own may list anything there: only addresses a load accepts go on
  return pages.filter((page): page is string => webAddress.safeParse(page).success).slice(0, MAX_KNOWN_PAGES);
}

/** A load that just started: the last run, and the next one `refreshHours` after it (null: only when asked). */
function loaded(runId: string, refreshHours: number | null) {
  const now = new Date();
  return { lastRunId: runId, lastRunAt: now, nextRunAt: nextRun(now, refreshHours) };
}

function nextRun(from: Date, refreshHours: number | null): Date | null {
  return refreshHours === null ? null : new Date(from.getTime() + refreshHours * HOUR_MS);
}



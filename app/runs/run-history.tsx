'use client';
import { formatDuration } from '../components/run/input-summary';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useMemo, useRef, useState } from 'react';
import { StatusBadge } from '../components/run/status-badge';
import type { RunListItem } from '../components/run/types';
import { errorMessage } from '../lib/errors';
import { formatDateTime, timeAgo } from '../lib/format';
import { useTRPC } from '../lib/trpc';
import { RunFilterBar } from './run-filter-bar';
import { filtersFromParams, hasFilters, paramsFromFilters, runListInput, type RunFilters } from './run-filters';

const PAGE_SIZE = 25;

/** /runs: every run (editor, uploads, API), newest first, filterable, paged by cursor. */
export function RunHistory() {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  // the filters live in state (instant, no race between quick changes) and are mirrored into the URL;
  // a URL changed from outside (a link, the sidebar) resets them
  const [filters, setFilterState] = useState<RunFilters>(() => filtersFromParams(new URLSearchParams(searchParams.toString())));
  const written = useRef(searchParams.toString());
  useEffect(() => {
    const current = searchParams.toString();
    if (current === written.current) return;
    written.current = current;
    setFilterState(filtersFromParams(new URLSearchParams(current)));
  }, [searchParams]);
  const setFilters = (next: RunFilters) => {
    setFilterState(next);
    const query = paramsFromFilters(next).toString();
    written.current = query;
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };

  const runs = useInfiniteQuery({
    ...trpc.run.list.infiniteQueryOptions({ ...runListInput(filters), limit: PAGE_SIZE }, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
    // keep an eye on runs still going
    refetchInterval: (query) => (query.state.data?.pages.some((p) => p.items.some((r) => r.status === 'queued' || r.status === 'running')) ? 2000 : false),
  });
  const items = useMemo(() => runs.data?.pages.flatMap((p) => p.items) ?? [], [runs.data]);
  // evaluation runs are left out unless a source is chosen: when nothing else is there, say so
  const hiddenEvaluations = useQuery({ ...trpc.run.list.queryOptions({ ...runListInput({ ...filters, source: 'eval' }), limit: 1 }), enabled: !!runs.data && items.length === 0 && !filters.source });
  const onlyEvaluations = items.length === 0 && !filters.source && (hiddenEvaluations.data?.items.length ?? 0) > 0;
  // two runs ticked open side by side; a third tick lets go of the first
  const [picked, setPicked] = useState<string[]>([]);
  const pick = (id: string, on: boolean) => setPicked((p) => (on ? [...p.filter((x) => x !== id), id].slice(-2) : p.filter((x) => x !== id)));

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Runs</h1>
          <div className="subtitle">Every run of every graph — from the editor, collection uploads, published endpoints and evaluations. Open one for its timeline.</div>
        </div>
      </div>
      <RunFilterBar filters={filters} onChange={setFilters} seen={items} />

      {runs.error && <div className="alert error">Could not load runs: {errorMessage(runs.error)}</div>}
      {runs.isLoading && (
        <div className="muted">
          <span className="spinner" /> Loading…
        </div>
      )}
      {runs.data && items.length === 0 && (onlyEvaluations ? <OnlyEvaluations onShow={() => setFilters({ ...filters, source: 'any' })} /> : hasFilters(filters) ? <NoMatch onClear={() => setFilters({})} /> : <FirstRunHelp />)}
      {items.length > 0 && (
        <div className="compare-bar" aria-live="polite">
          {picked.length === 2 ? (
            <Link href={`/runs/compare?a=${picked[0]}&b=${picked[1]}`} className="btn small primary">
              Compare the 2 ticked runs →
            </Link>
          ) : (
            <span className="muted small">Tick two runs to compare them node by node{picked.length === 1 ? ' (one ticked)' : ''}.</span>
          )}
        </div>
      )}
      {items.length > 0 && (
        <div className="card table-scroll">
          <table className="table" aria-label="Runs">
            <thead>
              <tr>
                <th aria-label="Compare" />
                <th>Status</th>
                <th>Run</th>
                <th>Graph</th>
                <th>Endpoint</th>
                <th>Key</th>
                <th>Source</th>
                <th>Started</th>
                <th className="num">Duration</th>
              </tr>
            </thead>
            <tbody>
              {items.map((run) => (
                <RunRow key={run.id} run={run} picked={picked.includes(run.id)} onPick={(on) => pick(run.id, on)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {runs.hasNextPage && (
        <div style={{ textAlign: 'center', marginTop: 14 }}>
          <button className="btn" onClick={() => void runs.fetchNextPage()} disabled={runs.isFetchingNextPage}>
            {runs.isFetchingNextPage ? 'Loading…' : 'Load older runs'}
          </button>
        </div>
      )}
    </div>
  );
}

function RunRow({ run, picked, onPick }: { run: RunListItem; picked: boolean; onPick(on: boolean): void }) {
  const started = run.startedAt ?? run.createdAt;
  return (
    <tr data-testid="run-row" data-run-id={run.id}>
      <td>
        <input type="checkbox" checked={picked} onChange={(e) => onPick(e.target.checked)} aria-label={`Compare run ${run.id.slice(0, 8)}`} />
      </td>
      <td>
        <StatusBadge status={run.status} title={run.error ? `${run.error.code}: ${run.error.message}` : undefined} />
      </td>
      <td>
        <Link href={`/runs/${run.id}`} className="mono" aria-label={`Open run ${run.id.slice(0, 8)}`}>
          {run.id.slice(0, 8)}
        </Link>
      </td>
      <td>
        <Link href={`/graphs/${run.graphId}`}>{run.graphName}</Link>{' '}
        <span className={run.versionNumber ? 'badge accent' : 'badge'}>{run.versionNumber ? `v${run.versionNumber}` : 'draft'}</span>
      </td>
      <td className="nowrap">{run.endpointSlug ? <span className="mono small">{run.endpointSlug}</span> : <span className="muted">—</span>}</td>
      <td className="nowrap">{run.apiKeyPrefix ? <span className="mono small">{run.apiKeyPrefix}…</span> : <span className="muted">—</span>}</td>
      <td>
        <span className="badge">{run.source}</span>
      </td>
      <td className="small nowrap" title={formatDateTime(started)}>
        {timeAgo(started)}
      </td>
      <td className="num small nowrap">{run.durationMs !== null ? formatDuration(run.durationMs) : run.status === 'running' || run.status === 'queued' ? '…' : '—'}</td>
    </tr>
  );
}

function FirstRunHelp() {
  const trpc = useTRPC();
  const graphs = useQuery(trpc.graph.list.queryOptions());
  const example = graphs.data?.find((g) => g.name === 'Example: answer questions');
  return (
    <div className="card empty" data-testid="runs-empty">
      <h2>No runs yet</h2>
      <p style={{ maxWidth: 560, margin: '0 auto 14px' }}>
        A run is one execution of a graph. To make your first: upload a few documents on the <Link href="/collections">Collections</Link> page (that runs the
        ingestion graph), then open <Link href={example ? `/graphs/${example.id}` : '/graphs'}>Example: answer questions</Link>, type a question in its <strong>Run</strong> panel under the canvas
        and press Run. Calls to published endpoints show up here too.
      </p>
      <Link href="/graphs" className="btn primary">
        Open a graph
      </Link>
    </div>
  );
}

function OnlyEvaluations({ onShow }: { onShow: () => void }) {
  return (
    <div className="card empty" data-testid="only-evaluations">
      <h2>Only evaluation runs here</h2>
      <p style={{ maxWidth: 520, margin: '0 auto 12px' }}>An evaluation runs every judged query of its dataset as a run, so the history leaves those out unless Source says otherwise.</p>
      <button className="btn" onClick={onShow}>
        Show evaluation runs
      </button>
    </div>
  );
}

function NoMatch({ onClear }: { onClear: () => void }) {
  return (
    <div className="card empty">
      <h2>No run matches these filters</h2>
      <button className="btn" onClick={onClear}>
        Clear filters
      </button>
    </div>
  );
}

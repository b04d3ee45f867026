'use client';
import { skipToken, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { RunListItem } from '../components/run/types';
import { useTRPC } from '../lib/trpc';
import { hasFilters, RUN_SOURCES, RUN_STATUSES, TIME_PRESETS, toLocalInput, type RunFilters, type RunSourceFilter, type RunStatusFilter } from './run-filters';
import { VersionOptions } from '../components/ui/version-options';

/** Graph, version, endpoint, status, source and time-range pickers for the run history. */
export function RunFilterBar({ filters, onChange, seen }: { filters: RunFilters; onChange: (next: RunFilters) => void; seen: readonly RunListItem[] }) {
  const trpc = useTRPC();
  const graphs = useQuery(trpc.graph.list.queryOptions());
  const versions = useQuery(trpc.version.list.queryOptions(filters.graphId ? { graphId: filters.graphId } : skipToken));
  const published = useQuery(trpc.endpoint.list.queryOptions());
  // every endpoint, plus any seen in runs (a deleted endpoint's runs keep their slug) and the one filtered on
  const endpoints = new Map<string, string>((published.data ?? []).map((e) => [e.id, e.slug]));
  for (const run of seen) if (run.endpointId && run.endpointSlug) endpoints.set(run.endpointId, run.endpointSlug);
  if (filters.endpointId && !endpoints.has(filters.endpointId)) endpoints.set(filters.endpointId, filters.endpointId.slice(0, 8));

  const set = (patch: Partial<RunFilters>) => onChange({ ...filters, ...patch });
  const preset = TIME_PRESETS.find((p) => filters.since && !filters.until && Math.abs(Date.now() - p.ms - filters.since.getTime()) < 120_000)?.id ?? '';
  const [customWanted, setCustomWanted] = useState(false);
  // From/To show for a custom range only, so the bar fits one line
  const custom = customWanted || (!preset && (filters.since !== undefined || filters.until !== undefined));

  return (
    <div className="filters" role="search" aria-label="Filter runs">
      <div className="field">
        <label htmlFor="f-graph">Graph</label>
        <select id="f-graph" className="select" style={{ maxWidth: 200 }} value={filters.graphId ?? ''} onChange={(e) => set({ graphId: e.target.value || undefined, versionId: undefined })}>
          <option value="">All graphs</option>
          {graphs.data?.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-version">Version</label>
        <select id="f-version" className="select" style={{ maxWidth: 170 }} value={filters.versionId ?? ''} disabled={!filters.graphId} onChange={(e) => set({ versionId: e.target.value || undefined })}>
          <option value="">{filters.graphId ? 'All versions' : 'Pick a graph first'}</option>
          <VersionOptions versions={versions.data} messageChars={40} />
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-endpoint">Endpoint</label>
        <select id="f-endpoint" className="select" style={{ minWidth: 100 }} value={filters.endpointId ?? ''} onChange={(e) => set({ endpointId: e.target.value || undefined })}>
          <option value="">Any</option>
          {[...endpoints].map(([id, slug]) => (
            <option key={id} value={id}>
              {slug}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-status">Status</label>
        <select id="f-status" className="select" value={filters.status ?? ''} onChange={(e) => set({ status: (e.target.value || undefined) as RunStatusFilter | undefined })}>
          <option value="">Any status</option>
          {RUN_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-source">Source</label>
        <select id="f-source" className="select" value={filters.source ?? ''} onChange={(e) => set({ source: (e.target.value || undefined) as RunSourceFilter | undefined })}>
          <option value="">Any but evaluations</option>
          <option value="any">Any source</option>
          {RUN_SOURCES.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-range">Time</label>
        <select
          id="f-range"
          className="select"
          value={custom ? 'custom' : preset}
          onChange={(e) => {
            const chosen = TIME_PRESETS.find((p) => p.id === e.target.value);
            setCustomWanted(e.target.value === 'custom');
            if (chosen) set({ since: new Date(Date.now() - chosen.ms), until: undefined });
            else if (e.target.value === '') set({ since: undefined, until: undefined });
          }}
        >
          <option value="">Any time</option>
          {TIME_PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
          <option value="custom">Custom range…</option>
        </select>
      </div>
      {custom && (
        <>
          <div className="field">
            <label htmlFor="f-since">From</label>
            <input id="f-since" type="datetime-local" className="input" value={toLocalInput(filters.since)} onChange={(e) => set({ since: e.target.value ? new Date(e.target.value) : undefined })} />
          </div>
          <div className="field">
            <label htmlFor="f-until">To</label>
            <input id="f-until" type="datetime-local" className="input" value={toLocalInput(filters.until)} onChange={(e) => set({ until: e.target.value ? new Date(e.target.value) : undefined })} />
          </div>
        </>
      )}
      {hasFilters(filters) && (
        <button
          type="button"
          className="btn ghost"
          onClick={() => {
            setCustomWanted(false);
            onChange({});
          }}
        >
          Clear
        </button>
      )}
    </div>
  );
}

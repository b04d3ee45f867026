import type { RunSource } from '../../server/services/runs';

/**
 * The run history's filters, kept in the URL (?graph=&version=&endpoint=&status=&source=&since=&until=)
 * so a filtered view can be linked to, e.g. from a graph, an endpoint or an evaluation. Pure.
 */
export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type RunStatusFilter = (typeof RUN_STATUSES)[number];

/** The run sources a user filters by (server/services/runs.ts lists them all), with their labels. */
export const RUN_SOURCES = [
  { id: 'editor', label: 'Editor' },
  { id: 'api', label: 'API (endpoints)' },
  { id: 'upload', label: 'Uploads and web pages' },
  { id: 'eval', label: 'Evaluations' },
] as const satisfies readonly { id: RunSource; label: string }[];
/** A source, or `any`: every source, evaluations included (without a source filter they are left out). */
export type RunSourceFilter = (typeof RUN_SOURCES)[number]['id'] | 'any';

export interface RunFilters {
  graphId?: string;
  versionId?: string;
  endpointId?: string;
  status?: RunStatusFilter;
  source?: RunSourceFilter;
  since?: Date;
  until?: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function filtersFromParams(params: URLSearchParams): RunFilters {
  const id = (key: string) => {
    const value = params.get(key);
    return value && UUID.test(value) ? value : undefined;
  };
  const date = (key: string) => {
    const value = params.get(key);
    const parsed = value ? new Date(value) : undefined;
    return parsed && !Number.isNaN(parsed.getTime()) ? parsed : undefined;
  };
  const status = params.get('status');
  const source = params.get('source');
  const filters: RunFilters = {
    graphId: id('graph'),
    versionId: id('version'),
    endpointId: id('endpoint'),
    status: (RUN_STATUSES as readonly string[]).includes(status ?? '') ? (status as RunStatusFilter) : undefined,
    source: source === 'any' || RUN_SOURCES.some((s) => s.id === source) ? (source as RunSourceFilter) : undefined,
    since: date('since'),
    until: date('until'),
  };
  // a version only makes sense within its graph
  if (!filters.graphId) filters.versionId = undefined;
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as RunFilters;
}

export function paramsFromFilters(filters: RunFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.graphId) params.set('graph', filters.graphId);
  if (filters.graphId && filters.versionId) params.set('version', filters.versionId);
  if (filters.endpointId) params.set('endpoint', filters.endpointId);
  if (filters.status) params.set('status', filters.status);
  if (filters.source) params.set('source', filters.source);
  if (filters.since) params.set('since', filters.since.toISOString());
  if (filters.until) params.set('until', filters.until.toISOString());
  return params;
}

/**
 * The run.list input of the filters. Without a source filter, evaluation runs are left out: an
 * evaluation adds a run per judged query, which would bury everything else; `any` shows them too.
 */
export function runListInput(filters: RunFilters) {
  const { source, ...rest } = filters;
  if (source === 'any') return rest;
  return source ? { ...rest, source } : { ...rest, excludeSource: 'eval' as const };
}

export function hasFilters(filters: RunFilters): boolean {
  return Object.values(filters).some((v) => v !== undefined);
}

/** "Last hour", "last 24 hours", … as a since-date relative to now. */
export const TIME_PRESETS = [
  { id: '1h', label: 'Last hour', ms: 3_600_000 },
  { id: '24h', label: 'Last 24 hours', ms: 86_400_000 },
  { id: '7d', label: 'Last 7 days', ms: 7 * 86_400_000 },
] as const;

/** A Date as the value of an <input type="datetime-local"> (local time, minutes). */
export function toLocalInput(date: Date | undefined): string {
  if (!date) return '';
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

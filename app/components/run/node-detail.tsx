'use client';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { InputPreview } from './input-preview';
import { formatBytes, formatDuration } from './input-summary';
import { JsonView } from './json-view';
import type { LiveNode } from './live-run';
import { StatusBadge } from './status-badge';
import type { NodeRunRow } from './types';
import './run.css';

interface Metrics {
  promptTokens?: number;
  completionTokens?: number;
  ttftMs?: number;
  tpotMs?: number;
  queueWaitMs?: number;
  [key: string]: unknown;
}

const SHOWN_METRICS = new Set(['promptTokens', 'completionTokens', 'ttftMs', 'tpotMs', 'queueWaitMs']);

/**
 * Everything known about one node of a run: its attempts, where and how it ran (device, worker, batch,
 * queue wait, tokens, TTFT/TPOT), its error, input/output previews and, on demand, its full output.
 */
export function NodeDetail(props: {
  runId: string;
  nodeId: string;
  nodeType?: string;
  rows: readonly NodeRunRow[];
  live?: LiveNode;
  onClose?: () => void;
  /** opens another node of the run (an input's source) */
  onSelectNode?: (nodeId: string) => void;
}) {
  const { runId, nodeId, live } = props;
  const attempts = props.rows.filter((r) => r.nodeId === nodeId).sort((a, b) => a.attempt - b.attempt);
  const [shownAttempt, setShownAttempt] = useState<number | null>(null);
  const row = attempts.find((a) => a.attempt === shownAttempt) ?? attempts[attempts.length - 1];
  const liveIsNewer = live && (!row || live.attempt > row.attempt);
  const status = liveIsNewer ? live.status : (row?.status ?? live?.status ?? 'queued');
  const metrics = (row?.metrics ?? {}) as Metrics;
  const durationMs = row?.startedAt && row.finishedAt ? new Date(row.finishedAt).getTime() - new Date(row.startedAt).getTime() : live?.durationMs;
  const queueWait = metrics.queueWaitMs ?? live?.queueWaitMs;
  const error = liveIsNewer ? live.error : row?.errorCode ? { code: row.errorCode, message: row.errorMessage ?? '' } : live?.error;
  const otherMetrics = Object.entries(metrics).filter(([k, v]) => !SHOWN_METRICS.has(k) && (isPlain(v) || (Array.isArray(v) && v.length > 0 && v.every(isPlain))));

  return (
    <section className="card node-panel" aria-label={`Node ${nodeId}`} data-testid="node-detail">
      <div className="card-body">
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
          <div style={{ minWidth: 0 }}>
            <h2 style={{ margin: 0 }}>{nodeId}</h2>
            <div className="muted small mono">{props.nodeType ?? row?.nodeType}</div>
          </div>
          <div style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
            <StatusBadge status={status} />
            {props.onClose && (
              <button type="button" className="btn ghost small" onClick={props.onClose} aria-label="Close node details">
                ✕
              </button>
            )}
          </div>
        </div>

        {attempts.length > 1 && (
          <div className="toolbar" role="group" aria-label="Attempts">
            {attempts.map((a) => (
              <button key={a.attempt} type="button" className={a === row ? 'btn small primary' : 'btn small'} onClick={() => setShownAttempt(a.attempt)}>
                Attempt {a.attempt} · {a.status}
              </button>
            ))}
          </div>
        )}

        {error && (
          <div className="alert error" style={{ margin: 0 }}>
            <strong>{error.code}</strong>: {error.message}
          </div>
        )}

        <dl className="kv">
          <dt>Device</dt>
          <dd>{row?.device ?? live?.device ?? '—'}</dd>
          <dt>Worker</dt>
          <dd className="mono small">{row?.worker ?? live?.worker ?? '—'}</dd>
          <dt>Batch size</dt>
          <dd>{row?.batchSize ?? live?.batchSize ?? '—'}</dd>
          <dt>Queue wait</dt>
          <dd>{formatDuration(queueWait)}</dd>
          <dt>Duration</dt>
          <dd>{formatDuration(durationMs)}</dd>
          <dt>Started</dt>
          <dd>{formatDateTime(row?.startedAt)}</dd>
          <dt>Attempt</dt>
          <dd>{row?.attempt ?? live?.attempt ?? '—'}</dd>
        </dl>

        {(metrics.promptTokens !== undefined || metrics.completionTokens !== undefined || metrics.ttftMs !== undefined || metrics.tpotMs !== undefined || otherMetrics.length > 0) && (
          <div className="metric-row" data-testid="node-metrics">
            {metrics.promptTokens !== undefined && <span className="metric">prompt tokens <b>{metrics.promptTokens}</b></span>}
            {metrics.completionTokens !== undefined && <span className="metric">completion tokens <b>{metrics.completionTokens}</b></span>}
            {metrics.ttftMs !== undefined && <span className="metric">TTFT <b>{formatDuration(metrics.ttftMs)}</b></span>}
            {metrics.tpotMs !== undefined && <span className="metric">TPOT <b>{formatDuration(metrics.tpotMs)}</b></span>}
            {otherMetrics.map(([k, v]) => (
              <span key={k} className="metric">
                {k} <b>{Array.isArray(v) ? v.map(metricText).join(', ') : metricText(v)}</b>
              </span>
            ))}
          </div>
        )}

        {live?.tokens && liveIsNewer && (
          <div>
            <h3 className="section-title">Streaming</h3>
            <JsonView value={live.tokens} />
          </div>
        )}
        <div>
          <h3 className="section-title">Input (preview)</h3>
          <InputPreview value={row?.inputPreview ?? undefined} nodeId={nodeId} onSelectNode={props.onSelectNode} />
        </div>
        <div>
          <h3 className="section-title">Output (preview)</h3>
          <JsonView value={row?.outputPreview ?? undefined} label={`Output preview of ${nodeId}`} />
        </div>
        {row?.status === 'succeeded' && <FullOutput runId={runId} nodeId={nodeId} />}
      </div>
    </section>
  );
}

function FullOutput({ runId, nodeId }: { runId: string; nodeId: string }) {
  const trpc = useTRPC();
  const [wanted, setWanted] = useState(false);
  const output = useQuery({ ...trpc.run.nodeOutput.queryOptions({ runId, nodeId }), enabled: wanted, staleTime: Infinity });
  if (!wanted) {
    return (
      <button type="button" className="btn small" onClick={() => setWanted(true)} style={{ alignSelf: 'flex-start' }}>
        Show full output
      </button>
    );
  }
  if (output.isLoading) return <div className="muted small"><span className="spinner" /> Loading the full output…</div>;
  if (output.error) return <div className="alert error">Could not load the output: {errorMessage(output.error)}</div>;
  const data = output.data!;
  return (
    <div data-testid="full-output">
      <h3 className="section-title">
        Full output <span className="muted">({formatBytes(data.sizeBytes)}{data.truncated ? ', cut to 2 MB' : ''})</span>
      </h3>
      <JsonView value={data.data} full label={`Full output of ${nodeId}`} />
    </div>
  );
}

/** Metrics a node recorded beyond the known ones: numbers, strings, booleans and lists of them (the terms a query was expanded with, the guard rules that fired). */
function isPlain(value: unknown): value is number | string | boolean {
  return typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean';
}

function metricText(value: unknown): string {
  return typeof value === 'number' ? String(Number(value.toFixed(3))) : String(value);
}

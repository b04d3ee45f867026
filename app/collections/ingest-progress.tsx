'use client';
import { formatDuration } from '../components/run/input-summary';
import Link from 'next/link';
import { useEffect, useRef } from 'react';
import { StatusBadge } from '../components/run/status-badge';
import { isTerminal } from '../components/run/types';
import { useLiveRun } from '../components/run/use-live-run';

/** One ingestion run followed live: a progress bar over its nodes, each node's status, the outcome. */
export function IngestProgress({ runId, graphName, nodeCount, onEnded }: { runId: string; graphName: string; nodeCount: number; onEnded?: () => void }) {
  const { live } = useLiveRun(runId);
  const nodes = Object.values(live?.nodes ?? {});
  const done = nodes.filter((n) => n.status === 'succeeded' || n.status === 'skipped' || n.status === 'failed').length;
  const status = live?.status ?? 'queued';
  const ended = isTerminal(status);
  const total = Math.max(nodeCount, nodes.length, 1);
  const percent = status === 'succeeded' ? 100 : Math.round((done / total) * 100);
  const notified = useRef(false);
  useEffect(() => {
    if (ended && !notified.current) {
      notified.current = true;
      onEnded?.();
    }
  }, [ended, onEnded]);
  const summary = live?.output?.ingested as { documents?: number; chunks?: number; skipped?: number } | undefined;

  return (
    <div data-testid="ingest-progress" data-status={status}>
      <div className="small" style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
        <span>
          Ingestion by {graphName} · <Link href={`/runs/${runId}`}>run {runId.slice(0, 8)}</Link>
        </span>
        <StatusBadge status={status} />
      </div>
      <div
        className={status === 'failed' ? 'progress failed' : percent === 100 ? 'progress done' : 'progress'}
        role="progressbar"
        aria-label="Ingestion progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        style={{ marginTop: 4 }}
      >
        <div style={{ width: `${percent}%` }} />
      </div>
      <div className="node-chips" style={{ marginTop: 6 }}>
        {nodes.map((n) => (
          <span key={n.nodeId} className="node-chip" data-status={n.status}>
            <span className={`status-dot ${n.status}`} aria-hidden />
            {n.nodeId}
            {n.durationMs !== undefined && <span className="muted">{formatDuration(n.durationMs)}</span>}
          </span>
        ))}
      </div>
      {status === 'succeeded' && summary && (
        <div className="alert ok" style={{ marginTop: 8, marginBottom: 0 }} data-testid="ingest-summary">
          Stored {describeSummary(summary)}
        </div>
      )}
      {live?.error && (
        <div className="alert error" style={{ marginTop: 8, marginBottom: 0 }}>
          <strong>{live.error.code}</strong>: {live.error.message}
        </div>
      )}
    </div>
  );
}

/** {documents: 3, chunksWritten: 5, replaced: 0} → "3 documents: 5 chunks written" (zero counts left out) */
export function describeSummary(summary: Record<string, unknown>): string {
  const words = (key: string) => key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const documents = typeof summary.documents === 'number' ? `${summary.documents} document${summary.documents === 1 ? '' : 's'}` : 'the documents';
  const details = Object.entries(summary)
    .filter(([k, v]) => k !== 'documents' && typeof v === 'number' && v > 0)
    .map(([k, v]) => `${v} ${words(k)}`);
  return details.length ? `${documents}: ${details.join(', ')}` : documents;
}

'use client';
import { formatDuration } from '../components/run/input-summary';
import Link from 'next/link';
import { useEffect, useRef } from 'react';
import { StatusBadge } from '../components/run/status-badge';
import { isTerminal } from '../components/run/types';
import { useLiveRun } from '../components/run/use-live-run';
import { plural } from '../lib/format';
import type { FileFailuresValue } from '../../nodes/core/values';
import { describeSummary, failureReason, rejectedFiles, rejectedHeading, unloadedPages } from './ingest-result';

/** One ingestion run followed live: a progress bar over its nodes, each node's status, the outcome. */
export function IngestProgress({ runId, graphName, nodeCount, onEnded }: { runId: string; graphName: string; nodeCount: number; onEnded?: (status: string) => void }) {
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
      onEnded?.(status);
    }
  }, [ended, onEnded, status]);
  const summary = live?.output?.ingested as Record<string, unknown> | undefined;
  const rejected = ended ? rejectedFiles(live?.output) : undefined;
  const unloaded = ended ? unloadedPages(live?.output) : undefined;

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
      {rejected && <FailureList failures={rejected} what="file" />}
      {unloaded && <FailureList failures={unloaded} what="page" />}
      {live?.error && (
        <div className="alert error" style={{ marginTop: 8, marginBottom: 0 }}>
          <strong>{live.error.code}</strong>: {live.error.message}
        </div>
      )}
    </div>
  );
}

/** The files a parser left out, or the pages a loader could not load, each with its reason and code. */
function FailureList({ failures, what }: { failures: FileFailuresValue; what: 'file' | 'page' }) {
  const unlisted = failures.count - failures.files.length;
  return (
    <div className="alert warn" role="status" style={{ marginTop: 8, marginBottom: 0 }} data-testid={what === 'file' ? 'ingest-rejected' : 'ingest-unloaded'}>
      <strong>{rejectedHeading(failures, what)}:</strong>
      <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
        {failures.files.map((f, i) => (
          <li key={`${i}-${f.file}`} data-testid={what === 'file' ? 'rejected-file' : 'unloaded-page'} style={{ overflowWrap: 'anywhere' }}>
            <span className="mono">{f.file}</span> — {failureReason(f)} <span className="mono small muted">{f.code}</span>
          </li>
        ))}
      </ul>
      {unlisted > 0 && (
        <div className="small" style={{ marginTop: 4 }}>
          … and {plural(unlisted, `more ${what}`, `more ${what}s`)} (only the first {failures.files.length} are listed).
        </div>
      )}
    </div>
  );
}

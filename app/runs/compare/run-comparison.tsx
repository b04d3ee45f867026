'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { Fragment, useMemo, useState } from 'react';
import { formatDuration, inputHeadline } from '../../components/run/input-summary';
import { JsonView } from '../../components/run/json-view';
import { compareNodeRuns, type NodeSide } from '../../components/run/run-comparison';
import { RunResultView } from '../../components/run/run-output-view';
import { StatusBadge } from '../../components/run/status-badge';
import type { RunDetail } from '../../components/run/types';
import { errorMessage } from '../../lib/errors';
import { useTRPC } from '../../lib/trpc';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * /runs/compare?a=…&b=…: two runs side by side (a run and its run again on an edited draft, say):
 * their answers, and node by node what each did, with the nodes whose output changed marked.
 */
export function RunComparison({ a, b }: { a: string; b: string }) {
  const trpc = useTRPC();
  const valid = UUID.test(a) && UUID.test(b);
  const runA = useQuery({ ...trpc.run.byId.queryOptions({ id: a }), enabled: valid });
  const runB = useQuery({ ...trpc.run.byId.queryOptions({ id: b }), enabled: valid });
  const rows = useMemo(() => {
    if (!runA.data || !runB.data) return [];
    const order = [...(runA.data.spec?.nodes ?? []), ...(runB.data.spec?.nodes ?? [])].map((n) => n.id);
    return compareNodeRuns(runA.data.nodeRuns, runB.data.nodeRuns, order);
  }, [runA.data, runB.data]);
  const [open, setOpen] = useState<string | null>(null);

  if (!valid) return <Problem message="Name two runs to compare: /runs/compare?a=RUN_ID&b=RUN_ID (a run's page links here after Run again)." />;
  const failed = runA.error ?? runB.error;
  if (failed) return <Problem message={`Could not load both runs: ${errorMessage(failed)}`} />;
  if (!runA.data || !runB.data) {
    return (
      <div className="page muted">
        <span className="spinner" /> Loading the runs…
      </div>
    );
  }
  const changed = rows.filter((r) => !r.sameOutput).length;
  return (
    <div className="page" style={{ maxWidth: 1400 }}>
      <div className="page-header">
        <div>
          <div className="muted small">
            <Link href="/runs">Runs</Link> /
          </div>
          <h1>Compare runs</h1>
          <div className="subtitle">
            {rows.length} nodes · {changed === 0 ? 'every output the same' : `${changed} with a different output or only in one run`}
          </div>
        </div>
      </div>
      <div className="compare-grid">
        <RunSummary label="A" run={runA.data} />
        <RunSummary label="B" run={runB.data} />
      </div>
      <section className="card" aria-label="Nodes compared">
        <table className="table compare-table">
          <thead>
            <tr>
              <th>node</th>
              <th>A</th>
              <th>B</th>
              <th>output</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <Fragment key={row.nodeId}>
                <tr data-testid={`compare-row-${row.nodeId}`} data-same={row.sameOutput}>
                  <td>
                    {row.nodeId} <span className="muted small mono">{row.nodeType}</span>
                  </td>
                  <td>
                    <Side side={row.a} />
                  </td>
                  <td>
                    <Side side={row.b} />
                  </td>
                  <td>
                    <button type="button" className="link-button" onClick={() => setOpen(open === row.nodeId ? null : row.nodeId)} aria-expanded={open === row.nodeId}>
                      {row.sameOutput ? 'same' : row.a && row.b ? 'changed' : row.a ? 'only in A' : 'only in B'}
                    </button>
                  </td>
                </tr>
                {open === row.nodeId && (
                  <tr>
                    <td colSpan={4}>
                      <div className="compare-grid">
                        <JsonView value={row.a?.outputPreview ?? null} label={`Output of ${row.nodeId} in A`} />
                        <JsonView value={row.b?.outputPreview ?? null} label={`Output of ${row.nodeId} in B`} />
                      </div>
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

function RunSummary({ label, run }: { label: string; run: RunDetail }) {
  const ms = run.startedAt && run.finishedAt ? new Date(run.finishedAt).getTime() - new Date(run.startedAt).getTime() : null;
  return (
    <section className="card card-body" aria-label={`Run ${label}`}>
      <h2 style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
        {label}: <Link href={`/runs/${run.id}`} className="mono" style={{ fontSize: 15 }}>{run.id.slice(0, 8)}</Link> <StatusBadge status={run.status} />
      </h2>
      <div className="muted small">
        {run.graphName} <span className="badge accent">{run.versionNumber ? `v${run.versionNumber}` : 'draft'}</span> · took {formatDuration(ms)} · “{inputHeadline(run.input)}”
      </div>
      {run.error && <div className="alert error small">{(run.error as { message?: string }).message}</div>}
      <RunResultView output={run.output} />
    </section>
  );
}

function Side({ side }: { side: NodeSide | null }) {
  if (!side) return <span className="muted small">not run</span>;
  return (
    <span className="compare-side">
      <span className={`status-dot ${side.status}`} aria-hidden /> {side.status} · {formatDuration(side.durationMs)}
      {side.attempts > 1 && <span className="muted small"> · {side.attempts} attempts</span>}
    </span>
  );
}

function Problem({ message }: { message: string }) {
  return (
    <div className="page">
      <div className="alert error">{message}</div>
      <Link href="/runs" className="btn">
        ← All runs
      </Link>
    </div>
  );
}

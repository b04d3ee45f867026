'use client';
import { skipToken, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useMemo } from 'react';
import { Dialog } from '../ui/dialog';
import { errorMessage } from '../../lib/errors';
import { compareQueries, deltaDirection, formatDelta, formatScore } from '../../lib/evaluation-scores';
import { useTRPC } from '../../lib/trpc';

/** Rows drawn at once: the biggest changes come first, so the rest matter least. */
const SHOWN = 300;

/** An evaluation to show, named as the reader knows it: "v3" in a graph's history, "Graph v3" on a dataset's page. */
export interface LabelledEvaluation {
  evaluationId: string;
  label: string;
}

/**
 * One evaluation query by query: each query's nDCG@10 beside another evaluation's on the same
 * dataset (the older version's, or another graph's), the biggest drops first, each linked to its run,
 * so a change that helped on average but broke some queries shows.
 */
export function EvaluationDetailsDialog({ evaluationId, label, base, onClose }: LabelledEvaluation & { base?: LabelledEvaluation; onClose: () => void }) {
  const trpc = useTRPC();
  const current = useQuery(trpc.evaluation.byId.queryOptions({ id: evaluationId }));
  const older = useQuery(trpc.evaluation.byId.queryOptions(base ? { id: base.evaluationId } : skipToken));
  const loading = current.isLoading || (base !== undefined && older.isLoading);
  const comparison = useMemo(
    () => (current.data && !loading ? compareQueries(current.data.perQuery, older.data?.perQuery.length ? older.data.perQuery : undefined) : null),
    [current.data, older.data, loading],
  );
  const compared = base && older.data?.perQuery.length ? base : undefined;

  return (
    <Dialog title={`${label} on ${current.data?.dataset ?? '…'}`} onClose={onClose} wide>
      {loading && (
        <p className="muted small">
          <span className="spinner" /> Loading the queries…
        </p>
      )}
      {current.error && <div className="alert error small">Could not load the evaluation: {errorMessage(current.error)}</div>}
      {comparison && comparison.rows.length === 0 && <p className="muted">This evaluation was recorded without per-query results, so only its averages are known.</p>}
      {comparison && comparison.rows.length > 0 && (
        <>
          <p className="muted small" style={{ marginTop: 0 }} data-testid="evaluation-summary">
            {comparison.rows.length.toLocaleString()} queries
            {compared
              ? ` · against ${compared.label}: ${comparison.worse.toLocaleString()} worse, ${comparison.better.toLocaleString()} better, ${comparison.same.toLocaleString()} unchanged (biggest drops first)`
              : ' · weakest first'}
          </p>
          <div className="evaluation-queries">
            <table className="table">
              <thead>
                <tr>
                  <th>Query</th>
                  <th className="num">nDCG@10</th>
                  {compared && <th className="num">{compared.label}</th>}
                  {compared && <th className="num">Change</th>}
                  <th>Run</th>
                </tr>
              </thead>
              <tbody>
                {comparison.rows.slice(0, SHOWN).map((q) => (
                  <tr key={q.id} data-testid="evaluation-query">
                    <td>
                      <div className="query-text">{q.text || q.id}</div>
                      <div className="muted small">
                        {q.id}
                        {q.failed && <span className="error-text"> · its run failed</span>}
                      </div>
                    </td>
                    <td className="num">{formatScore(q.ndcg10)}</td>
                    {compared && <td className="num">{q.baseNdcg10 === undefined ? '—' : formatScore(q.baseNdcg10)}</td>}
                    {compared && <td className={`num delta ${deltaDirection(q.delta)}`}>{q.delta === undefined ? '—' : formatDelta(q.delta)}</td>}
                    <td>{q.runId ? <Link href={`/runs/${q.runId}`}>Open</Link> : <span className="muted">—</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {comparison.rows.length > SHOWN && <p className="muted small">The first {SHOWN} of {comparison.rows.length.toLocaleString()} queries are shown.</p>}
        </>
      )}
    </Dialog>
  );
}

'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { errorMessage } from '../lib/errors';
import { formatDateTime, timeAgo } from '../lib/format';
import { useTRPC } from '../lib/trpc';
import { NewDatasetPanel } from './new-dataset-panel';

/** /datasets: the stored sets of judged queries versions are evaluated on, and a form that adds one. */
export function DatasetList() {
  const trpc = useTRPC();
  const datasets = useQuery(trpc.dataset.list.queryOptions());
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Datasets</h1>
          <div className="subtitle">Judged queries to score query graphs on: each version evaluated on a dataset is ranked on its page, whichever graph it belongs to.</div>
        </div>
      </div>
      <div className="stack">
        {datasets.error && <div className="alert error">Could not load datasets: {errorMessage(datasets.error)}</div>}
        {datasets.isLoading && (
          <div className="muted">
            <span className="spinner" /> Loading…
          </div>
        )}
        {datasets.data && datasets.data.length === 0 && (
          <div className="card empty" data-testid="datasets-empty">
            <h2>No datasets yet</h2>
            <p style={{ maxWidth: 560, margin: '0 auto' }}>
              Add queries and their relevance judgements in BEIR’s formats below (SciFact, NFCorpus and the other BEIR sets come this way). Then evaluate a query graph’s versions on it from the graph’s History.
            </p>
          </div>
        )}
        {datasets.data && datasets.data.length > 0 && (
          <div className="card table-scroll">
            <table className="table" aria-label="Datasets">
              <thead>
                <tr>
                  <th>Name</th>
                  <th className="num">Queries</th>
                  <th className="num">Judgements</th>
                  <th className="num">Evaluations</th>
                  <th>Last evaluated</th>
                  <th>Added</th>
                </tr>
              </thead>
              <tbody>
                {datasets.data.map((d) => (
                  <tr key={d.id} data-testid="dataset-row">
                    <td>
                      <Link href={`/datasets/${d.id}`} style={{ fontWeight: 600 }}>
                        {d.name}
                      </Link>
                      {d.description && <div className="muted small">{d.description}</div>}
                    </td>
                    <td className="num">{d.queryCount.toLocaleString()}</td>
                    <td className="num">{d.judgementCount.toLocaleString()}</td>
                    <td className="num">{d.evaluationCount.toLocaleString()}</td>
                    <td className="small nowrap" title={d.lastEvaluatedAt ? formatDateTime(d.lastEvaluatedAt) : undefined}>
                      {d.lastEvaluatedAt ? timeAgo(d.lastEvaluatedAt) : <span className="muted">never</span>}
                    </td>
                    <td className="small nowrap" title={formatDateTime(d.createdAt)}>
                      {timeAgo(d.createdAt)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <NewDatasetPanel />
      </div>
    </div>
  );
}

'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { EvaluationDetailsDialog } from '../../components/evaluation/evaluation-details-dialog';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import { datasetStandings, type StandingRow } from '../../lib/dataset-standings';
import { errorCode, errorMessage } from '../../lib/errors';
import { formatScore, metricLabel } from '../../lib/evaluation-scores';
import { formatDateTime, timeAgo } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { EditDatasetDialog } from './edit-dataset-dialog';
import { EvaluateOnDatasetDialog } from './evaluate-on-dataset-dialog';

const METRICS = ['ndcg10', 'recall100', 'mrr10'];

/** /datasets/[id]: what the dataset holds, and every version scored on it, best first. */
export function DatasetDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [evaluating, setEvaluating] = useState(false);
  const [editing, setEditing] = useState(false);
  const [details, setDetails] = useState<ReturnType<typeof queriesAgainst> | null>(null);
  const dataset = useQuery({
    ...trpc.dataset.byId.queryOptions({ id }),
    // a running evaluation's scores arrive when it ends
    refetchInterval: (query) => (query.state.data?.evaluations.some((e) => e.status === 'running') ? 1500 : false),
  });
  const remove = useMutation(
    trpc.dataset.delete.mutationOptions({
      onSuccess: () => {
        // only the list: refetching this page's dataset would ask for what was just deleted
        void queryClient.invalidateQueries({ queryKey: trpc.dataset.list.queryKey() });
        router.push('/datasets');
      },
    }),
  );
  const standings = useMemo(() => datasetStandings(dataset.data?.evaluations ?? []), [dataset.data]);

  if (dataset.error) {
    const missing = errorCode(dataset.error) === 'NOT_FOUND';
    return (
      <div className="page">
        <div className="page-header">
          <h1>Dataset</h1>
        </div>
        <div className="stack">
          <div className={missing ? 'alert info' : 'alert error'}>{missing ? 'This dataset does not exist: it may have been deleted.' : `Could not load the dataset: ${errorMessage(dataset.error)}`}</div>
          <Link href="/datasets">← All datasets</Link>
        </div>
      </div>
    );
  }
  const d = dataset.data;
  const skipped = d ? skippedText(d.skipped) : '';
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <div className="muted small">
            <Link href="/datasets">Datasets</Link> /
          </div>
          <h1>{d?.name ?? ' '}</h1>
          {d && (
            <div className="subtitle" data-testid="dataset-stats">
              {d.queryCount.toLocaleString()} judged {d.queryCount === 1 ? 'query' : 'queries'} · {d.judgementCount.toLocaleString()} judgements · added {timeAgo(d.createdAt)} by {d.createdBy}
              {d.description && <div>{d.description}</div>}
            </div>
          )}
        </div>
        {d && (
          <div className="toolbar">
            <button className="btn primary" onClick={() => setEvaluating(true)}>
              Evaluate a version…
            </button>
            <button className="btn" onClick={() => setEditing(true)}>
              Edit
            </button>
            <button className="btn danger" onClick={() => setConfirmDelete(true)}>
              Delete dataset
            </button>
          </div>
        )}
      </div>
      {!d && (
        <div className="muted">
          <span className="spinner" /> Loading…
        </div>
      )}
      {d && (
        <div className="stack">
          <section className="card" aria-label="Versions scored on it">
            <div className="card-body">
              <h2 style={{ margin: 0 }}>Versions scored on it</h2>
              <div className="muted small">Each version’s latest scores per collection, best nDCG@10 first.</div>
              {standings.running.map((e) => (
                <div key={e.id} className="dataset-running small" data-testid="dataset-running">
                  <span className="spinner" /> {e.graphName} <span className="badge accent">v{e.versionNumber}</span> running: {e.done.toLocaleString()} of {e.queries.toLocaleString()} queries
                  <progress max={e.queries} value={e.done} aria-label={`${e.graphName} v${e.versionNumber} progress`} />
                </div>
              ))}
            </div>
            {standings.ranked.length > 0 ? (
              <div className="table-scroll">
                <table className="table" aria-label="Versions ranked">
                  <thead>
                    <tr>
                      <th className="num">#</th>
                      <th>Graph</th>
                      <th>Collection</th>
                      {METRICS.map((m) => (
                        <th key={m} className="num">
                          {metricLabel(m)}
                        </th>
                      ))}
                      <th className="num">Queries</th>
                      <th>Evaluated</th>
                      <th aria-label="Per query" />
                    </tr>
                  </thead>
                  <tbody>
                    {standings.ranked.map((e, i) => (
                      <tr key={e.id} data-testid="standing-row">
                        <td className="num muted">{i + 1}</td>
                        <td>
                          <Link href={`/graphs/${e.graphId}`} style={{ fontWeight: 600 }}>
                            {e.graphName}
                          </Link>{' '}
                          <span className="badge accent">v{e.versionNumber}</span> {i === 0 && standings.best && <span className="badge ok">best</span>}
                        </td>
                        <td className="small">{e.collection || <span className="muted">—</span>}</td>
                        {METRICS.map((m) => (
                          <td key={m} className="num mono">
                            {e.metrics[m] === undefined ? '—' : formatScore(e.metrics[m])}
                          </td>
                        ))}
                        <td className="num">
                          {e.queries.toLocaleString()}
                          {e.failed > 0 && <div className="warn-text small">{e.failed.toLocaleString()} failed</div>}
                        </td>
                        <td className="small nowrap" title={formatDateTime(e.createdAt)}>
                          {timeAgo(e.createdAt)}
                        </td>
                        <td>
                          <button type="button" className="link-button small" onClick={() => setDetails(queriesAgainst(standings.ranked, i))} aria-label={`Queries of ${e.graphName} v${e.versionNumber}`}>
                            Queries
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              standings.running.length === 0 && (
                <div className="empty" style={{ paddingTop: 12 }} data-testid="standings-empty">
                  No version has been scored on this dataset yet. Choose Evaluate a version…, or from a shell <code>npm run rag -- eval --dataset &quot;{d.name}&quot; --graph NAME --collection NAME</code>.
                </div>
              )
            )}
          </section>
          <section className="card" aria-label="Queries">
            <div className="card-body">
              <div className="toolbar" style={{ justifyContent: 'space-between' }}>
                <h2 style={{ margin: 0 }}>Queries</h2>
                <span className="small">
                  Download <a href={`/api/datasets/${id}/queries.jsonl`}>queries.jsonl</a> · <a href={`/api/datasets/${id}/qrels.tsv`}>qrels.tsv</a>
                </span>
              </div>
              <div className="muted small">
                {d.sample.length < d.queryCount ? `The first ${d.sample.length} of ${d.queryCount.toLocaleString()}.` : `All ${d.queryCount.toLocaleString()}.`} {skipped}
              </div>
            </div>
            <div className="table-scroll">
              <table className="table" aria-label="Judged queries">
                <thead>
                  <tr>
                    <th>Id</th>
                    <th>Query</th>
                    <th className="num">Relevant documents</th>
                  </tr>
                </thead>
                <tbody>
                  {d.sample.map((q) => (
                    <tr key={q.id}>
                      <td className="mono small">{q.id}</td>
                      <td>{q.text}</td>
                      <td className="num">{q.relevant}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </div>
      )}
      {details && <EvaluationDetailsDialog {...details} onClose={() => setDetails(null)} />}
      {evaluating && d && (
        <EvaluateOnDatasetDialog
          datasetId={id}
          datasetName={d.name}
          onClose={() => setEvaluating(false)}
          onStarted={() => {
            setEvaluating(false);
            void dataset.refetch();
          }}
        />
      )}
      {editing && d && (
        <EditDatasetDialog
          dataset={d}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            void queryClient.invalidateQueries({ queryKey: trpc.dataset.pathKey() });
          }}
        />
      )}
      {confirmDelete && d && (
        <ConfirmDialog title="Delete dataset?" confirmLabel="Delete dataset" onConfirm={() => remove.mutate({ id })} onClose={() => setConfirmDelete(false)} pending={remove.isPending} error={remove.error}>
          <p style={{ marginTop: 0 }}>
            “{d.name}” and its {d.queryCount.toLocaleString()} judged queries will be deleted. The {d.evaluationCount.toLocaleString()} evaluation{d.evaluationCount === 1 ? '' : 's'} made on it keep their scores in each graph’s History.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}

/** A ranked line query by query, against the best line (the best against the runner-up). */
function queriesAgainst(ranked: StandingRow[], i: number) {
  const labelled = (e: StandingRow) => ({ evaluationId: e.id, label: `${e.graphName} v${e.versionNumber}` });
  const base = i === 0 ? ranked[1] : ranked[0];
  return { ...labelled(ranked[i]!), base: base && labelled(base) };
}

/** What the files held that the dataset left out, in words ("" when nothing was). */
function skippedText(skipped: { unjudged: number; judgedButMissing: number; allZero: number }): string {
  const parts = [
    skipped.unjudged > 0 && `${skipped.unjudged.toLocaleString()} unjudged ${skipped.unjudged === 1 ? 'query' : 'queries'}`,
    skipped.judgedButMissing > 0 && `${skipped.judgedButMissing.toLocaleString()} judged ${skipped.judgedButMissing === 1 ? 'id' : 'ids'} missing from the queries file`,
    skipped.allZero > 0 && `${skipped.allZero.toLocaleString()} ${skipped.allZero === 1 ? 'query' : 'queries'} with no relevant document`,
  ].filter(Boolean);
  return parts.length ? `Left out of the files: ${parts.join(', ')}.` : '';
}

'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useReactFlow } from '@xyflow/react';
import { useMemo, useState } from 'react';
import { diffSpecs } from '../../../../nodes/core/diff';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import type { VersionSummary } from '../../../lib/api-types';
import { buildDiffOverlay } from '../../../lib/editor/diff-overlay';
import { useEditor, useEditorStore } from '../../../lib/editor/react';
import { errorMessage } from '../../../lib/errors';
import { formatDateTime, timeAgo } from '../../../lib/format';
import { servedBy } from '../../../lib/served-by';
import { useTRPC } from '../../../lib/trpc';
import { useEvaluations } from '../hooks/use-evaluations';
import type { Versioning } from '../hooks/use-versioning';
import { DiffSummary } from './diff-summary';
import { EvaluateDialog } from '../../../components/evaluation/evaluate-dialog';
import { EvaluationDetailsDialog, type LabelledEvaluation } from '../../../components/evaluation/evaluation-details-dialog';
import { EvaluationActivity, VersionScores } from './version-scores';

/**
 * Saved versions, each with its retrieval scores when it was evaluated: compare one with the draft on
 * the canvas, or restore it as a new version.
 */
export function HistoryPanel({ versioning }: { versioning: Versioning }) {
  const store = useEditorStore();
  const flow = useReactFlow();
  const diff = useEditor((s) => s.diff);
  const [comparing, setComparing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmRestore, setConfirmRestore] = useState<VersionSummary | null>(null);
  const { versions, base } = versioning;
  const evaluations = useEvaluations(versioning.graph.id, setError);
  const { scores, activity } = evaluations;
  const [evaluating, setEvaluating] = useState(false);
  const [details, setDetails] = useState<(LabelledEvaluation & { base?: LabelledEvaluation }) | null>(null);
  const canEvaluate = versioning.graph.kind === 'query' && (versions.data?.length ?? 0) > 0;
  // which versions the graph's endpoints serve, so a version's scores are read beside its role
  const trpc = useTRPC();
  const endpoints = useQuery(trpc.endpoint.list.queryOptions({ graphId: versioning.graph.id }));
  const served = useMemo(() => servedBy(endpoints.data ?? []), [endpoints.data]);

  const compare = async (version: VersionSummary) => {
    setError(null);
    setComparing(version.id);
    try {
      const before = await versioning.fetchSpec(version.id);
      const state = store.getState();
      // a draft that is still its base version (just saved, or just opened) is named as that version
      const draftIsBase = base && base.id !== version.id && diffSpecs(await versioning.fetchSpec(base.id), state.spec).semanticallyEqual;
      state.select([], []);
      state.setDiff(buildDiffOverlay(diffSpecs(before, state.spec), `v${version.number} → ${draftIsBase ? `v${base.number} (the current draft)` : 'current draft'}`));
      void flow.fitView({ padding: 0.2, duration: 200, maxZoom: 1 });
    } catch (e) {
      setError(`Could not load version ${version.number}: ${errorMessage(e)}`);
    } finally {
      setComparing(null);
    }
  };

  const restore = async (version: VersionSummary) => {
    setError(null);
    try {
      const saved = await versioning.restoreVersion(version.id);
      store.getState().setDiff(null);
      store.getState().showHint(`Restored version ${version.number} as version ${saved.number}`, 'info');
      setConfirmRestore(null);
    } catch (e) {
      setConfirmRestore(null);
      setError(`Restore failed: ${errorMessage(e)}`);
    }
  };

  const focus = (nodeId: string) => void flow.fitView({ nodes: [{ id: nodeId }], duration: 250, maxZoom: 1.2, padding: 0.6 });

  return (
    <div className="history">
      {canEvaluate && (
        <div className="history-toolbar">
          <button type="button" className="btn small" onClick={() => setEvaluating(true)}>
            Evaluate…
          </button>
        </div>
      )}
      {error && <div className="alert error small">{error}</div>}
      {diff && (
        <section className="history-diff" aria-label="Comparison">
          <div className="history-diff-head">
            <h3>{diff.title}</h3>
            <button type="button" className="btn small" onClick={() => store.getState().setDiff(null)}>
              Close
            </button>
          </div>
          <DiffSummary diff={diff.diff} onFocus={focus} />
        </section>
      )}
      {versions.isLoading && (
        <p className="muted small">
          <span className="spinner" /> Loading versions…
        </p>
      )}
      {versions.error && <div className="alert error small">Could not load versions: {errorMessage(versions.error)}</div>}
      {versions.data?.length === 0 && <p className="muted small">No versions yet. “Save version” freezes the current draft as version 1; versions can be run and published, and never change.</p>}
      {versions.data && versions.data.length > 0 && (
        <ol className="versions" aria-label="Versions">
          {versions.data.map((v) => (
            <li key={v.id} className={v.id === base?.id ? 'version current' : 'version'} data-testid={`version-${v.number}`}>
              <div className="version-head">
                <span className="badge accent">v{v.number}</span>
                {v.id === base?.id && <span className="badge">base of draft</span>}
                {served.get(v.number)?.map((b) => (
                  <Link key={`${b.slug} ${b.role}`} href={`/endpoints/${b.slug}`} className={b.role === 'main' ? 'badge ok' : 'badge'} title={b.title} data-testid="served-by">
                    {b.label}
                  </Link>
                ))}
                <span className="muted small" title={formatDateTime(v.createdAt)}>
                  {timeAgo(v.createdAt)}
                </span>
              </div>
              <div className={v.message ? 'version-message' : 'version-message muted'}>{v.message || 'No message'}</div>
              {scores.has(v.id) && (
                <VersionScores
                  scores={scores.get(v.id)!}
                  runsHref={`/runs?graph=${versioning.graph.id}&version=${v.id}&source=eval`}
                  onDetails={(score) => setDetails({ evaluationId: score.evaluationId, label: `v${v.number}`, base: score.base && { evaluationId: score.base.evaluationId, label: `v${score.base.versionNumber}` } })}
                />
              )}
              {activity.has(v.id) && (
                <EvaluationActivity
                  rows={activity.get(v.id)!}
                  busy={evaluations.busy}
                  onCancel={evaluations.cancel}
                  onDismiss={evaluations.dismiss}
                />
              )}
              <div className="version-actions">
                <button type="button" className="btn small" onClick={() => void compare(v)} disabled={comparing !== null} aria-label={`Compare version ${v.number} with the draft`}>
                  {comparing === v.id ? 'Loading…' : 'Compare'}
                </button>
                <button type="button" className="btn small" onClick={() => setConfirmRestore(v)} aria-label={`Restore version ${v.number}`}>
                  Restore
                </button>
              </div>
            </li>
          ))}
        </ol>
      )}
      {evaluations.list.error && <div className="alert error small">Could not load evaluations: {errorMessage(evaluations.list.error)}</div>}
      {canEvaluate && evaluations.list.data?.length === 0 && (
        <p className="history-hint muted small">
          <strong>Evaluate…</strong> scores a version on a dataset of judged queries (BEIR files, kept in <Link href="/datasets">Datasets</Link>), so you see its nDCG and recall here and how they change between versions. From a shell:{' '}
          <code>npm run rag -- eval --graph &quot;{versioning.graph.name}@{versions.data![0]!.number}&quot; --collection NAME --queries queries.jsonl --qrels qrels.tsv</code>
        </p>
      )}
      {details && <EvaluationDetailsDialog {...details} onClose={() => setDetails(null)} />}
      {evaluating && versions.data && (
        <EvaluateDialog
          versions={versions.data}
          initialVersionId={base?.id ?? versions.data[0]!.id}
          // the dataset this graph was last evaluated on, so the next version is scored on the same
          preferredDatasetId={evaluations.list.data?.find((e) => e.datasetId)?.datasetId ?? null}
          onClose={() => setEvaluating(false)}
          onStarted={() => {
            setEvaluating(false);
            evaluations.refresh();
          }}
        />
      )}
      {confirmRestore && (
        <ConfirmDialog
          title={`Restore version ${confirmRestore.number}?`}
          confirmLabel={versioning.restoring ? 'Restoring…' : `Restore as v${(versions.data?.[0]?.number ?? 0) + 1}`}
          tone="primary"
          onConfirm={() => void restore(confirmRestore)}
          onClose={() => setConfirmRestore(null)}
          pending={versioning.restoring}
        >
          <p style={{ marginTop: 0 }}>
            History is never rewritten: version {confirmRestore.number}’s graph is saved as a new version on top of v{base?.number ?? '—'}, and becomes the draft.
          </p>
          <p className="muted small">Changes in the current draft that are not in a version will be replaced. Save them as a version first if you want to keep them.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

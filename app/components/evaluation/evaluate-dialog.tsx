'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { DatasetDraftFields, useDatasetDraft } from '../../datasets/dataset-draft';
import { DepthField, useDepth } from '../../datasets/depth-field';
import { FormDialog } from '../ui/form-dialog';
import type { VersionSummary } from '../../lib/api-types';
import { errorMessage } from '../../lib/errors';
import { useTRPC } from '../../lib/trpc';
import { VersionOptions } from '../ui/version-options';
import { CollectionField } from './collection-field';

const NEW_DATASET = 'new';

/**
 * Scores a saved version on a dataset of judged queries: a stored one, or a new one added here from
 * BEIR's queries.jsonl and a qrels .tsv. Every judged query runs through the version (each a run in
 * the history) and the scores land beside it in History and on the dataset's page.
 */
export function EvaluateDialog({
  versions,
  initialVersionId,
  preferredDatasetId,
  onClose,
  onStarted,
}: {
  versions: VersionSummary[];
  initialVersionId: string;
  /** offered first when it is still stored (the graph's last dataset) */
  preferredDatasetId: string | null;
  onClose: () => void;
  onStarted: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const datasets = useQuery(trpc.dataset.list.queryOptions());
  const [versionId, setVersionId] = useState(initialVersionId);
  /** '' searches what the version's retrievers name */
  const [collection, setCollection] = useState('');
  const [picked, setPicked] = useState<string | null>(null);
  const depth = useDepth();
  const draft = useDatasetDraft();
  const create = useMutation(trpc.dataset.create.mutationOptions({ onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.dataset.pathKey() }) }));
  const start = useMutation(trpc.evaluation.start.mutationOptions({ onSuccess: onStarted }));

  // until the user picks: the graph's last dataset, else the first stored one, else a new one
  const preferred = datasets.data?.find((d) => d.id === preferredDatasetId)?.id;
  const datasetId = picked ?? preferred ?? datasets.data?.[0]?.id ?? (datasets.data ? NEW_DATASET : null);
  const adding = datasetId === NEW_DATASET;
  const ready = datasetId !== null && (!adding || draft.ready) && depth.value !== null;
  const pending = create.isPending || start.isPending;
  const submit = async () => {
    if (!ready || pending || depth.value === null) return;
    const depthValue = depth.value;
    try {
      // a new dataset is stored first (kept even if the evaluation is then refused), then evaluated on
      const id = adding ? (await create.mutateAsync(draft.input())).id : datasetId;
      if (adding) setPicked(id);
      start.mutate({ versionId, datasetId: id, depth: depthValue, ...(collection && { collection }) });
    } catch {
      // shown from create.error
    }
  };

  return (
    <FormDialog title="Evaluate a version" onClose={onClose} submitLabel={create.isPending ? 'Adding dataset…' : start.isPending ? 'Starting…' : adding ? 'Add dataset and evaluate' : 'Start evaluation'} canSubmit={ready && !pending} onSubmit={() => void submit()}>
      <p className="muted small" style={{ marginTop: 0 }}>
        Every judged query runs through the version, as a run you can open in Runs. Its nDCG@10, Recall@100 and MRR@10 then appear beside the version in History and on the dataset’s page.
      </p>
      <div className="field">
        <label htmlFor="evaluate-version">Version</label>
        <select id="evaluate-version" className="select" value={versionId} onChange={(e) => setVersionId(e.target.value)}>
          <VersionOptions versions={versions} />
        </select>
      </div>
      <div className="field">
        <label htmlFor="evaluate-dataset">Dataset</label>
        <select id="evaluate-dataset" className="select" value={datasetId ?? ''} disabled={!datasets.data} onChange={(e) => setPicked(e.target.value)}>
          {!datasets.data && <option value="">Loading…</option>}
          {datasets.data?.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name} ({d.queryCount.toLocaleString()} {d.queryCount === 1 ? 'query' : 'queries'})
            </option>
          ))}
          {datasets.data && <option value={NEW_DATASET}>New dataset from files…</option>}
        </select>
        <span className="hint">
          Sets of judged queries, kept in <Link href="/datasets">Datasets</Link>.
        </span>
      </div>
      {adding && <DatasetDraftFields draft={draft} idPrefix="evaluate" />}
      <CollectionField id="evaluate-collection" value={collection} onChange={setCollection} />
      <DepthField id="evaluate-depth" depth={depth} />
      {datasets.error && <div className="alert error small">Could not load datasets: {errorMessage(datasets.error)}</div>}
      {create.error && <div className="alert error small">{errorMessage(create.error)}</div>}
      {start.error && <div className="alert error small">{errorMessage(start.error)}</div>}
    </FormDialog>
  );
}

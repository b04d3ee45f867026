'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { DepthField, useDepth } from '../depth-field';
import { FormDialog } from '../../components/ui/form-dialog';
import { VersionOptions } from '../../components/ui/version-options';
import { CollectionField } from '../../components/evaluation/collection-field';
import { errorMessage } from '../../lib/errors';
import { useTRPC } from '../../lib/trpc';

/**
 * Scores a saved version of any query graph on this dataset, from the dataset's page: pick the graph,
 * then its version (the latest first). The evaluation shows here as running, then in the ranking.
 */
export function EvaluateOnDatasetDialog({ datasetId, datasetName, onClose, onStarted }: { datasetId: string; datasetName: string; onClose: () => void; onStarted: () => void }) {
  const trpc = useTRPC();
  const graphs = useQuery(trpc.graph.list.queryOptions());
  const candidates = graphs.data?.filter((g) => g.kind === 'query' && g.latestVersion) ?? [];
  const [pickedGraph, setPickedGraph] = useState<string | null>(null);
  const graphId = pickedGraph ?? candidates[0]?.id ?? null;
  const versions = useQuery({ ...trpc.version.list.queryOptions({ graphId: graphId ?? '' }), enabled: !!graphId });
  const [pickedVersion, setPickedVersion] = useState<string | null>(null);
  const versionId = (versions.data?.some((v) => v.id === pickedVersion) ? pickedVersion : versions.data?.[0]?.id) ?? null;
  const depth = useDepth();
  /** '' searches what the version's retrievers name */
  const [collection, setCollection] = useState('');
  const start = useMutation(trpc.evaluation.start.mutationOptions({ onSuccess: onStarted }));
  const ready = !!versionId && depth.value !== null;
  const submit = () => {
    if (versionId && depth.value !== null && !start.isPending) start.mutate({ versionId, datasetId, depth: depth.value, ...(collection && { collection }) });
  };
  return (
    <FormDialog title={`Evaluate on ${datasetName}`} onClose={onClose} submitLabel={start.isPending ? 'Starting…' : 'Start evaluation'} canSubmit={ready && !start.isPending} onSubmit={submit}>
      <p className="muted small" style={{ marginTop: 0 }}>
        Every judged query runs through the version, as a run you can open in Runs; its scores then join the ranking on this page and the graph’s History.
      </p>
      {graphs.data && candidates.length === 0 && <div className="alert info small">No query graph has a saved version yet: save one in the editor first.</div>}
      <div className="field">
        <label htmlFor="dataset-evaluate-graph">Query graph</label>
        <select
          id="dataset-evaluate-graph"
          className="select"
          value={graphId ?? ''}
          disabled={candidates.length === 0}
          onChange={(e) => {
            setPickedGraph(e.target.value);
            setPickedVersion(null);
          }}
        >
          {candidates.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="dataset-evaluate-version">Version</label>
        <select id="dataset-evaluate-version" className="select" value={versionId ?? ''} disabled={!versions.data} onChange={(e) => setPickedVersion(e.target.value)}>
          <VersionOptions versions={versions.data} />
        </select>
      </div>
      <CollectionField id="dataset-evaluate-collection" value={collection} onChange={setCollection} />
      <DepthField id="dataset-evaluate-depth" depth={depth} />
      {graphs.error && <div className="alert error small">Could not load graphs: {errorMessage(graphs.error)}</div>}
      {start.error && <div className="alert error small">{errorMessage(start.error)}</div>}
    </FormDialog>
  );
}

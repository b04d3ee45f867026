'use client';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Dialog } from '../../../components/ui/dialog';
import type { VersionSummary } from '../../../lib/api-types';
import { errorMessage } from '../../../lib/errors';
import { useTRPC } from '../../../lib/trpc';
import { VersionOptions } from '../../../components/ui/version-options';

/** Files are read in the browser and sent as text; the server's limit is 4 MB each. */
const MAX_FILE_BYTES = 4_000_000;

interface PickedFile {
  name: string;
  text: string;
}

/**
 * Scores a saved version on judged queries: BEIR's queries.jsonl and a qrels .tsv. Every judged query
 * runs through the version (each a run in the history) and the scores land beside it in History.
 */
export function EvaluateDialog({ versions, initialVersionId, onClose, onStarted }: { versions: VersionSummary[]; initialVersionId: string; onClose: () => void; onStarted: () => void }) {
  const trpc = useTRPC();
  const [versionId, setVersionId] = useState(initialVersionId);
  const [dataset, setDataset] = useState('');
  const [queries, setQueries] = useState<PickedFile | null>(null);
  const [qrels, setQrels] = useState<PickedFile | null>(null);
  const [depth, setDepth] = useState('100');
  const [fileError, setFileError] = useState<string | null>(null);
  const start = useMutation(trpc.evaluation.start.mutationOptions({ onSuccess: onStarted }));

  const pick = async (input: HTMLInputElement, set: (file: PickedFile | null) => void, onPicked?: (name: string) => void) => {
    const file = input.files?.[0];
    setFileError(null);
    if (!file) return set(null);
    if (file.size > MAX_FILE_BYTES) {
      set(null);
      setFileError(`${file.name} is ${(file.size / 1e6).toFixed(1)} MB: the limit is 4 MB per file`);
      return;
    }
    set({ name: file.name, text: await file.text() });
    onPicked?.(file.name);
  };

  const depthValue = Number(depth);
  const ready = queries && qrels && dataset.trim() && Number.isInteger(depthValue) && depthValue >= 1 && depthValue <= 200;
  const submit = () => {
    if (!ready) return;
    start.mutate({ versionId, dataset: dataset.trim(), queriesText: queries.text, qrelsText: qrels.text, depth: depthValue });
  };

  return (
    <Dialog
      title="Evaluate a version"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn primary" disabled={!ready || start.isPending} onClick={submit}>
            {start.isPending ? 'Starting…' : 'Start evaluation'}
          </button>
        </>
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <p className="muted small" style={{ marginTop: 0 }}>
          Every judged query runs through the version, as a run you can open in Runs. Its nDCG@10, Recall@100 and MRR@10 then appear beside the version in History.
        </p>
        <div className="field">
          <label htmlFor="evaluate-version">Version</label>
          <select id="evaluate-version" className="select" value={versionId} onChange={(e) => setVersionId(e.target.value)}>
            <VersionOptions versions={versions} />
          </select>
        </div>
        <div className="field">
          <label htmlFor="evaluate-queries">Queries</label>
          <input id="evaluate-queries" type="file" accept=".jsonl,.json,.txt" onChange={(e) => void pick(e.currentTarget, setQueries)} />
          <span className="hint">BEIR queries.jsonl: one {'{"_id", "text"}'} object per line.</span>
        </div>
        <div className="field">
          <label htmlFor="evaluate-qrels">Judgements</label>
          <input
            id="evaluate-qrels"
            type="file"
            accept=".tsv,.txt"
            onChange={(e) => void pick(e.currentTarget, setQrels, (name) => setDataset((current) => current || name.replace(/\.[^.]+$/, '')))}
          />
          <span className="hint">BEIR qrels .tsv: query-id, corpus-id, score per line. Only judged queries run; corpus ids are the documents’ source ids.</span>
        </div>
        <div className="field">
          <label htmlFor="evaluate-dataset">Dataset name</label>
          <input id="evaluate-dataset" className="input" value={dataset} onChange={(e) => setDataset(e.target.value)} placeholder="e.g. scifact train" maxLength={200} />
          <span className="hint">Scores are compared between versions on the same dataset and collection.</span>
        </div>
        <div className="field">
          <label htmlFor="evaluate-depth">Depth</label>
          <input id="evaluate-depth" className="input" type="number" min={1} max={200} value={depth} onChange={(e) => setDepth(e.target.value)} style={{ width: 100 }} />
          <span className="hint">Documents retrieved per query (the run input’s topK); Recall@100 needs 100.</span>
        </div>
        {fileError && <div className="alert error small">{fileError}</div>}
        {start.error && <div className="alert error small">{errorMessage(start.error)}</div>}
      </form>
    </Dialog>
  );
}

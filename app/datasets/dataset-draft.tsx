'use client';
import { useMemo, useState } from 'react';
import { REQUEST_LIMITS } from '../../nodes/core/request-limits';
import { TextFileField, type PickedFile } from '../components/ui/text-file-field';

/** A dataset being added: its name and its two BEIR files, read as text. */
export function useDatasetDraft() {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [queries, setQueries] = useState<PickedFile | null>(null);
  const [qrels, setQrels] = useState<PickedFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  // the files travel inside one JSON body: its limit, not only each file's, decides what can be sent
  const bodyBytes = useMemo(() => (queries && qrels ? new TextEncoder().encode(JSON.stringify({ queriesText: queries.text, qrelsText: qrels.text })).length : 0), [queries, qrels]);
  const tooBig = bodyBytes > REQUEST_LIMITS.jsonBytes - 64 * 1024;
  const ready = !!(queries && qrels && name.trim()) && !tooBig;
  return {
    name,
    setName,
    description,
    setDescription,
    setQueries,
    setQrels,
    /** why the files cannot be sent, if they cannot */
    fileError: fileError ?? (tooBig ? `together the files come to ${(bodyBytes / 1048576).toFixed(1)} MB as sent, over the editor's 8 MB: add this dataset with npm run rag -- datasets add` : null),
    setFileError,
    ready,
    /** the dataset.create input, once ready */
    input: () => ({ name: name.trim(), description: description.trim(), queriesText: queries?.text ?? '', qrelsText: qrels?.text ?? '' }),
  };
}

export type DatasetDraft = ReturnType<typeof useDatasetDraft>;

/**
 * The fields of a new dataset: the queries and judgements files (BEIR's formats), and a name that
 * defaults to the judgements file's. `idPrefix` keeps ids unique where two forms could meet.
 */
export function DatasetDraftFields({ draft, idPrefix, withDescription }: { draft: DatasetDraft; idPrefix: string; withDescription?: boolean }) {
  return (
    <>
      <TextFileField id={`${idPrefix}-queries`} label="Queries" accept=".jsonl,.json,.txt" hint={'BEIR queries.jsonl: one {"_id", "text"} object per line.'} onPicked={draft.setQueries} onError={draft.setFileError} />
      <TextFileField
        id={`${idPrefix}-qrels`}
        label="Judgements"
        accept=".tsv,.txt"
        hint="BEIR qrels .tsv: query-id, corpus-id, score per line. Corpus ids are the documents’ source ids (file names for uploads, _id for BEIR corpora)."
        onPicked={(file) => {
          draft.setQrels(file);
          if (file) draft.setName((current) => current || file.name.replace(/\.[^.]+$/, ''));
        }}
        onError={draft.setFileError}
      />
      <div className="field">
        <label htmlFor={`${idPrefix}-name`}>Dataset name</label>
        <input id={`${idPrefix}-name`} className="input" value={draft.name} onChange={(e) => draft.setName(e.target.value)} placeholder="e.g. scifact train" maxLength={200} />
        <span className="hint">Versions are compared on the same dataset and collection. A dataset's queries and judgements never change once added.</span>
      </div>
      {withDescription && (
        <div className="field">
          <label htmlFor={`${idPrefix}-description`}>Description</label>
          <input id={`${idPrefix}-description`} className="input" value={draft.description} onChange={(e) => draft.setDescription(e.target.value)} placeholder="optional: where the judgements come from" maxLength={1000} />
        </div>
      )}
      {draft.fileError && <div className="alert error small">{draft.fileError}</div>}
    </>
  );
}

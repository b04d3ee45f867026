'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { errorMessage } from '../lib/errors';
import { useTRPC } from '../lib/trpc';
import { DatasetDraftFields, useDatasetDraft } from './dataset-draft';

/** Adds a dataset from BEIR files and opens its page. */
export function NewDatasetPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const draft = useDatasetDraft();
  const create = useMutation(
    trpc.dataset.create.mutationOptions({
      onSuccess: (created) => {
        void queryClient.invalidateQueries({ queryKey: trpc.dataset.pathKey() });
        router.push(`/datasets/${created.id}`);
      },
    }),
  );
  return (
    <section className="card" aria-label="Add a dataset">
      <div className="card-body">
        <h2 style={{ marginTop: 0 }}>Add a dataset</h2>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (draft.ready) create.mutate(draft.input());
          }}
        >
          <DatasetDraftFields draft={draft} idPrefix="new-dataset" withDescription />
          {create.error && <div className="alert error small">{errorMessage(create.error)}</div>}
          <button type="submit" className="btn primary" disabled={!draft.ready || create.isPending}>
            {create.isPending ? 'Adding…' : 'Add dataset'}
          </button>
        </form>
        <p className="muted small" style={{ marginBottom: 0 }}>
          From a script: <code>npm run rag -- datasets add NAME --queries queries.jsonl --qrels qrels.tsv</code>, or <code>POST /api/v1/datasets</code> with an API key for
          all endpoints (<a href="/api/v1/docs?signin#post-api-v1-datasets">API reference</a>).
        </p>
      </div>
    </section>
  );
}

'use client';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { FormDialog } from '../../components/ui/form-dialog';
import { errorMessage } from '../../lib/errors';
import { useTRPC } from '../../lib/trpc';

/**
 * A dataset's name and description, the only things about it that change: its queries and
 * judgements never do. The evaluations made on it take the new name, so History keeps them together.
 */
export function EditDatasetDialog({ dataset, onClose, onSaved }: { dataset: { id: string; name: string; description: string; evaluationCount: number }; onClose: () => void; onSaved: () => void }) {
  const trpc = useTRPC();
  const [name, setName] = useState(dataset.name);
  const [description, setDescription] = useState(dataset.description);
  const save = useMutation(trpc.dataset.update.mutationOptions({ onSuccess: onSaved }));
  const changed = name.trim() !== dataset.name || description.trim() !== dataset.description;
  const ready = name.trim().length > 0 && changed && !save.isPending;
  const submit = () => save.mutate({ id: dataset.id, name: name.trim(), description: description.trim() });
  return (
    <FormDialog title="Edit dataset" onClose={onClose} submitLabel={save.isPending ? 'Saving…' : 'Save'} canSubmit={ready} onSubmit={submit}>
      <div className="field">
        <label htmlFor="edit-dataset-name">Name</label>
        <input id="edit-dataset-name" className="input" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} autoFocus />
        {name.trim() !== dataset.name && dataset.evaluationCount > 0 && (
          <span className="hint">
            The {dataset.evaluationCount.toLocaleString()} evaluation{dataset.evaluationCount === 1 ? '' : 's'} made on it take the new name.
          </span>
        )}
      </div>
      <div className="field">
        <label htmlFor="edit-dataset-description">Description</label>
        <input id="edit-dataset-description" className="input" value={description} onChange={(e) => setDescription(e.target.value)} placeholder="optional: where the judgements come from" maxLength={1000} />
      </div>
      <p className="muted small" style={{ marginBottom: 0 }}>
        Its queries and judgements never change, so every score on it stays comparable: for other judgements, add a new dataset.
      </p>
      {save.error && <div className="alert error small">{errorMessage(save.error)}</div>}
    </FormDialog>
  );
}

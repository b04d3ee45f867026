'use client';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Dialog } from '../components/ui/dialog';
import { errorMessage } from '../lib/errors';
import { useTRPC } from '../lib/trpc';

export function ImportDialog({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [data, setData] = useState<unknown>(null);
  const [fileError, setFileError] = useState('');
  const [name, setName] = useState('');
  const importer = useMutation(trpc.graph.import.mutationOptions({ onSuccess: (g) => router.push(`/graphs/${g.id}`) }));

  async function onFile(file: File | undefined) {
    setFileError('');
    setData(null);
    if (!file) return;
    if (file.size > 5 * 1024 * 1024) return setFileError('The file is larger than 5 MB; graph exports are much smaller. Is it the right file?');
    try {
      const parsed = JSON.parse(await file.text()) as { name?: string };
      setData(parsed);
      setName(parsed?.name ?? '');
    } catch {
      setFileError('This file is not JSON. Choose a file exported with “Export” (name.graph.json).');
    }
  }

  return (
    <Dialog
      title="Import graph"
      onClose={onClose}
      footer={
        <>
          <button className="btn" onClick={onClose}>Cancel</button>
          <button className="btn primary" disabled={!data || importer.isPending} onClick={() => importer.mutate({ data, name: name.trim() || undefined })}>
            Import
          </button>
        </>
      }
    >
      <div className="field">
        <label htmlFor="import-file">Graph export (.json)</label>
        <input id="import-file" type="file" accept="application/json,.json" onChange={(e) => void onFile(e.target.files?.[0])} />
        {fileError && <span className="error">{fileError}</span>}
      </div>
      {data !== null && (
        <div className="field">
          <label htmlFor="import-name">Name</label>
          <input id="import-name" className="input" value={name} onChange={(e) => setName(e.target.value)} />
          <span className="hint">The graph is imported with its draft and its version history.</span>
        </div>
      )}
      {importer.error && <div className="alert error">{errorMessage(importer.error)}</div>}
    </Dialog>
  );
}

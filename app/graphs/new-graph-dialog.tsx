'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Dialog } from '../components/ui/dialog';
import { errorMessage } from '../lib/errors';
import { useTRPC } from '../lib/trpc';

export function NewGraphDialog({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const examples = useQuery(trpc.graph.examples.queryOptions());
  const [name, setName] = useState('');
  const [template, setTemplate] = useState<string>('blank');
  const create = useMutation(trpc.graph.create.mutationOptions({ onSuccess: (g) => router.push(`/graphs/${g.id}`) }));
  const submit = () => create.mutate({ name: name.trim(), example: template === 'blank' ? undefined : template });
  return (
    <Dialog
      title="New graph"
      onClose={onClose}
      footer={
        <>
          <button className="btn" onClick={onClose}>Cancel</button>
          <button className="btn primary" disabled={!name.trim() || create.isPending} onClick={submit}>
            Create
          </button>
        </>
      }
    >
      <form onSubmit={(e) => { e.preventDefault(); if (name.trim()) submit(); }}>
        <div className="field">
          <label htmlFor="graph-name">Name</label>
          <input id="graph-name" className="input" value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Support answers" maxLength={100} />
        </div>
        <fieldset className="field" style={{ border: 0, padding: 0, margin: 0 }}>
          <legend className="label" style={{ marginBottom: 6 }}>Start from</legend>
          <label className="checkbox">
            <input type="radio" name="template" value="blank" checked={template === 'blank'} onChange={() => setTemplate('blank')} />
            Blank canvas
          </label>
          {[
            { heading: 'Examples', graphs: examples.data?.filter((e) => e.seeded) ?? [] },
            { heading: 'Templates', graphs: examples.data?.filter((e) => !e.seeded) ?? [] },
          ].map(
            (group) =>
              group.graphs.length > 0 && (
                <div key={group.heading} className="template-group" role="group" aria-label={group.heading}>
                  <div className="template-heading">{group.heading}</div>
                  {group.graphs.map((e) => (
                    <label key={e.id} className="checkbox" style={{ alignItems: 'flex-start', marginTop: 6 }}>
                      <input type="radio" name="template" value={e.id} checked={template === e.id} onChange={() => setTemplate(e.id)} style={{ marginTop: 3 }} />
                      <span>
                        {e.name} <span className="badge">{e.kind}</span>
                        <span className="muted small" style={{ display: 'block' }}>{e.description}</span>
                      </span>
                    </label>
                  ))}
                </div>
              ),
          )}
        </fieldset>
        {create.error && <div className="alert error">{errorMessage(create.error)}</div>}
      </form>
    </Dialog>
  );
}

'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { CopyButton } from '../components/publish/copy-button';
import { Dialog } from '../components/ui/dialog';
import { errorMessage } from '../lib/errors';
import { useTRPC } from '../lib/trpc';

/** Creates a key; the secret appears here once, with a copy button, and never again. */
export function NewKeyDialog({ scopeTo, onClose }: { scopeTo?: { id: string; slug: string }; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // the scope choices load with the dialog (the endpoints page already has them cached)
  const list = useQuery(trpc.endpoint.list.queryOptions());
  const endpoints = list.data ?? (scopeTo ? [scopeTo] : []);
  const [name, setName] = useState('');
  const [all, setAll] = useState(!scopeTo);
  const [chosen, setChosen] = useState<string[]>(scopeTo ? [scopeTo.id] : []);
  const [limit, setLimit] = useState('600');
  const create = useMutation(trpc.apiKey.create.mutationOptions({ onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.apiKey.list.queryKey() }) }));
  const limitNumber = Number(limit);
  const limitOk = Number.isInteger(limitNumber) && limitNumber >= 1;
  const valid = name.trim() && limitOk && (all || chosen.length > 0);
  const submit = () => create.mutate({ name: name.trim(), scopes: all ? ['*'] : chosen, rateLimitPerMinute: limitNumber });

  if (create.data) {
    return (
      <Dialog title="API key created" onClose={onClose} footer={<button className="btn primary" onClick={onClose}>I have stored it</button>}>
        <div className="alert warn">Copy this key now: it is shown only once. Only its hash is stored.</div>
        <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
          <input className="input mono" readOnly value={create.data.secret} aria-label="New API key" data-testid="new-api-key" onFocus={(e) => e.currentTarget.select()} />
          <CopyButton text={create.data.secret} className="btn" />
        </div>
        <p className="muted small" style={{ marginTop: 10 }}>
          Listed as <code>{create.data.prefix}_…</code>; it may call {create.data.allEndpoints ? 'every endpoint' : create.data.endpoints.map((e) => e.slug).join(', ')}.
        </p>
      </Dialog>
    );
  }

  return (
    <Dialog
      title="New API key"
      onClose={onClose}
      footer={
        <>
          <button className="btn" onClick={onClose}>
            Cancel
          </button>
          <button className="btn primary" disabled={!valid || create.isPending} onClick={submit}>
            Create key
          </button>
        </>
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) submit();
        }}
      >
        <div className="field">
          <label htmlFor="key-name">Name</label>
          <input id="key-name" className="input" value={name} maxLength={100} placeholder="e.g. support-bot production" onChange={(e) => setName(e.target.value)} />
        </div>
        <fieldset className="field" style={{ border: 0, padding: 0, margin: '0 0 12px' }}>
          <legend className="label" style={{ marginBottom: 6 }}>
            May call
          </legend>
          <label className="checkbox">
            <input type="radio" name="scope" checked={all} onChange={() => setAll(true)} /> Every endpoint (also future ones)
          </label>
          <label className="checkbox">
            <input type="radio" name="scope" checked={!all} onChange={() => setAll(false)} /> Only these endpoints:
          </label>
          {!all && (
            <div style={{ paddingLeft: 24, display: 'flex', flexDirection: 'column', gap: 4, marginTop: 4 }}>
              {endpoints.length === 0 && <span className="muted small">No endpoints yet.</span>}
              {endpoints.map((e) => (
                <label key={e.id} className="checkbox">
                  <input type="checkbox" checked={chosen.includes(e.id)} onChange={(ev) => setChosen(ev.target.checked ? [...chosen, e.id] : chosen.filter((id) => id !== e.id))} />
                  <code>{e.slug}</code>
                </label>
              ))}
            </div>
          )}
        </fieldset>
        <div className="field">
          <label htmlFor="key-limit">Rate limit (calls per minute)</label>
          <input id="key-limit" className={limitOk ? 'input' : 'input invalid'} inputMode="numeric" value={limit} onChange={(e) => setLimit(e.target.value)} style={{ width: 160 }} />
          <span className="hint">Bursts up to the same number; over it, calls get 429 with Retry-After.</span>
        </div>
        {create.error && <div className="alert error">{errorMessage(create.error)}</div>}
      </form>
    </Dialog>
  );
}

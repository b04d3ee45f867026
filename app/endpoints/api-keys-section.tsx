'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmDialog } from '../components/ui/confirm-dialog';
import { errorMessage } from '../lib/errors';
import { timeAgo } from '../lib/format';
import { useTRPC } from '../lib/trpc';
import { NewKeyDialog } from './new-key-dialog';

/**
 * API keys: listed by prefix (the secret is never shown again), with their scopes and limits. With
 * `scopeTo`, only keys that may call that endpoint are listed and new keys default to it.
 */
export function ApiKeysSection({ scopeTo }: { scopeTo?: { id: string; slug: string } }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery({ ...trpc.apiKey.list.queryOptions(), refetchInterval: 15_000 });
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<{ id: string; prefix: string; name: string } | null>(null);
  const revoke = useMutation(
    trpc.apiKey.revoke.mutationOptions({
      onSuccess: () => {
        setRevoking(null);
        void queryClient.invalidateQueries({ queryKey: trpc.apiKey.list.queryKey() });
      },
    }),
  );
  const shown = keys.data?.filter((k) => !scopeTo || k.allEndpoints || k.endpoints.some((e) => e.id === scopeTo.id));

  return (
    <section style={{ marginTop: 28 }} aria-labelledby="keys-title">
      <div className="page-header" style={{ marginBottom: 10 }}>
        <div>
          <h2 id="keys-title" style={{ margin: 0 }}>
            API keys{scopeTo ? ` that can call ${scopeTo.slug}` : ''}
          </h2>
          <div className="subtitle small">Send as <code>Authorization: Bearer rgk_…</code>. Only a hash is stored: a lost key cannot be shown again, revoke it and create another.</div>
        </div>
        <button className="btn" onClick={() => setCreating(true)}>
          New API key
        </button>
      </div>
      {keys.error && <div className="alert error">Could not load keys: {errorMessage(keys.error)}</div>}
      {shown && shown.length === 0 && <div className="card card-body muted">No keys yet.</div>}
      {shown && shown.length > 0 && (
        <div className="card table-scroll">
          <table className="table" aria-label="API keys">
            <thead>
              <tr>
                <th>Name</th>
                <th>Key</th>
                <th>May call</th>
                <th className="num">Limit / min</th>
                <th>Created</th>
                <th>Last used</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {shown.map((k) => (
                <tr key={k.id} style={k.revokedAt ? { opacity: 0.6 } : undefined}>
                  <td>{k.name}</td>
                  <td className="nowrap">
                    <code>{k.prefix}_…</code>
                  </td>
                  <td className="small">{k.allEndpoints ? <span className="badge accent">all endpoints</span> : k.endpoints.map((e) => e.slug ?? '(deleted)').join(', ')}</td>
                  <td className="num">{k.rateLimitPerMinute.toLocaleString()}</td>
                  <td className="muted small nowrap">{timeAgo(k.createdAt)}</td>
                  <td className="muted small nowrap">{k.lastUsedAt ? timeAgo(k.lastUsedAt) : 'never'}</td>
                  <td style={{ textAlign: 'right' }}>
                    {k.revokedAt ? (
                      <span className="badge">revoked</span>
                    ) : (
                      <button className="btn ghost small" style={{ color: 'var(--danger)' }} onClick={() => setRevoking(k)} aria-label={`Revoke ${k.name}`}>
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {creating && <NewKeyDialog scopeTo={scopeTo} onClose={() => setCreating(false)} />}
      {revoking && (
        <ConfirmDialog
          title="Revoke API key?"
          confirmLabel="Revoke key"
          onConfirm={() => revoke.mutate({ id: revoking.id })}
          onClose={() => setRevoking(null)}
          pending={revoke.isPending}
          error={revoke.error}
        >
          <p>
            Calls with <code>{revoking.prefix}_…</code> ({revoking.name}) will be refused with 401 from now on. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

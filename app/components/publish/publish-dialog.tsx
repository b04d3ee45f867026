'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { errorMessage } from '../../lib/errors';
import { useTRPC } from '../../lib/trpc';
import { Dialog } from '../ui/dialog';
import { SLUG_PATTERN, suggestSlug } from './slug';
import { SnippetTabs } from './snippet-tabs';
import { snippetsFor } from './snippets';

/**
 * Publishes a saved version of a graph as an endpoint. Mount it from the editor with the graph fixed
 * (`graph`), or from the endpoints page with a graph picker. Drafts are never served: a graph
 * without a saved version is explained, not published.
 */
export function PublishDialog(props: { graph?: { id: string; name: string }; onClose: () => void; onPublished?: (endpoint: { id: string; slug: string }) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [graphId, setGraphId] = useState(props.graph?.id ?? '');
  /** what the user typed; until then the slug follows the chosen graph's name */
  const [typedSlug, setTypedSlug] = useState<string | null>(null);
  const [versionId, setVersionId] = useState<string>('latest');
  const [description, setDescription] = useState('');

  const graphs = useQuery({ ...trpc.graph.list.queryOptions(), enabled: !props.graph });
  const graphName = props.graph?.name ?? graphs.data?.find((g) => g.id === graphId)?.name;
  const slug = typedSlug ?? (graphName ? suggestSlug(graphName) : '');
  const versions = useQuery({ ...trpc.version.list.queryOptions({ graphId }), enabled: Boolean(graphId) });
  const existing = useQuery({ ...trpc.endpoint.list.queryOptions({ graphId }), enabled: Boolean(graphId) });
  const publish = useMutation(
    trpc.endpoint.publish.mutationOptions({
      onSuccess: (endpoint) => {
        void queryClient.invalidateQueries({ queryKey: trpc.endpoint.list.queryKey() });
        props.onPublished?.({ id: endpoint.id, slug: endpoint.slug });
      },
    }),
  );

  const slugProblem = slug && !SLUG_PATTERN.test(slug) ? 'Use lowercase letters, digits and "-", starting with a letter or digit (at most 63).' : null;
  const noVersion = versions.data !== undefined && versions.data.length === 0;
  const canPublish = Boolean(graphId && slug && !slugProblem && !noVersion && !publish.isPending);
  const submit = () => publish.mutate({ graphId, slug, description: description || undefined, versionId: versionId === 'latest' ? null : versionId });

  if (publish.data) {
    const endpoint = publish.data;
    const origin = typeof window === 'undefined' ? '' : window.location.origin;
    return (
      <Dialog title="Published" onClose={props.onClose} wide footer={<button className="btn primary" onClick={props.onClose}>Done</button>}>
        <div className="alert ok" role="status">
          <strong>{endpoint.slug}</strong> serves {endpoint.versionNumber ? `version ${endpoint.versionNumber}` : `the latest version (now v${endpoint.servedVersionNumber})`} of {endpoint.graphName}.
        </div>
        <p>
          <code>POST {origin}/api/v1/endpoints/{endpoint.slug}</code>
        </p>
        <p className="muted small">
          Calls need an API key. Create one, see calls and change the routing on <Link href={`/endpoints/${endpoint.slug}`}>the endpoint&apos;s page</Link>.
        </p>
        <SnippetTabs snippets={snippetsFor({ origin, slug: endpoint.slug, kind: endpoint.kind, collection: endpoint.capabilities?.ingestionCollections[0], webPages: endpoint.capabilities?.webPages })} />
      </Dialog>
    );
  }

  return (
    <Dialog
      title="Publish as endpoint"
      onClose={props.onClose}
      footer={
        <>
          <button className="btn" onClick={props.onClose}>
            Cancel
          </button>
          <button className="btn primary" disabled={!canPublish} onClick={submit}>
            {publish.isPending ? 'Publishing…' : 'Publish'}
          </button>
        </>
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (canPublish) submit();
        }}
      >
        {!props.graph && (
          <div className="field">
            <label htmlFor="publish-graph">Graph</label>
            <select id="publish-graph" className="select" value={graphId} onChange={(e) => setGraphId(e.target.value)}>
              <option value="">Choose a graph…</option>
              {graphs.data?.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name} {g.latestVersion ? `(v${g.latestVersion.number})` : '(no saved version)'}
                </option>
              ))}
            </select>
          </div>
        )}
        {noVersion && (
          <div className="alert warn">
            This graph has no saved version. Endpoints serve saved versions, never the draft: save a version in the editor first.
          </div>
        )}
        <div className="field">
          <label htmlFor="publish-slug">Slug</label>
          <input
            id="publish-slug"
            className={slugProblem ? 'input invalid' : 'input'}
            value={slug}
            maxLength={63}
            onChange={(e) => setTypedSlug(e.target.value)}
            aria-describedby="publish-slug-hint"
          />
          {slugProblem ? (
            <span className="error">{slugProblem}</span>
          ) : (
            <span className="hint" id="publish-slug-hint">
              The URL: <code>/api/v1/endpoints/{slug || '…'}</code>, and the <code>model</code> name for OpenAI clients.
            </span>
          )}
        </div>
        <div className="field">
          <label htmlFor="publish-version">Version</label>
          <select id="publish-version" className="select" value={versionId} onChange={(e) => setVersionId(e.target.value)} disabled={!versions.data?.length}>
            <option value="latest">Latest saved version (follows new versions)</option>
            {versions.data?.map((v) => (
              <option key={v.id} value={v.id}>
                v{v.number} only{v.message ? ` — ${v.message}` : ''}
              </option>
            ))}
          </select>
          <span className="hint">Pin a version to keep serving it while you edit; a canary split and rollback are on the endpoint&apos;s page.</span>
        </div>
        <div className="field">
          <label htmlFor="publish-description">Description (optional)</label>
          <input id="publish-description" className="input" value={description} maxLength={2000} onChange={(e) => setDescription(e.target.value)} />
        </div>
        {existing.data && existing.data.length > 0 && (
          <p className="muted small">
            Already published as{' '}
            {existing.data.map((e, i) => (
              <span key={e.id}>
                {i > 0 && ', '}
                <Link href={`/endpoints/${e.slug}`}>{e.slug}</Link>
              </span>
            ))}
            .
          </p>
        )}
        {publish.error && <div className="alert error">{errorMessage(publish.error)}</div>}
      </form>
    </Dialog>
  );
}

/** A header button for the graph editor: opens the publish dialog for this graph. */
export function PublishButton({ graph, disabled }: { graph: { id: string; name: string }; disabled?: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn small" onClick={() => setOpen(true)} disabled={disabled} title="Publish a saved version as an HTTP endpoint">
        Publish
      </button>
      {open && <PublishDialog graph={graph} onClose={() => setOpen(false)} />}
    </>
  );
}

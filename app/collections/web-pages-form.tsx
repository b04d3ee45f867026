'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { GraphSelect, useGraphChoice } from '../components/ui/graph-picker';
import { errorMessage } from '../lib/errors';
import { plural } from '../lib/format';
import { linesOf, typedAddresses } from '../lib/web-addresses';
import { useTRPC } from '../lib/trpc';
import { RefreshSelect } from './refresh-select';
import type { StartedIngestion } from './upload-panel';

const DEFAULT_GRAPH = 'Example: ingest documents';
const DEPTHS = [
  { value: 0, label: 'No: only these pages' },
  { value: 1, label: 'Yes, one link deep' },
  { value: 2, label: 'Yes, two links deep' },
  { value: 3, label: 'Yes, three links deep' },
];

/**
 * "Web pages" in the upload panel: addresses to load (and, if asked, the pages they link to under the
 * same folder or site) into the collection through an ingestion graph, as one run.
 */
export function WebPagesForm({ collection, disabled, onStarted }: { collection: string; disabled?: boolean; onStarted(run: StartedIngestion): void }) {
  const trpc = useTRPC();
  const graphChoice = useGraphChoice('ingestion', DEFAULT_GRAPH);
  const [text, setText] = useState('');
  const [depth, setDepth] = useState(0);
  const [maxPages, setMaxPages] = useState('50');
  const [scope, setScope] = useState<'path' | 'site'>('path');
  const [allowPrivateNetwork, setAllowPrivateNetwork] = useState(false);
  const [renderJavaScript, setRenderJavaScript] = useState(false);
  const [refreshHours, setRefreshHours] = useState<number | null>(null);
  const [skipText, setSkipText] = useState('');
  const skipPaths = depth > 0 ? linesOf(skipText) : [];
  const queryClient = useQueryClient();
  const { urls, problem } = typedAddresses(text);
  const pages = Number(maxPages);
  const settingsProblem = !(Number.isInteger(pages) && pages >= 1 && pages <= 1000)
    ? 'Pages at most: a whole number from 1 to 1,000.'
    : skipPaths.length > 50
      ? 'Skip links to: at most 50 paths.'
      : undefined;
  const start = useMutation(
    trpc.collection.importWeb.mutationOptions({
      onSuccess: (started) => {
        setText('');
        onStarted(started);
        void queryClient.invalidateQueries({ queryKey: trpc.collection.webSources.queryKey({ name: collection }) });
      },
    }),
  );
  const chosen = graphChoice.chosen;
  const ready = urls.length > 0 && !problem && !settingsProblem && !!chosen && !!collection && !start.isPending && !disabled;

  return (
    <div data-testid="web-pages-form">
      <div className="field">
        <label htmlFor="web-urls">Addresses</label>
        <textarea
          id="web-urls"
          className="textarea mono"
          rows={3}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={'https://example.com/docs/\nhttps://example.com/guide/setup'}
          disabled={disabled || start.isPending}
        />
        <span className="hint">One per line. Each page becomes a document known by its address: loading it again replaces it.</span>
      </div>
      <div style={{ display: 'grid', gridTemplateColumns: depth > 0 ? '1fr 1fr 1fr' : '1fr 1fr', gap: 12 }}>
        <div className="field">
          <label htmlFor="web-depth">Follow links</label>
          <select id="web-depth" className="select" value={depth} onChange={(e) => setDepth(Number(e.target.value))} disabled={disabled}>
            {DEPTHS.map((d) => (
              <option key={d.value} value={d.value}>
                {d.label}
              </option>
            ))}
          </select>
        </div>
        {depth > 0 && (
          <div className="field">
            <label htmlFor="web-scope">Which links</label>
            <select id="web-scope" className="select" value={scope} onChange={(e) => setScope(e.target.value as 'path' | 'site')} disabled={disabled}>
              <option value="path">Under the same folder</option>
              <option value="site">Anywhere on the same site</option>
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="web-max-pages">Pages at most</label>
          <input id="web-max-pages" className="input" inputMode="numeric" value={maxPages} onChange={(e) => setMaxPages(e.target.value)} disabled={disabled} />
        </div>
      </div>
      {depth > 0 && (
        <div className="field">
          <label htmlFor="web-skip">Skip links to</label>
          <textarea id="web-skip" className="textarea mono" rows={2} value={skipText} onChange={(e) => setSkipText(e.target.value)} placeholder={'/blog/\n*.pdf$'} disabled={disabled} />
          <span className="hint">One path per line, as in robots.txt: a beginning (/blog/), * for anything (/*/changelog), $ for the end (*.pdf$).</span>
        </div>
      )}
      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 2fr)', gap: 12 }}>
        <div className="field">
          <label htmlFor="web-refresh">Load again</label>
          <RefreshSelect id="web-refresh" value={refreshHours} onChange={setRefreshHours} disabled={disabled} />
          <span className="hint">Kept under Web sources, to load again there or on this schedule; pages gone from the site are then removed.</span>
        </div>
        <div className="field">
          <label htmlFor="web-graph">Ingestion graph</label>
          <GraphSelect id="web-graph" choice={graphChoice} disabled={disabled} />
          <span className="hint">Its parser, chunker, embedder and store load the pages; a graph that takes files gets a page loader in its File input&apos;s place for this run.</span>
        </div>
      </div>
      <label className="small" style={{ display: 'flex', gap: 6, alignItems: 'center', marginTop: 4 }}>
        <input type="checkbox" checked={allowPrivateNetwork} onChange={(e) => setAllowPrivateNetwork(e.target.checked)} disabled={disabled} />
        Allow addresses on this server&apos;s network (intranet, localhost)
      </label>
      <label className="small" style={{ display: 'flex', gap: 6, alignItems: 'center', marginTop: 4 }}>
        <input type="checkbox" checked={renderJavaScript} onChange={(e) => setRenderJavaScript(e.target.checked)} disabled={disabled} />
        Render JavaScript: read pages built by scripts (single-page apps) in a headless Chromium; slower
      </label>
      {(problem || settingsProblem) && text.trim() && (
        <div className="alert error" role="alert" style={{ marginTop: 10 }}>
          {problem ?? settingsProblem}
        </div>
      )}
      {start.error && (
        <div className="alert error" role="alert" style={{ marginTop: 10 }}>
          Could not start: {errorMessage(start.error)}
        </div>
      )}
      <div className="toolbar" style={{ marginTop: 12 }}>
        <button
          type="button"
          className="btn primary"
          disabled={!ready}
          onClick={() => start.mutate({ collection, urls, crawlDepth: depth, maxPages: pages, scope, skipPaths, allowPrivateNetwork, renderJavaScript, refreshHours, graphId: chosen?.id })}
        >
          {start.isPending ? 'Starting…' : `Load ${urls.length ? plural(urls.length, 'page') : 'pages'}${depth > 0 ? (urls.length === 1 ? ' and its links' : ' and their links') : ''} into ${collection || '…'}`}
        </button>
        <span className="muted small">robots.txt is respected for followed links.</span>
      </div>
    </div>
  );
}

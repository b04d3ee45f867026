'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { GraphSelect, useGraphChoice } from '../components/ui/graph-picker';
import { errorMessage } from '../lib/errors';
import { plural } from '../lib/format';
import { typedAddresses } from '../lib/web-addresses';
import { useTRPC } from '../lib/trpc';
import { CrawlFields, crawlOfDraft, NEW_CRAWL, type CrawlDraft } from './crawl-fields';
import { RefreshSelect } from './refresh-select';
import type { StartedIngestion } from './upload-panel';

const DEFAULT_GRAPH = 'Example: ingest documents';

/**
 * "Web pages" in the upload panel: addresses to load (and, if asked, the pages they link to under the
 * same folder or site) into the collection through an ingestion graph, as one run.
 */
export function WebPagesForm({ collection, disabled, onStarted }: { collection: string; disabled?: boolean; onStarted(run: StartedIngestion): void }) {
  const trpc = useTRPC();
  const graphChoice = useGraphChoice('ingestion', DEFAULT_GRAPH);
  const [text, setText] = useState('');
  const [crawlDraft, setCrawlDraft] = useState<CrawlDraft>(NEW_CRAWL);
  const [refreshHours, setRefreshHours] = useState<number | null>(null);
  const queryClient = useQueryClient();
  const { urls, problem } = typedAddresses(text);
  const { crawl, problem: settingsProblem } = crawlOfDraft(crawlDraft);
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
      <CrawlFields id="web" value={crawlDraft} onChange={setCrawlDraft} disabled={disabled} />
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
          onClick={() => start.mutate({ collection, urls, ...crawl, refreshHours, graphId: chosen?.id })}
        >
          {start.isPending ? 'Starting…' : `Load ${urls.length ? plural(urls.length, 'page') : 'pages'}${crawl.crawlDepth > 0 ? (urls.length === 1 ? ' and its links' : ' and their links') : ''} into ${collection || '…'}`}
        </button>
        <span className="muted small">robots.txt is respected for followed links.</span>
      </div>
    </div>
  );
}

'use client';
import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRef, useState } from 'react';
import { formatBytes } from '../components/run/input-summary';
import { GraphSelect, useGraphChoice } from '../components/ui/graph-picker';
import { useTRPC } from '../lib/trpc';
import { FileDrop } from '../components/run/file-drop';
import { IngestProgress } from './ingest-progress';
import { batchFiles, MAX_FILE_BYTES, oversizedFiles, uploadFraction } from './upload-batches';
import { WebPagesForm } from './web-pages-form';
import { xhrUpload } from './xhr-upload';

const DEFAULT_GRAPH = 'Example: ingest documents';

/** An ingestion run the panel started and follows. */
export interface StartedIngestion {
  runId: string;
  graphName: string;
  versionNumber: number | null;
}

type Phase = { kind: 'idle' } | { kind: 'uploading'; fraction: number } | { kind: 'ingesting' } | { kind: 'error'; message: string };

/**
 * Add documents to a collection, from files or web pages. Files: pick or drop them, choose the
 * ingestion graph, send them (upload progress from XHR). Web pages: WebPagesForm. Then follow each
 * ingestion run's node events. The collection is created by the graph's store node on the first upload.
 * `onIngested`: given by the page of a collection that does not exist yet, which the first ingestion
 * that succeeds creates (a failed one may have created nothing: asking for it again would only 404).
 */
export function UploadPanel({ collection: fixedCollection, onIngested }: { collection?: string; onIngested?: (collection: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [source, setSource] = useState<'files' | 'web'>('files');
  const graphChoice = useGraphChoice('ingestion', DEFAULT_GRAPH, { readsFiles: true });
  const chosenGraph = graphChoice.chosen;
  const [name, setName] = useState(fixedCollection ?? 'docs');
  const [files, setFiles] = useState<File[]>([]);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [runs, setRuns] = useState<StartedIngestion[]>([]);
  // web pages are fetched by the run itself: no upload bar for them
  const [runsFrom, setRunsFrom] = useState<'files' | 'web'>('files');
  const target = (fixedCollection ?? name).trim();
  const abort = useRef<AbortController | null>(null);
  const tooBig = oversizedFiles(files);
  const busy = phase.kind === 'uploading';

  async function upload() {
    if (!chosenGraph || files.length === 0) return;
    setRuns([]);
    setRunsFrom('files');
    setPhase({ kind: 'uploading', fraction: 0 });
    abort.current = new AbortController();
    const batches = batchFiles(files);
    const batchBytes = batches.map((b) => b.reduce((sum, i) => sum + files[i]!.size, 0));
    try {
      for (const [index, batch] of batches.entries()) {
        const form = new FormData();
        for (const i of batch) form.append('files', files[i]!, files[i]!.name);
        form.append('graphId', chosenGraph.id);
        const started = await xhrUpload<StartedIngestion>(
          `/api/collections/${encodeURIComponent(target)}/upload`,
          form,
          (sent, total) => setPhase({ kind: 'uploading', fraction: uploadFraction(batchBytes, index, sent, total) }),
          abort.current.signal,
        );
        setRuns((previous) => [...previous, started]);
      }
      setPhase({ kind: 'ingesting' });
      setFiles([]);
    } catch (error) {
      setPhase({ kind: 'error', message: (error as Error).message });
    }
  }

  const uploadPercent = phase.kind === 'uploading' ? Math.round(phase.fraction * 100) : runs.length > 0 ? 100 : 0;
  return (
    <section className="card" aria-label="Add documents" data-testid="upload-panel">
      <div className="card-body">
        <h2>Add documents</h2>
        <p className="muted small" style={{ marginTop: 0 }}>
          Files and web pages are parsed, chunked, embedded and stored by an ingestion graph; each upload is a run in the <Link href="/runs">run history</Link>. PDF, DOCX,
          HTML, Markdown, text and images (OCR), up to {Math.floor(MAX_FILE_BYTES / 1024 / 1024)} MB per file.
        </p>
        {!fixedCollection && (
          <div className="field">
            <label htmlFor="upload-collection">Collection</label>
            <input id="upload-collection" className="input" value={name} onChange={(e) => setName(e.target.value)} placeholder="docs" disabled={busy} />
            <span className="hint">An existing collection, or a new name to create one.</span>
          </div>
        )}
        <div className="tabs" style={{ padding: 0, marginBottom: 12 }}>
          <div className="tab-list" role="tablist" aria-label="Add documents from">
            {(['files', 'web'] as const).map((s) => (
              <button key={s} type="button" role="tab" aria-selected={source === s} className={source === s ? 'tab active' : 'tab'} style={{ flex: 'none', padding: '8px 14px' }} onClick={() => setSource(s)} disabled={busy}>
                {s === 'files' ? 'Files' : 'Web pages'}
              </button>
            ))}
          </div>
        </div>
        {source === 'web' ? (
          <WebPagesForm
            collection={target}
            disabled={busy}
            onStarted={(run) => {
              setRuns([run]);
              setRunsFrom('web');
              setPhase({ kind: 'ingesting' });
            }}
          />
        ) : (
          <div role="tabpanel">
            <div className="field">
              <label htmlFor="upload-graph">Ingestion graph</label>
              <GraphSelect id="upload-graph" choice={graphChoice} disabled={busy} />
              <span className="hint">Its store node is pointed at the collection for this upload; the graph itself is not changed.</span>
            </div>
            <FileDrop files={files} onChange={setFiles} disabled={busy} />
            {tooBig.length > 0 && (
              <div className="alert error" style={{ marginTop: 10 }}>
                {tooBig.map((t) => (
                  <div key={t}>{t}</div>
                ))}
              </div>
            )}
            <div className="toolbar" style={{ marginTop: 12 }}>
              <button
                type="button"
                className="btn primary"
                onClick={() => void upload()}
                disabled={busy || files.length === 0 || !chosenGraph || !target || tooBig.length > 0}
              >
                {busy ? 'Uploading…' : `Upload ${files.length ? `${files.length} file${files.length === 1 ? '' : 's'}` : ''} to ${target || '…'}`}
              </button>
              {busy && (
                <button type="button" className="btn" onClick={() => abort.current?.abort()}>
                  Cancel
                </button>
              )}
              {files.length > 0 && !busy && <span className="muted small">{formatBytes(files.reduce((s, f) => s + f.size, 0))} in total</span>}
            </div>
          </div>
        )}
        {phase.kind === 'error' && (
          <div className="alert error" role="alert" style={{ marginTop: 12 }}>
            Upload failed: {phase.message}
          </div>
        )}
        {(phase.kind === 'uploading' || runs.length > 0) && (
          <div style={{ marginTop: 14, display: 'flex', flexDirection: 'column', gap: 10 }}>
            <div hidden={runsFrom === 'web'}>
              <div className="small" style={{ display: 'flex', justifyContent: 'space-between' }}>
                <span>Upload</span>
                <span>{uploadPercent}%</span>
              </div>
              <div className={uploadPercent === 100 ? 'progress done' : 'progress'} role="progressbar" aria-label="Upload progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={uploadPercent}>
                <div style={{ width: `${uploadPercent}%` }} />
              </div>
            </div>
            {runs.map((run) => (
              <IngestProgress
                key={run.runId}
                runId={run.runId}
                graphName={run.graphName}
                nodeCount={chosenGraph?.nodeCount ?? 0}
                onEnded={(status) => {
                  if (status !== 'succeeded' && onIngested) return;
                  void queryClient.invalidateQueries({ queryKey: trpc.collection.pathKey() });
                  onIngested?.(target);
                }}
              />
            ))}
          </div>
        )}
      </div>
    </section>
  );
}

'use client';
import { formatBytes, formatDuration } from './input-summary';
import { MAX_FILE_BYTES } from '../../collections/upload-batches';
import { REQUEST_LIMITS } from '../../../nodes/core/request-limits';
import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import type { GraphSpec } from '../../../nodes/core/spec';
import { errorMessage } from '../../lib/errors';
import { plural } from '../../lib/format';
import { useTRPC, useTRPCClient } from '../../lib/trpc';
import { findAnswer } from './answer';
import { withExchange } from './conversation';
import type { ConversationTurn } from '../../../nodes/core/values';
import { typedAddresses } from '../../lib/web-addresses';
import { FileDrop } from './file-drop';
import { readAsBase64 } from './read-file';
import { AnswerView } from './answer-view';
import { RunOutputView } from './run-output-view';
import { nodeStatusSummary, type NodeStatusSummary } from './live-run';
import { ResizeHandle, useGrowToFit } from './run-panel-resize';
import { useRunPanelState } from './run-panel-state';
import { StatusBadge } from './status-badge';
import { isTerminal } from './types';
import { useLiveRun } from './use-live-run';
import './run.css';

export interface RunPanelProps {
  graphId: string;
  /** the draft as edited now: its entry nodes decide the input form */
  spec: GraphSpec;
  /** the saved version the draft builds on, offered as "run vN" */
  baseVersion: { id: string; number: number } | null;
  /** how many problems the draft has (a draft with problems cannot run) */
  problems?: number;
  /** saves pending edits so the server runs what is on screen */
  flushDraft(): Promise<void>;
  /** each node's live status, so the canvas can colour it */
  onNodeStatus?(nodeId: string, status: NodeStatusSummary): void;
  /** a new run started: earlier statuses are stale */
  onRunStart?(runId: string): void;
}

/** Files travel base64 (4/3 of their size) inside the run request's JSON body: the limit's 3/4 less 512 KB for the rest. */
const RUN_PANEL_MAX_BYTES = (REQUEST_LIMITS.jsonBytes * 3) / 4 - 512 * 1024;

/**
 * The editor's Run panel: a question box and/or file drop (from the graph's entry nodes), Run (the draft
 * or its base version), live node statuses, the answer with citations, a link to the run's details.
 */
export function RunPanel(props: RunPanelProps) {
  const client = useTRPCClient();
  const { open, setOpen, focusTick, height } = useRunPanelState();
  const types = new Set(props.spec.nodes.map((n) => n.type));
  const wantsQuery = types.has('io.query-input');
  const wantsFiles = types.has('io.file-input');
  const wantsUrls = types.has('io.web-input');
  // the draft's entry nodes make the input form: without one there is nothing to run
  const runnable = wantsQuery || wantsFiles || wantsUrls;
  const [query, setQuery] = useState('');
  const [topK, setTopK] = useState('');
  // earlier exchanges of a conversation ("Ask a follow-up"), sent as the run input's history
  const [history, setHistory] = useState<ConversationTurn[]>([]);
  const [asked, setAsked] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [urlText, setUrlText] = useState('');
  const addresses = typedAddresses(urlText);
  const [target, setTarget] = useState<'draft' | 'version' | 'upto'>('draft');
  // "Run up to here" on a node: offered (and chosen) while that node is in the draft
  const askedUpTo = useRunPanelState((s) => s.upTo);
  const upToTick = useRunPanelState((s) => s.upToTick);
  const upTo = askedUpTo && props.spec.nodes.some((n) => n.id === askedUpTo) ? askedUpTo : null;
  useEffect(() => {
    if (upToTick > 0) setTarget('upto');
  }, [upToTick]);
  const [runId, setRunId] = useState<string | null>(null);
  const queryBox = useRef<HTMLTextAreaElement>(null);
  const panelRef = useRef<HTMLElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const onNodeStatus = props.onNodeStatus;
  const { live } = useLiveRun(runId, {
    onEvent: (event, state) => {
      if (event.type === 'node') onNodeStatus?.(event.nodeId, nodeStatusSummary(state.nodes[event.nodeId]!));
    },
  });

  useEffect(() => {
    if (focusTick > 0) setTimeout(() => queryBox.current?.focus(), 0);
  }, [focusTick]);
  const versionRun = target === 'version' && props.baseVersion !== null;
  const upToRun = target === 'upto' && upTo !== null;

  const start = useMutation({
    mutationFn: async () => {
      if (!versionRun) await props.flushDraft();
      const input: Record<string, unknown> = {};
      if (wantsQuery) {
        input.query = query;
        if (topK.trim()) input.topK = Number(topK);
        if (history.length) input.history = history;
      }
      if (wantsFiles) {
        const bytes = files.reduce((sum, f) => sum + f.size, 0);
        if (bytes > RUN_PANEL_MAX_BYTES) {
          throw new Error(
            `The run panel sends files inside its request, up to ${formatBytes(RUN_PANEL_MAX_BYTES)} in all (these are ${formatBytes(bytes)}). Upload larger files on the Collections page, which takes up to ${formatBytes(MAX_FILE_BYTES)} per file.`,
          );
        }
        input.files = await Promise.all(files.map(async (f) => ({ name: f.name, mimeType: f.type || undefined, size: f.size, contentBase64: await readAsBase64(f) })));
      }
      if (wantsUrls) input.urls = addresses.urls;
      return client.run.start.mutate({ graphId: props.graphId, versionId: versionRun ? props.baseVersion!.id : null, input, ...(upToRun && upTo ? { upTo } : {}) });
    },
    onSuccess: ({ runId }) => {
      props.onRunStart?.(runId);
      setRunId(runId);
      setAsked(query);
    },
  });

  const status = live?.status ?? (runId ? 'queued' : null);
  const running = !!runId && !isTerminal(status);
  const canRun = runnable && (!wantsQuery || query.trim().length > 0) && (!wantsFiles || files.length > 0) && (!wantsUrls || (addresses.urls.length > 0 && !addresses.problem)) && !start.isPending && !running;
  const problemCount = props.problems ?? 0;
  // a run up to one node needs only that part of the graph to be sound: the server checks it
  const blockedByProblems = !versionRun && !upToRun && problemCount > 0;
  const answer = findAnswer(live?.output);
  const nodes = Object.values(live?.nodes ?? {});
  // in the draft's order; nodes only the run has (the ends of a run up to a node) last
  const position = (id: string) => {
    const i = props.spec.nodes.findIndex((n) => n.id === id);
    return i < 0 ? props.spec.nodes.length : i;
  };
  nodes.sort((a, b) => position(a.nodeId) - position(b.nodeId));
  const streaming = nodes.find((n) => n.tokens && n.status === 'running');
  const totalMs = nodes.reduce((max, n) => Math.max(max, n.durationMs ?? 0), 0);

  const run = () => {
    if (canRun && !blockedByProblems) start.mutate();
  };
  useGrowToFit(panelRef, resultRef, open && !!runId);
  const canFollowUp = wantsQuery && !!answer && !answer.blocked && live?.status === 'succeeded' && !!asked.trim();
  const followUp = () => {
    setHistory(withExchange(history, asked, answer!.text));
    setQuery('');
    setRunId(null);
    setTimeout(() => queryBox.current?.focus(), 0);
  };

  return (
    <section ref={panelRef} className={open ? 'run-panel open' : 'run-panel'} style={open && height !== null ? { height } : undefined} aria-label="Run panel" data-testid="run-panel">
      {open && <ResizeHandle panelRef={panelRef} />}
      <div className="run-panel-bar">
        <button type="button" className="btn ghost small" onClick={() => setOpen(!open)} aria-expanded={open} aria-controls="run-panel-body">
          {open ? '▾' : '▸'} Run
        </button>
        {status && <StatusBadge status={status} />}
        {runId && live?.status === 'succeeded' && nodes.length > 0 && <span className="muted small">{nodes.length} nodes · slowest {formatDuration(totalMs)}</span>}
        {runId && (
          <Link href={`/runs/${runId}`} className="small" data-testid="run-detail-link">
            Run details →
          </Link>
        )}
        {!open && (
          <button type="button" className="btn primary small" style={{ marginLeft: 'auto' }} onClick={() => useRunPanelState.getState().openAndFocus()}>
            Open run panel
          </button>
        )}
      </div>
      {open && (
        <div className="run-panel-body" id="run-panel-body">
          <form
            className="run-panel-form"
            onSubmit={(e) => {
              e.preventDefault();
              run();
            }}
          >
            <div className="run-panel-inputs">
              {!runnable && (
                <div className="alert info" style={{ margin: 0 }}>
                  Add a Query input, File input or Web pages node to run this graph.
                </div>
              )}
              {wantsQuery && history.length > 0 && <Conversation history={history} onClear={() => setHistory([])} />}
              {wantsQuery && (
                <div className="field" style={{ margin: 0 }}>
                  <label htmlFor="run-query">{history.length ? 'Follow-up question' : 'Question'}</label>
                  <textarea
                    id="run-query"
                    ref={queryBox}
                    className="textarea"
                    rows={2}
                    style={{ fontFamily: 'var(--font)', fontSize: 13, minHeight: 52 }}
                    placeholder="Ask something your documents answer… (Ctrl+Enter runs)"
                    value={query}
                    onChange={(e) => setQuery(e.target.value)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                        e.preventDefault();
                        run();
                      }
                    }}
                  />
                </div>
              )}
              {wantsFiles && <FileDrop files={files} onChange={setFiles} disabled={running} label="Drop files to ingest, or click to choose" />}
              {wantsUrls && (
                <div className="field" style={{ margin: 0 }}>
                  <label htmlFor="run-urls">Web pages</label>
                  <textarea
                    id="run-urls"
                    className="textarea"
                    rows={2}
                    style={{ fontSize: 13, minHeight: 52 }}
                    placeholder={'https://example.com/docs/ (one address per line)'}
                    value={urlText}
                    onChange={(e) => setUrlText(e.target.value)}
                  />
                  {addresses.problem && <span className="hint error-text">{addresses.problem}</span>}
                </div>
              )}
            </div>
            <div className="run-panel-actions">
              <select className="select" value={versionRun ? 'version' : upToRun ? 'upto' : 'draft'} onChange={(e) => setTarget(e.target.value as typeof target)} aria-label="What to run">
                <option value="draft">Run the draft</option>
                {props.baseVersion && <option value="version">Run version {props.baseVersion.number}</option>}
                {upTo && <option value="upto">Up to {upTo}</option>}
              </select>
              {wantsQuery && (
                <input className="input" type="number" min={1} max={200} value={topK} onChange={(e) => setTopK(e.target.value)} placeholder="passages (topK)" aria-label="Passages to retrieve (topK, optional)" />
              )}
              <div style={{ display: 'flex', gap: 6 }}>
                <button type="submit" className="btn primary" style={{ flex: 1 }} disabled={!canRun || blockedByProblems} title="Run (Ctrl+Enter)">
                  {start.isPending ? 'Starting…' : running ? 'Running…' : '▶ Run'}
                </button>
                {running && runId && <CancelButton runId={runId} />}
              </div>
            </div>
          </form>
          {runnable && blockedByProblems && (
            <div className="muted small" data-testid="run-blocked">
              The draft has {plural(problemCount, 'problem')} to fix before it can run (see Problems)
              {props.baseVersion ? `, or choose “Run version ${props.baseVersion.number}” to run the saved version.` : '.'}
            </div>
          )}
          {start.error && (
            <div className="alert error" role="alert" style={{ margin: 0 }}>
              {errorMessage(start.error)}
            </div>
          )}
          <div className="run-panel-result" aria-live="polite" ref={resultRef}>
            {!runId && runnable && !blockedByProblems && <div className="muted small">Run the graph to see each node’s status on the canvas and the result here.</div>}
            {nodes.length > 0 && (
              <div className="node-chips" aria-label="Node statuses">
                {nodes.map((n) => (
                  <span key={n.nodeId} className="node-chip" data-testid={`run-node-${n.nodeId}`} data-status={n.status} title={n.error ? `${n.error.code}: ${n.error.message}` : undefined}>
                    <span className={`status-dot ${n.status}`} aria-hidden />
                    {n.nodeId}
                    {n.durationMs !== undefined && <span className="muted">{formatDuration(n.durationMs)}</span>}
                  </span>
                ))}
              </div>
            )}
            {live?.error && (
              <div className="alert error" role="alert" style={{ margin: 0 }}>
                <strong>{live.error.code}</strong>: {live.error.message}
              </div>
            )}
            {streaming && !answer && <p className="answer-text">{streaming.tokens}</p>}
            {answer && <AnswerView answer={answer} />}
            {canFollowUp && (
              <button type="button" className="btn small" style={{ alignSelf: 'flex-start' }} onClick={followUp} title="Keep this question and answer as the conversation's history, and ask the next question">
                Ask a follow-up
              </button>
            )}
            {live?.output && !answer && <RunOutputView output={live.output} />}
          </div>
        </div>
      )}
    </section>
  );
}

/** The earlier exchanges a follow-up is asked in, each cut to a line; Clear starts a new conversation. */
function Conversation({ history, onClear }: { history: ConversationTurn[]; onClear: () => void }) {
  return (
    <div className="run-conversation" data-testid="run-conversation" aria-label="Earlier in this conversation">
      <div className="run-conversation-head">
        <span className="label" title="Sent with the next question as the run input’s history">
          Earlier in this conversation
        </span>
        <button type="button" className="btn ghost small" onClick={onClear}>
          Clear
        </button>
      </div>
      {history.map((turn, i) => (
        <div key={i} className={`run-conversation-turn ${turn.role}`} title={turn.content}>
          <span className="muted">{turn.role === 'user' ? 'You' : 'Answer'}:</span> {turn.content}
        </div>
      ))}
    </div>
  );
}

function CancelButton({ runId }: { runId: string }) {
  const trpc = useTRPC();
  const cancel = useMutation(trpc.run.cancel.mutationOptions());
  return (
    <button type="button" className="btn" onClick={() => cancel.mutate({ id: runId })} disabled={cancel.isPending}>
      Cancel
    </button>
  );
}

'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useMemo, useState } from 'react';
import { specHash } from '../../../nodes/core/spec-hash';
import { findAnswer } from '../../components/run/answer';
import { inferInFlight } from '../../components/run/in-flight';
import { AnswerView } from '../../components/run/answer-view';
import { formatDuration, inputHeadline } from '../../components/run/input-summary';
import { JsonView } from '../../components/run/json-view';
import { RunOutputView } from '../../components/run/run-output-view';
import { NodeDetail } from '../../components/run/node-detail';
import { RunTimeline } from '../../components/run/run-timeline';
import { StatusBadge } from '../../components/run/status-badge';
import { isTerminal, type RunDetail as Run } from '../../components/run/types';
import { useLiveRun } from '../../components/run/use-live-run';
import { errorCode, errorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { RerunButtons } from './rerun-buttons';

/** /runs/[id]: one run's status, input, answer or output, error, Gantt timeline and per-node details — live while it runs. */
export function RunDetail({ runId, repeats }: { runId: string; /** the run this one ran again (Run again leads here with it) */ repeats?: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<string | null>(null);
  const run = useQuery({
    ...trpc.run.byId.queryOptions({ id: runId }),
    // NodeRun rows land as attempts end: poll while the run goes on, stop once it ended
    refetchInterval: (query) => (query.state.data && isTerminal(query.state.data.status) ? false : 1000),
  });
  const ended = run.data ? isTerminal(run.data.status) : false;
  const { live } = useLiveRun(runId, { enabled: !!run.data && !ended });
  const liveStatus = live?.status;
  useEffect(() => {
    if (isTerminal(liveStatus)) void queryClient.invalidateQueries({ queryKey: trpc.run.byId.queryKey({ id: runId }) });
  }, [liveStatus, queryClient, trpc, runId]);

  // the spec that ran gives node order and who feeds whom; a draft run's spec is the graph's draft while it is unchanged
  const draft = useQuery({ ...trpc.graph.byId.queryOptions({ id: run.data?.graphId ?? '' }), enabled: !!run.data && !run.data.spec });
  const spec = useMemo(() => {
    if (run.data?.spec) return run.data.spec;
    const candidate = draft.data?.draft;
    return candidate && run.data && specHash(candidate) === run.data.specHash ? candidate : null;
  }, [run.data, draft.data]);

  const cancel = useMutation(trpc.run.cancel.mutationOptions({ onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.run.byId.queryKey({ id: runId }) }) }));
  const order = useMemo(() => spec?.nodes.map((n) => n.id) ?? [], [spec]);
  const types = useMemo(() => Object.fromEntries(spec?.nodes.map((n) => [n.id, n.type]) ?? []), [spec]);
  const inFlight = useMemo(() => {
    if (!run.data || isTerminal(liveStatus ?? run.data.status)) return [];
    const started = new Date(run.data.startedAt ?? run.data.createdAt).getTime();
    return inferInFlight(spec, run.data.nodeRuns, new Set(Object.keys(live?.nodes ?? {})), started);
  }, [run.data, spec, live, liveStatus]);
  const attempts = useMemo(() => [...(live?.attempts ?? []), ...inFlight], [live, inFlight]);

  if (run.isLoading) {
    return (
      <div className="page muted">
        <span className="spinner" /> Loading run…
      </div>
    );
  }
  if (run.error || !run.data) {
    const missing = errorCode(run.error) === 'NOT_FOUND' || errorCode(run.error) === 'BAD_REQUEST';
    return (
      <div className="page">
        <div className="alert error">{missing ? 'This run does not exist (its graph may have been deleted).' : `Could not load the run: ${errorMessage(run.error)}`}</div>
        <Link href="/runs" className="btn">
          ← All runs
        </Link>
      </div>
    );
  }

  const data = run.data;
  const status = ended ? data.status : (liveStatus ?? data.status);
  const running = !isTerminal(status);
  const output = (ended ? data.output : (live?.output ?? data.output)) as Record<string, unknown> | null;
  const error = (data.error ?? live?.error) as { code: string; message: string; nodeId?: string } | null | undefined;
  const answer = findAnswer(output);
  const startedAt = data.startedAt ?? data.createdAt;
  const duration = data.finishedAt ? new Date(data.finishedAt).getTime() - new Date(startedAt).getTime() : null;
  const selectedType = data.nodeRuns.find((r) => r.nodeId === selected)?.nodeType ?? spec?.nodes.find((n) => n.id === selected)?.type;
  const guessed = inFlight.find((a) => a.nodeId === selected);
  const selectedLive = (selected && live?.nodes[selected]) || (guessed ? { nodeId: guessed.nodeId, status: guessed.status, attempt: guessed.attempt, tokens: '' } : undefined);

  return (
    <div className="page" style={{ maxWidth: 1400 }}>
      <div className="page-header">
        <div style={{ minWidth: 0 }}>
          <div className="muted small">
            <Link href="/runs">Runs</Link> /
          </div>
          <h1 style={{ display: 'flex', alignItems: 'center', gap: 10 }}>
            Run <span className="mono" style={{ fontSize: 16 }}>{runId.slice(0, 8)}</span>
            <StatusBadge status={status} />
          </h1>
          <div className="subtitle">
            <Link href={`/graphs/${data.graphId}`}>{data.graphName}</Link> <span className="badge accent">{data.versionNumber ? `v${data.versionNumber}` : 'draft'}</span>
            {data.endpointSlug && <> · endpoint <span className="mono">{data.endpointSlug}</span></>}
            {data.apiKeyPrefix && <> · key <span className="mono">{data.apiKeyPrefix}…</span></>} · from {data.source} · started {formatDateTime(startedAt)}
            {duration !== null && <> · took {formatDuration(duration)}</>}
          </div>
        </div>
        {running ? (
          <button className="btn danger" onClick={() => cancel.mutate({ id: runId })} disabled={cancel.isPending}>
            Cancel run
          </button>
        ) : (
          <RerunButtons runId={runId} ranOn={data.versionNumber ? `v${data.versionNumber}` : 'the draft as it was then'} />
        )}
      </div>
      {cancel.error && <div className="alert error">Could not cancel: {errorMessage(cancel.error)}</div>}
      {repeats && repeats !== runId && (
        <div className="alert info" data-testid="repeats">
          This run repeats run <Link href={`/runs/${repeats}`} className="mono">{repeats.slice(0, 8)}</Link> with its input.{' '}
          <Link href={`/runs/compare?a=${repeats}&b=${runId}`}>Compare the two, node by node →</Link>
        </div>
      )}

      {error && (
        <div className="alert error" role="alert" data-testid="run-error">
          <strong>{error.code}</strong>: {error.message}
          {error.nodeId && (
            <>
              {' '}
              <button type="button" className="btn small" onClick={() => setSelected(error.nodeId!)}>
                Show node {error.nodeId}
              </button>
            </>
          )}
        </div>
      )}

      <div className={selected ? 'run-grid' : 'stack'}>
        <div className="stack">
          {answer && (
            <section className="card" aria-label="Answer">
              <div className="card-body">
                <h2>Answer</h2>
                <AnswerView answer={answer} />
              </div>
            </section>
          )}
          <section className="card" aria-label="Timeline">
            <div className="card-body">
              <h2>Timeline</h2>
              <p className="muted small" style={{ marginTop: 0 }}>
                One row per node, one bar per attempt. Choose a row to see where the node ran, its input and output.
              </p>
              <RunTimeline rows={data.nodeRuns} live={attempts} order={order} types={types} running={running} selected={selected} onSelect={setSelected} />
            </div>
          </section>
          <div className="grid-cards" style={{ gridTemplateColumns: output && !answer ? '1fr 1fr' : '1fr' }}>
            <RunInput input={data.input} />
            {output && !answer && (
              <section className="card" aria-label="Output">
                <div className="card-body">
                  <h2>Output</h2>
                  <RunOutputView output={output} />
                </div>
              </section>
            )}
          </div>
        </div>
        {selected && (
          <NodeDetail key={selected} runId={runId} nodeId={selected} nodeType={selectedType} rows={data.nodeRuns} live={selectedLive} onClose={() => setSelected(null)} onSelectNode={setSelected} />
        )}
      </div>
    </div>
  );
}

function RunInput({ input }: { input: Run['input'] }) {
  const headline = inputHeadline(input);
  return (
    <section className="card" aria-label="Input">
      <div className="card-body">
        <h2>Input</h2>
        {headline && <p style={{ marginTop: 0, fontWeight: 550 }} data-testid="run-input-headline">{headline}</p>}
        <JsonView value={input} label="Run input" />
      </div>
    </section>
  );
}

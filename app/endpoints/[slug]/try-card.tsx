'use client';
import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { RunResultView } from '../../components/run/run-output-view';
import { StatusBadge } from '../../components/run/status-badge';
import { useLiveRun } from '../../components/run/use-live-run';
import { errorMessage } from '../../lib/errors';
import { useTRPC } from '../../lib/trpc';
import { CardSection } from './card-section';

/**
 * Ask a published query endpoint a question from its page, on its main version or its staged canary,
 * and read the answer or the passages as a caller would get them. Not a call: it needs no key and
 * stays out of the endpoint's traffic and quality figures.
 */
export function TryCard({ slug, mainVersion, canaryVersion }: { slug: string; mainVersion: number | null; canaryVersion: number | null }) {
  const trpc = useTRPC();
  const [question, setQuestion] = useState('');
  const [version, setVersion] = useState<'main' | 'canary'>('main');
  const tryOut = useMutation(trpc.endpoint.tryOut.mutationOptions());
  const runId = tryOut.data?.runId ?? null;
  const { live } = useLiveRun(runId);
  const ask = () => question.trim() && tryOut.mutate({ slug, version: canaryVersion === null ? 'main' : version, input: { query: question.trim() } });
  return (
    <CardSection id="try-it" title="Try it" actions={runId && <Link href={`/runs/${runId}`}>Run details →</Link>}>
      <form
        className="try-form"
        onSubmit={(event) => {
          event.preventDefault();
          ask();
        }}
      >
        <input className="input" value={question} onChange={(e) => setQuestion(e.target.value)} placeholder="A question, as a caller would send it" aria-label="Question to try" maxLength={4000} />
        {canaryVersion !== null && (
          <select className="select" value={version} onChange={(e) => setVersion(e.target.value as 'main' | 'canary')} aria-label="Version to try">
            <option value="main">Main{mainVersion ? ` (v${mainVersion})` : ''}</option>
            <option value="canary">Canary (v{canaryVersion})</option>
          </select>
        )}
        <button type="submit" className="btn primary" disabled={!question.trim() || tryOut.isPending}>
          Ask
        </button>
      </form>
      <p className="muted small">Runs the version from the editor: no key needed, and it does not count in this endpoint’s traffic.</p>
      {tryOut.error && <div className="alert error">{errorMessage(tryOut.error)}</div>}
      {runId && (
        <div className="try-result" aria-live="polite" data-testid="try-result">
          <StatusBadge status={live?.status ?? 'queued'} />
          {live?.error && (
            <div className="alert error">
              <strong>{live.error.code}</strong>: {live.error.message}
            </div>
          )}
          <RunResultView output={live?.output} />
        </div>
      )}
    </CardSection>
  );
}

'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { formatDuration } from '../../../components/run/input-summary';
import { JsonView } from '../../../components/run/json-view';
import { RunOutputView } from '../../../components/run/run-output-view';
import { useRunPanelState } from '../../../components/run/run-panel-state';
import { errorMessage } from '../../../lib/errors';
import { useTRPC } from '../../../lib/trpc';

/**
 * What the selected node gave in the latest run from the run panel, a click away in its settings:
 * ranked passages as a list, anything else as JSON. Loaded when opened (outputs can be large).
 */
export function LastRunOutput({ nodeId }: { nodeId: string }) {
  const lastRun = useRunPanelState((s) => s.lastRun);
  const status = lastRun?.statuses[nodeId];
  const [open, setOpen] = useState(false);
  if (!lastRun || !status) return null;
  const took = status.durationMs !== undefined ? ` · ${formatDuration(status.durationMs)}` : '';
  return (
    <details className="last-run-output" open={open} onToggle={(e) => setOpen(e.currentTarget.open)} data-testid="last-run-output">
      <summary>
        In the last run: <span className={`status-dot ${status.status}`} aria-hidden /> {status.status}
        {took}
      </summary>
      {open && status.status === 'succeeded' && <StoredOutput runId={lastRun.runId} nodeId={nodeId} />}
      {open && status.status !== 'succeeded' && (
        <p className="muted small">
          {status.status === 'failed' ? 'It failed: ' : 'No output yet: '}
          <Link href={`/runs/${lastRun.runId}`}>see the run's details</Link>.
        </p>
      )}
    </details>
  );
}

function StoredOutput({ runId, nodeId }: { runId: string; nodeId: string }) {
  const trpc = useTRPC();
  const output = useQuery({ ...trpc.run.nodeOutput.queryOptions({ runId, nodeId }), staleTime: Infinity, retry: false });
  if (output.isLoading) {
    return (
      <div className="muted small">
        <span className="spinner" /> Loading its output…
      </div>
    );
  }
  if (output.error) return <p className="muted small">{errorMessage(output.error)}</p>;
  const { data, truncated } = output.data!;
  if (truncated || typeof data !== 'object' || data === null) return <JsonView value={data} label={`Output of ${nodeId}`} />;
  const ports = (data as { outputs?: Record<string, unknown> }).outputs ?? {};
  return Object.keys(ports).length ? <RunOutputView output={ports} /> : <JsonView value={data} label={`Output of ${nodeId}`} />;
}

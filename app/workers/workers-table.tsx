'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import type { RouterOutputs } from '../lib/api-types';
import { errorMessage } from '../lib/errors';
import { formatDateTime, timeAgo } from '../lib/format';
import { useTRPC } from '../lib/trpc';
import { describeBatching } from './batching-text';
import { InlineMarkdown } from '../components/ui/inline-markdown-view';

type Worker = RouterOutputs['worker']['list']['workers'][number];

const MODE_HELP = {
  'in-process':
    'In-process mode: there is no REDIS_URL, so the web server runs every graph itself, in this one process, on the devices in WORKER_DEVICES (cpu here). Set REDIS_URL (and DATABASE_URL) to queue runs on BullMQ and start workers with `npm run worker` on other processes or machines (GPU workers with WORKER_DEVICES=cuda:0,…).',
  bullmq:
    'Distributed mode (BullMQ on Redis): runs are queued and executed by worker processes started with `npm run worker`. Each worker orchestrates runs, executes node tasks or both (WORKER_ROLES); an executor announces its devices (WORKER_DEVICES) and takes node tasks for them; models stay loaded (warm) on the device they were placed on. A worker not heard from for 15 s is shown as gone, and its tasks are retried elsewhere. If Redis restarts empty, the workers queue the tasks and runs it lost again.',
} as const;

/** /workers: who executes nodes, on which devices, with which models loaded, and whether they are alive. */
export function WorkersTable() {
  const trpc = useTRPC();
  const workers = useQuery({ ...trpc.worker.list.queryOptions(), refetchInterval: 5000 });
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Workers</h1>
          <div className="subtitle">The processes that execute graph nodes, their devices, the models they keep loaded and the runs they orchestrate. Refreshes every 5 s.</div>
        </div>
        {workers.data && <span className="badge accent" data-testid="worker-mode">{workers.data.mode === 'bullmq' ? 'distributed (BullMQ)' : 'in-process'}</span>}
      </div>
      {workers.error && <div className="alert error">Could not load workers: {errorMessage(workers.error)}</div>}
      {workers.isLoading && (
        <div className="muted">
          <span className="spinner" /> Loading…
        </div>
      )}
      {workers.data && (
        <>
          <div className="alert info">
            <InlineMarkdown text={MODE_HELP[workers.data.mode]} />
          </div>
          {workers.data.workers.length === 0 ? (
            <div className="card empty">
              <h2>No worker is running</h2>
              <p>Runs stay queued until one starts. Start one with <code>npm run worker</code> (set REDIS_URL and DATABASE_URL like the server’s).</p>
            </div>
          ) : (
            <div className="card table-scroll">
              <table className="table" aria-label="Workers">
                <thead>
                  <tr>
                    <th>Worker</th>
                    <th>State</th>
                    <th>Devices</th>
                    <th>Models loaded</th>
                    <th>Orchestrating</th>
                    <th className="num">Concurrency</th>
                    <th>Last heartbeat</th>
                  </tr>
                </thead>
                <tbody>
                  {workers.data.workers.map((w) => (
                    <WorkerRow key={w.id} worker={w} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </div>
  );
}

const ROLE_TEXT = { orchestrator: 'orchestrates runs', executor: 'executes nodes' } as const;

function WorkerRow({ worker }: { worker: Worker }) {
  const [orchestrates, executes] = [worker.roles.includes('orchestrator'), worker.roles.includes('executor')];
  const notHere = (what: string) => <span className="muted small">— {what}</span>;
  return (
    <tr data-testid="worker-row">
      <td>
        <div className="mono small">{worker.id}</div>
        <div className="muted small" data-testid="worker-roles">
          {worker.roles.map((r) => ROLE_TEXT[r]).join(' · ')} · up since {formatDateTime(worker.startedAt)}
        </div>
      </td>
      <td>{worker.alive ? <span className="badge ok">alive</span> : <span className="badge danger">gone</span>}</td>
      {executes ? (
        <DeviceCells worker={worker} />
      ) : (
        <>
          <td>{notHere('orchestrates only')}</td>
          <td>{notHere('no model: it sends node tasks to executors')}</td>
        </>
      )}
      <td className="small" data-testid="worker-runs">
        {orchestrates ? <OrchestratedRuns ids={worker.orchestrating} /> : notHere('executes only')}
      </td>
      <td className="num">{!executes ? '—' : worker.concurrency || <span className="muted" title="in-process: nodes run as they become ready">auto</span>}</td>
      <td className="small" title={formatDateTime(worker.heartbeatAt)}>
        {timeAgo(worker.heartbeatAt)}
      </td>
    </tr>
  );
}

/** An executor's devices, and the models loaded on each. */
function DeviceCells({ worker }: { worker: Worker }) {
  return (
    <>
      <td>
        <div style={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
          {worker.devices.map((d) => (
            <span key={d.id} className="badge" title={`${d.kind.toUpperCase()}, ${Math.round(d.memoryMB / 1000)} GB budget for models`}>
              {d.id} · {Math.round(d.memoryMB / 1000)} GB
            </span>
          ))}
        </div>
      </td>
      <td>
        {worker.devices.map((d) => {
          const models = worker.models.filter((m) => m.device === d.id);
          const used = models.reduce((sum, m) => sum + m.memoryMB, 0);
          return (
            <div key={d.id} className="small" style={{ marginBottom: 2 }}>
              <strong>{d.id}</strong>
              {models.length === 0 ? (
                <span className="muted"> — none loaded yet</span>
              ) : (
                <>
                  {' '}
                  <span className="muted">({used} MB)</span>
                  {models.map((m) => (
                    <LoadedModel key={m.model} model={m} />
                  ))}
                </>
              )}
            </div>
          );
        })}
      </td>
    </>
  );
}

/**
 * A model kept on a device, and what its batcher has been doing: how many requests its recent
 * batches merged, how long they waited, and the batch time it fitted (what it decides by).
 */
function LoadedModel({ model }: { model: Worker['models'][number] }) {
  const b = model.batching;
  return (
    <div data-testid="loaded-model" style={{ marginTop: 2 }}>
      <span className="mono">{model.model}</span>{' '}
      <span className="muted">
        ({(model.copies ?? 1) > 1 ? `${model.copies} copies, ` : ''}
        {model.memoryMB} MB)
      </span>
      {b && (
        <div className="muted" data-testid="model-batching" title={`last batch ${formatDateTime(b.lastBatchAt)}`}>
          {describeBatching(b)}
        </div>
      )}
    </div>
  );
}

/** The runs a worker orchestrates, as links (the first few; the rest counted). */
function OrchestratedRuns({ ids }: { ids: string[] }) {
  const SHOWN = 3;
  if (ids.length === 0) return <span className="muted">no run</span>;
  return (
    <div style={{ display: 'flex', gap: 6, flexWrap: 'wrap' }}>
      {ids.slice(0, SHOWN).map((id) => (
        <Link key={id} href={`/runs/${id}`} className="mono" aria-label={`Open run ${id.slice(0, 8)}`}>
          {id.slice(0, 8)}
        </Link>
      ))}
      {ids.length > SHOWN && <span className="muted">+{ids.length - SHOWN} more</span>}
    </div>
  );
}

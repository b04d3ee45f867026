import './run.css';

const LABELS: Record<string, string> = {
  queued: 'queued',
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
  skipped: 'skipped',
  retrying: 'retrying',
};

/** A run or node status as a coloured badge (the classes come from globals.css). */
export function StatusBadge({ status, title }: { status: string | null | undefined; title?: string }) {
  const value = status ?? 'pending';
  return (
    <span className={`badge ${value}`} title={title} data-status={value}>
      <span className={`status-dot ${value}`} aria-hidden />
      {LABELS[value] ?? value}
    </span>
  );
}

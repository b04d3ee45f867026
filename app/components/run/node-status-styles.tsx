import { formatDuration } from './input-summary';
import type { NodeStatusSummary } from './live-run';


const COLORS: Record<string, string> = {
  queued: '#d97706',
  running: '#2563eb',
  retrying: '#d97706',
  succeeded: '#16a34a',
  failed: '#dc2626',
  skipped: '#9ca3af',
};

const ICONS: Record<string, string> = { queued: '…', running: '●', retrying: '↻', succeeded: '✓', failed: '✕', skipped: '–' };

/** "✓ 12 ms · cpu · batch 4" — what a canvas node shows about its last run. */
export function statusCaption(s: NodeStatusSummary): string {
  const parts = [`${ICONS[s.status] ?? ''} ${s.status === 'succeeded' || s.status === 'failed' ? formatDuration(s.durationMs) : s.status}`.trim()];
  if (s.device) parts.push(s.device);
  if (s.batchSize && s.batchSize > 1) parts.push(`batch ${s.batchSize}`);
  if (s.attempt > 1) parts.push(`attempt ${s.attempt}`);
  return parts.join(' · ');
}

/**
 * Colours canvas nodes by their status in the latest run, without touching the canvas' components:
 * a style sheet keyed on React Flow's `data-id` attribute (an outline plus a caption above the node).
 */
export function NodeStatusStyles({ statuses }: { statuses: Record<string, NodeStatusSummary> }) {
  const css = Object.entries(statuses)
    .map(([nodeId, s]) => {
      const selector = `.react-flow__node[data-id=${JSON.stringify(nodeId)}]`;
      const color = COLORS[s.status] ?? '#9ca3af';
      return [
        `${selector} .gnode { outline: 2px solid ${color}; outline-offset: 2px;${s.status === 'running' ? ' animation: run-pulse 1s ease-in-out infinite;' : ''} }`,
        `${selector}::after { content: ${JSON.stringify(statusCaption(s))}; position: absolute; left: 0; top: -22px; font: 600 11px/16px var(--font); color: #fff; background: ${color}; padding: 1px 7px; border-radius: 999px; white-space: nowrap; pointer-events: none; }`,
      ].join('\n');
    })
    .join('\n');
  if (!css) return null;
  return <style data-testid="node-status-styles">{`@keyframes run-pulse { 50% { outline-color: transparent; } }\n${css}`}</style>;
}

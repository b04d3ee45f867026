'use client';
import { formatDuration } from './input-summary';
import { useEffect, useMemo, useState } from 'react';
import type { LiveAttempt } from './live-run';
import { layoutTimeline, mergeSpans, withNodesNotRun, type PlacedSpan, type SpanRow } from './timeline';
import './run.css';

const LEGEND = [
  ['queue wait', 'repeating-linear-gradient(135deg, #e5e7eb 0 4px, #f3f4f6 4px 8px)'],
  ['succeeded', '#22a05a'],
  ['running', '#3b82f6'],
  ['retried attempt', '#e0903a'],
  ['failed', '#c62828'],
  ['skipped', '#c5ccd5'],
] as const;

/**
 * The Gantt chart of a run: a row per node, a bar per attempt (queue wait hatched, execution coloured by
 * status). Rows are buttons: choosing one opens that node's panel.
 */
export function RunTimeline(props: {
  rows: readonly SpanRow[];
  live?: readonly LiveAttempt[];
  order: readonly string[];
  running: boolean;
  selected?: string | null;
  onSelect?: (nodeId: string) => void;
  titles?: Record<string, string>;
  /** node types by id (from the spec), for nodes with no stored row yet */
  types?: Record<string, string>;
}) {
  const now = useNow(props.running);
  const timeline = useMemo(() => layoutTimeline(mergeSpans(props.rows, props.live), props.order, now), [props.rows, props.live, props.order, now]);
  if (timeline.rows.length === 0) {
    return <div className="muted small">{props.running ? 'Waiting for the first node to start…' : 'No node ran.'}</div>;
  }
  return (
    <div className="timeline" data-testid="timeline">
      <div className="timeline-axis" aria-hidden>
        <span className="timeline-label">node</span>
        <div className="timeline-track">
          {/* a tick near the right edge would collide with its neighbour's label: those are left out */}
          {timeline.ticks
            .filter((t) => t.left <= 88)
            .map((t, i) => (
              <span key={i} className="timeline-tick" style={{ left: `${t.left}%` }}>
                {t.label}
              </span>
            ))}
        </div>
        <span className="timeline-duration">time</span>
      </div>
      {(props.running ? timeline.rows : withNodesNotRun(timeline.rows, props.order)).map((row) => {
        if ('notRun' in row) {
          const type = props.types?.[row.nodeId];
          return (
            <button
              key={row.nodeId}
              type="button"
              className={props.selected === row.nodeId ? 'timeline-row not-run selected' : 'timeline-row not-run'}
              onClick={() => props.onSelect?.(row.nodeId)}
              data-testid={`timeline-row-${row.nodeId}`}
              data-status="not-run"
              aria-pressed={props.selected === row.nodeId}
              aria-label={`${row.nodeId}: not run`}
              title="The run ended before this node's turn"
            >
              <span className="timeline-label" title={type}>
                {props.titles?.[row.nodeId] ?? row.nodeId} <span className="mono">{type}</span>
              </span>
              <span className="timeline-track" />
              <span className="timeline-duration">not run</span>
            </button>
          );
        }
        const last = row.spans[row.spans.length - 1]!;
        const total = row.spans.reduce((sum, s) => sum + ((s.finishedAt ?? now) - (s.startedAt ?? s.finishedAt ?? now)), 0);
        return (
          <button
            key={row.nodeId}
            type="button"
            className={props.selected === row.nodeId ? 'timeline-row selected' : 'timeline-row'}
            onClick={() => props.onSelect?.(row.nodeId)}
            data-testid={`timeline-row-${row.nodeId}`}
            data-status={last.status}
            aria-pressed={props.selected === row.nodeId}
            aria-label={`${row.nodeId}: ${last.status}${row.spans.length > 1 ? `, ${row.spans.length} attempts` : ''}, ${formatDuration(total)}`}
          >
            <span className="timeline-label" title={row.nodeType ?? props.types?.[row.nodeId]}>
              {props.titles?.[row.nodeId] ?? row.nodeId} <span className="mono">{row.nodeType ?? props.types?.[row.nodeId]}</span>
            </span>
            <span className="timeline-track">
              {row.spans.map((span) => (
                <Bar key={span.attempt} span={span} attempts={row.spans.length} />
              ))}
            </span>
            <span className="timeline-duration">{last.status === 'skipped' ? 'skipped' : formatDuration(total)}</span>
          </button>
        );
      })}
      <div className="timeline-legend" aria-hidden>
        {LEGEND.map(([label, color]) => (
          <span key={label}>
            <span className="legend-swatch" style={{ background: color }} /> {label}
          </span>
        ))}
      </div>
    </div>
  );
}

function Bar({ span, attempts }: { span: PlacedSpan; attempts: number }) {
  const ms = (span.finishedAt ?? Date.now()) - (span.startedAt ?? span.queuedAt);
  const wait = (span.startedAt ?? span.queuedAt) - span.queuedAt;
  const title = [`attempt ${span.attempt}: ${span.status}`, `ran ${formatDuration(ms)}`, wait > 0 ? `waited ${formatDuration(wait)} in queue` : ''].filter(Boolean).join(' · ');
  const total = span.queueWidth + span.runWidth;
  const queueShare = total > 0 ? (span.queueWidth / total) * 100 : 0;
  return (
    <span
      className={`timeline-bar ${span.status}${span.open ? ' open' : ''}`}
      style={{ left: `min(${span.left}%, calc(100% - 3px))`, width: `${total}%` }}
      title={title}
    >
      {queueShare > 0 && <span className="queue" style={{ width: `${queueShare}%` }} />}
      <span className="exec" style={{ flex: 1 }}>
        {attempts > 1 ? `#${span.attempt}` : ''}
      </span>
    </span>
  );
}

/** Re-renders a few times a second while something is running (open bars grow). */
function useNow(ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) {
      setNow(Date.now());
      return;
    }
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [ticking]);
  return now;
}

'use client';
import { formatDuration } from './input-summary';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
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
        const type = ('nodeType' in row ? row.nodeType : undefined) ?? props.types?.[row.nodeId];
        const shell = { nodeId: row.nodeId, type, title: props.titles?.[row.nodeId] ?? row.nodeId, selected: props.selected === row.nodeId, onSelect: props.onSelect };
        if ('notRun' in row) {
          return (
            <RowButton key={row.nodeId} {...shell} status="not-run" label={`${row.nodeId}: not run`} hint="The run ended before this node's turn" duration="not run">
              <span className="timeline-track" />
            </RowButton>
          );
        }
        const last = row.spans[row.spans.length - 1]!;
        const total = row.spans.reduce((sum, s) => sum + ((s.finishedAt ?? now) - (s.startedAt ?? s.finishedAt ?? now)), 0);
        return (
          <RowButton
            key={row.nodeId}
            {...shell}
            status={last.status}
            label={`${row.nodeId}: ${last.status}${row.spans.length > 1 ? `, ${row.spans.length} attempts` : ''}, ${formatDuration(total)}`}
            duration={last.status === 'skipped' ? 'skipped' : formatDuration(total)}
          >
            <span className="timeline-track">
              {row.spans.map((span) => (
                <Bar key={span.attempt} span={span} attempts={row.spans.length} />
              ))}
            </span>
          </RowButton>
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

/** A row of the chart: a button that opens its node (label, track, duration). */
function RowButton(props: {
  nodeId: string;
  type?: string;
  title: string;
  selected: boolean;
  onSelect?: (nodeId: string) => void;
  status: string;
  label: string;
  hint?: string;
  duration: string;
  children: ReactNode;
}) {
  const classes = ['timeline-row', props.status === 'not-run' && 'not-run', props.selected && 'selected'].filter(Boolean).join(' ');
  return (
    <button
      type="button"
      className={classes}
      onClick={() => props.onSelect?.(props.nodeId)}
      data-testid={`timeline-row-${props.nodeId}`}
      data-status={props.status}
      aria-pressed={props.selected}
      aria-label={props.label}
      title={props.hint}
    >
      <span className="timeline-label" title={props.type}>
        {props.title} <span className="mono">{props.type}</span>
      </span>
      {props.children}
      <span className="timeline-duration">{props.duration}</span>
    </button>
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

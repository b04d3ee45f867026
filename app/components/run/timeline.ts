import type { LiveAttempt } from './live-run';
import type { NodeStatus } from './types';

/**
 * Layout of a run's Gantt chart: one row per node, one bar per attempt (so retries show side by side),
 * each bar split into its queue wait (queued → started) and its execution (started → finished).
 * Pure: times in epoch ms in, percentages of the chart's width out.
 */
export interface Span {
  nodeId: string;
  nodeType?: string;
  attempt: number;
  status: NodeStatus;
  queuedAt: number;
  startedAt?: number;
  finishedAt?: number;
  /** known only from live events (no NodeRun row yet) */
  live?: boolean;
}

export interface PlacedSpan extends Span {
  /** where the bar begins (its queue wait), % of the width */
  left: number;
  queueWidth: number;
  runWidth: number;
  /** still going: the bar ends at "now" */
  open: boolean;
}

export interface TimelineRow {
  nodeId: string;
  nodeType?: string;
  spans: PlacedSpan[];
}

export interface Timeline {
  start: number;
  end: number;
  rows: TimelineRow[];
  ticks: { left: number; label: string }[];
}

export interface SpanRow {
  nodeId: string;
  nodeType: string;
  attempt: number;
  status: string;
  queuedAt: Date | string;
  startedAt: Date | string | null;
  finishedAt: Date | string | null;
}

const time = (d: Date | string | null | undefined) => (d ? new Date(d).getTime() : undefined);

/**
 * Spans from the stored NodeRun rows plus live attempts that have no row yet (a row is written when
 * an attempt ends). Live attempts are placed by the client clock, close enough on one screen.
 */
export function mergeSpans(rows: readonly SpanRow[], live: readonly LiveAttempt[] = []): Span[] {
  const spans: Span[] = rows.map((r) => ({
    nodeId: r.nodeId,
    nodeType: r.nodeType,
    attempt: r.attempt,
    status: r.status as NodeStatus,
    queuedAt: time(r.queuedAt)!,
    startedAt: time(r.startedAt),
    finishedAt: time(r.finishedAt),
  }));
  const stored = new Set(rows.map((r) => `${r.nodeId}#${r.attempt}`));
  for (const a of live) {
    if (stored.has(`${a.nodeId}#${a.attempt}`)) continue;
    spans.push({ nodeId: a.nodeId, attempt: a.attempt, status: a.status, queuedAt: a.seenAt, startedAt: a.seenAt, finishedAt: a.endedAt, live: true });
  }
  return spans;
}

export function layoutTimeline(spans: readonly Span[], order: readonly string[], now: number): Timeline {
  if (spans.length === 0) return { start: now, end: now, rows: [], ticks: [] };
  const start = Math.min(...spans.map((s) => s.queuedAt));
  const end = Math.max(start + 1, ...spans.map((s) => s.finishedAt ?? now));
  const width = end - start;
  const pct = (t: number) => ((t - start) / width) * 100;

  const byNode = new Map<string, Span[]>();
  for (const span of spans) byNode.set(span.nodeId, [...(byNode.get(span.nodeId) ?? []), span]);
  // spec order first (the graph's order), then nodes the spec does not name, by first start
  const known = order.filter((id) => byNode.has(id));
  const extra = [...byNode.keys()].filter((id) => !order.includes(id)).sort((a, b) => firstStart(byNode.get(a)!) - firstStart(byNode.get(b)!));

  const rows = [...known, ...extra].map((nodeId) => {
    const nodeSpans = byNode.get(nodeId)!.sort((a, b) => a.attempt - b.attempt);
    return {
      nodeId,
      nodeType: nodeSpans.find((s) => s.nodeType)?.nodeType,
      spans: nodeSpans.map((s): PlacedSpan => {
        const began = s.startedAt ?? s.finishedAt ?? s.queuedAt;
        const finished = s.finishedAt ?? now;
        return {
          ...s,
          left: pct(s.queuedAt),
          queueWidth: Math.max(0, pct(began) - pct(s.queuedAt)),
          runWidth: Math.max(0, pct(finished) - pct(began)),
          open: s.finishedAt === undefined,
        };
      }),
    };
  });
  return { start, end, rows, ticks: ticks(width) };
}

/**
 * A finished run's rows with the spec's nodes that never ran (a failure or a cancellation ended the
 * run first) in their place in the graph's order, so the chart shows the whole graph and where it
 * stopped instead of only the part that ran.
 */
export function withNodesNotRun(rows: readonly TimelineRow[], order: readonly string[]): (TimelineRow | { nodeId: string; notRun: true })[] {
  const ran = new Map(rows.map((r) => [r.nodeId, r]));
  const inOrder = order.map((nodeId) => ran.get(nodeId) ?? { nodeId, notRun: true as const });
  return [...inOrder, ...rows.filter((r) => !order.includes(r.nodeId))];
}

function firstStart(spans: Span[]): number {
  return Math.min(...spans.map((s) => s.queuedAt));
}

/** About five round-numbered ticks (1, 2 or 5 × 10^k ms) across the chart. */
export function ticks(widthMs: number): { left: number; label: string }[] {
  const raw = widthMs / 5;
  const magnitude = 10 ** Math.floor(Math.log10(Math.max(raw, 1e-3)));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const out: { left: number; label: string }[] = [];
  for (let t = 0; t <= widthMs + 1e-9; t += step) out.push({ left: (t / widthMs) * 100, label: tickLabel(t) });
  return out;
}

function tickLabel(ms: number): string {
  if (ms === 0) return '0';
  if (ms < 1000) return `${Number(ms.toPrecision(3))} ms`;
  return `${Number((ms / 1000).toPrecision(3))} s`;
}

import { describe, expect, it } from 'vitest';
import { layoutTimeline, mergeSpans, ticks, withNodesNotRun, type SpanRow } from './timeline';

const T0 = Date.parse('2026-11-24T10:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms);

const ROWS: SpanRow[] = [
  { nodeId: 'query', nodeType: 'io.query-input', attempt: 1, status: 'succeeded', queuedAt: at(0), startedAt: at(0), finishedAt: at(10) },
  { nodeId: 'embed', nodeType: 'embed.glove', attempt: 1, status: 'failed', queuedAt: at(10), startedAt: at(30), finishedAt: at(50) },
  { nodeId: 'embed', nodeType: 'embed.glove', attempt: 2, status: 'succeeded', queuedAt: at(60), startedAt: at(60), finishedAt: at(100) },
  { nodeId: 'guard', nodeType: 'guard.rules', attempt: 1, status: 'skipped', queuedAt: at(100), startedAt: null, finishedAt: at(100) },
];

describe('timeline layout', () => {
  it('places queue wait and execution of every attempt as % of the run', () => {
    const timeline = layoutTimeline(mergeSpans(ROWS), ['query', 'guard', 'embed'], T0 + 500);
    expect(timeline.start).toBe(T0);
    expect(timeline.end).toBe(T0 + 100);
    expect(timeline.rows.map((r) => r.nodeId)).toEqual(['query', 'guard', 'embed']);
    const embed = timeline.rows[2]!;
    expect(embed.nodeType).toBe('embed.glove');
    expect(embed.spans.map((s) => [s.attempt, s.status, s.left, s.queueWidth, s.runWidth, s.open])).toEqual([
      [1, 'failed', 10, 20, 20, false],
      [2, 'succeeded', 60, 0, 40, false],
    ]);
    // a skipped node is a zero-width mark at the moment it was skipped
    expect(timeline.rows[1]!.spans[0]).toMatchObject({ left: 100, queueWidth: 0, runWidth: 0 });
  });

  it("puts the nodes a finished run never reached in their place in the graph's order", () => {
    const timeline = layoutTimeline(mergeSpans(ROWS), ['query', 'embed', 'retrieve', 'answer'], T0 + 500);
    const rows = withNodesNotRun(timeline.rows, ['query', 'embed', 'retrieve', 'answer']);
    // guard ran but the spec given does not name it (a node since removed): it keeps its row, last
    expect(rows.map((r) => [r.nodeId, 'notRun' in r])).toEqual([
      ['query', false],
      ['embed', false],
      ['retrieve', true],
      ['answer', true],
      ['guard', false],
    ]);
  });

  it('draws attempts only heard live up to now, without doubling stored ones', () => {
    const spans = mergeSpans(ROWS.slice(0, 1), [
      { nodeId: 'query', attempt: 1, status: 'succeeded', seenAt: T0, endedAt: T0 + 10 },
      { nodeId: 'embed', attempt: 1, status: 'running', seenAt: T0 + 20 },
    ]);
    expect(spans).toHaveLength(2);
    const timeline = layoutTimeline(spans, [], T0 + 40);
    expect(timeline.rows.map((r) => r.nodeId)).toEqual(['query', 'embed']);
    expect(timeline.rows[1]!.spans[0]).toMatchObject({ live: true, open: true, left: 50, runWidth: 50 });
  });

  it('is empty without spans', () => {
    expect(layoutTimeline([], ['a'], T0).rows).toEqual([]);
  });

  it('puts round ticks across the width', () => {
    expect(ticks(100).map((t) => t.label)).toEqual(['0', '20 ms', '40 ms', '60 ms', '80 ms', '100 ms']);
    expect(ticks(7300).map((t) => t.label)).toEqual(['0', '2 s', '4 s', '6 s']);
    expect(ticks(7300).at(-1)!.left).toBeCloseTo((6000 / 7300) * 100);
  });
});

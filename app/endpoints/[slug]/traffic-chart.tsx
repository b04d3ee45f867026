'use client';

interface Bar {
  start: Date | string;
  calls: number;
  failed: number;
}

const HEIGHT = 72;
const GAP = 2;

/**
 * Calls per time bucket as bars (failures in red at the foot of each), drawn as SVG scaled to its
 * box: no chart library for one small chart. Each bar's tooltip gives its span and counts.
 */
export function TrafficChart({ buckets, bucketMinutes, label }: { buckets: Bar[]; bucketMinutes: number; label: string }) {
  const peak = Math.max(1, ...buckets.map((b) => b.calls));
  const width = buckets.length * 10;
  const span = (b: Bar) => {
    const start = new Date(b.start);
    const end = new Date(start.getTime() + bucketMinutes * 60_000);
    return `${bucketLabel(start, bucketMinutes)}–${end.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}`;
  };
  return (
    <figure className="traffic-chart" aria-label={label}>
      <svg viewBox={`0 0 ${width} ${HEIGHT}`} preserveAspectRatio="none" role="img" aria-label={label}>
        {buckets.map((b, i) => {
          const total = (b.calls / peak) * HEIGHT;
          const failed = (b.failed / peak) * HEIGHT;
          return (
            <g key={i} data-testid="traffic-bar" data-calls={b.calls} data-failed={b.failed}>
              <title>{`${span(b)}: ${b.calls} call${b.calls === 1 ? '' : 's'}${b.failed ? `, ${b.failed} failed` : ''}`}</title>
              {/* the whole slot takes the hover, so an empty bucket has a tooltip too */}
              <rect x={i * 10} y={0} width={10} height={HEIGHT} fill="transparent" />
              {b.calls > 0 && <rect className="bar-ok" x={i * 10 + GAP / 2} y={HEIGHT - total} width={10 - GAP} height={total - failed} />}
              {b.failed > 0 && <rect className="bar-failed" x={i * 10 + GAP / 2} y={HEIGHT - failed} width={10 - GAP} height={failed} />}
            </g>
          );
        })}
      </svg>
      <figcaption className="muted small">
        <span>{buckets[0] && bucketLabel(new Date(buckets[0].start), bucketMinutes)}</span>
        {/* with no calls the scale's floor of 1 is no peak */}
        <span>{buckets.some((b) => b.calls > 0) ? `peak ${peak.toLocaleString()} per ${bucketMinutes >= 60 ? `${bucketMinutes / 60} h` : `${bucketMinutes} min`}` : 'no calls'}</span>
        <span>now</span>
      </figcaption>
    </figure>
  );
}

/** "14:00" within a day; "Tue 18:00" for a week's buckets. */
function bucketLabel(date: Date, bucketMinutes: number): string {
  const time = date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return bucketMinutes > 60 ? `${date.toLocaleDateString(undefined, { weekday: 'short' })} ${time}` : time;
}

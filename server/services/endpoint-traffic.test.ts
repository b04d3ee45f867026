import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbBackends, openTestDb, type TestDb } from '../testing/db';
import { echoSpec } from '../testing/specs';
import { endpointTraffic } from './endpoint-traffic';
import { publishEndpoint } from './endpoints';
import { createGraph } from './graphs';
import { saveVersion } from './versions';

const NOW = new Date('2026-11-20T12:30:00Z');
const at = (iso: string) => new Date(`2026-11-${iso}Z`);

describe.each(dbBackends())('endpoint traffic on %s', (backend) => {
  let db: TestDb;
  let endpointId: string;
  let v1: string;
  let v2: string;
  beforeAll(async () => {
    db = await openTestDb(backend);
    const graphId = (await createGraph(db, { name: 'traffic graph', spec: echoSpec('a') })).id;
    v1 = (await saveVersion(db, { graphId, baseVersionId: null })).id;
    v2 = (await saveVersion(db, { graphId, baseVersionId: v1, spec: echoSpec('b') })).id;
    endpointId = (await publishEndpoint(db, { graphId, slug: 'traffic', versionId: v1, canaryVersionId: v2, canaryPercent: 20 })).id;
    const other = (await publishEndpoint(db, { graphId, slug: 'other-traffic' })).id;
    const call = (endpoint: string, version: string, status: string, created: string, latencyMs: number | null) =>
      db.sql.query(
        `INSERT INTO run (id, graph_id, graph_version_id, endpoint_id, source, status, spec_hash, input, created_at, finished_at)
         VALUES (gen_random_uuid(), $1, $2, $3, 'api', $4::run_status, 'h', '{}', $5::timestamptz, $5::timestamptz + ($6 || ' milliseconds')::interval)`,
        [graphId, version, endpoint, status, at(created), latencyMs === null ? null : String(latencyMs)],
      );
    // the stable version: three calls served in 100-300 ms and a fast failure in the last hour
    await call(endpointId, v1, 'succeeded', '20T12:10:00', 100);
    await call(endpointId, v1, 'succeeded', '20T12:11:00', 200);
    await call(endpointId, v1, 'succeeded', '20T12:12:00', 300);
    await call(endpointId, v1, 'failed', '20T12:20:00', 5);
    // the canary: a slow call at 09:05, and one still running
    await call(endpointId, v2, 'succeeded', '20T09:05:00', 1000);
    await call(endpointId, v2, 'running', '20T12:25:00', null);
    // outside the last 24 hours, and another endpoint's call
    await call(endpointId, v1, 'succeeded', '18T08:00:00', 50);
    await call(other, v2, 'succeeded', '20T12:00:00', 10);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it('counts calls per hour over the last day, with latency percentiles of the calls that succeeded', async () => {
    const traffic = await endpointTraffic(db, endpointId, '24h', NOW);
    expect(traffic).toMatchObject({ window: '24h', bucketMinutes: 60, from: at('19T13:00:00'), to: at('20T13:00:00') });
    expect(traffic.buckets).toHaveLength(24);
    const busy = traffic.buckets.filter((b) => b.calls > 0);
    expect(busy).toEqual([
      { start: at('20T09:00:00'), calls: 1, failed: 0 },
      { start: at('20T12:00:00'), calls: 5, failed: 1 },
    ]);
    // the failure (5 ms) and the running call are left out of the percentiles: 100, 200, 300, 1000
    expect(traffic.total).toEqual({ calls: 6, failed: 1, inFlight: 1, p50Ms: 250, p95Ms: 895 });
  });

  it('compares the versions that served calls, the canary beside the stable one', async () => {
    const { byVersion } = await endpointTraffic(db, endpointId, '24h', NOW);
    expect(byVersion).toEqual([
      { versionId: v2, versionNumber: 2, calls: 2, failed: 0, inFlight: 1, p50Ms: 1000, p95Ms: 1000 },
      { versionId: v1, versionNumber: 1, calls: 4, failed: 1, inFlight: 0, p50Ms: 200, p95Ms: 290 },
    ]);
  });

  it('covers a week in six-hour buckets, and says when an endpoint does not exist', async () => {
    const week = await endpointTraffic(db, endpointId, '7d', NOW);
    expect(week).toMatchObject({ bucketMinutes: 360, from: at('13T18:00:00'), to: at('20T18:00:00') });
    expect(week.buckets).toHaveLength(28);
    expect(week.total.calls).toBe(7);
    expect(week.buckets.find((b) => b.start.getTime() === at('18T06:00:00').getTime())).toEqual({ start: at('18T06:00:00'), calls: 1, failed: 0 });
    await expect(endpointTraffic(db, '00000000-0000-4000-8000-000000000000', '24h', NOW)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('shows an idle endpoint as empty buckets and no latency', async () => {
    const idle = await endpointTraffic(db, endpointId, '24h', new Date('2026-12-25T00:00:00Z'));
    expect(idle.buckets.every((b) => b.calls === 0)).toBe(true);
    expect(idle.total).toEqual({ calls: 0, failed: 0, inFlight: 0, p50Ms: null, p95Ms: null });
    expect(idle.byVersion).toEqual([]);
  });
});

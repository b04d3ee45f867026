import { describe, expect, it, vi } from 'vitest';
import { useRunStore } from '../../runners/testing/run-store-fixture';
import { dbBackends } from '../testing/db';
import { pruneRuns, scheduleRetention } from './retention';

describe.each(dbBackends())('run retention on %s', (backend) => {
  const fixture = useRunStore(backend, 'retention');

  const now = new Date('2026-11-26T12:00:00Z');

  /** A run created `daysAgo` days before `now` with two nodes' traces and outputs, finished or still running. */
  async function run(daysAgo: number, finished: boolean): Promise<string> {
    const { db, store } = fixture;
    const id = await fixture.newRun();
    for (const nodeId of ['in', 'out']) {
      store.recordNode({ runId: id, nodeId, nodeType: 'util.passthrough', attempt: 1, status: 'succeeded', queuedAt: now });
      store.saveArtifact(id, nodeId, { outputs: { value: 'x'.repeat(100) }, runOutput: {} });
    }
    if (finished) await store.finishRun(id, 'succeeded', { output: { result: 'q' } });
    else await store.flush();
    const then = new Date(now.getTime() - daysAgo * 86_400_000).toISOString();
    await db.sql.execute(`UPDATE run SET created_at = $2 WHERE id = $1`, [id, then]);
    await db.sql.execute(`UPDATE run_artifact SET created_at = $2 WHERE run_id = $1`, [id, then]);
    return id;
  }

  const count = async (table: string, runId: string) =>
    Number((await fixture.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${table === 'run' ? 'id' : 'run_id'} = $1`, [runId]))[0]!.n);

  it('drops the stored outputs of finished runs past artifactDays, keeping their trace, and never touches unfinished runs', async () => {
    const old = await run(40, true);
    const recent = await run(5, true);
    const stuck = await run(40, false);
    const pruned = await pruneRuns(fixture.db, { runDays: null, artifactDays: 30 }, { now, batch: 1 });
    expect(pruned).toEqual({ runs: 0, artifacts: 2 });
    expect([await count('run_artifact', old), await count('run', old), await count('node_run', old)]).toEqual([0, 1, 2]);
    expect(await count('run_artifact', recent)).toBe(2);
    expect(await count('run_artifact', stuck)).toBe(2); // a resumed run continues from these
    expect(await pruneRuns(fixture.db, { runDays: null, artifactDays: 30 }, { now })).toEqual({ runs: 0, artifacts: 0 });
  });

  it('deletes whole finished runs past runDays (their traces and outputs with them), in batches', async () => {
    const olds = [await run(100, true), await run(95, true), await run(91, true)];
    const kept = await run(60, true);
    const stuck = await run(100, false);
    const pruned = await pruneRuns(fixture.db, { runDays: 90, artifactDays: null }, { now, batch: 2 });
    expect(pruned.runs).toBe(3);
    for (const id of olds) expect([await count('run', id), await count('node_run', id), await count('run_artifact', id)]).toEqual([0, 0, 0]);
    expect(await count('run', kept)).toBe(1);
    expect(await count('run', stuck)).toBe(1);
  });

  it('prunes in the background once started, and stops when told', async () => {
    const old = await run(45, true);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const stop = scheduleRetention(fixture.db, { runDays: null, artifactDays: 30 }, { firstAfterMs: 1, everyMs: 60_000 });
      await vi.waitFor(() => expect(log).toHaveBeenCalledWith(expect.stringMatching(/^\[retention\] deleted 0 finished runs and \d+ stored node outputs past their retention$/)), {
        timeout: 5000,
      });
      stop();
      expect(await count('run_artifact', old)).toBe(0);
    } finally {
      log.mockRestore();
    }
  });

  it('keeps everything when neither limit is set', async () => {
    const ancient = await run(10_000, true);
    expect(await pruneRuns(fixture.db, { runDays: null, artifactDays: null }, { now })).toEqual({ runs: 0, artifacts: 0 });
    expect(await count('run_artifact', ancient)).toBe(2);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbBackends, openTestDb, type TestDb } from '../server/testing/db';
import { parseDevices } from './devices';
import { listWorkers, runsOrchestratedByLiveWorkers, startHeartbeat } from './workers';

/**
 * The worker table as the Workers page and run recovery read it: a worker's heartbeat row carries its
 * devices, loaded models and the runs it orchestrates; one silent for 15 s is gone, and its runs are
 * no longer claimed; one silent for 150 s is dropped by the next live worker's heartbeat.
 */
describe.each(dbBackends())('worker heartbeats on %s', (backend) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(backend);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it('lists live and silent workers with what they hold, and drops the long silent', async () => {
    const ago = (ms: number) => new Date(Date.now() - ms);
    await db.prisma.worker.create({ data: { id: 'silent', devices: [], orchestrating: ['run-b'], heartbeatAt: ago(20_000) } });
    await db.prisma.worker.create({ data: { id: 'long-gone', devices: [], heartbeatAt: ago(10 * 60_000) } });
    const heartbeat = startHeartbeat(db, {
      id: 'live',
      roles: ['executor'],
      devices: parseDevices('cpu'),
      concurrency: 4,
      models: () => [{ model: 'minilm', device: 'cpu', memoryMB: 120, copies: 2 }],
      orchestrating: () => ['run-a'],
    });
    try {
      await expect.poll(async () => (await listWorkers(db)).map((w) => w.id)).toEqual(['silent', 'live']);
      const [silent, live] = await listWorkers(db);
      expect(live).toMatchObject({
        alive: true,
        roles: ['executor'],
        devices: [{ id: 'cpu', kind: 'cpu' }],
        models: [{ model: 'minilm', device: 'cpu', memoryMB: 120, copies: 2 }],
        orchestrating: ['run-a'],
        concurrency: 4,
      });
      expect(silent).toMatchObject({ alive: false, orchestrating: ['run-b'], roles: ['orchestrator', 'executor'] }); // a row from before roles: both
      expect([...(await runsOrchestratedByLiveWorkers(db))]).toEqual(['run-a']);
    } finally {
      await heartbeat.stop();
    }
    // a worker that stops takes its row with it
    expect((await listWorkers(db)).map((w) => w.id)).toEqual(['silent']);
  });
});

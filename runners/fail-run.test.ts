import { describe, expect, it } from 'vitest';
import { dbBackends, openTestDb } from '../server/testing/db';
import { createMemoryBus, type RunEvent } from './events';
import { failRun } from './orchestrator';
import { RunStore } from './run-store';
import { useRunStore } from './testing/run-store-fixture';

/** Ending a run from outside its orchestration (a crash, a lost queue job): stored, and announced. */
describe.each(dbBackends())('failRun on %s', (backend) => {
  const fixture = useRunStore(backend, 'fail-run');

  it('stores the run as failed with its error and tells its watchers', async () => {
    const runId = await fixture.newRun();
    const bus = createMemoryBus();
    const events: RunEvent[] = [];
    bus.subscribe(runId, (e) => events.push(e));
    await failRun({ store: fixture.store, bus }, runId, { code: 'INTERNAL', message: 'the run was lost: its queue job failed: boom' });
    await expect.poll(async () => (await fixture.store.loadRun(runId))?.status).toBe('failed');
    expect(events).toEqual([{ type: 'run', runId, status: 'failed', error: { code: 'INTERNAL', message: 'the run was lost: its queue job failed: boom' } }]);
  });
});

describe('failRun when the database is gone', () => {
  it('still tells the run’s watchers, and reports the failed write', async () => {
    const db = await openTestDb('pglite');
    const store = new RunStore(db);
    await db.destroy();
    const bus = createMemoryBus();
    const events: RunEvent[] = [];
    bus.subscribe('run-1', (e) => events.push(e));
    await expect(failRun({ store, bus }, 'run-1', { code: 'INTERNAL', message: 'the runner failed: x' })).rejects.toThrow();
    expect(events.map((e) => e.type === 'run' && e.status)).toEqual(['failed']);
  });
});

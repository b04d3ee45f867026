import { afterAll, beforeAll } from 'vitest';
import { createGraph } from '../../server/services/graphs';
import { openTestDb, type Backend, type TestDb } from '../../server/testing/db';
import { echoSpec } from '../../server/testing/specs';
import { RunStore } from '../run-store';

export interface RunStoreFixture {
  db: TestDb;
  store: RunStore;
  /** starts a run (status running) of the fixture's graph */
  newRun(input?: Record<string, unknown>): Promise<string>;
}

/**
 * For suites that write runs straight through the RunStore: a fresh test database with one graph,
 * opened before the suite and destroyed after it.
 */
export function useRunStore(backend: Backend, graphName: string): RunStoreFixture {
  let graphId = '';
  const fixture: RunStoreFixture = {
    db: undefined as unknown as TestDb,
    store: undefined as unknown as RunStore,
    newRun: (input = { query: 'q' }) =>
      fixture.store.createRun({ graphId, graphVersionId: null, spec: echoSpec(), specHash: 'h', input, source: 'api' }, 'running'),
  };
  beforeAll(async () => {
    fixture.db = await openTestDb(backend);
    fixture.store = new RunStore(fixture.db);
    graphId = (await createGraph(fixture.db, { name: graphName, spec: echoSpec() })).id;
  });
  afterAll(async () => {
    await fixture.db?.destroy();
  });
  return fixture;
}

import { noDatabase, type ModelHost, type NodeContext, type NodeEvent, type NodeMetrics } from '../core/context';

/**
 * A NodeContext for executor tests that need no database: a real per-test model host (models stay
 * warm across calls, as on a worker), and recorded events/metrics/outputs to assert on. Tests that
 * touch SQL pass `sql` from server/testing/db.ts openTestDb.
 */
export interface TestContext extends NodeContext {
  events: NodeEvent[];
  metrics: NodeMetrics;
  /** keys of the models this context's host loaded, in order (empty when `models` was passed in) */
  modelLoads: string[];
  output: Record<string, unknown>;
  controller: AbortController;
}

export function createTestModelHost(): ModelHost & { loads: string[] } {
  const models = new Map<string, Promise<unknown>>();
  const loads: string[] = [];
  return {
    loads,
    get<T>(key: string, load: () => Promise<T>) {
      let entry = models.get(key);
      if (!entry) {
        loads.push(key);
        entry = load().catch((error: unknown) => {
          models.delete(key);
          throw error;
        });
        models.set(key, entry);
      }
      return entry as Promise<T>;
    },
  };
}

const noSql = noDatabase('this test context has no database: pass sql from openTestDb');

export function createTestContext(overrides: Partial<NodeContext> = {}): TestContext {
  const controller = new AbortController();
  const events: NodeEvent[] = [];
  const metrics: NodeMetrics = {};
  const output: Record<string, unknown> = {};
  const models = createTestModelHost();
  return {
    runId: 'test-run',
    nodeId: 'test-node',
    attempt: 1,
    device: 'cpu',
    signal: controller.signal,
    sql: noSql,
    models,
    runInput: {},
    inputFrom: {},
    setOutput: (fields) => Object.assign(output, fields),
    emit: (event) => events.push(event),
    record: (m) => Object.assign(metrics, m),
    ...overrides,
    events,
    metrics,
    modelLoads: models.loads,
    output,
    controller,
  };
}

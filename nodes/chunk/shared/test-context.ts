import { noDatabase, type ModelHost, type NodeContext, type NodeEvent, type NodeMetrics } from '../../core/context';

/**
 * A NodeContext for node tests that need no database: events and metrics are collected for
 * assertions, models stay warm in a map like the runner's host. SQL use fails loudly.
 */
export interface TestContext extends NodeContext {
  events: NodeEvent[];
  metrics: NodeMetrics;
  modelLoads: string[];
}

const noSql = noDatabase('this test context has no database');

export function createTestModelHost(loads: string[] = []): ModelHost {
  const models = new Map<string, Promise<unknown>>();
  return {
    get<T>(key: string, load: () => Promise<T>): Promise<T> {
      let model = models.get(key);
      if (!model) {
        loads.push(key);
        model = load();
        models.set(key, model);
      }
      return model as Promise<T>;
    },
  };
}

export function testContext(overrides: Partial<NodeContext> = {}): TestContext {
  const events: NodeEvent[] = [];
  const metrics: NodeMetrics = {};
  const modelLoads: string[] = [];
  return {
    runId: 'test-run',
    nodeId: 'test-node',
    attempt: 1,
    device: 'cpu',
    signal: new AbortController().signal,
    sql: noSql,
    models: createTestModelHost(modelLoads),
    runInput: {},
    setOutput: () => undefined,
    emit: (event) => events.push(event),
    record: (m) => Object.assign(metrics, m),
    events,
    metrics,
    modelLoads,
    ...overrides,
  };
}

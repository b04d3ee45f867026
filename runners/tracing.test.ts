import { trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createGraph } from '../server/services/graphs';
import { openTestDb, type TestDb } from '../server/testing/db';
import { createRunner, type Runner } from './index';
import { chainGraph } from './testing/graphs';

describe('OpenTelemetry spans of a run', () => {
  const exporter = new InMemorySpanExporter();
  let db: TestDb;
  let runner: Runner;
  beforeAll(async () => {
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
    db = await openTestDb('pglite');
    runner = await createRunner(db, { resume: false });
  });
  afterAll(async () => {
    await runner?.close();
    await db?.destroy();
    trace.disable();
  });

  it('has one run span with a child span per node carrying node id, device and batch size', async () => {
    const graphId = (await createGraph(db, { name: 'traced' })).id;
    const { runId } = await runner.start({ graphId, graphVersionId: null, spec: chainGraph([{ id: 'a', type: 'util.passthrough' }]), input: { query: 'q' }, source: 'test' });
    expect((await runner.wait(runId, 30_000)).status).toBe('succeeded');
    // the run span ends just after the run's final event
    const spans = await vi.waitFor(() => {
      const found = exporter.getFinishedSpans().filter((s) => s.attributes['rag.run.id'] === runId);
      expect(found.some((s) => s.name === 'run')).toBe(true);
      return found;
    });
    const root = spans.find((s) => s.name === 'run')!;
    expect(root.attributes['rag.run.status']).toBe('succeeded');
    const nodes = spans.filter((s) => s.name.startsWith('node '));
    expect(nodes.map((s) => s.attributes['rag.node.id']).sort()).toEqual(['a', 'in', 'out']);
    for (const span of nodes) {
      expect(span.parentSpanContext?.spanId).toBe(root.spanContext().spanId);
      expect(span.spanContext().traceId).toBe(root.spanContext().traceId);
      expect(span.attributes['rag.device']).toBe('cpu');
      expect(span.attributes['rag.batch.size']).toBe(1);
      expect(span.attributes['rag.worker']).toMatch(/^in-process@/);
    }
  });
});

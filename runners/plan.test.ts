import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { createCatalog } from '../nodes/core/catalog-types';
import { compileGraph } from '../nodes/core/compile';
import { defineNode } from '../nodes/core/define';
import { DEFAULT_NODE_TIMEOUT_MS, gatherInputs, initialState, inputOrigins, isFinished, nextStep, nodeLimits } from './plan';

const source = defineNode({ type: 't.source', typeVersion: 1, title: 'Source', category: 'io', description: '', role: 'entry', inputs: {}, outputs: { query: { kind: 'query' } }, config: z.object({}), resources: { device: 'any' } });
const guard = defineNode({
  type: 't.guard', typeVersion: 1, title: 'Guard', category: 'guard', description: '',
  inputs: { query: { kind: 'query' } },
  outputs: { passed: { kind: 'query' }, blocked: { kind: 'answer' } },
  config: z.object({}), resources: { device: 'any' },
});
const answer = defineNode({ type: 't.answer', typeVersion: 1, title: 'Answer', category: 'llm', description: '', inputs: { query: { kind: 'query' } }, outputs: { answer: { kind: 'answer' } }, config: z.object({}), resources: { device: 'any' } });
const sink = defineNode({ type: 't.sink', typeVersion: 1, title: 'Sink', category: 'io', description: '', role: 'exit', inputs: { answer: { kind: 'answer', multiple: true } }, outputs: {}, config: z.object({}), resources: { device: 'any' } });
const catalog = createCatalog([source, guard, answer, sink]);

const n = (id: string, type: string) => ({ id, type, typeVersion: 1, config: {}, position: { x: 0, y: 0 } });
const e = (id: string, from: string, fp: string, to: string, tp: string) => ({ id, from: { node: from, port: fp }, to: { node: to, port: tp } });
// source → guard → (passed) answer → sink;  guard (blocked) → sink
const graph = compileGraph(
  {
    schemaVersion: 1,
    nodes: [n('src', 't.source'), n('guard', 't.guard'), n('llm', 't.answer'), n('out', 't.sink')],
    edges: [e('1', 'src', 'query', 'guard', 'query'), e('2', 'guard', 'passed', 'llm', 'query'), e('3', 'llm', 'answer', 'out', 'answer'), e('4', 'guard', 'blocked', 'out', 'answer')],
  },
  catalog,
);

describe('plan', () => {
  it('offers nodes in dependency order', () => {
    const state = initialState(graph);
    expect(nextStep(graph, state)).toEqual({ ready: ['src'], skip: [] });
    state.set('src', { status: 'running' });
    expect(nextStep(graph, state)).toEqual({ ready: [], skip: [] });
    state.set('src', { status: 'succeeded', emitted: new Set(['query']) });
    expect(nextStep(graph, state)).toEqual({ ready: ['guard'], skip: [] });
  });

  it('skips the branch a guardrail did not take and still reaches the exit (early exit)', () => {
    const state = initialState(graph);
    state.set('src', { status: 'succeeded', emitted: new Set(['query']) });
    state.set('guard', { status: 'succeeded', emitted: new Set(['blocked']) });
    expect(nextStep(graph, state)).toEqual({ ready: [], skip: ['llm'] });
    state.set('llm', { status: 'skipped' });
    // the sink takes `multiple` answers: the blocked answer arrived, so it runs
    expect(nextStep(graph, state)).toEqual({ ready: ['out'], skip: [] });
    const outputs: Record<string, Record<string, unknown>> = { guard: { blocked: { text: 'refused' } } };
    expect(gatherInputs(graph, 'out', (node, port) => outputs[node]?.[port])).toEqual({ answer: [{ text: 'refused' }] });
    // and it is told which node that value came from: the guard, not the answer node that stayed silent
    expect(inputOrigins(graph, 'out', (node, port) => outputs[node]?.[port])).toEqual({ answer: ['guard'] });
    const both: Record<string, Record<string, unknown>> = { ...outputs, llm: { answer: { text: 'hello' } } };
    expect(gatherInputs(graph, 'out', (node, port) => both[node]?.[port])).toEqual({ answer: [{ text: 'hello' }, { text: 'refused' }] });
    expect(inputOrigins(graph, 'out', (node, port) => both[node]?.[port])).toEqual({ answer: ['llm', 'guard'] });
    state.set('out', { status: 'succeeded', emitted: new Set() });
    expect(isFinished(state)).toBe(true);
  });

  it('skips a node none of whose required inputs arrived, and the skip propagates', () => {
    const state = initialState(graph);
    state.set('src', { status: 'succeeded', emitted: new Set() }); // emitted nothing
    expect(nextStep(graph, state)).toEqual({ ready: [], skip: ['guard'] });
    state.set('guard', { status: 'skipped' });
    expect(nextStep(graph, state)).toEqual({ ready: [], skip: ['llm'] });
    state.set('llm', { status: 'skipped' });
    expect(nextStep(graph, state)).toEqual({ ready: [], skip: ['out'] });
  });

  it('skips a node whose inputs are all optional when none of them received anything', () => {
    const embed = defineNode({
      type: 't.embed', typeVersion: 1, title: 'Embed', category: 'embed', description: '',
      inputs: { chunks: { kind: 'chunks', required: false }, query: { kind: 'query', required: false } },
      outputs: { vector: { kind: 'query-vector' } }, config: z.object({}), resources: { device: 'any' },
    });
    const local = createCatalog([source, guard, embed, sink, answer]);
    const g = compileGraph(
      {
        schemaVersion: 1,
        nodes: [n('src', 't.source'), n('guard', 't.guard'), n('embed', 't.embed'), n('llm', 't.answer'), n('out', 't.sink')],
        edges: [e('1', 'src', 'query', 'guard', 'query'), e('2', 'guard', 'passed', 'embed', 'query'), e('3', 'embed', 'vector', 'llm', 'query'), e('4', 'llm', 'answer', 'out', 'answer'), e('5', 'guard', 'blocked', 'out', 'answer')],
      },
      local,
    );
    const state = initialState(g);
    state.set('src', { status: 'succeeded', emitted: new Set(['query']) });
    state.set('guard', { status: 'succeeded', emitted: new Set(['blocked']) });
    expect(nextStep(g, state)).toEqual({ ready: [], skip: ['embed'] });
  });
});

describe('nodeLimits', () => {
  const timed = (configTimeoutLimits?: 'attempt' | 'request') =>
    defineNode({
      type: `t.timed-${configTimeoutLimits ?? 'default'}`, typeVersion: 1, title: 'Timed', category: 'util', description: '',
      inputs: {}, outputs: {}, config: z.object({ timeoutMs: z.number().optional(), retries: z.number().optional() }),
      resources: { device: 'any' }, timeoutMs: 60_000, retries: 2, configTimeoutLimits,
    });
  const limitsOf = (definition: ReturnType<typeof timed>, config: Record<string, unknown>) => nodeLimits({ definition, config });

  it("takes the definition's limits unless the config sets its own", () => {
    expect(limitsOf(timed(), {})).toEqual({ timeoutMs: 60_000, retries: 2 });
    expect(limitsOf(timed(), { timeoutMs: 500, retries: 0 })).toEqual({ timeoutMs: 500, retries: 0 });
    const bare = defineNode({ ...timed(), type: 't.bare', timeoutMs: undefined, retries: undefined });
    expect(limitsOf(bare, {})).toEqual({ timeoutMs: DEFAULT_NODE_TIMEOUT_MS, retries: 0 });
  });

  it("does not cut an attempt short by a config timeout that limits each request, but gives a request that long", () => {
    // an embedder's 30 s per request must not end an ingestion that sends a hundred requests
    expect(limitsOf(timed('request'), { timeoutMs: 30_000 }).timeoutMs).toBe(60_000);
    expect(limitsOf(timed('request'), { timeoutMs: 300_000 }).timeoutMs).toBe(300_000);
  });
});

import { describe, expect, it } from 'vitest';
import { catalog } from '../nodes/catalog';
import { compileGraph } from '../nodes/core/compile';
import { previewInputs } from './input-preview';
import { chainGraph, parallelGraph } from './testing/graphs';

describe('previewInputs', () => {
  it("records an input that is an upstream node's output as a reference to it, fan-in lists included", () => {
    const graph = compileGraph(parallelGraph(0), catalog);
    const produced = new Map<string, Record<string, unknown>>([
      ['in', { query: { text: 'q' } }],
      ['a', { value: { text: 'from a' } }],
      ['b', { value: { text: 'from b' } }],
    ]);
    const outputOf = (node: string, port: string) => produced.get(node)?.[port];
    const inputs = { value: [produced.get('a')!.value, produced.get('b')!.value] };
    expect(previewInputs(graph.nodes.get('out')!, inputs, outputOf)).toEqual({
      value: [{ $output: { node: 'a', port: 'value' } }, { $output: { node: 'b', port: 'value' } }],
    });
    expect(previewInputs(graph.nodes.get('a')!, { value: produced.get('in')!.query }, outputOf)).toEqual({ value: { $output: { node: 'in', port: 'query' } } });
  });

  it('previews values that are not the very object upstream produced, with the usual cuts', () => {
    const graph = compileGraph(chainGraph([{ id: 'a', type: 'util.passthrough' }]), catalog);
    const upstream = { text: 'original' };
    const outputOf = (node: string) => (node === 'in' ? { query: upstream } : undefined)?.query;
    // an equal copy is not the same value: it may have been rebuilt, so it is shown
    const copy = { text: 'x'.repeat(500) };
    const shown = previewInputs(graph.nodes.get('a')!, { value: copy }, outputOf) as { value: { text: string } };
    expect(shown.value.text).toMatch(/^x{400}… \(500 chars\)$/);
    // a secret-looking port is still redacted
    expect(previewInputs(graph.nodes.get('a')!, { apiKey: 'sk-123' }, outputOf)).toEqual({ apiKey: '[redacted]' });
    // a fan-in list with one rebuilt element is previewed whole
    const out = compileGraph(parallelGraph(0), catalog).nodes.get('out')!;
    const a = { text: 'a' };
    const mixed = previewInputs(out, { value: [a, { text: 'b' }] }, (node) => (node === 'a' ? a : node === 'b' ? { text: 'other b' } : undefined));
    expect(mixed).toEqual({ value: [{ text: 'a' }, { text: 'b' }] });
  });
});

import { describe, expect, it } from 'vitest';
import { catalog } from '../../../nodes/catalog';
import { canConnect, portNamed } from '../../../nodes/core/ports';
import { quickAddOptions } from './quick-add';

const typesOf = (options: ReturnType<typeof quickAddOptions>) => options.map((o) => o.definition.type);

describe('quickAddOptions', () => {
  it('offers, for a dragged output, the types with an input taking its kind: exact kinds before "json" inputs', () => {
    const options = quickAddOptions(catalog, { kind: 'retrieved', side: 'output' });
    const types = typesOf(options);
    expect(types).toEqual(expect.arrayContaining(['rerank.builtin', 'prompt.template', 'retrieve.merge', 'io.result-output']));
    expect(types).not.toContain('embed.glove');
    expect(options.find((o) => o.definition.type === 'prompt.template')!.port).toBe('context');
    // a node made for passages comes before one that takes anything
    expect(types.indexOf('rerank.builtin')).toBeLessThan(types.indexOf('io.result-output'));
    for (const option of options) {
      const input = portNamed(option.definition.inputs, option.port)!;
      expect(canConnect('retrieved', input.kind).ok, `${option.definition.type}.${option.port}`).toBe(true);
    }
  });

  it('offers, for a dragged input, the types with an output that can feed it', () => {
    const options = quickAddOptions(catalog, { kind: 'answer', side: 'input' });
    expect(typesOf(options)).toEqual(expect.arrayContaining(['llm.extractive', 'llm.openai']));
    for (const option of options) {
      const output = portNamed(option.definition.outputs, option.port)!;
      expect(canConnect(output.kind, 'answer').ok, `${option.definition.type}.${option.port}`).toBe(true);
    }
    expect(typesOf(options)).not.toContain('io.answer-output'); // it has no outputs
  });

  it('narrows by the words typed, in titles, types and categories', () => {
    expect(typesOf(quickAddOptions(catalog, { kind: 'retrieved', side: 'output' }, 'rerank built'))).toEqual(['rerank.builtin']);
    expect(quickAddOptions(catalog, { kind: 'retrieved', side: 'output' }, 'no such node')).toEqual([]);
  });
});

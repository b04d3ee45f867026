import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { guardRules } from '../guard/rules/definition';
import { promptTemplate } from '../prompt/template/definition';
import { routeQuery } from '../route/query/definition';
import { llmExtractive } from './extractive/definition';
import { llmOpenAI } from './openai/definition';

// The editor and the catalog API read configs through z.toJSONSchema: every H4 node config must convert,
// describe every field, and mark API keys secret.
const definitions = [promptTemplate, llmExtractive, llmOpenAI, guardRules, routeQuery];

type Json = { type?: string; properties?: Record<string, { description?: string; secret?: boolean }>; required?: string[] };

describe('prompt/llm/guard/route config schemas', () => {
  it.each(definitions.map((d) => [d.type, d] as const))('%s converts to JSON Schema with a description on every field', (_type, definition) => {
    const json = z.toJSONSchema(definition.config, { io: 'input', unrepresentable: 'any' }) as Json;
    expect(json.type).toBe('object');
    for (const [key, property] of Object.entries(json.properties ?? {})) expect(property.description, key).toBeTruthy();
  });

  it('parses {} for every node except llm.openai, which needs a model name', () => {
    for (const d of definitions) expect(d.config.safeParse({}).success, d.type).toBe(d.type !== 'llm.openai');
    expect((z.toJSONSchema(llmOpenAI.config, { io: 'input' }) as Json).required).toEqual(['model']);
  });

  it('marks API keys as secret', () => {
    const secrets = (d: (typeof definitions)[number]) =>
      Object.entries((z.toJSONSchema(d.config, { io: 'input', unrepresentable: 'any' }) as Json).properties ?? {})
        .filter(([, p]) => p.secret === true)
        .map(([k]) => k);
    expect(secrets(llmOpenAI)).toEqual(['apiKey']);
    expect(secrets(guardRules)).toEqual(['moderationApiKey']);
  });
});

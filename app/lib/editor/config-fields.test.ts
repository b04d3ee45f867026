import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../../nodes/catalog';
import { configErrors, configFields, formatDefault, humanize } from './config-fields';
import { testRetriever } from './test-catalog';

describe('configFields', () => {
  const fields = configFields(testRetriever.config)!;
  const byKey = new Map(fields.map((f) => [f.key, f]));

  it('maps each zod field to the right control with its description, default and bounds', () => {
    expect(fields.map((f) => [f.key, f.kind])).toEqual([
      ['collection', 'text'],
      ['topK', 'number'],
      ['mode', 'enum'],
      ['apiKey', 'secret'],
      ['token', 'secret'],
      ['stopWords', 'string-list'],
      ['exact', 'boolean'],
      ['template', 'textarea'],
      ['weights', 'number-list'],
      ['extra', 'json'],
      ['threshold', 'number'],
    ]);
    expect(byKey.get('collection')).toMatchObject({ required: true, hasDefault: false, minLength: 1, label: 'Collection' });
    expect(byKey.get('topK')).toMatchObject({ integer: true, min: 1, max: 200, defaultValue: 8, hasDefault: true, required: false, label: 'Top K' });
    expect(byKey.get('mode')?.options?.map((o) => o.value)).toEqual(['dense', 'hybrid']);
    expect(byKey.get('token')?.description).toBe('Bearer token');
    expect(byKey.get('threshold')).toMatchObject({ nullable: true, min: 0, max: 1, defaultValue: null });
  });

  it('describes every real catalog node without throwing, one field per config key', () => {
    for (const definition of catalog.all()) {
      const schema = definition.config as z.ZodObject;
      const list = configFields(definition.config);
      expect(list, definition.type).not.toBeNull();
      expect(list!.map((f) => f.key).sort(), definition.type).toEqual(Object.keys(schema.shape).sort());
    }
  });

  it('returns null for a config that is not an object', () => {
    expect(configFields(z.string())).toBeNull();
  });
});

describe('configErrors', () => {
  it('reports errors per top-level key, and none for a valid config', () => {
    const errors = configErrors(testRetriever.config, { topK: 500, mode: 'fuzzy' });
    expect([...errors.keys()].sort()).toEqual(['collection', 'mode', 'topK']);
    expect(errors.get('topK')).toMatch(/200/);
    expect(configErrors(testRetriever.config, { collection: 'docs' }).size).toBe(0);
  });
});

describe('labels and defaults', () => {
  it('humanizes keys', () => {
    expect(humanize('topK')).toBe('Top K');
    expect(humanize('maxFileMB')).toBe('Max file MB');
    expect(humanize('api_key')).toBe('API key');
    expect(humanize('baseUrl')).toBe('Base URL');
    expect(humanize('rrfK')).toBe('RRF K');
    expect(humanize('ocrScannedPages')).toBe('OCR scanned pages');
    expect(humanize('htmlMainContent')).toBe('HTML main content');
    expect(humanize('chunkSize')).toBe('Chunk size');
  });
  it('formats defaults', () => {
    expect(formatDefault('')).toBe('(empty)');
    expect(formatDefault([])).toBe('(none)');
    expect(formatDefault(8)).toBe('8');
  });
});

import { describe, expect, it } from 'vitest';
import { filtersFromParams, hasFilters, paramsFromFilters, runListInput, toLocalInput } from './run-filters';

const G = '11111111-1111-4111-8111-111111111111';
const V = '22222222-2222-4222-8222-222222222222';

describe('run history filters in the URL', () => {
  it('round-trips every filter', () => {
    const filters = { graphId: G, versionId: V, endpointId: G, status: 'failed' as const, source: 'eval' as const, since: new Date('2026-11-20T10:00:00Z'), until: new Date('2026-11-21T10:00:00Z') };
    const params = paramsFromFilters(filters);
    expect(params.toString()).toBe(`graph=${G}&version=${V}&endpoint=${G}&status=failed&source=eval&since=2026-11-20T10%3A00%3A00.000Z&until=2026-11-21T10%3A00%3A00.000Z`);
    expect(filtersFromParams(params)).toEqual(filters);
    expect(hasFilters(filters)).toBe(true);
  });

  it('drops what it cannot use: bad ids, unknown statuses and sources, bad dates, a version without its graph', () => {
    const filters = filtersFromParams(new URLSearchParams(`graph=nope&version=${V}&status=sleeping&source=somewhere&since=yesterday`));
    expect(filters).toEqual({});
    expect(hasFilters(filters)).toBe(false);
  });

  it('leaves evaluation runs out unless a source is chosen, or any source', () => {
    expect(runListInput({ graphId: G })).toEqual({ graphId: G, excludeSource: 'eval' });
    expect(runListInput({ graphId: G, source: 'eval' })).toEqual({ graphId: G, source: 'eval' });
    expect(runListInput({ source: 'editor' })).toEqual({ source: 'editor' });
    const any = filtersFromParams(new URLSearchParams('source=any'));
    expect(any).toEqual({ source: 'any' });
    expect(runListInput(any)).toEqual({});
    expect(paramsFromFilters(any).toString()).toBe('source=any');
  });

  it('formats a date for a datetime-local input in local time', () => {
    const date = new Date(2026, 10, 24, 9, 5, 30);
    expect(toLocalInput(date)).toBe('2026-11-24T09:05');
    expect(toLocalInput(undefined)).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import { servedBy, type ServingEndpoint } from './served-by';

const endpoint = (slug: string, fields: Partial<ServingEndpoint> = {}): ServingEndpoint => ({
  slug,
  enabled: true,
  versionNumber: null,
  latestVersionNumber: 3,
  canaryVersionNumber: null,
  canaryPercent: 0,
  ...fields,
});

describe('servedBy', () => {
  it('badges each served version with its endpoints: pinned or latest main, canary share or staged', () => {
    const badges = servedBy([
      endpoint('search', { versionNumber: 1, canaryVersionNumber: 2, canaryPercent: 10 }),
      endpoint('latest'),
      endpoint('gated', { versionNumber: 1, canaryVersionNumber: 3, canaryPercent: 0 }),
      endpoint('off', { enabled: false, versionNumber: 2 }),
    ]);
    expect([...badges.keys()].sort()).toEqual([1, 2, 3]);
    expect(badges.get(1)!.map((b) => [b.label, b.title])).toEqual([
      ['search', 'serves 90% of the calls to search'],
      ['gated', 'serves 100% of the calls to gated'],
    ]);
    expect(badges.get(2)!.map((b) => [b.role, b.label])).toEqual([['canary', 'search · canary 10%']]);
    expect(badges.get(3)!.map((b) => [b.role, b.label, b.title])).toEqual([
      ['main', 'latest', 'serves 100% of the calls to latest (it follows the latest version)'],
      ['canary', 'gated · canary staged', 'staged as the canary of gated: serves no calls yet'],
    ]);
  });

  it('has nothing for a graph no published endpoint serves', () => {
    expect(servedBy([endpoint('off', { enabled: false })]).size).toBe(0);
    expect(servedBy([endpoint('no versions', { latestVersionNumber: null })]).size).toBe(0);
  });
});

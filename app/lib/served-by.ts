/**
 * Which versions of a graph its endpoints serve, for the History: each published endpoint's main
 * version (pinned, else the latest) and its canary, with the canary's share ("staged" at 0 %).
 * Unpublished endpoints serve nothing and are left out.
 */
export interface ServingEndpoint {
  slug: string;
  enabled: boolean;
  versionNumber: number | null;
  latestVersionNumber: number | null;
  canaryVersionNumber: number | null;
  canaryPercent: number;
}

export interface ServedBadge {
  slug: string;
  role: 'main' | 'canary';
  /** what the badge reads */
  label: string;
  /** the share of the endpoint's calls it gets */
  title: string;
}

export function servedBy(endpoints: readonly ServingEndpoint[]): Map<number, ServedBadge[]> {
  const byVersion = new Map<number, ServedBadge[]>();
  const add = (version: number, badge: ServedBadge) => byVersion.set(version, [...(byVersion.get(version) ?? []), badge]);
  for (const e of endpoints) {
    if (!e.enabled) continue;
    const main = e.versionNumber ?? e.latestVersionNumber;
    const canaryShare = e.canaryVersionNumber === null ? 0 : e.canaryPercent;
    if (main !== null) {
      const follows = e.versionNumber === null ? ' (it follows the latest version)' : '';
      add(main, { slug: e.slug, role: 'main', label: e.slug, title: `serves ${100 - canaryShare}% of the calls to ${e.slug}${follows}` });
    }
    if (e.canaryVersionNumber !== null) {
      const staged = e.canaryPercent === 0;
      add(e.canaryVersionNumber, {
        slug: e.slug,
        role: 'canary',
        label: `${e.slug} · canary ${staged ? 'staged' : `${e.canaryPercent}%`}`,
        title: staged ? `staged as the canary of ${e.slug}: serves no calls yet` : `serves ${e.canaryPercent}% of the calls to ${e.slug} as its canary`,
      });
    }
  }
  return byVersion;
}

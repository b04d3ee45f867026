/** How often a web source is loaded again, as the forms offer it (hours; null: only when asked). */
export const REFRESH_CHOICES: { hours: number | null; label: string }[] = [
  { hours: null, label: 'Only when asked' },
  { hours: 24, label: 'Every day' },
  { hours: 168, label: 'Every week' },
];

/** "every day", "every 6 hours", "only when asked" */
export function refreshLabel(hours: number | null): string {
  if (hours === null) return 'only when asked';
  const known = REFRESH_CHOICES.find((c) => c.hours === hours);
  if (known) return known.label.toLowerCase();
  return hours % 24 === 0 ? `every ${hours / 24} days` : `every ${hours} hours`;
}

/** "these pages only", "and links 2 deep, under the same folder (at most 50 pages), skipping /blog/" */
export function crawlLabel(crawl: { crawlDepth: number; scope: 'path' | 'site'; maxPages: number; skipPaths?: string[]; useSitemaps?: boolean; renderJavaScript?: boolean }): string {
  const rendered = crawl.renderJavaScript ? ', JavaScript rendered' : '';
  if (crawl.crawlDepth === 0) return `${crawl.useSitemaps ? 'these pages and those their sitemap lists' : 'these pages only'}${rendered}`;
  const skipping = crawl.skipPaths?.length ? `, skipping ${crawl.skipPaths.join(', ')}` : '';
  const sitemap = crawl.useSitemaps ? ', and the sitemap\'s pages' : '';
  return `and links ${crawl.crawlDepth} deep, ${crawl.scope === 'path' ? 'under the same folder' : 'anywhere on the site'} (at most ${crawl.maxPages} pages)${skipping}${sitemap}${rendered}`;
}

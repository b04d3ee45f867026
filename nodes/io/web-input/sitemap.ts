import type { FetchedPage } from './fetch-page';

/**
 * Sitemaps (sitemaps.org): a `<urlset>` lists a site's pages, a `<sitemapindex>` lists more sitemaps.
 * Given as an address, a sitemap stands for the pages it lists. Only addresses on the sitemap's own
 * host count, as the protocol requires.
 */
export function isSitemap(page: FetchedPage): boolean {
  const xmlish = page.mimeType.endsWith('xml') || page.mimeType === '' || page.mimeType === 'text/plain';
  if (!xmlish) return false;
  const head = page.body.subarray(0, 2048).toString('utf8');
  return /<(?:[\w-]+:)?(?:urlset|sitemapindex)[\s>]/.test(head);
}

export function sitemapLinks(page: FetchedPage): URL[] {
  const host = new URL(page.finalUrl).host;
  const links: URL[] = [];
  const seen = new Set<string>();
  for (const match of page.body.toString('utf8').matchAll(/<(?:[\w-]+:)?loc>\s*([^<]+?)\s*<\/(?:[\w-]+:)?loc>/g)) {
    let url: URL;
    try {
      url = new URL(decodeEntities(match[1]!));
    } catch {
      continue;
    }
    url.hash = '';
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.host !== host || seen.has(url.href)) continue;
    seen.add(url.href);
    links.push(url);
  }
  return links;
}

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[name]!);
}

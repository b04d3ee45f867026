import { gunzipSync } from 'node:zlib';
import type { FetchedPage } from './fetch-page';

/** The protocol's limit on a sitemap, uncompressed. */
const SITEMAP_MAX_BYTES = 50 * 1048576;

/**
 * Sitemaps (sitemaps.org): a `<urlset>` lists a site's pages, a `<sitemapindex>` lists more sitemaps.
 * Given as an address, a sitemap stands for the pages it lists. Only addresses on the sitemap's own
 * host count, as the protocol requires.
 */
function isSitemap(page: FetchedPage): boolean {
  const xmlish = page.mimeType.endsWith('xml') || page.mimeType === '' || page.mimeType === 'text/plain';
  if (!xmlish) return false;
  const head = page.body.subarray(0, 2048).toString('utf8');
  return /<(?:[\w-]+:)?(?:urlset|sitemapindex)[\s>]/.test(head);
}

/**
 * The page as a sitemap, or undefined when it is none. A gzipped sitemap (sitemap.xml.gz, served as
 * a gzip file rather than with Content-Encoding, as most sites serve it) is read uncompressed, up to
 * the protocol's 50 MB.
 */
export function asSitemap(page: FetchedPage): FetchedPage | undefined {
  const xml = isGzipFile(page) ? gunzipped(page) : page;
  return xml && isSitemap(xml) ? xml : undefined;
}

function isGzipFile(page: FetchedPage): boolean {
  return page.body[0] === 0x1f && page.body[1] === 0x8b && /\.gz$/i.test(new URL(page.finalUrl).pathname);
}

function gunzipped(page: FetchedPage): FetchedPage | undefined {
  try {
    return { ...page, mimeType: 'application/xml', contentType: 'application/xml', body: gunzipSync(page.body, { maxOutputLength: SITEMAP_MAX_BYTES }) };
  } catch {
    return undefined; // corrupt or over the limit: not a sitemap this loader reads
  }
}

/** A `<sitemapindex>`: what it lists are more sitemaps, not pages. */
export function isSitemapIndex(sitemap: FetchedPage): boolean {
  return /<(?:[\w-]+:)?sitemapindex[\s>]/.test(sitemap.body.subarray(0, 2048).toString('utf8'));
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

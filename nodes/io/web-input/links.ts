/**
 * The links of an HTML page a crawl may follow: `<a href>` resolved against the page's address
 * (or its `<base href>`), http(s) only, fragments and tracking parameters (utm_*, click ids) dropped
 * so one page is not loaded once per campaign, `rel="nofollow"` left alone, each once.
 */
export async function pageLinks(html: string, pageUrl: string): Promise<URL[]> {
  const { parseHTML } = await import('linkedom');
  const { document } = parseHTML(html.includes('<html') ? html : `<!doctype html><html><head></head><body>${html}</body></html>`);
  const base = resolved(document.querySelector('base[href]')?.getAttribute('href') ?? '', pageUrl)?.href ?? pageUrl;
  const seen = new Set<string>();
  const links: URL[] = [];
  for (const anchor of document.querySelectorAll('a[href]')) {
    if (/\bnofollow\b/i.test(anchor.getAttribute('rel') ?? '')) continue;
    const url = resolved(anchor.getAttribute('href') ?? '', base);
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || seen.has(url.href)) continue;
    seen.add(url.href);
    links.push(url);
  }
  return links;
}

/** Query parameters that say where a visitor came from, not which page it is. */
const TRACKING = /^(?:utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_hsenc|_hsmi)$/i;

function resolved(href: string, base: string): URL | undefined {
  try {
    const url = new URL(href.trim(), base);
    url.hash = '';
    for (const key of [...url.searchParams.keys()]) if (TRACKING.test(key)) url.searchParams.delete(key);
    return url;
  } catch {
    return undefined;
  }
}

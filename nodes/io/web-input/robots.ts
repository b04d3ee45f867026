/**
 * robots.txt as RFC 9309 reads it: the group for our product token (else `*`), its Allow and
 * Disallow rules matched against path + query with `*` and a closing `$`, the longest match
 * winning and Allow winning a tie; and the group's Crawl-delay (not in the RFC, but many sites set
 * it), capped at MAX_CRAWL_DELAY_SECONDS. Only followed links are checked: an address the user typed
 * in is loaded as asked, as a browser or `wget` without recursion would.
 */
export interface Robots {
  allows(url: URL): boolean;
  /** seconds to leave between requests to the site, if it asks for any */
  crawlDelaySeconds?: number;
  /** the sitemaps it names (`Sitemap:` lines, which belong to no group) */
  sitemaps?: string[];
}

/** A site asking for more than this between requests gets this: a crawl of 50 pages then takes 8 minutes. */
export const MAX_CRAWL_DELAY_SECONDS = 10;

interface Rule {
  allow: boolean;
  pattern: string;
  regex: RegExp;
}

export const ALLOW_ALL: Robots = { allows: () => true };
export const DISALLOW_ALL: Robots = { allows: () => false };

export function parseRobots(text: string, productToken: string): Robots {
  const groups: { agents: string[]; rules: Rule[]; delay?: number }[] = [];
  let current: { agents: string[]; rules: Rule[]; delay?: number } | undefined;
  let lastWasAgent = false;
  const sitemaps: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, '').trim();
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'user-agent') {
      if (!current || !lastWasAgent) groups.push((current = { agents: [], rules: [] }));
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
    } else if (key === 'crawl-delay' && current) {
      lastWasAgent = false;
      const seconds = Number(value);
      if (Number.isFinite(seconds) && seconds > 0) current.delay = Math.min(seconds, MAX_CRAWL_DELAY_SECONDS);
    } else if ((key === 'allow' || key === 'disallow') && current) {
      lastWasAgent = false;
      // an empty Disallow allows everything: it adds no rule
      if (value) current.rules.push({ allow: key === 'allow', pattern: value, regex: patternRegex(value) });
    } else if (key === 'sitemap') {
      // a full address by the standard (the first colon is the field's: "Sitemap: https://…")
      if (/^https?:\/\//i.test(value)) sitemaps.push(value);
    } else {
      lastWasAgent = false;
    }
  }
  const token = productToken.toLowerCase();
  const mine = groups.filter((g) => g.agents.some((a) => a !== '*' && token.startsWith(a)));
  const chosen = mine.length > 0 ? mine : groups.filter((g) => g.agents.includes('*'));
  const rules = chosen.flatMap((g) => g.rules);
  const delays = chosen.map((g) => g.delay).filter((d): d is number => d !== undefined);
  const crawlDelaySeconds = delays.length ? Math.max(...delays) : undefined;
  const named = sitemaps.length ? { sitemaps } : {};
  if (rules.length === 0) return crawlDelaySeconds || sitemaps.length ? { allows: () => true, ...(crawlDelaySeconds ? { crawlDelaySeconds } : {}), ...named } : ALLOW_ALL;
  return {
    ...(crawlDelaySeconds ? { crawlDelaySeconds } : {}),
    ...named,
    allows(url: URL) {
      const path = pathOf(url);
      let best: Rule | undefined;
      for (const rule of rules) {
        if (!rule.regex.test(path)) continue;
        if (!best || rule.pattern.length > best.pattern.length || (rule.pattern.length === best.pattern.length && rule.allow)) best = rule;
      }
      return best ? best.allow : true;
    },
  };
}

/** The part of an address robots.txt rules (and skipPaths) match: the decoded path and the query. */
export function pathOf(url: URL): string {
  return decodeSafe(url.pathname) + url.search;
}

/** A robots.txt path pattern: a prefix, `*` for any run of characters, a closing `$` for the end. */
export function patternRegex(pattern: string): RegExp {
  const anchored = pattern.endsWith('$');
  const body = decodeSafe(anchored ? pattern.slice(0, -1) : pattern)
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}${anchored ? '$' : ''}`);
}

function decodeSafe(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

import { NodeError } from '../../../core/errors';
import { assertHtmlDepthWithin } from './html-depth';
import type { ParsedContent } from './parsed-content';
import { markdownStructure } from '../markdown-sections';

export interface HtmlOptions {
  /** keep only the main content (Readability), dropping navigation, banners, sidebars and footers. */
  mainContent: boolean;
}

/**
 * HTML → markdown text with heading sections: Readability picks the main content (when asked), then
 * turndown with the GFM plugin writes markdown, so headings stay `#` lines and tables become markdown
 * tables. Link URLs and images are dropped (their text and alt text stay): they are noise for search.
 */
export async function parseHtml(html: string, name: string, options: HtmlOptions): Promise<ParsedContent> {
  assertHtmlDepthWithin(html, name);
  const { parseHTML } = await import('linkedom');
  const { document } = parseHTML(html.includes('<html') ? html : `<!doctype html><html><head></head><body>${html}</body></html>`);
  const pageTitle = document.title?.trim() || undefined;
  const mainHeading = firstMainHeading(document);

  let contentHtml: string | undefined;
  let readabilityTitle: string | undefined;
  if (options.mainContent) {
    const { Readability } = await import('@mozilla/readability');
    // Readability mutates the DOM it reads, so it gets its own copy
    const copy = parseHTML(document.toString()).document;
    removeChrome(copy);
    const article = new Readability(copy as unknown as Document, { charThreshold: 200 }).parse();
    if (article?.content && (article.textContent ?? '').trim().length > 0) {
      contentHtml = article.content;
      readabilityTitle = article.title?.trim() || undefined;
    }
  }
  if (contentHtml === undefined) {
    for (const el of document.querySelectorAll(options.mainContent ? 'script,style,noscript,template,nav,header,footer,aside,form' : 'script,style,noscript,template')) {
      el.remove();
    }
    contentHtml = document.body?.innerHTML ?? '';
  }

  const markdown = withMainHeading(await htmlToMarkdown(contentHtml), mainHeading);
  if (!markdown.trim()) {
    // an app shell: a page that builds its text in the browser has only scripts to offer here
    const scripted = /<script[\s>]/i.test(html) ? '; the page seems to build its text with JavaScript, which is not run here: load it with the Web pages node\'s renderJavaScript (Render JavaScript on the Collections page), or a version of it rendered on the server' : '';
    throw new NodeError('EMPTY_INPUT', `"${name}" has no readable text${options.mainContent ? ' in its main content (try htmlMainContent: false)' : ''}${scripted}`);
  }

  const structure = markdownStructure(markdown);
  return {
    text: markdown,
    title: mainHeading ?? structure.title ?? readabilityTitle ?? pageTitle,
    sections: structure.sections,
  };
}

/**
 * Readability drops the article's <h1> when it repeats the page title and demotes other <h1>s to
 * <h2>. The main heading becomes the top `#` heading again: the first heading is promoted when it is
 * the main heading, otherwise the main heading is put in front when there is no `#` heading at all.
 */
function withMainHeading(markdown: string, mainHeading: string | undefined): string {
  if (!mainHeading) return markdown;
  const first = /^(#{1,6}) (.*)$/m.exec(markdown);
  if (first && first[2]!.trim() === mainHeading) {
    return `${markdown.slice(0, first.index)}# ${mainHeading}${markdown.slice(first.index + first[0].length)}`;
  }
  return /^# /m.test(markdown) ? markdown : `# ${mainHeading}\n\n${markdown}`;
}

interface ChromeDocument {
  querySelectorAll(selector: string): Iterable<{ closest(selector: string): unknown; remove(): void }>;
}

/**
 * Site chrome Readability can keep on short pages: navigation anywhere, and headers, footers and
 * sidebars outside the article (an article's own <header> often holds its title, so it stays).
 */
function removeChrome(document: ChromeDocument): void {
  for (const el of [...document.querySelectorAll('nav,[role=navigation],script,style,noscript,template')]) el.remove();
  for (const el of [...document.querySelectorAll('header,footer,aside,[role=banner],[role=contentinfo],[role=complementary]')]) {
    if (!el.closest('article,main,[role=main]')) el.remove();
  }
}

interface QueryableDocument {
  querySelector(selector: string): { textContent: string | null } | null;
}

/** The page's main heading: an <h1> inside <article> or <main> first, then any <h1>. */
function firstMainHeading(document: QueryableDocument): string | undefined {
  for (const selector of ['article h1', 'main h1', '[role=main] h1', 'h1']) {
    const text = document.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();
    if (text) return text;
  }
  return undefined;
}

/** HTML fragment → GFM markdown. Exported for the DOCX path (mammoth gives HTML). */
export async function htmlToMarkdown(html: string): Promise<string> {
  const { parseHTML } = await import('linkedom');
  const { document } = parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`);
  promoteFirstRowToHeader(document);
  const { default: TurndownService } = await import('turndown');
  const { gfm } = await import('@joplin/turndown-plugin-gfm');
  const turndown = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-', emDelimiter: '_' });
  turndown.use(gfm);
  turndown.remove(['script', 'style', 'noscript', 'iframe', 'template']);
  turndown.addRule('text-of-links', { filter: 'a', replacement: (content) => content });
  turndown.addRule('alt-of-images', {
    filter: 'img',
    replacement: (_content, node) => {
      const alt = (node as { getAttribute?(name: string): string | null }).getAttribute?.('alt')?.trim();
      return alt ? alt : '';
    },
  });
  const markdown = turndown.turndown(document.body?.innerHTML ?? '');
  return markdown.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

interface TableDocument {
  querySelectorAll(selector: string): Iterable<TableElement>;
  createElement(tag: string): TableElement;
}
interface TableElement {
  querySelector(selector: string): TableElement | null;
  querySelectorAll(selector: string): Iterable<TableElement>;
  childNodes: ArrayLike<unknown>;
  appendChild(node: unknown): unknown;
  replaceWith(node: unknown): void;
}

/**
 * Word documents (and many pages) have tables without header cells; the GFM converter then writes an
 * empty header row. Treating the first row as the header matches how such tables read.
 */
function promoteFirstRowToHeader(document: TableDocument): void {
  for (const table of document.querySelectorAll('table')) {
    if (table.querySelector('th')) continue;
    const firstRow = table.querySelector('tr');
    if (!firstRow) continue;
    for (const cell of [...firstRow.querySelectorAll('td')]) {
      const th = document.createElement('th');
      while (cell.childNodes.length > 0) th.appendChild(cell.childNodes[0]);
      cell.replaceWith(th);
    }
  }
}

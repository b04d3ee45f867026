import type { DocumentValue } from '../../core/values';

type Section = NonNullable<DocumentValue['sections']>[number];

export interface MarkdownStructure {
  /** one section per heading (from the heading line to the next heading), plus any text before the first. */
  sections: Section[];
  /** the first heading's text, preferring a level-1 heading. */
  title?: string;
}

const ATX = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const FENCE = /^ {0,3}(```|~~~)/;

/**
 * Finds markdown headings (ATX `#` and setext underlines, not inside code fences) and turns them into
 * sections carrying the heading path (["Guide", "Install", "Linux"]). Sections tile the text.
 * Returns no sections when the text has no headings.
 */
export function markdownStructure(text: string): MarkdownStructure {
  const headings: { start: number; level: number; text: string }[] = [];
  let inFence = false;
  let pos = 0;
  let previous: { start: number; line: string } | undefined;
  for (const line of text.split('\n')) {
    const start = pos;
    pos += line.length + 1;
    if (FENCE.test(line)) {
      inFence = !inFence;
      previous = undefined;
      continue;
    }
    if (inFence) continue;
    const atx = ATX.exec(line);
    if (atx) {
      headings.push({ start, level: atx[1]!.length, text: cleanHeading(atx[2]!) });
      previous = undefined;
      continue;
    }
    const setext = SETEXT.exec(line);
    if (setext && previous && isParagraphLine(previous.line)) {
      headings.push({ start: previous.start, level: setext[1]!.startsWith('=') ? 1 : 2, text: cleanHeading(previous.line) });
      previous = undefined;
      continue;
    }
    previous = line.trim() ? { start, line } : undefined;
  }
  const named = headings.filter((h) => h.text.length > 0);
  if (named.length === 0) return { sections: [] };

  const sections: Section[] = [];
  if (named[0]!.start > 0 && text.slice(0, named[0]!.start).trim()) sections.push({ start: 0, end: named[0]!.start, headingPath: [] });
  const stack: { level: number; text: string }[] = [];
  named.forEach((h, i) => {
    while (stack.length > 0 && stack[stack.length - 1]!.level >= h.level) stack.pop();
    stack.push(h);
    const end = named[i + 1]?.start ?? text.length;
    sections.push({ start: h.start, end, headingPath: stack.map((s) => s.text) });
  });
  const title = (named.find((h) => h.level === 1) ?? named[0])!.text;
  return { sections, title };
}

function isParagraphLine(line: string): boolean {
  return !/^\s*([-*+]\s|\d+[.)]\s|>|\||#)/.test(line);
}

/** Heading text without inline markdown: links, emphasis, code marks, escapes. */
export function cleanHeading(raw: string): string {
  return raw
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|\W)[*_](.+?)[*_](?=\W|$)/g, '$1$2')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

import { NodeError } from '../../../core/errors';

/**
 * The HTML parser and the markdown writer walk the DOM recursively: a page nested tens of thousands
 * of levels deep took 23 s to end in a stack overflow. Browsers stop nesting at 512 levels, so no page
 * a person reads goes deeper (and Readability's time grows with the square of the depth: 4 s at 1,000
 * levels); past MAX_HTML_DEPTH the file is refused before it is parsed. The depth
 * is counted from the tags (comments, scripts and styles skipped), leaving out void elements and the
 * elements HTML closes by itself (p, li, td…), which old pages often leave open.
 */
export const MAX_HTML_DEPTH = 512;

const NOT_NESTING = new Set([
  // void elements
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'keygen',
  // closed implicitly by the next sibling or the parent's end
  'p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option', 'optgroup', 'thead', 'tbody', 'tfoot', 'colgroup', 'rb', 'rt', 'rp',
]);

const SKIPPED = /<!--[\s\S]*?-->|<(script|style|textarea)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?(\/?)>/g;

/** The deepest element nesting the tags describe (an estimate: tag soup is counted as written). */
export function htmlDepth(html: string): number {
  let depth = 0;
  let deepest = 0;
  for (const [, closing, rawName, selfClosing] of html.replace(SKIPPED, '').matchAll(TAG)) {
    const name = rawName!.toLowerCase();
    if (NOT_NESTING.has(name) || selfClosing) continue;
    if (closing) depth = Math.max(0, depth - 1);
    else deepest = Math.max(deepest, ++depth);
  }
  return deepest;
}

export function assertHtmlDepthWithin(html: string, name: string, limit = MAX_HTML_DEPTH): void {
  const depth = htmlDepth(html);
  if (depth > limit) {
    throw new NodeError('CORRUPT_FILE', `"${name}" nests its elements ${depth} levels deep, past the ${limit} levels browsers stop at: it is not a page a person reads; re-save it from a browser`);
  }
}

/**
 * A passage as stored, with the hard line wraps of its source joined: Markdown and text files wrap
 * at 80 columns and PDF text at the page's width, which in a wide card reads as a ragged column.
 * Paragraph breaks stay, and so do the lines of blocks: a heading, list items, quotes, table rows
 * and everything inside a code fence keep their own lines.
 */
const STARTS_BLOCK = /^\s*(#{1,6}\s|[-*+]\s|\d+[.)]\s|>|\||```)/;
const FENCE = /^\s*```/;

export function unwrappedText(text: string): string {
  const lines = text.split('\n');
  let out = lines[0] ?? '';
  let inFence = FENCE.test(out);
  for (let i = 1; i < lines.length; i++) {
    const previous = lines[i - 1]!;
    const line = lines[i]!;
    const join = !inFence && previous.trim() !== '' && line.trim() !== '' && !STARTS_BLOCK.test(line) && !/^\s*#{1,6}\s|\|\s*$/.test(previous);
    out += join ? ` ${line.trimStart()}` : `\n${line}`;
    if (FENCE.test(line)) inFence = !inFence;
  }
  return out;
}

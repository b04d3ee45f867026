/**
 * Token estimates without a model-specific tokenizer. English BPE tokenizers average about four
 * characters per token; counting words too keeps the estimate sane for text with long numbers or
 * short words. Budgets built on it are approximate by design: leave headroom in maxContextTokens.
 */
export function estimateTokens(text: string): number {
  if (!text) return 0;
  const words = text.match(/\S+/g)?.length ?? 0;
  return Math.max(Math.ceil(text.length / 4), Math.ceil(words * 1.3));
}

/**
 * The longest prefix of `text` that fits `maxTokens`, cut at a word boundary and marked with an
 * ellipsis. Returns '' when not even one word fits.
 */
export function truncateToTokens(text: string, maxTokens: number): string {
  if (estimateTokens(text) <= maxTokens) return text;
  const words = text.match(/\S+\s*/g) ?? [];
  let lo = 0;
  let hi = words.length;
  // binary search the number of words whose prefix fits (the estimate grows monotonically)
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (estimateTokens(`${words.slice(0, mid).join('').trimEnd()} …`) <= maxTokens) lo = mid;
    else hi = mid - 1;
  }
  return lo === 0 ? '' : `${words.slice(0, lo).join('').trimEnd()} …`;
}

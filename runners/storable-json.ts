/**
 * JSON for the run's records (inputs, outputs, previews, errors) that Postgres can store. Nodes may
 * produce text with NUL characters or lone UTF-16 surrogates (an LLM server, a broken decoder), and
 * jsonb refuses both; one such string would fail the whole write, and with it every row batched
 * alongside. They are recorded as U+FFFD instead.
 *
 * JSON.stringify writes a NUL as the escape \u0000 and a lone surrogate as \udXXX (a paired one is
 * written as the character itself), so those escapes are exactly what must go; an escape preceded by
 * an escaped backslash ("\\u0000") is literal text and stays.
 */
const UNSTORABLE_ESCAPE = /(?<!\\)((?:\\\\)*)\\u(?:0000|d[89a-f][0-9a-f]{2})/g;

export function storableJson(value: unknown): string {
  const json = JSON.stringify(value);
  return json.includes('\\u') ? json.replace(UNSTORABLE_ESCAPE, '$1\\ufffd') : json;
}

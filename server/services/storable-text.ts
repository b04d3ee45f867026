import { ServiceError } from './errors';

/**
 * Postgres stores neither NUL characters (text and jsonb reject U+0000) nor unpaired UTF-16 surrogates
 * (jsonb rejects "\ud800"), while JSON.parse and decodeURIComponent accept both. Input that reaches the
 * database is checked here first, so such a request is a 400 that names the field instead of a 500
 * from deep inside a write. Nesting is capped too: a value deeper than MAX_DEPTH cannot be serialised,
 * and keys named `__proto__`, `constructor` or `prototype` are refused (RESERVED_KEYS).
 */
export function unstorableTextAt(value: unknown, path = '', depth = 0): { path: string; problem: string } | undefined {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? { path, problem } : undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  // JSON.parse takes any depth, but serialising it again (to store it) overflows the stack
  if (depth >= MAX_DEPTH) return { path: path.length > 40 ? `${path.slice(0, 40)}…` : path, problem: `is nested more than ${MAX_DEPTH} levels deep` };
  for (const [key, child] of Object.entries(value)) {
    const childPath = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    const keyProblem = RESERVED_KEYS.has(key) ? `is "${key}", reserved in JavaScript objects (a prototype pollution risk)` : textProblem(key);
    if (keyProblem) return { path: childPath, problem: `has a name that ${keyProblem}` };
    const found = unstorableTextAt(child, childPath, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * Names that rewrite an object's prototype when copied carelessly. The editor's API (superjson)
 * refuses to send an object holding one, so a stored value with such a key could never be shown.
 */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Deeper JSON than any graph input or spec needs. */
const MAX_DEPTH = 100;

const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains a NUL character (\\u0000)';
  if (UNPAIRED_SURROGATE.test(text)) return 'contains an unpaired UTF-16 surrogate (such as a lone \\ud800)';
  return undefined;
}

/** Throws a 400 naming the first string in `value` that the database cannot store. */
export function assertStorableText(value: unknown, what: string): void {
  const found = unstorableTextAt(value, '');
  if (!found) return;
  const where = found.path ? `${what} field "${found.path}"` : what;
  throw new ServiceError('BAD_REQUEST', `${where} ${found.problem}, which cannot be stored: remove or replace it`);
}

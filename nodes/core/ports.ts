/**
 * Port kinds: the one type vocabulary shared by the editor (which refuses a bad connection while it is
 * drawn) and the server and runner (which refuse the same spec with the same rule).
 */
export const PORT_KINDS = [
  'file',
  'documents',
  'chunks',
  'embedded-chunks',
  'query',
  'query-vector',
  'retrieved',
  'prompt',
  'text',
  'answer',
  'verdict',
  'json',
] as const;

export type PortKind = (typeof PORT_KINDS)[number];

export interface PortDefinition<K extends PortKind = PortKind> {
  kind: K;
  label?: string;
  description?: string;
  /** Inputs only: a required input must be connected (default true). */
  required?: boolean;
  /** Inputs only: accepts several edges; the node receives an array of the values that arrived. */
  multiple?: boolean;
}

export type PortMap = Record<string, PortDefinition>;

/**
 * The port of that name, own properties only: a graph names ports with any text, and `ports[name]`
 * would find "constructor" or "toString" on every map's prototype.
 */
export function portNamed(ports: PortMap | undefined, name: string): PortDefinition | undefined {
  return ports && Object.hasOwn(ports, name) ? ports[name] : undefined;
}

/**
 * Widening conversions that are safe because the source value is a superset of the target's shape.
 * Anything else must match exactly.
 */
const WIDENINGS: Partial<Record<PortKind, readonly PortKind[]>> = {
  'embedded-chunks': ['chunks'],
  'query-vector': ['query'],
  query: ['text'],
  answer: ['text'],
};

export type Compatibility = { ok: true } | { ok: false; reason: string };

export function canConnect(from: PortKind, to: PortKind): Compatibility {
  if (from === to || to === 'json') return { ok: true };
  if (WIDENINGS[from]?.includes(to)) return { ok: true };
  // the kinds it accepts are worth naming only when there is more than its own
  const others = acceptedKinds(to).filter((k) => k !== to);
  const accepted = others.length ? ` (it also accepts ${others.map((k) => `"${k}"`).join(' or ')})` : '';
  return { ok: false, reason: `${withArticle(from)} output cannot feed ${withArticle(to)} input${accepted}` };
}

/** `a "query"`, `an "answer"` */
const withArticle = (kind: PortKind) => `${/^[aeiou]/.test(kind) ? 'an' : 'a'} "${kind}"`;

/** The kinds an input of kind `to` accepts, for hints in the editor. */
export function acceptedKinds(to: PortKind): PortKind[] {
  if (to === 'json') return [...PORT_KINDS];
  return PORT_KINDS.filter((k) => k === to || WIDENINGS[k]?.includes(to));
}

/** Colours for the editor, kept beside the kinds so a new kind cannot be added without one. */
export const PORT_COLORS: Record<PortKind, string> = {
  file: '#64748b',
  documents: '#0ea5e9',
  chunks: '#14b8a6',
  'embedded-chunks': '#10b981',
  query: '#8b5cf6',
  'query-vector': '#a855f7',
  retrieved: '#f59e0b',
  prompt: '#ec4899',
  text: '#6b7280',
  answer: '#ef4444',
  verdict: '#84cc16',
  json: '#78716c',
};

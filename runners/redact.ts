import { findPii, redactPii } from '../nodes/guard/rules/pii';
import { base64Bytes } from '../nodes/core/file-bytes';

/**
 * Previews of node inputs and outputs for the trace: secrets redacted, file bytes and vectors
 * summarised, long strings and lists cut, so a NodeRun row stays small and safe to show. What else
 * is hidden is configured (TRACE_REDACT): fields by name, and personal data in any text.
 */
const SECRET_KEY = /(api[-_]?key|secret|token|password|authorization|credential)/i;
const MAX_STRING = 400;
const MAX_ITEMS = 12;
const MAX_DEPTH = 6;
const REDACTED = '[redacted]';

/**
 * TRACE_REDACT: comma-separated field names whose values traces and the editor's run views hide
 * (matched case-insensitively at any depth, e.g. `customerId,address`), and `pii` to replace e-mail
 * addresses, phone numbers, card numbers and IBANs in every text with [EMAIL], [PHONE]… (the
 * guardrail's detectors). Validated in server/env.ts.
 */
export interface TraceRedaction {
  fields: ReadonlySet<string>;
  pii: boolean;
}

let cached: { spec: string; redaction: TraceRedaction } | undefined;

export function traceRedaction(env: Record<string, string | undefined> = process.env): TraceRedaction {
  const spec = env.TRACE_REDACT ?? '';
  if (cached?.spec !== spec) {
    const names = spec.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
    cached = { spec, redaction: { fields: new Set(names.filter((n) => n !== 'pii')), pii: names.includes('pii') } };
  }
  return cached.redaction;
}

/** Whether a field's value is hidden: a configured field's always, a secret-like key's when it is text ("maxTokens": 512 stays). */
function hiddenField(key: string, value: unknown, redaction: TraceRedaction): boolean {
  if (value === null || value === undefined || value === '') return false;
  return redaction.fields.has(key.toLowerCase()) || (typeof value === 'string' && SECRET_KEY.test(key));
}

function redactText(text: string, redaction: TraceRedaction): string {
  if (!redaction.pii) return text;
  const found = findPii(text);
  return found.length ? redactPii(text, found) : text;
}

export function preview(value: unknown, depth = 0, redaction: TraceRedaction = traceRedaction()): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (typeof value === 'string') {
    const text = redactText(value, redaction);
    return text.length > MAX_STRING ? `${text.slice(0, MAX_STRING)}… (${text.length} chars)` : text;
  }
  if (typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return Array.isArray(value) ? `[${value.length} items]` : '{…}';
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every((v) => typeof v === 'number')) return `[${value.length} numbers]`;
    if (value.length > 0 && value.every((v) => Array.isArray(v))) return `[${value.length} vectors]`;
    const items = value.slice(0, MAX_ITEMS).map((v) => preview(v, depth + 1, redaction));
    if (value.length > MAX_ITEMS) items.push(`… ${value.length - MAX_ITEMS} more`);
    return items;
  }
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (hiddenField(key, v, redaction)) out[key] = REDACTED;
    else if (key === 'contentBase64' && typeof v === 'string') out[key] = `[${base64Bytes(v)} bytes]`;
    else out[key] = preview(v, depth + 1, redaction);
  }
  return out;
}

/**
 * A stored value as the editor shows it (a run's input and output, a node's full output, live
 * events): secrets, the configured fields and personal data hidden as in previews, nothing cut. The rows
 * keep the values themselves, which running, resuming and API callers need, until retention
 * deletes them.
 */
export function redactForView<T>(value: T, redaction: TraceRedaction = traceRedaction()): T {
  return redactDeep(value, redaction) as T;
}

function redactDeep(value: unknown, redaction: TraceRedaction): unknown {
  if (typeof value === 'string') return redactText(value, redaction);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redaction));
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [key, hiddenField(key, v, redaction) ? REDACTED : redactDeep(v, redaction)]),
  );
}

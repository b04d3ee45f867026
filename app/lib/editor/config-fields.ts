import { z } from 'zod';

/**
 * Turns a node's zod config schema into form fields. The walk goes through z.toJSONSchema (input
 * side, so defaults make fields optional): it is the stable, documented view of a zod schema and
 * already carries descriptions, defaults, bounds, enums and `.meta()` annotations.
 */
export type FieldKind = 'text' | 'textarea' | 'secret' | 'number' | 'boolean' | 'enum' | 'string-list' | 'number-list' | 'json';

export interface FieldOption {
  value: string | number | boolean;
  label: string;
}

export interface ConfigField {
  key: string;
  label: string;
  kind: FieldKind;
  description?: string;
  defaultValue?: unknown;
  hasDefault: boolean;
  required: boolean;
  nullable: boolean;
  integer?: boolean;
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
  options?: FieldOption[];
}

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  description?: string;
  title?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  secret?: unknown;
  multiline?: unknown;
  format?: string;
};

export function toJsonSchema(schema: z.ZodType): JsonSchema | null {
  try {
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  } catch {
    return null;
  }
}

/** The form fields of a config schema, or null when it is not an object (the panel falls back to raw JSON). */
export function configFields(schema: z.ZodType): ConfigField[] | null {
  const json = toJsonSchema(schema);
  if (!json || json.type !== 'object') return null;
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([key, property]) => describeField(key, property, required.has(key)));
}

function describeField(key: string, property: JsonSchema, required: boolean): ConfigField {
  const { schema, nullable } = unwrapNullable(property);
  const rawDescription = property.description ?? schema.description;
  const secret = property.secret === true || schema.secret === true || /^secret\b/i.test(rawDescription ?? '');
  const description = rawDescription?.replace(/^secret\s*[:\-–—]?\s*/i, '') || undefined;
  const hasDefault = 'default' in property || 'default' in schema;
  const field: ConfigField = {
    key,
    label: property.title ?? schema.title ?? humanize(key),
    kind: 'json',
    description: description ? capitalize(description) : undefined,
    defaultValue: 'default' in property ? property.default : schema.default,
    hasDefault,
    required,
    nullable,
  };
  const options = enumOptions(schema);
  const type = Array.isArray(schema.type) ? undefined : schema.type;
  if (options) {
    field.kind = 'enum';
    field.options = options;
  } else if (type === 'string') {
    field.kind = secret ? 'secret' : isLongText(key, schema, description, field.defaultValue) ? 'textarea' : 'text';
    field.minLength = schema.minLength;
    field.maxLength = schema.maxLength;
  } else if (type === 'number' || type === 'integer') {
    field.kind = 'number';
    field.integer = type === 'integer';
    field.min = schema.minimum ?? schema.exclusiveMinimum;
    field.max = schema.maximum ?? schema.exclusiveMaximum;
  } else if (type === 'boolean') {
    field.kind = 'boolean';
  } else if (type === 'array' && schema.items && !Array.isArray(schema.items.type)) {
    if (schema.items.type === 'string' && !enumOptions(schema.items)) field.kind = 'string-list';
    else if (schema.items.type === 'number' || schema.items.type === 'integer') field.kind = 'number-list';
  }
  return field;
}

function unwrapNullable(property: JsonSchema): { schema: JsonSchema; nullable: boolean } {
  const variants = property.anyOf ?? property.oneOf;
  if (!variants) return { schema: property, nullable: false };
  const nonNull = variants.filter((v) => v.type !== 'null');
  if (nonNull.length === 1 && nonNull[0]) return { schema: { ...nonNull[0] }, nullable: nonNull.length !== variants.length };
  return { schema: property, nullable: nonNull.length !== variants.length };
}

function enumOptions(schema: JsonSchema): FieldOption[] | null {
  const values = schema.enum ?? (schema.anyOf ?? schema.oneOf)?.map((v) => ('const' in v ? v.const : undefined));
  if (!values || values.length === 0) return null;
  if (!values.every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) return null;
  return (values as (string | number | boolean)[]).map((value) => ({ value, label: String(value) }));
}

const LONG_TEXT_NAME = /prompt|template|instruction|system|message|schema|pattern|text|json|query|description/i;

/** Prompts, templates and JSON schemas read best in a textarea; short identifiers in a line input. */
function isLongText(key: string, schema: JsonSchema, description: string | undefined, defaultValue: unknown): boolean {
  if (schema.multiline === true || schema.format === 'multiline') return true;
  if (typeof defaultValue === 'string' && (defaultValue.includes('\n') || defaultValue.length > 60)) return true;
  if (schema.maxLength !== undefined && schema.maxLength <= 200) return false;
  return LONG_TEXT_NAME.test(key) && /template|prompt|instruction|multi-?line|json schema|system/i.test(`${key} ${description ?? ''}`);
}

const ACRONYMS: Record<string, string> = { api: 'API', url: 'URL', id: 'ID', llm: 'LLM', json: 'JSON', http: 'HTTP', mmr: 'MMR', rrf: 'RRF', onnx: 'ONNX', bm25: 'BM25', ocr: 'OCR', pdf: 'PDF', html: 'HTML' };

/** "topK" → "Top K", "maxFileMB" → "Max file MB", "api_key" → "API key", "baseUrl" → "Base URL". */
export function humanize(key: string): string {
  const words = key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/\s+/)
    .filter(Boolean)
    .map((w, i) => ACRONYMS[w.toLowerCase()] ?? (/^[A-Z0-9]+$/.test(w) ? w : i === 0 ? w.charAt(0).toUpperCase() + w.slice(1).toLowerCase() : w.toLowerCase()));
  return words.join(' ');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Per-field error messages from the schema, keyed by top-level config key ('' for the whole object). */
export function configErrors(schema: z.ZodType, config: Record<string, unknown>): Map<string, string> {
  const result = schema.safeParse(config);
  const errors = new Map<string, string>();
  if (result.success) return errors;
  for (const issue of result.error.issues) {
    const head = issue.path[0];
    const key = typeof head === 'string' ? head : '';
    const rest = issue.path.slice(1).filter((p): p is string | number => typeof p !== 'symbol');
    const message = rest.length ? `${rest.join('.')}: ${issue.message}` : issue.message;
    if (!errors.has(key)) errors.set(key, message);
  }
  return errors;
}

/** A default value as users read it in a hint. */
export function formatDefault(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value === '' ? '(empty)' : value.length > 60 ? `${value.slice(0, 57)}…` : value;
  if (Array.isArray(value) && value.length === 0) return '(none)';
  return JSON.stringify(value);
}

const fieldCache = new WeakMap<z.ZodType, ConfigField[] | null>();

/** configFields, computed once per schema (node components call it on every render). */
export function cachedConfigFields(schema: z.ZodType): ConfigField[] | null {
  if (!fieldCache.has(schema)) fieldCache.set(schema, configFields(schema));
  return fieldCache.get(schema) ?? null;
}

/** Keys whose values must never be shown in clear on the canvas. */
export function secretKeys(schema: z.ZodType | undefined): Set<string> {
  const fields = schema ? cachedConfigFields(schema) : null;
  return new Set((fields ?? []).filter((f) => f.kind === 'secret').map((f) => f.key));
}

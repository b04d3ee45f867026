import { z } from 'zod';
import { graphSpec, type GraphSpec } from '../../nodes/core/spec';
import { ServiceError } from './errors';

/** Limits on what callers may send; checked before anything touches the database. */
export const MAX_SPEC_BYTES = 1024 * 1024;

export const graphName = z
  .string()
  .trim()
  .min(1, 'a graph needs a name')
  .max(100, 'graph names are at most 100 characters');
export const description = z.string().max(2000, 'descriptions are at most 2,000 characters');
export const uuid = z.string().uuid('not a valid id');

/**
 * A moment to filter by: a Date (what the editor sends) or ISO 8601 text, within the years 1–9999
 * that Postgres timestamps and the editor's date fields hold (a date field takes year 0 or 275760).
 */
const NOT_A_MOMENT = 'expected a date, or ISO 8601 text such as 2026-11-27T09:00:00Z';
export const filterMoment = z
  .union([z.date(), z.iso.datetime({ offset: true, error: NOT_A_MOMENT })], { error: NOT_A_MOMENT })
  .transform((value) => (typeof value === 'string' ? new Date(value) : value))
  .refine((date) => date.getUTCFullYear() >= 1 && date.getUTCFullYear() <= 9999, 'expected a date between the years 1 and 9999');

/** The structural shape of a spec, with a size cap so a huge payload fails fast and clearly. */
export const specInput = z.unknown().transform((value, ctx): GraphSpec => {
  const size = JSON.stringify(value ?? null).length;
  if (size > MAX_SPEC_BYTES) {
    ctx.addIssue({ code: 'custom', message: `the spec is ${Math.round(size / 1024)} KB; the limit is ${MAX_SPEC_BYTES / 1024} KB` });
    return z.NEVER;
  }
  const parsed = graphSpec.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, code: 'custom', message: `spec.${issue.path.join('.')}: ${issue.message}` });
    return z.NEVER;
  }
  return parsed.data;
});

export function parseSpec(value: unknown): GraphSpec {
  const parsed = specInput.safeParse(value);
  if (!parsed.success) throw new ServiceError('BAD_REQUEST', parsed.error.issues.map((i) => i.message).join('; '));
  return parsed.data;
}

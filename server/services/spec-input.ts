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

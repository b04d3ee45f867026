import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import type { AppContext } from './context';
import { isServiceError, zodIssuesMessage } from './services/errors';
import { isGraphValidationError } from './services/graph-errors';
import { assertStorableText } from './services/storable-text';
import { editorTransformer } from './trpc-transformer';

/** The one initTRPC. Services throw ServiceError; this maps them to tRPC codes with their details. */
const t = initTRPC.context<AppContext>().create({
  transformer: editorTransformer,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      data: {
        ...shape.data,
        stack: undefined,
        zodIssues: cause instanceof ZodError ? cause.issues.map((i) => ({ path: i.path.map(String), message: i.message })) : undefined,
        details: isServiceError(cause) ? cause.details : isGraphValidationError(cause) ? { issues: cause.issues } : undefined,
      },
    };
  },
});

/** Turns errors raised on purpose into tRPC errors; anything else stays a 500 (a bug). */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  const cause = result.error.cause;
  const mapped = toTRPCError(cause);
  if (mapped) throw mapped;
  if (result.error.code === 'BAD_REQUEST' && cause instanceof ZodError) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: zodIssuesMessage(cause), cause });
  }
  return result;
});

/** The tRPC error for a ServiceError or graph validation error (subscriptions map their own). */
export function toTRPCError(cause: unknown): TRPCError | undefined {
  if (isServiceError(cause)) {
    const code = cause.code === 'UNAVAILABLE' ? 'SERVICE_UNAVAILABLE' : cause.code === 'PAYLOAD_TOO_LARGE' ? 'PAYLOAD_TOO_LARGE' : cause.code;
    return new TRPCError({ code, message: cause.message, cause });
  }
  if (isGraphValidationError(cause)) return new TRPCError({ code: 'BAD_REQUEST', message: cause.message, cause });
  return undefined;
}

/** Input that Postgres cannot store (NUL, unpaired surrogates), or that rewrites prototypes, is a 400 before any procedure runs. */
const storableInput = t.middleware(async ({ getRawInput, next }) => {
  assertStorableText(await getRawInput(), 'the input');
  return next();
});

export const router = t.router;
export const publicProcedure = t.procedure.use(mapErrors).use(storableInput);
export const createCallerFactory = t.createCallerFactory;

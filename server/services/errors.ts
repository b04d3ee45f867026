import type { z } from 'zod';
import type { GraphIssue } from '../../nodes/core/errors';

/**
 * Errors a service raises on purpose. The code maps to a tRPC code and an HTTP status; the message
 * tells the caller what to fix. Anything else that escapes a service is a bug (500).
 */
export type ServiceErrorCode = 'BAD_REQUEST' | 'NOT_FOUND' | 'CONFLICT' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'PAYLOAD_TOO_LARGE' | 'TOO_MANY_REQUESTS' | 'UNAVAILABLE';

export const HTTP_STATUS: Record<ServiceErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  TOO_MANY_REQUESTS: 429,
  UNAVAILABLE: 503,
};

export class ServiceError extends Error {
  readonly code: ServiceErrorCode;
  /** machine-readable detail: graph issues, the latest version on a conflict, ... */
  readonly details?: { issues?: GraphIssue[] } & Record<string, unknown>;
  constructor(code: ServiceErrorCode, message: string, details?: ServiceError['details']) {
    super(message);
    this.name = 'ServiceError';
    this.code = code;
    this.details = details;
  }
}

export function notFound(what: string, id: string): ServiceError {
  return new ServiceError('NOT_FOUND', `${what} "${id}" does not exist`);
}

export function isServiceError(error: unknown): error is ServiceError {
  return error instanceof Error && error.name === 'ServiceError';
}

/** Prisma's unique-constraint violation, whichever adapter raised it. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string; originalCode?: string }; message?: string };
  return (
    e?.code === 'P2002' ||
    e?.code === '23505' ||
    e?.cause?.code === '23505' ||
    e?.cause?.originalCode === '23505' ||
    /unique constraint|duplicate key/i.test(e?.message ?? '')
  );
}

/** "path: message" per zod issue; messages that already name their path (the spec's own issues) keep theirs. */
export function zodIssuesMessage(error: z.ZodError): string {
  return error.issues
    .map((i) => {
      const where = i.path.join('.');
      return where && !i.message.startsWith(`${where}:`) ? `${where}: ${i.message}` : i.message;
    })
    .join('; ');
}

/** `value` parsed by `schema`, or a BAD_REQUEST naming each field at fault (after `prefix`, when given). */
export function parseOrBadRequest<S extends z.ZodType>(schema: S, value: unknown, prefix?: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ServiceError('BAD_REQUEST', prefix ? `${prefix}: ${zodIssuesMessage(parsed.error)}` : zodIssuesMessage(parsed.error));
  return parsed.data;
}

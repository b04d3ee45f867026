/** A readable message from a tRPC or fetch error, for alerts and inline errors. */
export function errorMessage(error: unknown): string {
  if (!error) return '';
  if (error instanceof Error) return error.message;
  return String(error);
}

export function errorCode(error: unknown): string | undefined {
  return (error as { data?: { code?: string } } | undefined)?.data?.code;
}

export function errorDetails<T = Record<string, unknown>>(error: unknown): T | undefined {
  return (error as { data?: { details?: T } } | undefined)?.data?.details;
}

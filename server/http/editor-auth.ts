import { createHash, timingSafeEqual } from 'node:crypto';
import type { Env } from '../env';

/**
 * The editor's optional password (EDITOR_PASSWORD, user EDITOR_USER): HTTP Basic auth in front of
 * every page and every editor API (/api/trpc, browser uploads), which can create API keys and
 * delete data. The public API keeps its own API keys; the health probe (for load balancers) and the
 * favicon (which browsers fetch before they sign in) stay open. Without a password the editor is
 * open: right on 127.0.0.1 (the default HOST), wrong on any other interface, which the server says
 * when it starts.
 */
export interface EditorCredentials {
  user: string;
  password: string;
}

/** The editor's credentials as configured, or undefined when the editor has no password. */
export function editorCredentials(config: Pick<Env, 'EDITOR_USER' | 'EDITOR_PASSWORD'>): EditorCredentials | undefined {
  return config.EDITOR_PASSWORD ? { user: config.EDITOR_USER, password: config.EDITOR_PASSWORD } : undefined;
}

/** Paths that never ask for the editor password (browsers fetch the favicon without asking first). */
const OPEN_PATHS = /^\/(?:api\/(?:v1(?:\/|$)|health$)|favicon\.ico$)/;

export const EDITOR_REALM = 'Ragraph editor';

/** Whether a request may reach the editor: true when no password is set or the request carries it. */
export function editorAccessAllowed(path: string, authorization: string | undefined, credentials: EditorCredentials | undefined): boolean {
  if (!credentials || OPEN_PATHS.test(path)) return true;
  const given = basicCredentials(authorization);
  // both comparisons always run, on digests of equal length, so timing tells nothing about either
  const userOk = sameSecret(given?.user ?? '', credentials.user);
  const passwordOk = sameSecret(given?.password ?? '', credentials.password);
  return given !== undefined && userOk && passwordOk;
}

/** The answer to a request without the password: browsers show their sign-in prompt for it. */
export function editorChallenge(): { status: number; headers: Record<string, string>; body: string } {
  return {
    status: 401,
    headers: { 'www-authenticate': `Basic realm="${EDITOR_REALM}", charset="UTF-8"`, 'content-type': 'application/json', 'cache-control': 'no-store' },
    body: JSON.stringify({
      error: {
        code: 'UNAUTHENTICATED',
        message: 'the editor needs its password: sign in with EDITOR_USER (default "admin") and EDITOR_PASSWORD as set on the server; the public API under /api/v1 takes API keys instead',
      },
    }),
  };
}

/** True when HOST only accepts connections from this machine. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

function basicCredentials(header: string | undefined): EditorCredentials | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

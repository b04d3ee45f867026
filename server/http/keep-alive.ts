import type { Server } from 'node:http';

/**
 * How long an idle keep-alive connection stays open. Node closes one after 5 s by default; a
 * client or proxy that reuses it just as the server closes it gets the request reset (ECONNRESET,
 * or a 502 from a load balancer). Holding idle connections for longer than the clients' and
 * proxies' own idle timeouts (60 s on common load balancers) lets them close first, so a reused
 * connection is always open.
 */
export const KEEP_ALIVE_MS = 65_000;

export function keepIdleConnectionsOpen(server: Server): void {
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000; // Node requires it above keepAliveTimeout
}

import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { NodeError } from '../../core/errors';
import { refusePrivateTarget } from './network-guard';

/**
 * Requests through a proxy for the page loader: http pages go to the proxy as absolute-form requests,
 * https pages through a CONNECT tunnel, so the TLS session is still with the site.
 */
export interface ProxiedGet {
  headers: OutgoingHttpHeaders;
  signal: AbortSignal;
  allowPrivateNetwork: boolean;
}

/**
 * GETs `url` through `proxy`. The proxy resolves the site's name, so the private-network check runs
 * here on what this machine resolves it to; a name only the proxy can resolve goes on, and the
 * proxy's own rules then guard the internal network.
 */
export async function getViaProxy(url: URL, proxy: URL, init: ProxiedGet): Promise<IncomingMessage> {
  if (!init.allowPrivateNetwork) await refusePrivateTarget(url);
  const auth = proxy.username ? { 'proxy-authorization': `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}` } : {};
  const at = { host: proxy.hostname.replace(/^\[|\]$/g, ''), port: Number(proxy.port || 80), signal: init.signal };
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const proxyError = (error: NodeJS.ErrnoException) => reject(proxyUnreachable(proxy, error));
    if (url.protocol === 'http:') {
      const req = httpRequest({ ...at, method: 'GET', path: url.href, headers: { ...init.headers, host: url.host, ...auth } });
      req.once('response', resolve);
      req.once('error', proxyError);
      req.end();
      return;
    }
    const target = `${url.hostname}:${url.port || 443}`;
    const tunnel = httpRequest({ ...at, method: 'CONNECT', path: target, headers: { host: target, ...auth } });
    tunnel.once('connect', (answer, socket) => {
      if (answer.statusCode !== 200) {
        socket.destroy();
        reject(proxyRefused(proxy, url, answer.statusCode ?? 0));
        return;
      }
      const host = url.hostname.replace(/^\[|\]$/g, '');
      const req = httpsRequest(url, {
        method: 'GET',
        headers: init.headers,
        signal: init.signal,
        // no agent, so this connection is used: TLS with the site inside the tunnel; SNI names the
        // host (never an IP, which SNI forbids)
        createConnection: () => tlsConnect({ socket, servername: isIP(host) ? undefined : host }),
      });
      req.once('response', resolve);
      req.once('error', reject);
      req.end();
    });
    tunnel.once('error', proxyError);
    tunnel.end();
  });
  if (response.statusCode === 407) {
    response.resume();
    throw proxyRefused(proxy, url, 407);
  }
  return response;
}

function proxyUnreachable(proxy: URL, error: NodeJS.ErrnoException): NodeError | Error {
  if (error.name === 'AbortError') return error;
  return new NodeError('REMOTE_UNREACHABLE', `the proxy ${proxy.host} could not be reached (${error.code ?? error.message}): check HTTP_PROXY / HTTPS_PROXY`);
}

function proxyRefused(proxy: URL, url: URL, status: number): NodeError {
  if (status === 407) {
    return new NodeError('REMOTE_ERROR', `the proxy ${proxy.host} asks for credentials (HTTP 407): give them in the proxy address, http://user:password@${proxy.host}`, {
      retryable: false,
    });
  }
  // no `status` detail: it is the proxy's answer, not the page's (a 404 here does not mean the page is gone)
  return new NodeError('REMOTE_ERROR', `the proxy ${proxy.host} would not connect to ${url.host} (HTTP ${status})`, { retryable: status >= 500 });
}

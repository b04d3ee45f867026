import { lookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { NodeError } from '../../core/errors';
import { isPrivateAddress, PrivateAddressError } from './network-guard';

/**
 * Outbound proxies for the page loader, read the way curl and most HTTP tools read them:
 * HTTP_PROXY for http pages, HTTPS_PROXY for https pages (lower-case names too), NO_PROXY for the
 * hosts reached directly. A machine that reaches the web only through a proxy can load pages; http
 * pages go to the proxy as absolute-form requests, https pages through a CONNECT tunnel, so the TLS
 * session is still with the site.
 */
export interface ProxySettings {
  http?: URL;
  https?: URL;
  noProxy: NoProxyRule[];
}

type NoProxyRule = { kind: 'all' } | { kind: 'host'; suffix: string; port?: string } | { kind: 'ip'; list: BlockList };

export function proxySettings(env: Record<string, string | undefined> = process.env): ProxySettings {
  const read = (name: string) => (env[name] ?? env[name.toLowerCase()] ?? '').trim();
  return {
    http: proxyUrl('HTTP_PROXY', read('HTTP_PROXY')),
    https: proxyUrl('HTTPS_PROXY', read('HTTPS_PROXY')),
    noProxy: read('NO_PROXY')
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(noProxyRule),
  };
}

function proxyUrl(name: string, value: string): URL | undefined {
  if (!value) return undefined;
  let url: URL;
  try {
    // "proxy.corp:3128" without a scheme is common in the wild and means http
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
  } catch {
    throw new NodeError('INVALID_CONFIG', `${name} "${value}" is not a proxy address: give one such as http://proxy.example.com:3128`);
  }
  if (url.protocol !== 'http:') {
    throw new NodeError('INVALID_CONFIG', `${name} "${value}" uses ${url.protocol.replace(':', '')}: the page loader speaks to proxies over plain http (https pages still go through it encrypted)`);
  }
  return url;
}

/** "*", "example.com" / ".example.com" (the host and its subdomains), "host:8080", "10.0.0.0/8", "192.168.1.5" */
function noProxyRule(entry: string): NoProxyRule {
  if (entry === '*') return { kind: 'all' };
  const [address, bits] = entry.split('/');
  const family = isIP(address!.replace(/^\[|\]$/g, ''));
  if (family) {
    const list = new BlockList();
    const plain = address!.replace(/^\[|\]$/g, '');
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits !== undefined && Number.isInteger(Number(bits))) list.addSubnet(plain, Number(bits), type);
    else list.addAddress(plain, type);
    return { kind: 'ip', list };
  }
  const [host, port] = entry.toLowerCase().replace(/^\*?\./, '').split(':');
  return { kind: 'host', suffix: host!, ...(port ? { port } : {}) };
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** The proxy a page's request goes through, or undefined to go direct. */
export function proxyFor(url: URL, settings: ProxySettings): URL | undefined {
  const proxy = url.protocol === 'https:' ? settings.https : settings.http;
  if (!proxy) return undefined;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const family = isIP(host);
  // this machine itself is never behind the proxy (as in Go's and most tools' reading of NO_PROXY)
  if (host === 'localhost' || host.endsWith('.localhost') || (family !== 0 && LOOPBACK.check(host, family === 4 ? 'ipv4' : 'ipv6'))) return undefined;
  const direct = settings.noProxy.some((rule) => {
    if (rule.kind === 'all') return true;
    if (rule.kind === 'ip') return family !== 0 && rule.list.check(host, family === 4 ? 'ipv4' : 'ipv6');
    if (rule.port && rule.port !== port) return false;
    return host === rule.suffix || host.endsWith(`.${rule.suffix}`);
  });
  return direct ? undefined : proxy;
}

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

export async function refusePrivateTarget(url: URL): Promise<void> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return; // literal addresses are checked before any request
  let addresses: { address: string }[];
  try {
    addresses = await lookup(host, { all: true });
  } catch {
    return; // only the proxy knows this name
  }
  const refused = addresses.find((a) => isPrivateAddress(a.address));
  if (refused) throw new PrivateAddressError(host, refused.address);
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

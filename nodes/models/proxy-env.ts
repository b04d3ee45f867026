import { BlockList, isIP } from 'node:net';
import { NodeError } from '../core/errors';

/**
 * The machine's outbound proxies, read the way curl and most HTTP tools read them: HTTP_PROXY for
 * http addresses, HTTPS_PROXY for https ones (lower-case names too; no fallback from one to the
 * other), NO_PROXY for the hosts reached directly. The page loader (web-input/proxy.ts) and the
 * model clients (models/proxied-fetch.ts) both go by these.
 */
export interface ProxySettings {
  http?: URL;
  https?: URL;
  noProxy: NoProxyRule[];
}

type NoProxyRule = { kind: 'all' } | { kind: 'host'; suffix: string; port?: string } | { kind: 'ip'; list: BlockList };

/** The settings read last, by the variables' values. */
let last: { key: string; settings: ProxySettings } | undefined;

export function proxySettings(env: Record<string, string | undefined> = process.env): ProxySettings {
  const read = (name: string) => (env[name] ?? env[name.toLowerCase()] ?? '').trim();
  const raw = { http: read('HTTP_PROXY'), https: read('HTTPS_PROXY'), noProxy: read('NO_PROXY') };
  // every model request asks: read the variables again only when they changed
  const key = `${raw.http}\n${raw.https}\n${raw.noProxy}`;
  if (last?.key === key) return last.settings;
  const settings = {
    http: proxyUrl('HTTP_PROXY', raw.http),
    https: proxyUrl('HTTPS_PROXY', raw.https),
    noProxy: raw.noProxy.split(/[\s,]+/).filter(Boolean).map(noProxyRule),
  };
  last = { key, settings };
  return settings;
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
    throw new NodeError('INVALID_CONFIG', `${name} "${value}" uses ${url.protocol.replace(':', '')}: proxies are spoken to over plain http (https addresses still go through them encrypted)`);
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

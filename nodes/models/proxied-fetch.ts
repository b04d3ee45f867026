import { fetch as undiciFetch, ProxyAgent } from 'undici';
import { proxyFor, proxySettings } from './proxy-env';

/**
 * fetch that goes through HTTP_PROXY / HTTPS_PROXY unless NO_PROXY (or a loopback address) says
 * otherwise, as the page loader does: Node's own fetch ignores those variables, so a model server or
 * hosted API beyond a corporate proxy was unreachable. http addresses go to the proxy as plain
 * forwarded requests (many proxies refuse CONNECT to ports other than 443), https ones through a
 * CONNECT tunnel. Without a proxy for the address it is Node's fetch.
 */
export function proxiedFetch(url: string, init: RequestInit): Promise<Response> {
  const proxy = proxyFor(new URL(url), proxySettings());
  if (!proxy) return fetch(url, init);
  // undici's own fetch, with an agent of the same undici: the one Node bundles may be another version
  return (undiciFetch(url, { ...(init as object), dispatcher: agentFor(proxy) }) as unknown as Promise<Response>).catch((error: unknown) => {
    if (error instanceof Error) PROXIED.set(error, proxy.host);
    throw error;
  });
}

/** The proxy a failed request went through, so its error can name it. */
const PROXIED = new WeakMap<Error, string>();

export function viaProxy(error: unknown): string | undefined {
  return error instanceof Error ? PROXIED.get(error) : undefined;
}

/** One agent (its pooled connections) per proxy address. */
const agents = new Map<string, ProxyAgent>();

function agentFor(proxy: URL): ProxyAgent {
  let agent = agents.get(proxy.href);
  if (!agent) {
    agent = new ProxyAgent({ uri: proxy.href, proxyTunnel: false });
    agents.set(proxy.href, agent);
  }
  return agent;
}

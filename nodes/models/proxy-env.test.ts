import { describe, expect, it } from 'vitest';
import { proxyFor, proxySettings } from './proxy-env';

describe('proxy settings', () => {
  const settings = proxySettings({
    https_proxy: 'proxy.corp:3128',
    HTTP_PROXY: 'http://loader:s%40fe@proxy.corp:8080',
    NO_PROXY: 'intranet.corp, .internal,10.0.0.0/8 192.168.1.5,api.corp:8443',
  });
  const via = (address: string) => proxyFor(new URL(address), settings)?.host;

  it('reads HTTP_PROXY and HTTPS_PROXY in either case, a bare host:port meaning http', () => {
    expect(via('https://example.com/docs/')).toBe('proxy.corp:3128');
    expect(proxyFor(new URL('http://example.com/'), settings)?.href).toBe('http://loader:s%40fe@proxy.corp:8080/');
  });

  it('goes direct for NO_PROXY hosts and their subdomains, addresses and ranges, and host:port', () => {
    for (const direct of ['http://intranet.corp/', 'http://wiki.intranet.corp/a', 'https://x.internal/', 'http://10.2.3.4/', 'http://192.168.1.5/', 'https://api.corp:8443/']) {
      expect(via(direct), direct).toBeUndefined();
    }
    for (const proxied of ['http://notintranet.corp/', 'http://192.168.1.6/', 'https://api.corp/']) expect(via(proxied), proxied).toBeDefined();
    expect(proxyFor(new URL('https://example.com/'), proxySettings({ HTTPS_PROXY: 'proxy:1', NO_PROXY: '*' }))).toBeUndefined();
  });

  it('never sends this machine\'s own addresses to the proxy', () => {
    for (const local of ['http://localhost:3000/', 'http://127.0.0.1/', 'http://[::1]:8080/', 'http://app.localhost/']) expect(via(local), local).toBeUndefined();
  });

  it('refuses a proxy address it cannot use, naming the variable to fix', () => {
    expect(() => proxySettings({ HTTPS_PROXY: 'https://proxy.corp:443' })).toThrow(/HTTPS_PROXY "https:\/\/proxy.corp:443" uses https: proxies are spoken to over plain http/);
    expect(() => proxySettings({ http_proxy: 'http://' })).toThrow('HTTP_PROXY "http://" is not a proxy address: give one such as http://proxy.example.com:3128');
    expect(proxySettings({})).toEqual({ http: undefined, https: undefined, noProxy: [] });
  });
});

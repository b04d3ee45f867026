import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { lookup as dnsLookupAll } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Keeps a server-side fetch from reaching the machine's own network (SSRF): loopback, private,
 * link-local (cloud metadata at 169.254.169.254), carrier-grade NAT, multicast and reserved ranges,
 * in IPv4 and IPv6 (IPv4-mapped IPv6 addresses are checked as IPv4). The check runs on the addresses
 * a name resolves to, inside the connection's own lookup, so a name cannot resolve to a public
 * address for the check and a private one for the connection.
 */
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv6');
}

/** Whether an IP address is on a private, local or reserved network. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return PRIVATE.check(address, 'ipv4');
  if (family !== 6) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return PRIVATE.check(mapped[1]!, 'ipv4');
  return PRIVATE.check(address, 'ipv6');
}

/** The error a refused address gives; fetch-page.ts turns it into the node's message. */
export class PrivateAddressError extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(host === address ? `${host} is a private or local network address` : `${host} resolves to ${address}, a private or local network address`);
    this.name = 'PrivateAddressError';
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http(s).request that refuses private addresses, unless `allowPrivate`. Node's
 * sockets ask for every address at once (`all: true`, to try them in turn) or for one.
 */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, options.all ? [] : '', undefined);
      const refused = allowPrivate ? undefined : privateAmong(hostname, addresses);
      if (refused) return callback(refused as NodeJS.ErrnoException, options.all ? [] : '', undefined);
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', undefined);
      callback(null, first.address, first.family);
    });
  };
}

/** For a URL whose host is an IP literal (sockets skip the lookup for those): the refusal, if any. */
export function literalAddressRefusal(url: URL, allowPrivate: boolean): PrivateAddressError | undefined {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (allowPrivate || !isIP(host)) return undefined;
  return isPrivateAddress(host) ? new PrivateAddressError(host, host) : undefined;
}

/**
 * For a request through a proxy, which resolves the name itself: refuses a name that this machine
 * resolves to a private address. A name it cannot resolve goes on (only the proxy knows it, and the
 * proxy's own rules guard the internal network); literal addresses are checked before any request.
 */
export async function refusePrivateTarget(url: URL): Promise<void> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return;
  let addresses: LookupAddress[];
  try {
    addresses = await dnsLookupAll(host, { all: true });
  } catch {
    return;
  }
  const refused = privateAmong(host, addresses);
  if (refused) throw refused;
}

/** The refusal for the first private address a name resolved to, if any. */
function privateAmong(host: string, addresses: LookupAddress[]): PrivateAddressError | undefined {
  const found = addresses.find((a) => isPrivateAddress(a.address));
  return found ? new PrivateAddressError(host, found.address) : undefined;
}

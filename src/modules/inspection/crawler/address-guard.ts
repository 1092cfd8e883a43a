// Inspection must not be turned against the network the server sits in. Every outbound request of the inspection
// engine goes to a public address only: private (10/8, 172.16/12, 192.168/16, fc00::/7), loopback, link-local and
// cloud metadata (169.254.169.254, fd00:ec2::254), CGNAT, multicast and reserved ranges are refused — checked after
// DNS resolution, at every redirect hop, and again when the connection is made (the dispatcher's own lookup), so
// a name that resolves differently the second time (DNS rebinding) gains nothing.
//
// Exceptions, all set by the operator, none by a user of the web console: addresses, ranges and hosts in
// GOVPORTAL_INSPECT_ALLOW; the installation's own site through its configured host (GOVPORTAL_PUBLIC_URL), which
// may resolve to the intranet (private ranges) but never to loopback, link-local or metadata addresses; and a URL
// the operator gives on the command line (`allowing`). Site domains edited in the console open nothing: a site
// administrator could otherwise name an intranet host as their domain.
import dns from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { Agent } from 'undici';
import { AppError } from '../../../platform/errors.ts';

export interface ResolvedAddress {
  address: string;
  family: number;
}
export type Resolver = (host: string) => Promise<ResolvedAddress[]>;

const systemResolver: Resolver = (host) => dns.promises.lookup(host, { all: true, verbatim: true });

type Range = [network: string, prefix: number, reason: string];

const METADATA = '云平台元数据地址';
const LOOPBACK = '回环地址';
const LINK_LOCAL = '链路本地地址';
const PRIVATE = '内部网络地址';

// Always refused, even for the installation's own hosts.
const NEVER_V4: Range[] = [
  ['0.0.0.0', 8, '本网络地址'],
  ['127.0.0.0', 8, LOOPBACK],
  ['169.254.169.254', 32, METADATA],
  ['169.254.0.0', 16, LINK_LOCAL],
  ['224.0.0.0', 4, '组播地址'],
  ['240.0.0.0', 4, '保留地址'],
];
const NEVER_V6: Range[] = [
  ['::', 128, '未指定地址'],
  ['::1', 128, LOOPBACK],
  ['fd00:ec2::254', 128, METADATA],
  ['fe80::', 10, LINK_LOCAL],
  ['ff00::', 8, '组播地址'],
];
// Refused unless the host is one of the installation's own sites (an intranet deployment) or allow-listed.
const PRIVATE_V4: Range[] = [
  ['10.0.0.0', 8, PRIVATE],
  ['172.16.0.0', 12, PRIVATE],
  ['192.168.0.0', 16, PRIVATE],
  ['100.64.0.0', 10, '运营商级 NAT 地址'],
  ['192.0.0.0', 24, '保留地址'],
  ['192.0.2.0', 24, '文档示例地址'],
  ['198.18.0.0', 15, '测试网络地址'],
  ['198.51.100.0', 24, '文档示例地址'],
  ['203.0.113.0', 24, '文档示例地址'],
];
const PRIVATE_V6: Range[] = [
  ['fc00::', 7, PRIVATE],
  ['100::', 64, '丢弃地址'],
  ['2001:db8::', 32, '文档示例地址'],
];

function blockList(v4: Range[], v6: Range[]): { list: BlockList; reasons: { list: BlockList; reason: string }[] } {
  const list = new BlockList();
  const reasons = [...v4.map((r) => [...r, 'ipv4'] as const), ...v6.map((r) => [...r, 'ipv6'] as const)].map(
    ([network, prefix, reason, type]) => {
      list.addSubnet(network, prefix, type);
      const one = new BlockList();
      one.addSubnet(network, prefix, type);
      return { list: one, reason };
    },
  );
  return { list, reasons };
}

const NEVER = blockList(NEVER_V4, NEVER_V6);
const PRIVATE_RANGES = blockList(PRIVATE_V4, PRIVATE_V6);

/** IPv4 carried inside IPv6 (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16) is judged as IPv4. */
export function embeddedIpv4(address: string): string | null {
  const lower = address.toLowerCase();
  const mapped = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped) return mapped[1]!;
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex) return hexToIpv4(hex[1]!, hex[2]!);
  const sixToFour = /^2002:([0-9a-f]{1,4}):([0-9a-f]{1,4}):/.exec(lower);
  if (sixToFour) return hexToIpv4(sixToFour[1]!, sixToFour[2]!);
  return null;
}

function hexToIpv4(high: string, low: string): string {
  const h = Number.parseInt(high, 16);
  const l = Number.parseInt(low, 16);
  return [h >> 8, h & 255, l >> 8, l & 255].join('.');
}

function reasonIn(ranges: typeof NEVER, address: string): string | null {
  const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
  if (!ranges.list.check(address, type)) return null;
  return ranges.reasons.find((r) => r.list.check(address, type))?.reason ?? PRIVATE;
}

/**
 * Why an address may not be fetched, or null when it is public. `ownHost`: the address belongs to one of the
 * installation's own sites, which may be on the intranet.
 */
export function refusedReason(address: string, ownHost = false): string | null {
  const v4 = isIP(address) === 6 ? embeddedIpv4(address) : null;
  if (v4) return refusedReason(v4, ownHost);
  return reasonIn(NEVER, address) ?? (ownHost ? null : reasonIn(PRIVATE_RANGES, address));
}

export interface GuardOptions {
  /** GOVPORTAL_INSPECT_ALLOW: host names, addresses and CIDR ranges. */
  allow?: readonly string[];
  /** The installation's own host names (from its configuration): they may resolve to the intranet. */
  ownHosts?: readonly string[];
  resolve?: Resolver;
}

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '').toLowerCase();

export class AddressGuard {
  private readonly allowHosts = new Set<string>();
  private readonly allowRanges = new BlockList();
  private readonly resolve: Resolver;
  private readonly own: Set<string>;
  private agent: Agent | null = null;

  constructor(private readonly options: GuardOptions = {}) {
    this.resolve = options.resolve ?? systemResolver;
    this.own = new Set((options.ownHosts ?? []).map((h) => h.toLowerCase()));
    for (const entry of options.allow ?? []) this.addAllowed(entry);
  }

  private addAllowed(entry: string): void {
    const [network, prefix] = entry.split('/');
    const type = isIP(network ?? '');
    if (type === 0) {
      this.allowHosts.add(entry.toLowerCase());
      return;
    }
    const family = type === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) this.allowRanges.addAddress(network!, family);
    else this.allowRanges.addSubnet(network!, Number(prefix), family);
  }

  /** The same guard, also trusting one host (a URL the operator typed on the command line). */
  allowing(host: string): AddressGuard {
    return new AddressGuard({ ...this.options, allow: [...(this.options.allow ?? []), host.toLowerCase()] });
  }

  private allowedAddress(address: string): boolean {
    return this.allowRanges.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
  }

  /** Checks one host's resolved addresses; returns them when all may be fetched. */
  async addressesFor(host: string): Promise<ResolvedAddress[]> {
    const literal = isIP(host);
    const addresses = literal ? [{ address: host, family: literal }] : await this.resolve(host);
    if (this.allowHosts.has(host)) return addresses;
    const own = !literal && this.own.has(host);
    for (const { address } of addresses) {
      if (this.allowedAddress(address)) continue;
      const reason = refusedReason(address, own);
      if (reason) throw new AppError('INSPECT_ADDRESS_REFUSED', { host: `${host}（${address}）`, reason });
    }
    return addresses;
  }

  /** Null when the URL may be fetched, else the reason (in Chinese). Never connects anywhere. */
  async refusal(url: URL): Promise<string | null> {
    try {
      await this.addressesFor(hostOf(url));
      return null;
    } catch (error) {
      if (error instanceof AppError) return error.message;
      return null; // a name that does not resolve fails at fetch time as a DNS error, as before
    }
  }

  /** A dispatcher whose connections are made only to addresses this guard accepts (checked at connect time). */
  get dispatcher(): Agent {
    this.agent ??= new Agent({
      connect: {
        lookup: (hostname, _options, callback) => {
          this.addressesFor(hostname.toLowerCase()).then(
            (addresses) => callback(null, addresses),
            (error: Error) => callback(Object.assign(error, { code: 'EADDRREFUSED' }), []),
          );
        },
      },
    });
    return this.agent;
  }
}

let installed: AddressGuard | null = null;

/** Installs the guard every inspection fetch in this process goes through (done when the app context opens). */
export function installOutboundGuard(guard: AddressGuard | null): void {
  installed = guard;
}

export const outboundGuard = (): AddressGuard | null => installed;

/**
 * A site administrator (or an inspector bound to sites) inspects only the hosts of their own site: the URL's
 * host must be one of the site's domains or allow-listed. Inspectors of every site may inspect any public URL.
 */
export function assertSiteHost(url: string, siteDomains: readonly string[], allow: readonly string[]): void {
  const host = hostOf(new URL(url));
  const allowed = new Set([...siteDomains, ...allow].map((d) => d.toLowerCase()));
  if (!allowed.has(host))
    throw new AppError('INSPECT_HOST_NOT_OWN', { domains: siteDomains.join('、') || '（未设置）' });
}

/** The part of a browser context (playwright) the guard needs. */
interface RoutableContext {
  route(
    url: string,
    handler: (route: {
      request(): { url(): string };
      abort(code?: string): Promise<void>;
      continue(): Promise<void>;
    }) => Promise<void>,
  ): Promise<unknown>;
}

/**
 * Evidence screenshots load the page with its images, frames and scripts: each of those requests passes the same
 * guard, so a crawled page cannot make the browser show an intranet or metadata address in a screenshot.
 */
export async function guardBrowserRequests(context: RoutableContext): Promise<void> {
  const guard = outboundGuard();
  if (!guard) return;
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (!/^https?:$/.test(url.protocol)) return route.continue();
    return (await guard.refusal(url)) ? route.abort('blockedbyclient') : route.continue();
  });
}

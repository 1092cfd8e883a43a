// IPv6改造: the site must answer over IPv6 — an AAAA record and a TCP connection to it on the site's port.
// A local copy (127.0.0.1, localhost) is tried on [::1] with the same port.
import { promises as dns } from 'node:dns';
import net from 'node:net';
import type { IndicatorResult } from '../scoring.ts';
import { bareHost, isLoopbackHost } from '../crawler/urls.ts';
import { type CheckContext, type Ipv6Probe, finding, measured, untested } from './context.ts';

const ID = 'deduct.ipv6';
const CONNECT_TIMEOUT_MS = 5_000;

export async function checkIpv6(ctx: CheckContext): Promise<IndicatorResult> {
  if (!ctx.home) return untested(ID, '首页无法访问，无法检测');
  const probe = await (ctx.options.ipv6Probe ?? probeIpv6)(ctx.snapshot.homeUrl);
  if (probe.ok) return measured(ID, []);
  const evidence = {
    url: ctx.snapshot.homeUrl,
    expected: '网站可通过IPv6访问',
    observed: probe.message,
    at: probe.at,
    address: probe.address,
  };
  return measured(ID, [finding(ID, 1, '未完成IPv6改造：网站无法通过IPv6访问', evidence)]);
}

/** Resolves AAAA (or uses [::1] for a local copy) and opens a TCP connection to the site's port. */
export async function probeIpv6(siteUrl: string): Promise<Ipv6Probe> {
  const at = new Date().toISOString();
  const url = new URL(siteUrl);
  const host = bareHost(url);
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  const address = await ipv6AddressOf(host);
  if (!address.ok) return { ok: false, address: null, at, message: address.message };
  const connected = await canConnect(address.value, port);
  return connected.ok
    ? { ok: true, address: address.value, at, message: `已通过IPv6连接 [${address.value}]:${port}` }
    : {
        ok: false,
        address: address.value,
        at,
        message: `IPv6地址 [${address.value}]:${port} 无法连接（${connected.message}）`,
      };
}

type Outcome<T> = { ok: true; value: T } | { ok: false; message: string };

async function ipv6AddressOf(host: string): Promise<Outcome<string>> {
  if (isLoopbackHost(host)) return { ok: true, value: '::1' };
  if (net.isIP(host) === 6) return { ok: true, value: host };
  if (net.isIP(host) === 4) return { ok: false, message: `网站以IPv4地址 ${host} 访问，无IPv6地址` };
  try {
    const addresses = await dns.resolve6(host);
    return addresses.length > 0 ? { ok: true, value: addresses[0] } : { ok: false, message: `域名 ${host} 无AAAA记录` };
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'ERROR';
    return { ok: false, message: `域名 ${host} 无AAAA记录（${code}）` };
  }
}

function canConnect(address: string, port: number): Promise<Outcome<true>> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: address, port, family: 6 });
    const done = (outcome: Outcome<true>) => {
      socket.destroy();
      resolve(outcome);
    };
    socket.setTimeout(CONNECT_TIMEOUT_MS, () => done({ ok: false, message: '连接超时' }));
    socket.once('connect', () => done({ ok: true, value: true }));
    socket.once('error', (error: NodeJS.ErrnoException) => done({ ok: false, message: error.code ?? error.message }));
  });
}

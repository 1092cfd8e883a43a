// Runs Debian's wrk against one URL and reads its summary: requests per second and the latency percentiles.
import { spawnSync } from 'node:child_process';

export interface WrkResult {
  url: string;
  rps: number;
  p50: number;
  p99: number;
  /** Answers that were neither 2xx nor 3xx, and socket errors: a run with any is not a valid measurement. */
  errors: number;
  requests: number;
}

/** wrk prints latencies as 812.00us, 1.20ms or 1.05s; returns milliseconds. */
export function toMs(text: string): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim());
  if (!m) throw new Error(`unreadable wrk latency: ${text}`);
  const factor = { us: 0.001, ms: 1, s: 1000, m: 60_000 }[m[2] as 'us' | 'ms' | 's' | 'm'];
  return Number(m[1]) * factor;
}

export function parseWrk(url: string, out: string): WrkResult {
  const pct = (p: string) => {
    const m = new RegExp(`^\\s*${p}%\\s+(\\S+)`, 'm').exec(out);
    if (!m) throw new Error(`wrk output without the ${p}% latency:\n${out}`);
    return toMs(m[1]!);
  };
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(out);
  const requests = /(\d+) requests in/.exec(out);
  if (!rps || !requests) throw new Error(`unreadable wrk output:\n${out}`);
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const socketErrors = socket ? socket.slice(1).reduce((n, v) => n + Number(v), 0) : 0;
  return {
    url,
    rps: Number(rps[1]),
    p50: pct('50'),
    p99: pct('99'),
    errors: non2xx + socketErrors,
    requests: Number(requests[1]),
  };
}

export interface WrkOptions {
  connections: number;
  threads: number;
  seconds: number;
  headers?: Record<string, string>;
}

export function wrk(url: string, options: WrkOptions): WrkResult {
  const args = [
    '-t',
    String(options.threads),
    '-c',
    String(options.connections),
    '-d',
    `${options.seconds}s`,
    '--latency',
  ];
  for (const [name, value] of Object.entries(options.headers ?? {})) args.push('-H', `${name}: ${value}`);
  const run = spawnSync('wrk', [...args, url], { encoding: 'utf8', timeout: (options.seconds + 30) * 1000 });
  if (run.status !== 0) throw new Error(`wrk failed (${run.status}): ${run.stderr}`);
  return parseWrk(url, run.stdout);
}

/**
 * A wrk script that asks for the paths in turn and prints every status it saw (`STATUS <code> <count>`), so a
 * bench can tell answers of load shedding (503) from errors.
 */
export const roundRobinScript = (paths: string[]) => `
local paths = {${paths.map((p) => JSON.stringify(p)).join(', ')}}
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
statuses = {}
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
local threads = {}
setup = function(thread) table.insert(threads, thread) end
done = function(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("statuses")) do total[k] = (total[k] or 0) + v end
  end
  for k, v in pairs(total) do io.write(string.format("STATUS %d %d\\n", k, v)) end
end
`;

// 站点无法访问: monitor one week, at least 20 visits a day; when visits that fail or take 15 s or more make up
// 5% or more, the site is vetoed. The probes are scheduled and stored elsewhere; this is the rule and one probe.
import type { IndicatorResult } from '../scoring.ts';
import { fetchPage } from '../crawler/fetcher.ts';
import { finding, measured, untested } from './context.ts';

const ID = 'veto.site-unreachable';
const DAY_MS = 86_400_000;

export const AVAILABILITY_RULE = {
  days: 7,
  probesPerDay: 20,
  /** 超过（含）15秒网站仍打不开 */
  slowMs: 15_000,
  /** 累计占比超过（含）5% (percent) */
  failurePercent: 5,
} as const;

export interface AvailabilityProbe {
  /** ISO time (or Date) of the visit. */
  at: string | Date;
  /** The page opened (an answer below 400 with its body). */
  ok: boolean;
  /** Time until the page opened or the attempt ended. */
  ms: number;
  status?: number | null;
  error?: string;
}

export interface AvailabilityOptions {
  /** End of the monitoring week; default the latest probe. */
  now?: Date;
  url?: string;
}

const failed = (probe: AvailabilityProbe): boolean => !probe.ok || probe.ms >= AVAILABILITY_RULE.slowMs;

/**
 * Judges the week before `now`, as 7 consecutive 24-hour days: each day needs ≥ 20 probes, otherwise the result
 * is untested; failures (not ok, or ≥ 15 s) at ≥ 5% of the week's probes veto the site.
 */
export function evaluateAvailability(
  probes: readonly AvailabilityProbe[],
  options: AvailabilityOptions = {},
): IndicatorResult {
  const { days, probesPerDay, slowMs, failurePercent } = AVAILABILITY_RULE;
  const times = probes.map((p) => new Date(p.at).getTime());
  if (probes.length === 0) return untested(ID, `没有访问监测记录（需连续${days}天、每天至少${probesPerDay}次）`);
  const end = options.now?.getTime() ?? Math.max(...times) + 1;
  const start = end - days * DAY_MS;
  const week = probes.filter((_, i) => times[i] >= start && times[i] < end);
  const perDay = Array.from(
    { length: days },
    (_, day) => week.filter((p) => Math.floor((new Date(p.at).getTime() - start) / DAY_MS) === day).length,
  );
  const shortDay = perDay.findIndex((count) => count < probesPerDay);
  if (shortDay >= 0) {
    return untested(
      ID,
      `监测数据不足：监测周第${shortDay + 1}天只有${perDay[shortDay]}次访问（需连续${days}天、每天至少${probesPerDay}次）`,
    );
  }
  const failures = week.filter(failed);
  // failures / total ≥ 5%, compared in integers: failures × 100 ≥ 5 × total
  if (failures.length * 100 < failurePercent * week.length) return measured(ID, []);
  const share = ((failures.length / week.length) * 100).toFixed(1);
  const evidence = {
    url: options.url ?? '',
    expected: `${days}天内超过（含）${slowMs / 1000}秒仍打不开的访问占比低于${failurePercent}%`,
    observed: `${week.length}次访问中${failures.length}次打不开或超过${slowMs / 1000}秒（${share}%）`,
    at: new Date(end).toISOString(),
    from: new Date(start).toISOString(),
    probes: week.length,
    failures: failures.length,
  };
  return measured(ID, [finding(ID, 1, `监测${days}天，网站打不开的次数占比${share}%`, evidence)]);
}

/** One visit: GET the URL with the 15 s limit; ok when it answered below 400 and the body arrived in time. */
export async function probeOnce(url: string, options: { timeoutMs?: number } = {}): Promise<AvailabilityProbe> {
  const result = await fetchPage(url, { timeoutMs: options.timeoutMs ?? AVAILABILITY_RULE.slowMs, readBody: 'all' });
  const ok = !result.error && result.status !== null && result.status < 400 && result.ms < AVAILABILITY_RULE.slowMs;
  return {
    at: result.startedAt,
    ok,
    ms: result.ms,
    status: result.status,
    ...(result.error && { error: result.error.message }),
  };
}

// One inspection: crawl the site, run the external checks, add the internal checks (for govportal's own
// sites), the availability history and the inspectors' manual findings, merge them per indicator, score them
// as the seed says, and describe everything in a stable JSON report.
import { AppError } from '../../platform/errors.ts';
import { crawlSite, checkLinks } from './crawler/index.ts';
import { hostLimiter, DEFAULT_CRAWL_SETTINGS, OWN_SITE_CONCURRENCY } from './crawler/crawler.ts';
import { createChromiumRenderer, type PageRenderer } from './crawler/render.ts';
import { bareHost, isLoopbackHost } from './crawler/urls.ts';
import type { ProgressEvent, SiteSnapshot } from './crawler/types.ts';
import { runExternalChecks, evaluateAvailability, type AvailabilityProbe } from './external/index.ts';
import { GOV_WEBSITE_CATALOGUE, allIndicators } from './indicators.ts';
import {
  scoreInspection,
  type Finding,
  type IndicatorOutcome,
  type IndicatorResult,
  type InspectionScore,
} from './scoring.ts';
import type { ReportIndicatorStatus } from './inspection.schema.ts';

export type Source = 'external' | 'internal' | 'manual' | 'monitoring';

export interface RunProgress {
  stage: 'crawl' | 'links' | 'checks' | 'evidence' | 'done';
  done: number;
  total: number;
  message: string;
}

export interface InspectOptions {
  baseUrl: string;
  maxPages?: number;
  /** 没有对外服务职能: the 办事服务 indicators are not inspected (×4/3). */
  noServices?: boolean;
  /** Only for an inspector's own site. */
  ignoreRobots?: boolean;
  seed?: number;
  now?: Date;
  /** The public host of a site crawled through a local address (for the domain rules). */
  publicHost?: string;
  onProgress?: (p: RunProgress) => void;
  /** Cancels the run: the crawl and link check stop at once, and inspect rejects with INSPECTION_CANCELLED. */
  signal?: AbortSignal;
  /**
   * Render pages in Chromium (footer as the visible bottom of the page, script-driven search boxes). Default
   * true; without Chromium on the server the report says what could therefore not be judged.
   */
  render?: boolean;
  /**
   * One of this installation's own sites: crawled at full speed. By default: when the internal checks are given
   * and the address is the site's configured host (publicHost) or this machine.
   */
  ownSite?: boolean;
}

/** Thrown between the stages of a cancelled run: nothing is scored from a crawl cut short. */
export const cancelledError = () => new AppError('INSPECTION_CANCELLED');

export interface InspectSources {
  /** govportal's own view of the site, when it is one of ours. */
  internal?: (now: Date, seed: number) => Promise<IndicatorResult[]>;
  manual?: Finding[];
  probes?: AvailabilityProbe[];
}

export interface ReportFinding extends Finding {
  source: Source;
}

export interface ReportIndicator {
  id: string;
  /** As written in 附件2. */
  name: string;
  group: string | null;
  kind: 'veto' | 'deduction' | 'bonus';
  status: ReportIndicatorStatus;
  /** Points lost (deduction) or gained (bonus) after the caps; null for vetoes and indicators not scored. */
  points: number | null;
  maxPoints: number | null;
  sources: Source[];
  reason?: string;
  findings: ReportFinding[];
}

export interface InspectionReport {
  schema: 'govportal-inspection-report/1';
  target: { url: string; siteId: number | null; siteName: string | null };
  startedAt: string;
  finishedAt: string;
  seed: number;
  options: { maxPages: number; noServices: boolean; ignoreRobots: boolean };
  verdict: '合格' | '不合格';
  deductionScore: number | null;
  bonusScore: number | null;
  totalScore: number | null;
  untested: {
    deductionPoints: number;
    bonusPoints: number;
    vetoes: string[];
    indicators: { id: string; name: string; reason: string }[];
  };
  indicators: ReportIndicator[];
  crawl: {
    pages: number;
    stoppedBy: string;
    robots: unknown;
    skipped: number;
    /** Full speed (own site) or polite (external), with the most requests that were in flight to one host. */
    mode?: { ownSite: boolean; perHost: number; peakInFlight: number; crawlDelayMs: number | null };
    rendering?: SiteSnapshot['rendering'];
  };
  score: InspectionScore;
}

/** Per indicator: govportal's internal measurement wins over the outside view; manual findings always count. */
export function mergeResults(
  sets: { source: Source; results: IndicatorResult[] }[],
  manual: Finding[],
): { results: IndicatorResult[]; sources: Map<string, Source[]>; tagged: Map<string, ReportFinding[]> } {
  const precedence: Source[] = ['monitoring', 'internal', 'external'];
  const results: IndicatorResult[] = [];
  const sources = new Map<string, Source[]>();
  const tagged = new Map<string, ReportFinding[]>();
  for (const indicator of allIndicators(GOV_WEBSITE_CATALOGUE)) {
    const candidates = precedence.flatMap((source) =>
      sets
        .filter((s) => s.source === source)
        .flatMap((s) => s.results.filter((r) => r.indicatorId === indicator.id).map((r) => ({ source, r }))),
    );
    const chosen = candidates.find((c) => c.r.status === 'measured');
    const own = manual.filter((f) => f.indicatorId === indicator.id);
    const findings: ReportFinding[] = [
      ...(chosen && chosen.r.status === 'measured'
        ? chosen.r.findings.map((f) => ({ ...f, source: chosen.source }))
        : []),
      ...own.map((f) => ({ ...f, source: 'manual' as const })),
    ];
    const used: Source[] = [...(chosen ? [chosen.source] : []), ...(own.length ? ['manual' as const] : [])];
    sources.set(indicator.id, used);
    tagged.set(indicator.id, findings);
    if (chosen || own.length) {
      // A part an inspector recorded by hand is measured, whatever the automatic checks could not see.
      const untestedParts = (chosen && chosen.r.status === 'measured' ? (chosen.r.untestedParts ?? []) : []).filter(
        (u) => !own.some((f) => f.part === u.part),
      );
      results.push({
        indicatorId: indicator.id,
        status: 'measured',
        findings: findings.map(({ source: _s, ...f }) => f),
        ...(untestedParts.length ? { untestedParts } : {}),
      });
    } else {
      const reasons = candidates.map((c) => (c.r.status === 'untested' ? c.r.reason : '')).filter(Boolean);
      results.push({ indicatorId: indicator.id, status: 'untested', reason: reasons[0] ?? '本次检查未能测量' });
    }
  }
  return { results, sources, tagged };
}

function reportIndicators(
  score: InspectionScore,
  sources: Map<string, Source[]>,
  tagged: Map<string, ReportFinding[]>,
  merged: readonly IndicatorResult[],
): ReportIndicator[] {
  const untestedReason = new Map(
    merged.flatMap((r) => (r.status === 'untested' ? [[r.indicatorId, r.reason] as const] : [])),
  );
  const scored: IndicatorOutcome[] = [...score.vetoes, ...(score.deductions ?? []), ...(score.bonuses ?? [])];
  const byId = new Map(scored.map((o) => [o.indicatorId, o]));
  // After a veto the seed scores nothing else; the other indicators are still listed with what was found.
  return allIndicators(GOV_WEBSITE_CATALOGUE).map((indicator) => {
    const o = byId.get(indicator.id);
    const base = {
      id: indicator.id,
      name: indicator.name,
      sources: sources.get(indicator.id) ?? [],
      findings: tagged.get(indicator.id) ?? [],
    };
    if (!o) {
      // an indicator that was not measured stays 未检测 after a veto: only what was measured is 未评分
      const notMeasured = untestedReason.get(indicator.id);
      return {
        ...base,
        group: 'group' in indicator ? (indicator.group ?? null) : null,
        kind: indicator.kind as ReportIndicator['kind'],
        status: notMeasured !== undefined ? '未检测' : '未评分',
        points: null,
        maxPoints: 'points' in indicator ? (indicator.points as number) : null,
        reason:
          notMeasured !== undefined
            ? `${notMeasured}（存在单项否决情形，不再评分）`
            : base.findings.length > 0
              ? `存在单项否决情形，不再评分（检测发现 ${base.findings.length} 个问题，未计分）`
              : '存在单项否决情形，不再评分（已检测，未发现问题）',
      };
    }
    return {
      ...base,
      group: o.group,
      kind: o.kind as ReportIndicator['kind'],
      status: o.status,
      points: o.points,
      maxPoints: o.maxPoints,
      ...(o.reason ? { reason: o.reason } : {}),
    };
  });
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export async function inspect(
  options: InspectOptions,
  sources: InspectSources = {},
  target: { siteId: number | null; siteName: string | null } = { siteId: null, siteName: null },
): Promise<{ report: InspectionReport; snapshot: SiteSnapshot }> {
  const startedAt = new Date().toISOString();
  const now = options.now ?? new Date();
  const seed = options.seed ?? Math.floor(now.getTime() / 1000) % 1_000_000;
  const maxPages = options.maxPages ?? 60;
  const progress = options.onProgress ?? (() => {});
  const ownSite = options.ownSite ?? isOwnAddress(options.baseUrl, options.publicHost, Boolean(sources.internal));
  const crawlSettings = { ...DEFAULT_CRAWL_SETTINGS, ownSite, concurrency: ownSite ? OWN_SITE_CONCURRENCY : 4 };
  const limiter = hostLimiter(crawlSettings);
  let renderer = null as PageRenderer | null;
  try {
    return await inspectWith();
  } finally {
    await renderer?.close();
  }

  async function inspectWith(): Promise<{ report: InspectionReport; snapshot: SiteSnapshot }> {
    const stopIfCancelled = () => {
      if (options.signal?.aborted) throw cancelledError();
    };
    stopIfCancelled();
    progress({ stage: 'crawl', done: 0, total: maxPages, message: '开始抓取网站' });
    const snapshot = await crawlSite(options.baseUrl, {
      maxPages,
      ignoreRobots: options.ignoreRobots ?? false,
      ownSite,
      concurrency: crawlSettings.concurrency,
      limiter,
      renderer:
        options.render === false
          ? null
          : async (hosts) => {
              renderer = await createChromiumRenderer(hosts);
              return renderer;
            },
      signal: options.signal,
      onProgress: (e: ProgressEvent) => {
        if (e.phase === 'crawl')
          progress({
            stage: 'crawl',
            done: e.done,
            total: Math.min(e.limit, e.done + e.queued),
            message: `已抓取 ${e.done} 个页面`,
          });
      },
    });
    stopIfCancelled();
    progress({ stage: 'links', done: 0, total: 1, message: '检查链接和图片' });
    const links = await checkLinks(snapshot, {
      seed,
      limiter,
      signal: options.signal,
      onProgress: (e: ProgressEvent) => {
        if (e.phase === 'links')
          progress({ stage: 'links', done: e.done, total: e.total, message: `已检查 ${e.done} 个链接` });
      },
    });
    stopIfCancelled();
    progress({ stage: 'checks', done: 0, total: 3, message: '按指标检查' });
    const external = await runExternalChecks(snapshot, {
      now,
      seed,
      links,
      publicHost: options.publicHost,
      renderer,
      ...(options.signal && { signal: options.signal }),
    });
    stopIfCancelled();
    const sets: { source: Source; results: IndicatorResult[] }[] = [{ source: 'external', results: external }];
    if (sources.internal) sets.push({ source: 'internal', results: await sources.internal(now, seed) });
    if (sources.probes)
      sets.push({
        source: 'monitoring',
        results: [evaluateAvailability(sources.probes, { now, url: options.baseUrl })],
      });
    stopIfCancelled();
    progress({ stage: 'checks', done: 2, total: 3, message: '计算得分' });
    const merged = mergeResults(sets, sources.manual ?? []);
    const score = scoreInspection(merged.results, { noPublicServices: options.noServices ?? false });
    const indicators = reportIndicators(score, merged.sources, merged.tagged, merged.results);
    const report: InspectionReport = {
      schema: 'govportal-inspection-report/1',
      target: { url: options.baseUrl, ...target },
      startedAt,
      finishedAt: new Date().toISOString(),
      seed,
      options: { maxPages, noServices: options.noServices ?? false, ignoreRobots: options.ignoreRobots ?? false },
      verdict: score.verdict,
      deductionScore: score.deductionScore === null ? null : round2(score.deductionScore),
      bonusScore: score.bonusScore === null ? null : round2(score.bonusScore),
      totalScore: score.totalScore === null ? null : round2(score.totalScore),
      untested: {
        deductionPoints: score.untested.deductionPoints,
        bonusPoints: score.untested.bonusPoints,
        vetoes: score.untested.vetoes.map((v) => v.name),
        indicators: indicators
          .filter((i) => i.status === '未检测')
          .map((i) => ({ id: i.id, name: i.name, reason: i.reason ?? '' })),
      },
      indicators,
      crawl: {
        pages: snapshot.pages.length,
        stoppedBy: snapshot.stoppedBy,
        robots: snapshot.robots,
        skipped: snapshot.skipped.length,
        mode: {
          ownSite,
          perHost: ownSite ? crawlSettings.concurrency : Math.min(crawlSettings.concurrency, 4),
          peakInFlight: snapshot.peakInFlight,
          crawlDelayMs: ownSite ? null : snapshot.robots.crawlDelayMs,
        },
        rendering: snapshot.rendering,
      },
      score,
    };
    return { report, snapshot };
  }
}

/**
 * The site is one of ours, reached through its configured host (or this machine itself): no one else's server
 * is asked, so it is crawled at full speed. Any other address of it is crawled politely like an external site.
 */
function isOwnAddress(baseUrl: string, publicHost: string | undefined, hosted: boolean): boolean {
  if (!hosted) return false;
  try {
    const host = bareHost(new URL(baseUrl));
    if (isLoopbackHost(host)) return true;
    if (!publicHost) return false;
    const configured = bareHost(new URL(publicHost.includes('://') ? publicHost : `http://${publicHost}`));
    return host === configured;
  } catch {
    return false;
  }
}

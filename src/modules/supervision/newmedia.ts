// 政务新媒体检查指标 (single-veto items only): what can be fetched is checked — the newest post's date on the
// account's public page or feed (监测时间点前2周内无更新), and whether an app's download page answers; what cannot
// (serious errors, interaction, bought followers) comes from the supervisor's manual findings.
import * as cheerio from 'cheerio';
import { fetchPage } from '../inspection/crawler/fetcher.ts';
import { extractPage } from '../inspection/crawler/extract.ts';
import { findDates, localDate } from '../inspection/crawler/dates.ts';
import { NEW_MEDIA_CATALOGUE } from '../inspection/indicators.ts';
import type { Finding } from '../inspection/scoring.ts';

/** 监测时间点前2周内无更新 → single veto. */
export const NEW_MEDIA_MAX_SILENCE_DAYS = 14;
const DAY_MS = 86_400_000;

export interface AccountToCheck {
  name: string;
  platform: string | null;
  url: string;
  feedUrl: string | null;
  appUrl: string | null;
}

export interface NewMediaIndicator {
  id: string;
  name: string;
  status: '通过' | '否决' | '未检测';
  reason: string | null;
  findings: Finding[];
}

export interface NewMediaResult {
  verdict: '合格' | '不合格';
  /** The newest post's date (yyyy-MM-dd), when one was read. */
  newest: string | null;
  indicators: NewMediaIndicator[];
  checkedAt: string;
}

/** The newest date of a feed (RSS, Atom) or of an HTML page listing posts. */
export function newestDate(body: string, contentType: string | null, url: string): string | null {
  const xml = /xml|rss|atom/.test(contentType ?? '') || /^\s*(<\?xml|<rss|<feed)/.test(body);
  if (!xml) return extractPage(body, url).dates[0] ?? null;
  const $ = cheerio.load(body, { xml: true });
  const dates = $('item > pubDate, entry > updated, entry > published, item > date, item > dc\\:date')
    .toArray()
    .map((el) => $(el).text().trim())
    .flatMap((text) => {
      const instant = new Date(text);
      if (!Number.isNaN(instant.getTime()) && /[a-zA-Z]|T\d/.test(text)) return [localDate(instant)];
      return findDates(text).slice(0, 1);
    });
  return dates.sort().at(-1) ?? null;
}

/** Checks one account from outside and merges the manual findings recorded for it. */
export async function checkAccount(
  account: AccountToCheck,
  now: Date,
  manual: Finding[],
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<NewMediaResult> {
  const fetchOptions = { timeoutMs: options.timeoutMs ?? 15_000, ...(options.signal && { signal: options.signal }) };
  const updated = await checkUpdates(account, now, fetchOptions);
  const indicators = NEW_MEDIA_CATALOGUE.vetoes.map((indicator): NewMediaIndicator => {
    const own = manual.filter((f) => f.indicatorId === indicator.id);
    if (indicator.id === 'newmedia.veto.not-updated') {
      const findings = [...updated.findings, ...own];
      if (findings.length > 0)
        return { id: indicator.id, name: indicator.name, status: '否决', reason: null, findings };
      return updated.undecided
        ? { id: indicator.id, name: indicator.name, status: '未检测', reason: updated.undecided, findings: [] }
        : { id: indicator.id, name: indicator.name, status: '通过', reason: null, findings: [] };
    }
    if (own.length > 0) return { id: indicator.id, name: indicator.name, status: '否决', reason: null, findings: own };
    const reason =
      indicator.id === 'newmedia.veto.security'
        ? '严重表述错误、泄密、有害内容和负面舆情需人工检查'
        : '互动功能是否有效、有无购买粉丝或强制点赞需人工检查';
    return { id: indicator.id, name: indicator.name, status: '未检测', reason, findings: [] };
  });
  return {
    verdict: indicators.some((i) => i.status === '否决') ? '不合格' : '合格',
    newest: updated.newest,
    indicators,
    checkedAt: now.toISOString(),
  };
}

async function checkUpdates(
  account: AccountToCheck,
  now: Date,
  fetchOptions: { timeoutMs: number; signal?: AbortSignal },
): Promise<{ findings: Finding[]; newest: string | null; undecided: string | null }> {
  const id = 'newmedia.veto.not-updated';
  const findings: Finding[] = [];
  let newest: string | null = null;
  let undecided: string | null = null;
  const source = account.feedUrl ?? account.url;
  const page = await fetchPage(source, { ...fetchOptions, readBody: 'text' });
  if (page.text !== null && page.status !== null && page.status < 400) {
    newest = newestDate(page.text, page.contentType, page.finalUrl);
    if (newest === null) undecided = `未能从 ${source} 读出发布日期，需人工检查更新情况`;
    else {
      const age = Math.floor((now.getTime() - new Date(`${newest}T00:00:00+08:00`).getTime()) / DAY_MS);
      if (age > NEW_MEDIA_MAX_SILENCE_DAYS)
        findings.push({
          indicatorId: id,
          subRule: 1,
          message: `最近一次更新为 ${newest}，监测时间点前2周内无更新`,
          evidence: {
            url: page.finalUrl,
            expected: '2周内有更新',
            observed: `最新发布日期 ${newest}`,
            at: page.startedAt,
            sha256: page.sha256,
          },
        });
    }
  } else {
    undecided = `信息源 ${source} 无法访问（${page.error?.message ?? `HTTP ${page.status}`}），需人工检查更新情况`;
  }
  if (account.appUrl) {
    const app = await fetchPage(account.appUrl, { ...fetchOptions, readBody: 'none' });
    if (app.error || app.status === null || app.status >= 400)
      findings.push({
        indicatorId: id,
        subRule: 2,
        message: '移动客户端下载页无法访问，客户端无法下载',
        evidence: {
          url: account.appUrl,
          expected: '下载页可以打开',
          observed: app.error?.message ?? `HTTP ${app.status}`,
          at: app.startedAt,
        },
      });
  }
  return { findings, newest, undecided: findings.length ? null : undecided };
}

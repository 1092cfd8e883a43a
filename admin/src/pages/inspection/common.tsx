// Labels, tags and helpers shared by the inspection pages (网站检查). Every status tag carries an icon and a
// word, so colour is never the only cue.
import type { CSSProperties, ReactNode } from 'react';
import { Tag, Tooltip } from 'antd';
import {
  CheckCircleFilled,
  CheckCircleOutlined,
  ClockCircleOutlined,
  CloseCircleFilled,
  CloseCircleOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  EllipsisOutlined,
  GlobalOutlined,
  MinusCircleOutlined,
  MinusOutlined,
  PlusCircleOutlined,
  QuestionCircleOutlined,
  StopOutlined,
  SyncOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { IndicatorKind } from '../../../../src/modules/inspection/indicators.schema.ts';
import type { SiteView as Site } from '../../../../src/modules/sites/sites.schema.ts';
import type {
  IndicatorView as CatalogueIndicator,
  ReportFinding,
  RunProgress,
  RunRow,
  RunStatus,
  Source,
  Stage,
  Verdict,
} from '../../../../src/modules/inspection/inspection.schema.ts';
import type { MeView as Me } from '../../../../src/modules/users/users.schema.ts';

export const DEDUCTION_GROUPS = [
  { name: '发布解读', points: 31 },
  { name: '办事服务', points: 25 },
  { name: '互动交流', points: 23 },
  { name: '功能设计', points: 21 },
] as const;

// Tag colours with at least 4.5:1 contrast (antd's orange and gold tags fall short of WCAG AA).
export type Tone = 'ok' | 'deduct' | 'bad' | 'caution' | 'muted' | 'info';
const TONES: Record<Tone, CSSProperties> = {
  ok: { color: '#2f7d0b', background: '#f6ffed', borderColor: '#b7eb8f' },
  deduct: { color: '#ad4e00', background: '#fff7e6', borderColor: '#ffd591' },
  bad: { color: '#c9252c', background: '#fff2f0', borderColor: '#ffccc7' },
  caution: { color: '#874d00', background: '#fffbe6', borderColor: '#ffe58f' },
  muted: { color: 'rgba(0, 0, 0, 0.78)', background: '#fafafa', borderColor: '#d9d9d9' },
  info: { color: '#1d4ea8', background: '#f0f5ff', borderColor: '#adc6ff' },
};
export const toneStyle = (tone: Tone, extra: CSSProperties = {}): CSSProperties => ({ ...TONES[tone], ...extra });

export const KIND_LABEL: Record<IndicatorKind, string> = { veto: '单项否决', deduction: '扣分指标', bonus: '加分指标' };

export const STAGE_LABEL: Record<Stage, string> = {
  crawl: '抓取页面',
  links: '检查链接',
  checks: '按指标检查',
  evidence: '截取证据',
  done: '完成',
};
export const STAGES: Stage[] = ['crawl', 'links', 'checks', 'evidence', 'done'];

/** Share of the whole run each stage stands for (crawl and link checks take most of the time). */
const STAGE_SPAN: Record<Stage, [number, number]> = {
  crawl: [0, 50],
  links: [50, 85],
  checks: [85, 92],
  evidence: [92, 99],
  done: [100, 100],
};

/** 0–100 for the progress bar. The engine reports `done` before taking screenshots: shown as 99 until the run ends. */
export function progressPercent(status: RunStatus, p: RunProgress | null | undefined): number {
  if (status === 'done') return 100;
  if (!p) return 0;
  if (p.stage === 'done') return 99;
  const [from, to] = STAGE_SPAN[p.stage] ?? [0, 0];
  const share = p.total > 0 ? Math.min(1, Math.max(0, p.done / p.total)) : 0;
  return Math.round(from + (to - from) * share);
}

export const SOURCE_LABEL: Record<Source, string> = {
  external: '外部抓取',
  internal: '内部数据',
  manual: '人工',
  monitoring: '监测',
};

const SOURCE_ICON: Record<Source, ReactNode> = {
  external: <GlobalOutlined aria-hidden />,
  internal: <DatabaseOutlined aria-hidden />,
  manual: <UserOutlined aria-hidden />,
  monitoring: <DashboardOutlined aria-hidden />,
};

const SOURCE_HELP: Record<Source, string> = {
  external: '从网站外部抓取页面检测得出',
  internal: '由本平台数据库中的栏目、稿件、留言等数据得出',
  manual: '检查员人工记录',
  monitoring: '由定期可访问性监测得出',
};

export function SourceTag({ source }: { source: Source }) {
  return (
    <Tooltip title={SOURCE_HELP[source]}>
      <Tag icon={SOURCE_ICON[source]} style={{ marginInlineEnd: 4 }}>
        {SOURCE_LABEL[source] ?? source}
      </Tag>
    </Tooltip>
  );
}

const STATUS_STYLE: Record<string, { tone: Tone; icon: ReactNode; help: string }> = {
  通过: { tone: 'ok', icon: <CheckCircleOutlined aria-hidden />, help: '已检测，未发现问题' },
  扣分: { tone: 'deduct', icon: <MinusCircleOutlined aria-hidden />, help: '发现问题，已扣分' },
  否决: { tone: 'bad', icon: <StopOutlined aria-hidden />, help: '触发单项否决' },
  加分: { tone: 'ok', icon: <PlusCircleOutlined aria-hidden />, help: '符合加分条件' },
  未得分: { tone: 'muted', icon: <MinusOutlined aria-hidden />, help: '已检测，未达到加分条件' },
  未检测: { tone: 'caution', icon: <QuestionCircleOutlined aria-hidden />, help: '本次未能检测，不视为通过' },
  不检查: { tone: 'muted', icon: <MinusOutlined aria-hidden />, help: '该指标不适用于本网站' },
  未评分: { tone: 'muted', icon: <EllipsisOutlined aria-hidden />, help: '存在单项否决情形，不再评分' },
};

export function IndicatorStatusTag({ status }: { status: string }) {
  const s = STATUS_STYLE[status] ?? { tone: 'muted' as Tone, icon: null, help: status };
  return (
    <Tag icon={s.icon} style={toneStyle(s.tone, { marginInlineEnd: 0 })} title={s.help}>
      {status}
    </Tag>
  );
}

export function VerdictTag({ verdict }: { verdict: Verdict | null | undefined }) {
  if (!verdict)
    return (
      <span>
        <span aria-hidden>—</span>
        <span className="sr-only">无结论</span>
      </span>
    );
  return verdict === '合格' ? (
    <Tag color="success" icon={<CheckCircleFilled aria-hidden />}>
      合格
    </Tag>
  ) : (
    <Tag color="error" icon={<CloseCircleFilled aria-hidden />}>
      不合格
    </Tag>
  );
}

const RUN_STATUS: Record<RunStatus, { label: string; color?: string; style?: CSSProperties; icon: ReactNode }> = {
  queued: { label: '排队中', color: 'default', icon: <ClockCircleOutlined aria-hidden /> },
  running: { label: '检查中', color: 'processing', icon: <SyncOutlined spin aria-hidden /> },
  done: { label: '已完成', color: 'success', icon: <CheckCircleOutlined aria-hidden /> },
  failed: { label: '失败', color: 'error', icon: <CloseCircleOutlined aria-hidden /> },
  cancelled: { label: '已中止', style: toneStyle('caution'), icon: <StopOutlined aria-hidden /> },
};

/** The run is over: done, failed or cancelled (no more progress to poll). */
export const isFinished = (status: RunStatus): boolean =>
  status === 'done' || status === 'failed' || status === 'cancelled';

export function RunStatusTag({ status }: { status: RunStatus }) {
  const s = RUN_STATUS[status] ?? { label: status, color: 'default', icon: null };
  return (
    <Tag color={s.color} style={s.style} icon={s.icon}>
      {s.label}
    </Tag>
  );
}

/** What tells a finding apart from the others of its indicator (findings carry no id). */
export const findingKey = (f: ReportFinding): string =>
  [f.indicatorId, f.part ?? '', f.subRule ?? '', f.message, f.evidence?.url ?? ''].join('|');

/** 3 → "3", 0.5 → "0.5", 94.333 → "94.33", null → "—". */
export function fmt(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return String(Math.round(n * 100) / 100);
}

/** A total score with its band: below 60 不合格, up to 80 合格, above 80 bonus counted. */
export function ScoreTag({ score, label = '总分' }: { score: number | null | undefined; label?: string }) {
  if (score === null || score === undefined)
    return (
      <span>
        <span aria-hidden>—</span>
        <span className="sr-only">{`${label}：无`}</span>
      </span>
    );
  const tone: Tone = score < 60 ? 'bad' : score <= 80 ? 'caution' : 'ok';
  return (
    <Tag style={toneStyle(tone, { fontVariantNumeric: 'tabular-nums' })}>
      {label ? `${label} ` : ''}
      {fmt(score)}
    </Tag>
  );
}

/** An inspector of every site (not bound to one): may inspect any URL. A site-bound inspector works like a site administrator. */
export const isInspector = (me: Me): boolean => me.roles.some((r) => r.role === 'inspector' && r.siteId === null);

/**
 * The site this admin origin answers as: the one listing the host among its domains, else the main site (the
 * root site with the lowest id). A subordinate site is never the main site, even when it is the only one the
 * staff member sees.
 */
function hostSite(sites: Site[]): Site | undefined {
  const { host, hostname } = window.location;
  const byHost = sites.find((s) =>
    s.domains.some((d) => d.toLowerCase() === host.toLowerCase() || d.toLowerCase() === hostname.toLowerCase()),
  );
  if (byHost) return byHost;
  return [...sites].sort((a, b) => a.id - b.id).find((s) => s.parentId === null);
}

/** Where a site of this platform is served from this origin: `/` for the main site, `/site/<code>/` for the others. */
export function siteUrl(site: Site, sites: Site[]): string {
  const path = hostSite(sites)?.id === site.id ? '/' : `/site/${site.code}/`;
  return `${window.location.origin}${path}`;
}

export function siteLabel(site: Site, sites: Site[]): string {
  const parent = site.parentId ? sites.find((p) => p.id === site.parentId) : null;
  return parent ? `${site.name}（${parent.name}子站）` : site.name;
}

/** The runs' distinct target URLs, most recently inspected first. */
export function distinctUrls(runs: RunRow[]): string[] {
  const seen = new Set<string>();
  for (const r of [...runs].sort((a, b) => b.id - a.id)) seen.add(r.target_url);
  return [...seen];
}

/** Option groups of the catalogue for a select: 单项否决, 扣分指标·<group>, 加分指标·<group>. */
export function indicatorOptions(catalogue: CatalogueIndicator[]) {
  const groups: { label: string; title: string; options: { value: string; label: string }[] }[] = [];
  for (const i of catalogue) {
    const label = i.kind === 'veto' ? KIND_LABEL.veto : `${KIND_LABEL[i.kind]}·${i.group ?? ''}`;
    let g = groups.find((x) => x.label === label);
    if (!g) {
      g = { label, title: label, options: [] };
      groups.push(g);
    }
    g.options.push({ value: i.id, label: i.points === null ? i.name : `${i.name}（${fmt(i.points)} 分）` });
  }
  return groups;
}

/**
 * The part each sub-rule belongs to. The API lists sub-rules without their part; rule numbers restart in each
 * part (我为政府网站找错: 找错入口 1–2, 找错留言办理 1–2), so a number not above the previous one starts the next part.
 */
export function subRulesWithParts(indicator: CatalogueIndicator): { no: number; text: string; part?: string }[] {
  const parts = indicator.parts ?? [];
  if (parts.length === 0) return indicator.subRules;
  let index = 0;
  let previous = 0;
  return indicator.subRules.map((r) => {
    if (r.no <= previous && index < parts.length - 1) index += 1;
    previous = r.no;
    return { ...r, part: parts[index]?.id };
  });
}

/** The text of a finding's sub-rule, if the catalogue has it. */
export function subRuleText(
  indicator: CatalogueIndicator | undefined,
  no: number | undefined,
  part: string | undefined,
): string | null {
  if (!indicator || no === undefined) return null;
  const rule = subRulesWithParts(indicator).find(
    (r) => r.no === no && (indicator.parts?.length ? r.part === part : true),
  );
  return rule?.text ?? null;
}

export const partName = (indicator: CatalogueIndicator | undefined, part: string | undefined | null): string | null =>
  part ? (indicator?.parts?.find((p) => p.id === part)?.name ?? part) : null;

/** The one fixed number of points a rule text names (扣1分 / 扣0.2分 / 加2分), when it names exactly one. */
export function pointsInRule(text: string): number | null {
  const found = [...text.matchAll(/[扣加]\s*(\d+(?:\.\d+)?)\s*分/g)].map((m) => Number(m[1]));
  const distinct = [...new Set(found)];
  return distinct.length === 1 ? distinct[0] : null;
}

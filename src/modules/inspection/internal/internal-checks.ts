// Checks of govportal's own sites from inside, from the database: what the inspectors would find by reading
// the site, computed from the same facts the site is built from. Other modules (interaction, services) plug
// their own checks in with InternalChecks.register() without changing the engine.
import type { Db } from '../../../platform/db/database.ts';
import { DAY, shanghaiDate } from '../../../platform/time.ts';
import type { ColumnsService } from '../../columns/columns.service.ts';
import type { ColumnNode } from '../../columns/columns.schema.ts';
import type { DutyService, ColumnDuty } from '../../duty/duty.service.ts';
import type { Finding, IndicatorResult } from '../scoring.ts';
import { sample } from '../sampling.ts';
import * as repo from './internal.repository.ts';

export interface InternalCheckContext {
  db: Db;
  siteId: number;
  now: Date;
  seed: number;
  /** Absolute URL of a site path, for evidence. */
  url(path: string): string;
  columns: ColumnsService;
  duty: DutyService;
}

export type InternalCheck = (ctx: InternalCheckContext) => Promise<IndicatorResult[]>;

const TWO_WEEKS = 14 * DAY;
const SIX_MONTHS = 183 * DAY;
const DYNAMIC = '动态要闻';

const measured = (indicatorId: string, findings: Finding[]): IndicatorResult => ({
  indicatorId,
  status: 'measured',
  findings,
});

function evidence(ctx: InternalCheckContext, path: string, expected: string, observed: string) {
  return { url: ctx.url(path), expected, observed, at: ctx.now.toISOString(), source: 'internal' };
}

const itemPath = (tree: { byId: Map<number, ColumnNode> }, columnId: number, id: number) =>
  `${tree.byId.get(columnId)?.path ?? '/'}${id}.html`;

const ageOf = (d: ColumnDuty, now: Date) =>
  d.lastPublishedAt ? now.getTime() - new Date(d.lastPublishedAt).getTime() : Infinity;
const shown = (d: ColumnDuty) =>
  d.lastPublishedAt ? `最近一次发布于 ${shanghaiDate(d.lastPublishedAt)}` : '栏目空白，没有任何信息';

/** The stale-column limits of the 2019 indicators: 2 weeks for 动态/要闻, 6 months for 通知公告/政策文件. */
function inspectorLimit(d: ColumnDuty): number | null {
  if (d.columnType === DYNAMIC) return TWO_WEEKS;
  if (d.columnType === '通知公告' || d.columnType === '政策文件') return SIX_MONTHS;
  return null;
}

async function freshness(ctx: InternalCheckContext): Promise<IndicatorResult[]> {
  const duty = await ctx.duty.columnDuty(ctx.siteId, ctx.now);
  const stale = duty.filter(
    (d) => d.lastPublishedAt && inspectorLimit(d) !== null && ageOf(d, ctx.now) > inspectorLimit(d)!,
  );
  const blank = duty.filter((d) => d.status === '空白');
  const overdue = duty.filter((d) => d.status === '已超期');
  const veto: Finding[] = [];
  if (stale.length + blank.filter((d) => inspectorLimit(d) !== null).length >= 5) {
    veto.push({
      indicatorId: 'veto.columns-not-updated',
      subRule: 1,
      message: `${stale.length} 个动态要闻、通知公告或政策文件类栏目未按期更新`,
      evidence: evidence(ctx, '/', '少于 5 个', stale.map((d) => d.trail).join('、')),
    });
  }
  if (overdue.length >= 10)
    veto.push({
      indicatorId: 'veto.columns-not-updated',
      subRule: 2,
      message: `${overdue.length} 个栏目超过更新周期未更新`,
      evidence: evidence(ctx, '/', '少于 10 个', overdue.map((d) => d.trail).join('、')),
    });
  if (blank.length >= 5)
    veto.push({
      indicatorId: 'veto.columns-not-updated',
      subRule: 3,
      message: `${blank.length} 个空白栏目`,
      evidence: evidence(ctx, '/', '少于 5 个', blank.map((d) => d.trail).join('、')),
    });

  const newest =
    duty
      .filter((d) => d.columnType === DYNAMIC || d.columnType === '通知公告')
      .map((d) => d.lastPublishedAt)
      .filter(Boolean)
      .sort()
      .pop() ?? null;
  const home: Finding[] =
    !newest || ctx.now.getTime() - new Date(newest).getTime() > TWO_WEEKS
      ? [
          {
            indicatorId: 'veto.homepage-not-updated',
            subRule: 1,
            message: '首页两周内没有新信息',
            evidence: evidence(
              ctx,
              '/',
              '两周内有更新',
              newest ? `最新信息发布于 ${shanghaiDate(newest)}` : '首页没有动态信息',
            ),
          },
        ]
      : [];

  const typed = (type: string) => duty.filter((d) => d.columnType === type);
  const family = (id: string, type: string, limit: number, label: string): IndicatorResult => {
    const cols = typed(type);
    if (cols.length === 0)
      return measured(id, [
        {
          indicatorId: id,
          subRule: 1,
          message: `未开设${label}类栏目`,
          evidence: evidence(ctx, '/sitemap/', `有${label}类栏目`, '没有'),
        },
      ]);
    const latest =
      cols
        .map((d) => d.lastPublishedAt)
        .filter(Boolean)
        .sort()
        .pop() ?? null;
    if (!latest || ctx.now.getTime() - new Date(latest).getTime() > limit) {
      return measured(id, [
        {
          indicatorId: id,
          subRule: 2,
          message: `${label}类栏目在${limit === TWO_WEEKS ? '两周' : '六个月'}内未更新`,
          evidence: evidence(ctx, cols[0].path, '按期更新', latest ? `最近一次发布于 ${shanghaiDate(latest)}` : '空白'),
        },
      ]);
    }
    return measured(id, []);
  };

  // 其他栏目: columns not judged under another indicator.
  const judgedElsewhere = new Set([
    DYNAMIC,
    '通知公告',
    '政策文件',
    '政策解读',
    '概况信息',
    '机构职能',
    '领导信息',
    '办事服务',
    '互动交流',
  ]);
  const others = duty.filter((d) => !judgedElsewhere.has(d.columnType));
  const otherFindings: Finding[] = [
    ...others
      .filter((d) => d.status === '空白')
      .map((d) => ({
        indicatorId: 'deduct.other-columns',
        subRule: 1,
        message: `栏目“${d.trail}”空白`,
        evidence: evidence(ctx, d.path, '有内容', shown(d)),
      })),
    ...others
      .filter((d) => d.status === '已超期')
      .map((d) => ({
        indicatorId: 'deduct.other-columns',
        subRule: 2,
        message: `栏目“${d.trail}”应更新未更新（周期 ${d.maxUpdateDays} 天）`,
        evidence: evidence(ctx, d.path, `${d.maxUpdateDays} 天内更新`, shown(d)),
      })),
  ];
  return [
    measured('veto.columns-not-updated', veto),
    measured('veto.homepage-not-updated', home),
    family('deduct.news', DYNAMIC, TWO_WEEKS, '动态要闻'),
    family('deduct.policy-documents', '政策文件', SIX_MONTHS, '政策文件'),
    family('deduct.policy-interpretations', '政策解读', SIX_MONTHS, '政策解读'),
    measured('deduct.other-columns', otherFindings),
  ];
}

async function profiles(ctx: InternalCheckContext): Promise<IndicatorResult[]> {
  const tree = await ctx.columns.tree(ctx.siteId);
  const counts = await repo.publishedCountByColumn(ctx.db, ctx.siteId);
  const ofType = (type: string) => tree.flat.filter((c: ColumnNode) => c.columnType === type && c.visible);
  const filled = (cols: ColumnNode[]) => cols.filter((c) => (counts.get(c.id) ?? 0) > 0);
  const presence = (id: string, type: string, label: string): IndicatorResult => {
    const cols = ofType(type);
    if (cols.length === 0)
      return measured(id, [
        {
          indicatorId: id,
          subRule: 1,
          message: `未开设${label}类栏目`,
          evidence: evidence(ctx, '/sitemap/', `有${label}栏目`, '没有'),
        },
      ]);
    const empty = cols.filter((c) => c.children.length === 0 && !(counts.get(c.id) ?? 0));
    return measured(
      id,
      empty.map((c) => ({
        indicatorId: id,
        subRule: 2,
        message: `${label}栏目“${c.name}”没有内容`,
        evidence: evidence(ctx, c.path, '信息完整', '空白'),
      })),
    );
  };
  const leaderCols = ofType('领导信息');
  let leaders: IndicatorResult;
  if (leaderCols.length === 0) {
    leaders = measured('deduct.leaders', [
      {
        indicatorId: 'deduct.leaders',
        subRule: 1,
        message: '未开设领导信息类栏目',
        evidence: evidence(ctx, '/sitemap/', '有领导信息栏目', '没有'),
      },
    ]);
  } else {
    const people = (await repo.publishedLeaders(ctx.db, ctx.siteId)).map((p) => ({
      ...p,
      path: itemPath(tree, p.columnId, p.id),
    }));
    const findings: Finding[] =
      filled(leaderCols).length === 0
        ? [
            {
              indicatorId: 'deduct.leaders',
              subRule: 2,
              message: '领导信息栏目没有任何领导信息',
              evidence: evidence(ctx, leaderCols[0].path, '领导姓名、职务、简历', '空白'),
            },
          ]
        : [];
    for (const p of people) {
      const missing = [!p.name && '姓名', !p.post && '职务', !p.resume && '简历', !p.duties && '分工'].filter(Boolean);
      if (missing.length)
        findings.push({
          indicatorId: 'deduct.leaders',
          subRule: 2,
          message: `领导“${p.name}”缺少${missing.join('、')}`,
          evidence: evidence(ctx, p.path, '姓名、职务、分工、简历齐全', `缺少${missing.join('、')}`),
        });
    }
    leaders = measured('deduct.leaders', findings);
  }
  return [
    presence('deduct.overview', '概况信息', '概况信息'),
    presence('deduct.functions', '机构职能', '机构职能'),
    leaders,
  ];
}

/**
 * 解读比例 samples documents 以本地区本部门或本地区本部门办公厅（室）名义印发. A national law or a State Council
 * regulation reposted into the policy library is not the site's to interpret; a document of the site's own
 * organs or of its region (the sponsor's name up to its 省/市/县/区) is. A document whose issuing organ was not
 * recorded is counted: nothing shows it is someone else's.
 */
export function localIssuer(issuers: string[]): (issuingOrgan: string | null) => boolean {
  const regions = issuers.map((name) => /^.+?[省市县区州盟旗]/.exec(name)?.[0]).filter((r): r is string => !!r);
  return (organ) => {
    const name = organ?.trim();
    if (!name) return true;
    return issuers.some((own) => name.includes(own)) || regions.some((region) => name.startsWith(region));
  };
}

async function interpretations(ctx: InternalCheckContext): Promise<IndicatorResult[]> {
  const tree = await ctx.columns.tree(ctx.siteId);
  const local = localIssuer(await repo.siteIssuers(ctx.db, ctx.siteId));
  const policies = (await repo.publishedPolicies(ctx.db, ctx.siteId))
    .filter((p) => local(p.issuingOrgan))
    .map((p) => ({ ...p, path: itemPath(tree, p.columnId, p.id) }));
  const interpreted = await repo.interpretationLinks(ctx.db, ctx.siteId);
  const ratio: Finding[] = sample(policies, 3, ctx.seed)
    .filter((p) => !interpreted.some((l) => l.policyId === p.id && l.interpretationPublished))
    .map((p) => ({
      indicatorId: 'deduct.interpretation-ratio',
      subRule: 1,
      message: `政策文件“${p.title}”没有解读`,
      evidence: evidence(ctx, p.path, '有解读稿', '没有相关解读'),
    }));

  const published = (await repo.publishedInterpretations(ctx.db, ctx.siteId)).map((i) => ({
    ...i,
    path: itemPath(tree, i.columnId, i.id),
  }));
  const picked = sample(published, 3, ctx.seed + 1);
  const links: Finding[] = [];
  for (const i of picked) {
    const own = interpreted.filter((l) => l.interpretationId === i.id && l.policyPublished);
    if (own.length === 0)
      links.push({
        indicatorId: 'deduct.interpretation-links',
        subRule: 1,
        message: `解读稿“${i.title}”未关联被解读的政策文件`,
        evidence: evidence(ctx, i.path, '链接到所解读的政策文件', '没有关联'),
      });
  }
  // 解读回应: three interpretations of different documents in a non-text form gain a point each.
  const byDocument = new Map<number, (typeof published)[number]>();
  for (const i of sample(published, published.length, ctx.seed + 2)) {
    const policy = interpreted.find((l) => l.interpretationId === i.id && l.policyPublished)?.policyId;
    if (policy !== undefined && !byDocument.has(policy)) byDocument.set(policy, i);
  }
  const formats: Finding[] = [...byDocument.values()]
    .slice(0, 3)
    .filter((i) => i.form && i.form !== '文字')
    .map((i) => ({
      indicatorId: 'bonus.interpretation-formats',
      subRule: 1,
      message: `解读稿“${i.title}”采用${i.form}形式`,
      evidence: evidence(ctx, i.path, '图解、音视频、新闻发布会或动漫', i.form!),
    }));
  return [
    policies.length
      ? measured('deduct.interpretation-ratio', ratio)
      : { indicatorId: 'deduct.interpretation-ratio', status: 'untested', reason: '网站尚未发布政策文件，无从抽查' },
    published.length
      ? measured('deduct.interpretation-links', links)
      : { indicatorId: 'deduct.interpretation-links', status: 'untested', reason: '网站尚未发布解读稿，无从抽查' },
    measured('bonus.interpretation-formats', formats),
  ];
}

async function dataRelease(ctx: InternalCheckContext): Promise<IndicatorResult[]> {
  const duty = (await ctx.duty.columnDuty(ctx.siteId, ctx.now)).filter((d) => d.columnType === '数据发布');
  const latest =
    duty
      .map((d) => d.lastPublishedAt)
      .filter(Boolean)
      .sort()
      .pop() ?? null;
  const age = latest ? ctx.now.getTime() - new Date(latest).getTime() : Infinity;
  const points = age <= 91 * DAY ? 2 : age <= SIX_MONTHS ? 1 : 0;
  return [
    measured(
      'bonus.data-release',
      points
        ? [
            {
              indicatorId: 'bonus.data-release',
              subRule: 1,
              points,
              message: `数据发布栏目最近于 ${shanghaiDate(latest!)} 更新`,
              evidence: evidence(ctx, duty[0].path, '3 个月内更新', shanghaiDate(latest!)),
            },
          ]
        : [],
    ),
  ];
}

export const BUILT_IN_CHECKS: InternalCheck[] = [freshness, profiles, interpretations, dataRelease];

export class InternalChecks {
  private readonly checks: InternalCheck[] = [...BUILT_IN_CHECKS];
  /** Indicators whose built-in results a registered check measures in full instead. */
  private readonly replaced = new Set<string>();

  /**
   * Interaction, services and later modules add their checks here. `replaces` names indicators the module
   * measures in full (e.g. 数据发布 by the datasets module): the built-in checks' results for them are dropped.
   */
  register(check: InternalCheck, options: { replaces?: string[] } = {}): void {
    this.checks.push(check);
    for (const id of options.replaces ?? []) this.replaced.add(id);
  }

  async run(ctx: InternalCheckContext): Promise<IndicatorResult[]> {
    const results: IndicatorResult[] = [];
    for (const check of this.checks) {
      const own = await check(ctx);
      const builtIn = BUILT_IN_CHECKS.includes(check);
      results.push(...own.filter((r) => !builtIn || !this.replaced.has(r.indicatorId)));
    }
    return results;
  }
}

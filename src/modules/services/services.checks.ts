// What the inspection engine learns about online services from inside, from the same records the public pages
// are built from: 事项公开, 在线申请 (registration probed by the citizens module, applying probed here in a rolled-back
// transaction), 办事统计 (the snapshot's age), 办事指南 / 内容准确 / 表格样表 on the seeded random sample with the
// completeness gate, the 服务不实用 veto, and the bonus items 服务功能, 服务内容, 服务关联.
import type { InternalCheck, InternalCheckContext } from '../inspection/internal/internal-checks.ts';
import type { Finding, IndicatorResult } from '../inspection/scoring.ts';
import { sample } from '../inspection/sampling.ts';
import { DAY, shanghaiDate } from '../../platform/time.ts';
import type { ServiceItemRow } from './services.tables.ts';
import { probeRegistration } from '../citizens/citizens.checks.ts';
import type { CitizensModule } from '../citizens/citizens.module.ts';
import * as catalogueRepo from './catalogue.repository.ts';
import * as appRepo from './applications.repository.ts';
import type { ServicesModule } from './services.module.ts';
import { itemPath, RATINGS_PATH, SERVICES_PATH, STATS_PATH, themePath } from './catalogue.presenter.ts';
import { checkGuide, type GuideFinding, missingElements } from './guide-gate.ts';
import type { PublishedGuide } from './guides.service.ts';

const measured = (indicatorId: string, findings: Finding[]): IndicatorResult => ({
  indicatorId,
  status: 'measured',
  findings,
});

const evidence = (ctx: InternalCheckContext, path: string, expected: string, observed: string) => ({
  url: ctx.url(path),
  expected,
  observed,
  at: ctx.now.toISOString(),
  source: 'internal',
});

const SERVICE_INDICATORS = [
  'veto.impractical-services',
  'deduct.service-catalogue',
  'deduct.online-application',
  'deduct.service-statistics',
  'deduct.service-guides',
  'deduct.guide-accuracy',
  'deduct.forms',
  'bonus.service-evaluation',
  'bonus.integrated-services',
  'bonus.service-policy-links',
];

class ProbeDone extends Error {}

interface SampledGuide {
  item: ServiceItemRow;
  guide: PublishedGuide | null;
  findings: GuideFinding[];
}

export function serviceChecks(services: ServicesModule, citizens: CitizensModule): InternalCheck[] {
  /** A registered user applies for an online item inside a transaction that is rolled back. */
  async function probeApplication(ctx: InternalCheckContext, item: ServiceItemRow, guide: PublishedGuide) {
    try {
      await ctx.db.transaction().execute(async (trx) => {
        const citizen = await trx.selectFrom('citizens').select('id').where('status', '=', 'active').executeTakeFirst();
        if (!citizen) throw new Error('没有可用于探测的注册用户');
        const at = ctx.now.toISOString();
        const id = await appRepo.insertApplication(trx, {
          site_id: item.site_id,
          item_id: item.id,
          bundle_id: null,
          receipt_no: `PROBE${Date.now()}`,
          citizen_id: citizen.id,
          department_id: item.department_id,
          applicant_name: '检查探针',
          applicant_kind: 'person',
          contact_enc: null,
          remark: '',
          state: 'submitted',
          promised_days: guide.data.promisedDays,
          statutory_days: guide.data.statutoryDays,
          guide_version: guide.version,
          submitted_at: at,
          accepted_at: null,
          completed_at: null,
          outcome: null,
          reminded_on: null,
          escalated_at: null,
          updated_at: at,
        });
        if ((await appRepo.findApplication(trx, id))?.state !== 'submitted') throw new Error('提交后查不到办件');
        throw new ProbeDone();
      });
      return '探测办件未回滚';
    } catch (error) {
      if (error instanceof ProbeDone) return null;
      return error instanceof Error ? error.message : String(error);
    }
  }

  const check: InternalCheck = async (ctx) => {
    const items = (await catalogueRepo.listItems(ctx.db, ctx.siteId, true)).sort((a, b) => a.id - b.id);
    if (items.length === 0)
      return SERVICE_INDICATORS.map((indicatorId) => ({
        indicatorId,
        status: 'untested' as const,
        reason: '本站未使用办事服务事项目录（事项、办事指南、在线办事），无从按数据检查',
      }));
    const published = new Map((await services.guides.published(ctx.siteId)).map((g) => [g.itemId, g]));
    const words = (await services.catalogue.vagueWords(ctx.siteId)).words;
    const judge = async (item: ServiceItemRow): Promise<SampledGuide> => {
      const guide = published.get(item.id) ?? null;
      const findings = guide ? checkGuide(guide.data, await services.guides.gateContext(item, words)) : [];
      return { item, guide, findings };
    };
    const withGuides = items.filter((i) => published.has(i.id));
    const guidesSample = await Promise.all(sample(items, 5, ctx.seed).map(judge));
    const accuracySample = await Promise.all(sample(withGuides, 5, ctx.seed + 1).map(judge));
    const formsSample = await Promise.all(sample(withGuides, 2, ctx.seed + 2).map(judge));
    const linksSample = await Promise.all(sample(withGuides, 2, ctx.seed + 3).map(judge));
    const path = (i: ServiceItemRow) => itemPath(i.code);

    // 服务不实用: an item without a guide lacks every key element.
    const lacking = items.filter((i) => {
      const g = published.get(i.id);
      return !g || missingElements(g.data).length >= 4;
    });
    const veto: Finding[] = [];
    if (lacking.length >= 5)
      veto.push({
        indicatorId: 'veto.impractical-services',
        subRule: 2,
        message: `${lacking.length} 个事项的办事指南缺失 4 类及以上重点要素`,
        evidence: evidence(ctx, SERVICES_PATH, '少于 5 个', lacking.map((i) => i.name).join('、')),
      });
    else if (items.length < 5 && lacking.length === items.length)
      veto.push({
        indicatorId: 'veto.impractical-services',
        subRule: 3,
        message: `事项总数不足 5 个，且每个事项的办事指南均缺失 4 类及以上重点要素`,
        evidence: evidence(ctx, SERVICES_PATH, '要素齐全', lacking.map((i) => i.name).join('、')),
      });

    // 办事指南: the sample of 5 items.
    const guides: Finding[] = [];
    for (const s of guidesSample) {
      if (!s.guide) {
        guides.push({
          indicatorId: 'deduct.service-guides',
          subRule: 1,
          message: `事项“${s.item.name}”没有办事指南`,
          evidence: evidence(ctx, path(s.item), '有办事指南', '没有发布办事指南'),
        });
        continue;
      }
      for (const f of s.findings.filter((x) => x.indicatorId === 'deduct.service-guides' && x.points > 0))
        guides.push({
          indicatorId: 'deduct.service-guides',
          subRule: f.subRule,
          points: f.points,
          message: `“${s.item.name}”${f.place}：${f.message}`,
          evidence: evidence(ctx, path(s.item), '办事指南要素齐全、表述明确、依据可查', `${f.place}：${f.message}`),
        });
    }

    const accuracy: Finding[] = accuracySample.flatMap((s) =>
      s.findings
        .filter((f) => f.indicatorId === 'deduct.guide-accuracy')
        .map((f) => ({
          indicatorId: 'deduct.guide-accuracy',
          subRule: 1,
          message: `“${s.item.name}”${f.place}：${f.message}`,
          evidence: evidence(ctx, path(s.item), '信息准确、与实际办事要求一致', f.message),
        })),
    );

    const forms: Finding[] = formsSample
      .filter((s) => s.findings.some((f) => f.code === 'form-no-channel'))
      .map((s) => ({
        indicatorId: 'deduct.forms',
        subRule: 1,
        message: `“${s.item.name}”要求填写表单，但未提供规范表格获取渠道`,
        evidence: evidence(
          ctx,
          path(s.item),
          '提供空白表格下载或获取渠道',
          s.findings
            .filter((f) => f.code === 'form-no-channel')
            .map((f) => f.place)
            .join('、'),
        ),
      }));

    const catalogue = measured('deduct.service-catalogue', []);

    // 在线申请: sub-rule 1 by the citizens module's probe registration, sub-rule 2 by a probe application.
    const online: Finding[] = [];
    const registration = await probeRegistration(citizens, ctx);
    if (registration)
      online.push({
        indicatorId: 'deduct.online-application',
        subRule: 1,
        message: `用户（含异地用户）无法注册：${registration}`,
        evidence: evidence(ctx, '/user/register', '外地用户可以注册并登录', registration),
      });
    const onlineItem = items.find((i) => published.get(i.id)?.data.online);
    const applyFailure = onlineItem
      ? await probeApplication(ctx, onlineItem, published.get(onlineItem.id)!)
      : '没有可在线办理的事项';
    if (applyFailure)
      online.push({
        indicatorId: 'deduct.online-application',
        subRule: 2,
        message: `注册用户无法在线办事：${applyFailure}`,
        evidence: evidence(ctx, onlineItem ? path(onlineItem) : SERVICES_PATH, '注册用户可在线申请', applyFailure),
      });

    // 办事统计: the published snapshot and its age.
    const refreshedAt = await services.stats.refreshedAt(ctx.siteId);
    const age = refreshedAt ? ctx.now.getTime() - new Date(refreshedAt).getTime() : Number.POSITIVE_INFINITY;
    const statistics: Finding[] = !refreshedAt
      ? [
          {
            indicatorId: 'deduct.service-statistics',
            subRule: 1,
            message: '未公开办事统计数据',
            evidence: evidence(ctx, STATS_PATH, '公开办事统计数据', '没有统计数据'),
          },
        ]
      : age > 31 * DAY
        ? [
            {
              indicatorId: 'deduct.service-statistics',
              subRule: 2,
              points: age > 92 * DAY ? 2 : 1,
              message: `办事统计数据最近于 ${shanghaiDate(refreshedAt)} 更新`,
              evidence: evidence(ctx, STATS_PATH, '1 个月内更新', shanghaiDate(refreshedAt)),
            },
          ]
        : [];

    // 服务功能: ratings offered for online applications, and monthly results published.
    const ratings = await services.stats.published(ctx.siteId, 3);
    const evaluation: Finding[] = [];
    if (onlineItem)
      evaluation.push({
        indicatorId: 'bonus.service-evaluation',
        subRule: 1,
        message: '在线办件办结后申请人可按五级“好差评”评价',
        evidence: evidence(ctx, path(onlineItem), '提供服务评价功能', '办结后评价（非常满意至非常不满意）'),
      });
    if (refreshedAt && age <= 31 * DAY && ratings.ratings.byMonth.some((m) => m.total > 0))
      evaluation.push({
        indicatorId: 'bonus.service-evaluation',
        subRule: 2,
        message: `公布“好差评”结果（最近更新 ${shanghaiDate(refreshedAt)}）`,
        evidence: evidence(ctx, RATINGS_PATH, '公布服务评价结果', `更新于 ${shanghaiDate(refreshedAt)}`),
      });

    // 服务内容: published 一件事.
    const themes = await services.catalogue.themes(ctx.siteId, true);
    const integrated: Finding[] = themes.length
      ? [
          {
            indicatorId: 'bonus.integrated-services',
            subRule: 1,
            points: themes.length >= 3 ? 2 : 1,
            message: `提供 ${themes.length} 项集成服务：${themes.map((t) => t.name).join('、')}`,
            evidence: evidence(ctx, themePath(themes[0].slug), '3 项及以上', String(themes.length)),
          },
        ]
      : [];

    // 服务关联: both sampled items' policy bases link to the site's policy library, with content.
    const linked =
      linksSample.length > 0 &&
      linksSample.every(
        (s) =>
          s.guide &&
          s.guide.data.basis.length > 0 &&
          !s.findings.some((f) => f.subRule === 5 && f.indicatorId === 'deduct.service-guides'),
      );
    const links: Finding[] = linked
      ? [
          {
            indicatorId: 'bonus.service-policy-links',
            subRule: 1,
            message: `抽查的${linksSample.map((s) => `“${s.item.name}”`).join('、')}的设定依据均关联本站政策文件库`,
            evidence: evidence(ctx, path(linksSample[0].item), '政策文件依据准确关联', '均已关联'),
          },
        ]
      : [];

    return [
      measured('veto.impractical-services', veto),
      catalogue,
      measured('deduct.online-application', online),
      measured('deduct.service-statistics', statistics),
      measured('deduct.service-guides', guides),
      withGuides.length
        ? measured('deduct.guide-accuracy', accuracy)
        : { indicatorId: 'deduct.guide-accuracy', status: 'untested', reason: '尚无已发布的办事指南，无从抽查' },
      withGuides.length
        ? measured('deduct.forms', forms)
        : { indicatorId: 'deduct.forms', status: 'untested', reason: '尚无已发布的办事指南，无从抽查' },
      measured('bonus.service-evaluation', evaluation),
      measured('bonus.integrated-services', integrated),
      measured('bonus.service-policy-links', links),
    ];
  };

  return [check];
}

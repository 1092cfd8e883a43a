// What the inspection engine learns about the site's 互动交流 from the records (2019 indicators): 信息提交 from a
// rolled-back probe submission by a user from another region; the 互动回应差 veto (a channel, and no valid message
// of the last year left without a reply for more than three months); 留言公开's four sub-rules; 办理答复 on two
// sampled real consultations (within 5 working days, not evasive); the handling part of 我为政府网站找错 (replies to
// 找错 within 3 working days over the last six months) beside its footer entry; and 实时互动 (a consultation answered
// within one working day; the smart Q&A answering its own knowledge base correctly).
import type { InternalCheck, InternalCheckContext } from '../inspection/internal/internal-checks.ts';
import type { Finding, IndicatorResult } from '../inspection/scoring.ts';
import { sample } from '../inspection/sampling.ts';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.service.ts';
import { shanghaiDate } from '../../platform/time.ts';
import type { Message } from './interaction.tables.ts';
import { boardListColumn, STATS_PATH } from './board.ts';
import { crossedVetoLine, vetoLine } from './deadlines.ts';
import type { InteractionModule } from './interaction.module.ts';
import * as repo from './messages.repository.ts';
import * as replies from './replies.repository.ts';

const DAY = 86_400_000;
const evidence = (ctx: InternalCheckContext, path: string, expected: string, observed: string) => ({
  url: ctx.url(path),
  expected,
  observed,
  at: ctx.now.toISOString(),
  source: 'internal',
});
const measured = (indicatorId: string, findings: Finding[]): IndicatorResult => ({
  indicatorId,
  status: 'measured',
  findings,
});

/** Replies that put the asker off instead of answering (推诿、敷衍). */
const EVASIVE =
  /^(已收悉|收到|已转相关部门|请咨询相关部门|请联系相关部门|不属于我单位职责|请自行查询|详见官网)[。！!.]?$/;
export function evasive(reply: string): boolean {
  const text = reply.replace(/\s+/g, '');
  return [...text].length < 20 || EVASIVE.test(text);
}

class ProbeDone extends Error {}

export function interactionChecks(interaction: InteractionModule): InternalCheck[] {
  const { core } = interaction;
  const since = (ctx: InternalCheckContext, days: number) => new Date(ctx.now.getTime() - days * DAY).toISOString();
  const board = async (ctx: InternalCheckContext) =>
    (await repo.receivedBetween(ctx.db, ctx.siteId, since(ctx, 400), ctx.now.toISOString(), ['board'])).filter(
      (m) => m.state !== 'invalid',
    );
  const messagePath = async (_ctx: InternalCheckContext, m: Message) =>
    (await interaction.messages.publicUrl(m)) ?? `/user/messages/${m.id}`;

  /** 信息提交: a user from another region submits a message, in a transaction that is rolled back. */
  const submission: InternalCheck = async (ctx) => {
    const column = boardListColumn((await ctx.columns.tree(ctx.siteId)).flat);
    if (!column)
      return [
        measured('deduct.message-submission', [
          {
            indicatorId: 'deduct.message-submission',
            subRule: 1,
            message: '网站没有开设留言咨询栏目，网民无法提交信息',
            evidence: evidence(ctx, '/', '可提交留言', '没有互动交流栏目'),
          },
        ]),
      ];
    let failure: string | null = null;
    try {
      const routing = await interaction.messages.routing(ctx.siteId);
      await ctx.db.transaction().execute(async (trx) => {
        const at = ctx.now.toISOString();
        const citizen = await trx
          .insertInto('citizens')
          .values({
            account_type: 'person',
            display_name: '检查探针（新疆用户）',
            phone_enc: null,
            phone_hash: null,
            email_enc: null,
            email_hash: null,
            real_name_enc: null,
            id_type: null,
            id_number_enc: null,
            id_number_hash: null,
            org_name: null,
            credit_code: null,
            password_hash: null,
            password_changed_at: null,
            oidc_issuer: null,
            oidc_subject: null,
            status: 'active',
            disabled_reason: null,
            created_at: at,
            updated_at: at,
            last_login_at: null,
            deleted_at: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const { trackingNo } = await interaction.messages.create(
          trx,
          routing,
          {
            siteId: ctx.siteId,
            channel: 'board',
            category: '咨询',
            citizenId: citizen.id,
            reporter: '',
            title: '检查探针留言',
            body: '外地用户提交咨询的探测（事务回滚，不会保存）。',
            publishConsent: false,
            contactPreference: 'none',
          },
          SYSTEM_ACTOR,
          '检查探针',
        );
        if (!/^LY\d{14}$/.test(trackingNo)) throw new Error('没有生成查询编号');
        throw new ProbeDone();
      });
      failure = '探针留言未回滚';
    } catch (error) {
      if (!(error instanceof ProbeDone)) failure = error instanceof Error ? error.message : String(error);
    }
    return [
      measured(
        'deduct.message-submission',
        failure
          ? [
              {
                indicatorId: 'deduct.message-submission',
                subRule: 1,
                message: `外地用户无法提交留言：${failure}`,
                evidence: evidence(ctx, '/user/messages/new', '可提交并获得查询编号', failure),
              },
            ]
          : [],
      ),
    ];
  };

  /** 互动回应差: a channel, and no valid message of the last year without a reply for more than three months. */
  const veto: InternalCheck = async (ctx) => {
    const findings: Finding[] = [];
    if (!boardListColumn((await ctx.columns.tree(ctx.siteId)).flat))
      findings.push({
        indicatorId: 'veto.poor-interaction',
        subRule: 1,
        message: '未提供网上咨询建言渠道（没有留言栏目）',
        evidence: evidence(ctx, '/', '有咨询建言渠道', '没有'),
      });
    const yearAgo = since(ctx, 365);
    for (const m of await board(ctx)) {
      if (m.held || vetoLine(m.received_at) < yearAgo) continue;
      if (!crossedVetoLine(m, ctx.now)) continue;
      findings.push({
        indicatorId: 'veto.poor-interaction',
        subRule: 2,
        message: `留言“${m.title}”（${m.tracking_no}，${shanghaiDate(m.received_at)}）${m.replied_at ? `${shanghaiDate(m.replied_at)}才答复` : '至今未答复'}，超过 3 个月`,
        evidence: evidence(
          ctx,
          await messagePath(ctx, m),
          '3 个月内回应',
          m.replied_at ? shanghaiDate(m.replied_at) : '未答复',
        ),
      });
    }
    return [measured('veto.poor-interaction', findings)];
  };

  /** 留言公开: messages published, with the four fields, updated within two months, statistics published. */
  const disclosure: InternalCheck = async (ctx) => {
    const findings: Finding[] = [];
    const published = await repo.publishedMessages(ctx.db, ctx.siteId);
    const answered = (await board(ctx)).filter((m) => m.replied_at);
    if (published.length === 0 && answered.length > 0)
      findings.push({
        indicatorId: 'deduct.message-disclosure',
        subRule: 1,
        message: `${answered.length} 条已答复的留言都未公开`,
        evidence: evidence(ctx, '/hdjl/wsly/', '公开留言及答复', '没有公开的留言'),
      });
    for (const m of sample(published, 5, ctx.seed ^ 0x1e)) {
      const reply = m.published_reply_id ? await replies.findReply(ctx.db, m.published_reply_id) : undefined;
      const missing = [
        !m.received_at && '留言时间',
        !reply?.approved_at && '答复时间',
        !(reply && (await core.departmentName(reply.department_id))) && '答复单位',
        !reply?.body.trim() && '答复内容',
      ].filter((x): x is string => Boolean(x));
      for (const name of missing)
        findings.push({
          indicatorId: 'deduct.message-disclosure',
          subRule: 2,
          message: `公开的留言“${m.title}”未公开${name}`,
          evidence: evidence(ctx, await messagePath(ctx, m), `公开${name}`, '缺失'),
        });
    }
    const newest =
      published
        .map((m) => m.published_at!)
        .sort()
        .at(-1) ?? null;
    if (newest && ctx.now.getTime() - new Date(newest).getTime() > 61 * DAY)
      findings.push({
        indicatorId: 'deduct.message-disclosure',
        subRule: 3,
        message: `最近一次公开留言答复在 ${shanghaiDate(newest)}，两个月内未更新`,
        evidence: evidence(ctx, '/hdjl/wsly/', '两个月内有更新', shanghaiDate(newest)),
      });
    const tree = await ctx.columns.tree(ctx.siteId);
    if (!tree.flat.some((c) => c.visible && c.kind === 'link' && c.linkUrl === STATS_PATH))
      findings.push({
        indicatorId: 'deduct.message-disclosure',
        subRule: 4,
        message: '未在栏目中公开留言受理反馈情况统计',
        evidence: evidence(ctx, STATS_PATH, '有留言统计栏目', '没有'),
      });
    return [measured('deduct.message-disclosure', findings)];
  };

  /** 办理答复: two sampled consultations of the last six months, answered within 5 working days and not evasive. */
  const replying: InternalCheck = async (ctx) => {
    const consultations = (await board(ctx)).filter(
      (m) => m.category === '咨询' && m.received_at >= since(ctx, 183) && !m.held,
    );
    if (consultations.length === 0)
      return [
        { indicatorId: 'deduct.consultation-replies', status: 'untested', reason: '近 6 个月没有咨询类留言可供抽查' },
      ];
    const findings: Finding[] = [];
    for (const m of sample(consultations, 2, ctx.seed ^ 0x2b)) {
      const clocks = await core.clocks(m, null, ctx.now);
      const path = await messagePath(ctx, m);
      if (clocks.reply.overdue)
        findings.push({
          indicatorId: 'deduct.consultation-replies',
          subRule: 1,
          message: `咨询“${m.title}”（${m.tracking_no}）未在 5 个工作日内答复`,
          evidence: evidence(
            ctx,
            path,
            `${clocks.reply.due} 前答复`,
            m.replied_at ? shanghaiDate(m.replied_at) : '未答复',
          ),
        });
      const reply = (await replies.repliesOf(ctx.db, m.id)).find((r) => r.state === 'approved');
      if (reply && evasive(reply.body))
        findings.push({
          indicatorId: 'deduct.consultation-replies',
          subRule: 2,
          message: `咨询“${m.title}”的答复过于简单或推诿`,
          evidence: evidence(ctx, path, '针对问题作出具体答复', reply.body.slice(0, 60)),
        });
    }
    return [measured('deduct.consultation-replies', findings)];
  };

  /** 我为政府网站找错: the footer entry on every page, and the 找错 replies of the last six months. */
  const errorReports: InternalCheck = async (ctx) => {
    const site = await core.deps.sites.get(ctx.siteId);
    const findings: Finding[] = [];
    if (!site.jiucuoEnabled || !/^(\d{10}|bm\d{8})$/.test(site.siteIdCode))
      findings.push({
        indicatorId: 'deduct.report-errors',
        part: 'entry',
        subRule: 1,
        message: '页面底部未规范添加“我为政府网站找错”入口',
        evidence: evidence(ctx, '/', '底部有找错入口（网站标识码）', site.jiucuoEnabled ? site.siteIdCode : '未启用'),
      });
    const tickets = await repo.receivedBetween(ctx.db, ctx.siteId, since(ctx, 183), ctx.now.toISOString(), [
      'local-error',
      'national-error',
    ]);
    for (const m of tickets.filter((t) => t.state !== 'invalid' && !t.held)) {
      const clocks = await core.clocks(m, null, ctx.now);
      if (!clocks.reply.overdue) continue;
      findings.push({
        indicatorId: 'deduct.report-errors',
        part: 'handling',
        subRule: 1,
        message: `找错留言（${m.tracking_no}，${shanghaiDate(m.received_at)}）超过 3 个工作日未答复`,
        evidence: evidence(
          ctx,
          `/user/messages/${m.id}`,
          `${clocks.reply.due} 前答复`,
          m.replied_at ? shanghaiDate(m.replied_at) : '未答复',
        ),
      });
    }
    return [measured('deduct.report-errors', findings)];
  };

  /** 实时互动: a recent consultation answered within one working day (3 points); the smart Q&A accurate (2). */
  const realtime: InternalCheck = async (ctx) => {
    const findings: Finding[] = [];
    const recent = (await board(ctx)).filter(
      (m) => m.category === '咨询' && m.received_at >= since(ctx, 92) && m.replied_at,
    );
    const picked = sample(recent, 1, ctx.seed ^ 0x3c)[0];
    if (picked) {
      const calendar = await core.deps.calendar.calendar();
      const start = calendar.nextWorkingDay(shanghaiDate(picked.received_at));
      if (shanghaiDate(picked.replied_at!) <= start)
        findings.push({
          indicatorId: 'bonus.realtime-interaction',
          subRule: 1,
          points: 3,
          message: `咨询“${picked.title}”在一个工作日内答复`,
          evidence: evidence(ctx, await messagePath(ctx, picked), '一个工作日内答复', shanghaiDate(picked.replied_at!)),
        });
    }
    const pairs = await interaction.knowledge.published(ctx.siteId);
    const probes = sample(pairs, 3, ctx.seed ^ 0x4d);
    let right = 0;
    for (const p of probes) {
      const asked = p.variants.split('\n').find(Boolean) ?? p.question;
      const answer = await interaction.qa.answer(ctx.siteId, '', asked).catch(() => null);
      if (answer?.answer?.kind === 'knowledge' && answer.answer.url.endsWith(`id=${p.id}`)) right += 1;
    }
    if (probes.length > 0 && right === probes.length)
      findings.push({
        indicatorId: 'bonus.realtime-interaction',
        subRule: 2,
        points: 2,
        message: `智能问答对 ${probes.length} 个常见问题均给出准确答案`,
        evidence: evidence(ctx, '/qa', '实时智能答问且内容准确', `${right}/${probes.length} 准确`),
      });
    return [measured('bonus.realtime-interaction', findings)];
  };

  return [submission, veto, disclosure, replying, errorReports, realtime];
}

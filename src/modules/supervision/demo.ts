// The demo's supervision: the office of the demo site supervises its two sites (registered by themselves), ten
// external websites (the fixture sites, served at fixed local ports by test/fixtures/sites/serve-all.ts), three
// new-media accounts reading the demo sites' own feeds, and a site merged into the portal. The last quarter is
// complete: its plan ran (the recorded results of the engine on those sites), its results were published through
// the 附件3 review, and its rectification tasks are in every state — closed after a re-check, answered and waiting,
// reopened, and overdue. Nothing is crawled while seeding: `npm start` stays quick.
import { createContext, type AppContext } from '../../context.ts';
import { ManualClock } from '../../platform/time.ts';
import { DAY, HOUR } from '../../platform/time.ts';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.service.ts';
import { hashPassword } from '../../platform/auth/password.ts';
import type { AuthContext } from '../auth/auth.service.ts';
import * as usersRepo from '../users/users.repository.ts';
import { findIndicator, GOV_WEBSITE_CATALOGUE } from '../inspection/indicators.ts';
import { findingKey } from '../inspection/inspection.service.ts';
import * as plansRepo from './plans.repository.ts';
import * as repo from './supervision.repository.ts';
import { DEMO_FIXTURE_BASE_PORT, DEMO_FIXTURES, type RecordedSite } from './demo-recorded.ts';
import { quarterOf, quarterSpan, type Quarter } from './deadlines.ts';
import type { ItemResult } from './results.ts';

export const DEMO_SUPERVISOR = 'jianguan';
/** The department account that answers the external sites' rectification tasks in the demo. */
export const DEMO_CONTACT = 'zx_bianji';

export async function seedSupervisionDemo(ctx: AppContext, siteId: number, password: string): Promise<void> {
  const now = ctx.clock.now();
  const base = ctx.supervision.plans.localBase;
  const supervisor = await demoSupervisor(ctx, siteId, password);
  const contact = await authFor(ctx, DEMO_CONTACT);
  const tree = await ctx.columns.tree(siteId);
  const notices = tree.flat.find((c) => c.name === '通知公告');
  await ctx.supervision.registry.updateOffice(supervisor.actor, siteId, {
    name: '南江市政务服务管理办公室（政府网站监管）',
    level: '地市级',
    stateCouncil: false,
    resultsColumnId: notices?.id ?? null,
    reportsColumnId: notices?.id ?? null,
  });
  await ctx.supervision.registry.syncHosted(siteId);
  const mainEntry = (await repo.listEntries(ctx.db, siteId, { kind: 'website' })).find(
    (e) => e.hosted_site_id === siteId,
  );
  for (const [i, site] of DEMO_FIXTURES.entries()) {
    await ctx.supervision.registry.create(supervisor.actor, siteId, {
      kind: 'website',
      name: site.name,
      siteCode: site.code,
      domains: [site.domain],
      url: `http://127.0.0.1:${DEMO_FIXTURE_BASE_PORT + i}/`,
      department: site.department,
      contactUserId: contact.userId,
      siteType: site.fixture === 'gbk' ? '门户' : '部门',
      status: '运行',
      openedOn: '2019-06-01',
      note: `本地示例网站（${site.fixture}）：运行 node --import tsx test/fixtures/sites/serve-all.ts 后可检查`,
    });
  }
  await seedAccounts(ctx, siteId, supervisor, base);
  const merged = await ctx.supervision.registry.create(supervisor.actor, siteId, {
    kind: 'website',
    name: '南江市旅游局网站（已整合）',
    siteCode: '3299000030',
    domains: ['lyj.nanjiang.gov.cn'],
    url: `http://127.0.0.1:${DEMO_FIXTURE_BASE_PORT + 99}/`,
    department: '南江市文化广电和旅游局',
    siteType: '部门',
    status: '整合',
    statusSince: '2026-03-31',
    parentId: mainEntry?.id ?? null,
    inventory: ['南江市政务服务管理办公室工作动态', '关于做好政务服务事项梳理工作的通知'],
    note: '2026年3月整合至门户网站，原域名已停止服务',
  });
  await recordedChecks(ctx, siteId, merged.id, supervisor);
  await ctx.supervision.checks.addFinding(supervisor.actor, {
    siteId,
    year: quarterOf(now).year,
    indicatorId: 'supervision.deduct.performance-assessment',
    outcome: 'confirmed',
    message: '政府网站和政务新媒体工作已纳入本年度政府绩效考核（市政府办公室考核办法第五条）',
  });
  await completedQuarters(ctx, siteId, supervisor, contact, now);
}

/** The checks as the engine records them: the merged site stopped serving, a government site found unregistered. */
async function recordedChecks(
  ctx: AppContext,
  siteId: number,
  mergedId: number,
  supervisor: AuthContext,
): Promise<void> {
  const at = ctx.clock.now().toISOString();
  const year = quarterOf(ctx.clock.now()).year;
  const rows = [
    {
      registry_id: mergedId,
      kind: 'closure',
      status: 'pass',
      summary: '已停止服务（连接被拒绝）；抽取的原有信息均可在上级网站搜索到',
      detail: { recorded: true },
    },
    {
      registry_id: null,
      kind: 'discovery',
      status: 'fail',
      summary: '发现未登记的政府网站 zjj.nanjiang.gov.cn',
      detail: {
        host: 'zjj.nanjiang.gov.cn',
        url: 'http://zjj.nanjiang.gov.cn/',
        text: '市住建局',
        foundOn: `http://127.0.0.1:${DEMO_FIXTURE_BASE_PORT}/`,
      },
    },
  ];
  for (const row of rows)
    await repo.insertCheck(ctx.db, {
      owner_site_id: siteId,
      ...row,
      year,
      detail: JSON.stringify(row.detail),
      resolution: null,
      resolved_at: null,
      checked_at: at,
      created_by: supervisor.userId,
    });
}

/** 监管人员 jianguan: a supervisor of every site who is also an editor of 综合处 (it writes the results page). */
async function demoSupervisor(ctx: AppContext, siteId: number, password: string): Promise<AuthContext> {
  const department = (await ctx.departments.list(siteId)).find((d) => d.name === '综合处');
  const at = ctx.clock.now().toISOString();
  const grants = [
    { role: 'supervisor' as const, siteId: null },
    { role: 'editor' as const, siteId },
  ];
  await ctx.db.transaction().execute(async (trx) => {
    const id = await usersRepo.insertUser(trx, {
      username: DEMO_SUPERVISOR,
      display_name: '王监管',
      department_id: department?.id ?? null,
      email: null,
      password_hash: await hashPassword(password),
      must_change_password: 0,
      password_changed_at: at,
      created_at: at,
      updated_at: at,
    });
    await usersRepo.replaceRoles(trx, id, grants);
    await ctx.audit.record(trx, SYSTEM_ACTOR, {
      action: 'user.create',
      targetType: 'user',
      targetId: id,
      detail: { after: { username: DEMO_SUPERVISOR, roles: grants } },
    });
  });
  return authFor(ctx, DEMO_SUPERVISOR);
}

/** Acting for a demo account directly, as AuthService.authenticate would build it. */
async function authFor(ctx: AppContext, username: string): Promise<AuthContext> {
  const user = await usersRepo.findByUsername(ctx.db, username);
  if (!user) throw new Error(`demo account ${username} missing`);
  return {
    userId: user.id,
    username,
    displayName: user.display_name,
    departmentId: user.department_id,
    grants: await usersRepo.rolesOf(ctx.db, user.id),
    sessionId: 'demo-seed',
    csrfToken: '',
    mustChangePassword: false,
    passwordExpired: false,
    actor: { userId: user.id, username, ip: '127.0.0.1' },
  };
}

/** Three accounts reading the demo sites' own feeds: one up to date, one silent, one app that cannot be downloaded. */
async function seedAccounts(ctx: AppContext, siteId: number, supervisor: AuthContext, base: string): Promise<void> {
  const tree = await ctx.columns.tree(siteId);
  const news = tree.flat.find((c) => c.name === '部门动态');
  const sub = (await ctx.sites.list()).find((s) => s.parentId === siteId);
  const subTree = sub ? await ctx.columns.tree(sub.id) : null;
  const subList =
    subTree?.flat.find((c) => c.kind === 'list' && c.columnType === '动态要闻') ??
    subTree?.flat.find((c) => c.kind === 'list');
  const accounts = [
    {
      name: '南江政务服务',
      platform: '微信公众号' as const,
      accountId: 'njzwfw',
      feed: `${base}${news?.path ?? '/'}rss.xml`,
      app: null,
    },
    {
      name: '南江市政务服务中心',
      platform: '微博' as const,
      accountId: '5123456789',
      feed: `${base}/site/${sub?.code ?? 'zwfw'}${subList?.path ?? '/'}rss.xml`,
      app: null,
    },
    {
      name: '南江政务',
      platform: '政务客户端APP' as const,
      accountId: 'cn.gov.nanjiang',
      feed: `${base}/`,
      app: `${base}/app/download/`,
    },
  ];
  for (const a of accounts)
    await ctx.supervision.registry.create(supervisor.actor, siteId, {
      kind: 'newmedia',
      name: a.name,
      url: a.feed,
      feedUrl: a.feed,
      appUrl: a.app,
      platform: a.platform,
      accountId: a.accountId,
      department: '南江市政务服务管理办公室',
      status: '运行',
      openedOn: '2020-03-01',
    });
}

/** The recorded result of a fixture site at its demo address. */
function recordedResult(site: RecordedSite, origin: string): ItemResult {
  const byIndicator = new Map<string, ItemResult['problems'][number]>();
  for (const f of site.findings) {
    const url = f.url?.replace('{origin}', origin) ?? null;
    const message = f.message.replace('{origin}', origin);
    const problem = byIndicator.get(f.indicatorId) ?? {
      indicatorId: f.indicatorId,
      name: findIndicator(GOV_WEBSITE_CATALOGUE, f.indicatorId)?.name ?? f.indicatorId,
      findings: [],
    };
    const evidence = url ? { url } : undefined;
    problem.findings.push({
      message,
      url,
      key: findingKey(f.indicatorId, {
        message,
        ...(f.subRule !== null ? { subRule: f.subRule } : {}),
        ...(f.part !== null ? { part: f.part } : {}),
        ...(evidence ? { evidence } : {}),
      }),
    });
    byIndicator.set(f.indicatorId, problem);
  }
  return {
    verdict: site.verdict,
    totalScore: site.totalScore,
    deductionScore: site.deductionScore,
    untestedPoints: 0,
    problems: [...byIndicator.values()],
  };
}

/** What the engine found on the demo's own sites (their known problems, see the README's demo section). */
function ownSiteResult(name: string, sub: boolean): ItemResult {
  return sub
    ? {
        verdict: '合格',
        totalScore: 92,
        deductionScore: 92,
        untestedPoints: 0,
        problems: [
          {
            indicatorId: 'deduct.other-columns',
            name: '其他栏目',
            findings: [
              { message: `${name}：栏目“服务指南”为空白栏目`, url: null, key: 'deduct.other-columns|demo-blank' },
            ],
          },
        ],
      }
    : { verdict: '合格', totalScore: 100, deductionScore: 100, untestedPoints: 0, problems: [] };
}

/**
 * The year's ended quarters, each with its spot check and published results (every task of the earlier ones closed
 * in time); the last one complete with tasks in every state.
 */
async function completedQuarters(
  ctx: AppContext,
  siteId: number,
  supervisor: AuthContext,
  contact: AuthContext,
  now: Date,
): Promise<void> {
  const current = quarterOf(now);
  const ended: { year: number; quarter: Quarter }[] =
    current.quarter === 1
      ? [{ year: current.year - 1, quarter: 4 }]
      : Array.from({ length: current.quarter - 1 }, (_, i) => ({ year: current.year, quarter: (i + 1) as Quarter }));
  for (const [i, quarter] of ended.entries())
    await completedQuarter(ctx, siteId, supervisor, contact, quarter, i === ended.length - 1);
}

async function completedQuarter(
  ctx: AppContext,
  siteId: number,
  supervisor: AuthContext,
  contact: AuthContext,
  previous: { year: number; quarter: Quarter },
  last: boolean,
): Promise<void> {
  const start = new Date(quarterSpan(previous.year, previous.quarter).start).getTime();
  const clock = new ManualClock(new Date(start + 20 * DAY + 2 * HOUR));
  // the same database, the services on the quarter's clock (publication times are the server's)
  const past = await createContext(ctx.config, { dbh: ctx.dbh, clock, migrate: false });
  try {
    await quarterOn(ctx, past, clock, siteId, supervisor, contact, previous, last);
  } finally {
    // the index and publication follow-ups of this context finish before the database is used on
    await past.search.idle();
    await past.supervision.idle();
    await past.prepublish.close();
  }
}

async function quarterOn(
  ctx: AppContext,
  past: AppContext,
  clock: ManualClock,
  siteId: number,
  supervisor: AuthContext,
  contact: AuthContext,
  previous: { year: number; quarter: Quarter },
  last: boolean,
): Promise<void> {
  const start = new Date(quarterSpan(previous.year, previous.quarter).start).getTime();
  const plan = await past.supervision.plans.create(supervisor.actor, {
    siteId,
    ...previous,
    fullCoverage: last,
    ratio: 0.4,
    seed: previous.year * 10 + previous.quarter,
  });
  const entries = new Map((await repo.listEntries(ctx.db, siteId)).map((e) => [e.id, e]));
  const sites = await ctx.sites.list();
  for (const item of plan.items) {
    const entry = entries.get(item.registryId);
    if (!entry) continue;
    const index = DEMO_FIXTURES.findIndex((f) => f.name === entry.name);
    const result: ItemResult =
      index >= 0
        ? recordedResult(DEMO_FIXTURES[index], new URL(entry.url).origin)
        : entry.kind === 'newmedia'
          ? accountResult(entry.name, entry.app_url)
          : ownSiteResult(entry.name, sites.find((s) => s.id === entry.hosted_site_id)?.parentId !== null);
    clock.advance(10 * 60_000);
    await plansRepo.updateItem(ctx.db, item.id, {
      status: 'done',
      attempts: 1,
      verdict: result.verdict,
      total_score: result.totalScore,
      findings_count: result.problems.reduce((n, p) => n + p.findings.length, 0),
      result: JSON.stringify(result),
      started_at: clock.now().toISOString(),
      finished_at: clock.now().toISOString(),
    });
  }
  await plansRepo.updatePlan(ctx.db, plan.plan.id, {
    status: 'done',
    started_at: plan.plan.scheduledAt,
    finished_at: clock.now().toISOString(),
  });

  // results page → 附件3 review → published fifteen days later; the tasks are opened by the publication
  clock.set(new Date(start + 33 * DAY + 2 * HOUR));
  const submitted = await past.supervision.plans.publishResults(supervisor, plan.plan.id);
  clock.advance(3 * HOUR);
  await past.review.decide(await authFor(past, 'zh_shenhe'), submitted.reviewRequestId, {
    decision: '同意',
    opinion: '数据核对无误，同意发布。',
  });
  clock.advance(2 * HOUR);
  await past.review.decide(await authFor(past, 'zh_lingdao'), submitted.reviewRequestId, {
    decision: '同意',
    opinion: '同意。',
  });
  await past.supervision.idle();

  const tasks = await plansRepo.listTasks(ctx.db, { ownerSiteIds: [siteId], planId: plan.plan.id });
  if (!last) {
    // an earlier quarter: every problem was rectified and re-checked within the two weeks
    clock.advance(8 * DAY);
    for (const task of tasks) await recordRecheck(past, task.id, 'closed', '复查：原问题均已整改');
    return;
  }
  // the external sites' tasks are answered by their contact account; one stays untouched (overdue)
  const answerable = tasks.filter((t) => entries.get(t.registry_id)?.contact_user_id === contact.userId);
  const [closedTask, waitingTask, reopenedTask] = answerable.filter(
    (t) => t.indicator_id !== 'veto.columns-not-updated',
  );
  const respond = async (taskId: number, days: number, text: string) => {
    clock.advance(days * DAY);
    await past.supervision.rectification.respond(contact, taskId, {
      response: text,
      evidence: [{ name: '整改后页面截图说明', url: 'https://www.nanjiang.gov.cn/' }],
    });
  };
  if (closedTask) {
    await respond(closedTask.id, 4, '已按通报要求完成整改，相关页面已更新。');
    clock.advance(2 * DAY);
    await recordRecheck(past, closedTask.id, 'closed', '复查：原问题均已整改');
  }
  if (reopenedTask) {
    await respond(reopenedTask.id, 1, '已安排技术人员修改页面模板。');
    clock.advance(3 * DAY);
    await recordRecheck(past, reopenedTask.id, 'reopened', '复查：仍有部分页面未整改，请继续整改');
  }
  if (waitingTask) await respond(waitingTask.id, 1, '已完成整改，请复查。');
}

function accountResult(name: string, appUrl: string | null): ItemResult {
  if (appUrl)
    return {
      verdict: '不合格',
      totalScore: null,
      deductionScore: null,
      untestedPoints: 0,
      problems: [
        {
          indicatorId: 'newmedia.veto.not-updated',
          name: '内容不更新',
          findings: [
            {
              message: '移动客户端下载页无法访问，客户端无法下载',
              url: appUrl,
              key: `newmedia.veto.not-updated|2|${name}`,
            },
          ],
        },
      ],
    };
  return { verdict: '合格', totalScore: null, deductionScore: null, untestedPoints: 0, problems: [] };
}

/** A re-check's outcome as the engine records it (no crawl while seeding). */
async function recordRecheck(
  past: AppContext,
  taskId: number,
  status: 'closed' | 'reopened',
  note: string,
): Promise<void> {
  const at = past.clock.now().toISOString();
  await past.db.transaction().execute(async (trx) => {
    await plansRepo.updateTask(trx, taskId, {
      status,
      rechecked_at: at,
      recheck_note: note,
      closed_at: status === 'closed' ? at : null,
    });
    await past.audit.record(trx, SYSTEM_ACTOR, {
      action: status === 'closed' ? 'supervision.rectification-close' : 'supervision.rectification-reopen',
      targetType: 'supervision_rectification',
      targetId: taskId,
      detail: { note, recorded: true },
    });
  });
}

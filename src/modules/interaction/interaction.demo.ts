// Demo citizen interaction: a year of the message board as 市政务办 runs it, with messages in every state — most answered within a few working days and published,
// some rated, one unsatisfied and handled a second time, one transferred, two found invalid, the newest still
// within their time limits — the 找错 tickets of the local form and an import of the national platform's export,
// the knowledge base, and on the subordinate site one message left overdue.
//
// As for the rest of the demo, everything goes through the services with a clock of the seeder's own that only
// moves forward and never passes the real current time: replies are drafted by the department's 承办人, agreed by
// its 审核人 and approved (published) by its 分管领导 in the 附件3 review, each at its own moment of the past.
import { createContext, type AppContext } from '../../context.ts';
import { DAY, HOUR, MINUTE, ManualClock } from '../../platform/time.ts';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.service.ts';
import { newIdempotencyKey } from '../../platform/idempotency.ts';
import { hashPassword } from '../../platform/auth/password.ts';
import type { RoleGrant } from '../../platform/auth/roles.ts';
import type { AuthContext } from '../auth/auth.service.ts';
import type { CitizenContext } from '../citizens/citizen-auth.service.ts';
import {
  DEMO_ERROR_REPORTS,
  DEMO_INVALID,
  DEMO_MESSAGES,
  DEMO_NATIONAL_ROWS,
  type DemoMessage,
} from './demo/messages.ts';
import { DEMO_PAIRS } from './demo/knowledge.ts';
import { DEMO_EARLIER_MESSAGES } from './demo/messages-earlier.ts';

/** The dispatchers the demo adds (password: the demo staff's). */
export const DEMO_DISPATCHERS = [
  { username: 'zh_fenban', displayName: '赵静（留言分办）', site: 'main', department: '综合处' },
  { username: 'zx_zwfw_fenban', displayName: '钱敏（留言分办）', site: 'zwfw', department: '综合科' },
] as const;

const DEPARTMENT_OF: Record<DemoMessage['dept'], string> = {
  zwfw: '政务服务中心',
  tzxm: '投资项目服务中心',
  zcfg: '政策法规处',
  jdjc: '监督检查处',
  zh: '综合处',
  fg: '法规处',
};

const WRITERS = [
  { phone: '13812340001', displayName: '陈先生' },
  { phone: '13812340002', displayName: '刘女士' },
  { phone: '13812340003', displayName: '南江某科技有限公司' },
  { phone: '13812340004', displayName: '赵先生' },
  { email: 'xu.nvshi@example.com', displayName: '徐女士' },
  { phone: '13812340006', displayName: '周先生' },
];

/** The year's messages, oldest first. */
const YEAR = [...DEMO_EARLIER_MESSAGES, ...DEMO_MESSAGES];
/** Where DEMO_MESSAGES start in YEAR: the fates below are indexes into DEMO_MESSAGES. */
const LATER = DEMO_EARLIER_MESSAGES.length;
/** Ratings of the older messages, by index into DEMO_EARLIER_MESSAGES. */
const EARLIER_RATED: Record<number, '满意' | '基本满意' | '不满意'> = {
  0: '满意',
  5: '满意',
  8: '基本满意',
  13: '满意',
};

/** Indexes into DEMO_MESSAGES with a fate other than “answered and published”. */
const RATED: Record<number, '满意' | '基本满意' | '不满意'> = {
  0: '满意',
  3: '满意',
  7: '基本满意',
  9: '满意',
  15: '满意',
  18: '不满意',
  22: '满意',
  24: '基本满意',
};
/** The unsatisfied writer's reason, and what the department adds in the second handling. */
const SECOND = {
  comment: '答复没有说明在哪里查询进度',
  reason: '希望告知兑现进度的具体查询入口和各环节的审核时限',
  supplement:
    '补充说明：进度查询入口在“惠企通”平台首页“政策兑现”栏目，企业登录后点击“我的申报”即可查看；各部门须在收到申报后10个工作日内完成审核，审核通过后15个工作日内拨付资金。',
};
const NO_CONSENT = new Set([13, 21]);
/** The subordinate site's departments that answer in the demo, by name → demo staff code. */
const SUB_CODES: Record<string, string> = { 窗口服务科: 'ck_zwfw' };
const TRANSFERRED = 11; // first sent to 政策法规处, transferred to 法规处
const PROMOTED = [1, 2, 12, 16];
/** The newest four stay open: waiting for dispatch, for 签收, with a draft, at the 审核人 (all within their limits). */
const OPEN_STAGES = ['pending', 'assigned', 'draft', 'in_review'] as const;

interface Job {
  at: number;
  seq: number;
  label: string;
  run: () => Promise<unknown>;
}

/** `t` moved into office hours (Mon–Fri 09:00–17:00 Asia/Shanghai). */
function officeTime(t: number): number {
  let local = new Date(t + 8 * HOUR);
  for (let i = 0; i < 10; i++) {
    const day = local.getUTCDay();
    const minutes = local.getUTCHours() * 60 + local.getUTCMinutes();
    if (day !== 0 && day !== 6 && minutes >= 9 * 60 && minutes < 17 * 60) break;
    const nextMorning = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), 9, 5);
    local = new Date(minutes < 9 * 60 && day !== 0 && day !== 6 ? nextMorning : nextMorning + DAY);
  }
  return local.getTime() - 8 * HOUR;
}

/** `daysAgo` days before `now` at `hour`:`minute` Asia/Shanghai. */
function dayAt(now: Date, daysAgo: number, hour: number, minute = 0): number {
  const local = new Date(now.getTime() + 8 * HOUR - daysAgo * DAY);
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), hour, minute) - 8 * HOUR;
}

async function staffAuth(ctx: AppContext, username: string): Promise<AuthContext> {
  const user = (await ctx.users.list()).find((u) => u.username === username);
  if (!user) throw new Error(`demo staff ${username} missing`);
  const grants: RoleGrant[] = user.roles.map((g) => ({ role: g.role, siteId: g.siteId }));
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    departmentId: user.departmentId,
    grants,
    sessionId: 'demo-seed',
    csrfToken: '',
    mustChangePassword: false,
    passwordExpired: false,
    actor: { userId: user.id, username: user.username, ip: '127.0.0.1' },
  };
}

export async function seedDemoInteraction(
  ctx: AppContext,
  siteId: number,
  demoCitizenId: number,
  staffPassword: string,
): Promise<{ messages: number; pairs: number }> {
  const now = ctx.clock.now();
  const limit = now.getTime() - MINUTE;
  const clock = new ManualClock(new Date(dayAt(now, 362, 8)));
  const seed = await createContext(ctx.config, { dbh: ctx.dbh, clock, migrate: false });
  const { interaction } = seed;
  const sub = (await seed.sites.list()).find((s) => s.parentId === siteId);
  if (!sub) throw new Error('demo subordinate site missing');
  const departmentIds = async (id: number) =>
    new Map((await seed.departments.list(id)).map((d) => [d.name, d.id] as const));
  const mainDepartments = await departmentIds(siteId);
  const subDepartments = await departmentIds(sub.id);
  const dept = (name: string) => mainDepartments.get(name) ?? Number.NaN;

  // ── the board's columns, routing rules, the dispatchers and the citizens who write ──
  await interaction.settings.openBoard(SYSTEM_ACTOR, siteId);
  await interaction.settings.openBoard(SYSTEM_ACTOR, sub.id);
  await interaction.settings.createRoute(SYSTEM_ACTOR, siteId, {
    category: null,
    keywords: ['投资项目', '施工许可', '工程建设'],
    departmentId: dept('投资项目服务中心'),
  });
  await interaction.settings.createRoute(SYSTEM_ACTOR, siteId, {
    category: '投诉',
    keywords: ['窗口', '等候', '超时'],
    departmentId: dept('监督检查处'),
  });
  const passwordHash = await hashPassword(staffPassword);
  for (const d of DEMO_DISPATCHERS) {
    const site = d.site === 'main' ? siteId : sub.id;
    const departmentId = (d.site === 'main' ? mainDepartments : subDepartments).get(d.department) ?? null;
    await seed.users.createWithPasswordHash(
      SYSTEM_ACTOR,
      {
        username: d.username,
        displayName: d.displayName,
        departmentId,
        email: null,
        roles: [{ role: 'dispatcher', siteId: site }],
      },
      passwordHash,
      { mustChangePassword: false, passwordChangedAt: now.toISOString() },
    );
  }
  const auth = new Map<string, AuthContext>();
  const as = async (username: string) => {
    let a = auth.get(username);
    if (!a) {
      a = await staffAuth(seed, username);
      auth.set(username, a);
    }
    return a;
  };
  const codeOf = (name: string) =>
    (Object.entries(DEPARTMENT_OF).find(([, n]) => n === name)?.[0] ?? 'zh') as DemoMessage['dept'];

  const citizens: CitizenContext[] = [];
  const citizenOf = (citizenId: number, displayName: string): CitizenContext => ({
    citizenId,
    displayName,
    accountType: 'person',
    sessionId: 'demo-seed',
    csrfToken: '',
    actor: { userId: null, username: `citizen:${citizenId}`, ip: `198.51.100.${citizenId % 250}` },
  });
  citizens.push(citizenOf(demoCitizenId, '演示市民'));
  for (const w of WRITERS) {
    const id = await seed.citizens.accounts.createVerifiedAccount({
      ...w,
      password: `${staffPassword}-citizen`,
      at: clock.now().toISOString(),
    });
    citizens.push(citizenOf(id, w.displayName));
  }

  // ── the jobs, run in time order ──
  const jobs: Job[] = [];
  const at = (t: number, label: string, run: Job['run']) => {
    if (t > limit) throw new Error(`demo interaction job “${label}” in the future`);
    jobs.push({ at: t, seq: jobs.length, label, run });
  };
  const submit = async (
    citizen: CitizenContext,
    site: number,
    input: Omit<Parameters<typeof interaction.messages.submit>[2], 'idempotencyKey' | 'contactPreference'>,
  ) =>
    interaction.messages.submit(
      citizen,
      site,
      { ...input, contactPreference: 'sms', idempotencyKey: newIdempotencyKey() },
      citizen.actor.ip,
    );

  /** The department's path from 签收 to the leader's approval; `t` its start, returns the approval moment. */
  const answer = (state: { id: number }, name: string, reply: string, t: number, label: string, publish: boolean) => {
    const code = name in SUB_CODES ? SUB_CODES[name]! : codeOf(name);
    const drafted = officeTime(t + 2 * HOUR);
    at(drafted, `${label}: draft`, async () => {
      const editor = await as(`${code}_bianji`);
      const template = await interaction.replies.template(editor, state.id);
      await interaction.replies.saveDraft(editor, state.id, { ...template, body: reply, publish });
    });
    const submitted = drafted + 20 * MINUTE;
    let requestId = 0;
    at(submitted, `${label}: submit`, async () => {
      const view = await interaction.replies.submit(await as(`${code}_bianji`), state.id);
      requestId = view.reviewRequestId ?? 0;
    });
    const agreed = officeTime(submitted + 90 * MINUTE);
    at(agreed, `${label}: reviewer`, async () => {
      await seed.review.decide(await as(`${code}_shenhe`), requestId, {
        decision: '同意',
        opinion: '答复内容准确，同意',
      });
    });
    const approved = officeTime(agreed + 3 * HOUR);
    at(approved, `${label}: leader`, async () => {
      await seed.review.decide(await as(`${code}_lingdao`), requestId, { decision: '同意', opinion: '同意答复' });
      // A reply not put online publishes nothing: the job that reads the review's decisions back settles it.
      if (!publish) await interaction.replies.reconcile();
    });
    return approved;
  };

  const span = YEAR.length - OPEN_STAGES.length;
  const ids: { id: number }[] = YEAR.map(() => ({ id: 0 }));
  YEAR.forEach((m, i) => {
    const fate = i - LATER;
    const citizen = citizens[i % citizens.length];
    const open = i - span;
    // Spread over the year, a little unevenly (offices get more in some weeks than in others).
    const daysAgo = open >= 0 ? (open < 2 ? 2 : 1) : Math.round(355 - (i * 345) / span + ((i * 5) % 7) - 3);
    const received = dayAt(now, daysAgo, 8 + (i % 4) * 2, (i * 7) % 60);
    const state = ids[i];
    const label = `message ${m.title}`;
    const name = DEPARTMENT_OF[m.dept];
    at(received, `${label}: submit`, async () => {
      const r = await submit(citizen, siteId, {
        category: m.category,
        title: m.title,
        body: m.body,
        publishConsent: !NO_CONSENT.has(fate),
      });
      state.id = r.id;
    });
    if (open === 0) return; // waiting for the dispatcher
    const dispatched = open > 0 ? received + 20 * MINUTE : officeTime(received + 30 * MINUTE);
    at(dispatched, `${label}: dispatch`, async () => {
      const dispatcher = await as('zh_fenban');
      const current = await interaction.core.message(state.id);
      const first = fate === TRANSFERRED ? dept('政策法规处') : dept(name);
      if (current.department_id === null) await interaction.handling.assign(dispatcher, state.id, first);
      else if (current.department_id !== dept(name))
        await interaction.handling.transfer(dispatcher, state.id, dept(name), '按职责由本部门办理');
    });
    if (fate === TRANSFERRED)
      at(officeTime(dispatched + HOUR), `${label}: transfer`, async () => {
        await interaction.handling.transfer(
          await as('zh_fenban'),
          state.id,
          dept(name),
          '行政许可程序问题属法规处职责，转法规处答复',
        );
      });
    if (open === 1) return; // waiting for 签收
    if (open >= 2) {
      const code = codeOf(name);
      at(received + 40 * MINUTE, `${label}: draft`, async () => {
        const editor = await as(`${code}_bianji`);
        const template = await interaction.replies.template(editor, state.id);
        await interaction.replies.saveDraft(editor, state.id, { ...template, body: m.reply, publish: true });
        if (open === 3) await interaction.replies.submit(editor, state.id);
      });
      return;
    }
    const approved = answer(
      state,
      name,
      m.reply,
      dispatched + (fate === TRANSFERRED ? 2 * HOUR : 0),
      label,
      !NO_CONSENT.has(fate),
    );
    const rating = fate < 0 ? EARLIER_RATED[i] : RATED[fate];
    if (!rating) return;
    const rated = approved + DAY + 3 * HOUR;
    at(rated, `${label}: rating`, async () => {
      await interaction.replies.rate(citizen.citizenId, state.id, rating, rating === '不满意' ? SECOND.comment : '');
      if (rating === '不满意') await interaction.replies.askSecond(citizen.citizenId, state.id, SECOND.reason);
    });
    if (rating === '不满意')
      answer(state, name, `${m.reply}${SECOND.supplement}`, rated, `${label} (second)`, !NO_CONSENT.has(fate));
  });

  // Two messages the dispatcher finds invalid, with the reason the writer sees.
  DEMO_INVALID.forEach((m, i) => {
    const received = i === 0 ? dayAt(now, 300, 8, 40) : dayAt(now, 64, 21, 15);
    const state = { id: 0 };
    at(received, `invalid ${m.title}`, async () => {
      state.id = (
        await submit(citizens[i === 0 ? 0 : 3], siteId, {
          category: '咨询',
          title: m.title,
          body: m.body,
          publishConsent: true,
        })
      ).id;
    });
    at(officeTime(received + HOUR), `invalid ${m.title}: mark`, async () => {
      await interaction.handling.markInvalid(await as('zh_fenban'), state.id, m.reason);
    });
  });

  // The local 纠错 form: the dispatcher gives each report to 综合处, which replies and then puts the page right.
  DEMO_ERROR_REPORTS.forEach((r, i) => {
    const received = dayAt(now, 340 - i * 45, 20, 10);
    const state = { id: 0 };
    const label = `jiucuo ${r.page}`;
    at(received, label, async () => {
      const citizen = citizens[(i + 2) % citizens.length];
      state.id = (
        await interaction.errorReports.report(
          siteId,
          { pageUrl: r.page, description: r.description, idempotencyKey: newIdempotencyKey() },
          { citizen },
        )
      ).id;
    });
    const assigned = officeTime(received + HOUR);
    at(assigned, `${label}: assign`, async () => {
      const current = await interaction.core.message(state.id);
      if (current.state === 'pending_dispatch')
        await interaction.handling.assign(await as('zh_fenban'), state.id, dept('综合处'));
    });
    const approved = answer(state, '综合处', `${r.reply}感谢您对政府网站的关心和支持。`, assigned, label, false);
    at(officeTime(approved + 2 * DAY), `${label}: close`, async () => {
      await interaction.handling.close(await as('zh_bianji'), state.id, '页面已更正');
    });
  });

  // The subordinate site: one consultation answered and published by 窗口服务科 …
  const answered = { id: 0 };
  const answeredAt = dayAt(now, 60, 9, 40);
  at(answeredAt, 'zwfw answered message', async () => {
    answered.id = (
      await submit(citizens[5], sub.id, {
        category: '咨询',
        title: '中心午间是否办理业务',
        body: '请问政务服务中心中午十二点到一点半之间还能办理业务吗？上班时间不方便请假。',
        publishConsent: true,
      })
    ).id;
  });
  const answeredDispatch = officeTime(answeredAt + HOUR);
  at(answeredDispatch, 'zwfw answered message: dispatch', async () => {
    const current = await interaction.core.message(answered.id);
    if (current.department_id === null)
      await interaction.handling.assign(await as('zx_zwfw_fenban'), answered.id, subDepartments.get('窗口服务科') ?? 0);
  });
  answer(
    answered,
    '窗口服务科',
    '您好！中心实行午间不间断服务，12:00—13:30 社保、医保、不动产登记等高频事项窗口轮岗办理，欢迎前来。',
    answeredDispatch,
    'zwfw answered message',
    true,
  );

  // … and one signed for by 窗口服务科 and never answered (overdue on the dashboard).
  const neglected = { id: 0 };
  const neglectedAt = dayAt(now, 24, 10, 12);
  at(neglectedAt, 'zwfw overdue message', async () => {
    neglected.id = (
      await submit(citizens[4], sub.id, {
        category: '投诉',
        title: '窗口预约后仍需现场排队',
        body: '在网上预约了上午十点办理社保业务，到了中心后仍然要求重新取号排队，等了一个多小时，希望改进预约服务。',
        publishConsent: true,
      })
    ).id;
  });
  at(officeTime(neglectedAt + HOUR), 'zwfw overdue message: dispatch', async () => {
    const window = subDepartments.get('窗口服务科') ?? Number.NaN;
    const current = await interaction.core.message(neglected.id);
    if (current.department_id === null)
      await interaction.handling.assign(await as('zx_zwfw_fenban'), neglected.id, window);
    await interaction.handling.sign(await as('ck_zwfw_bianji'), neglected.id);
  });

  // The knowledge base: each department's pairs, written by its 承办人 and published by its 审核人.
  DEMO_PAIRS.forEach((p, i) => {
    at(officeTime(dayAt(now, 340 - Math.floor(i / 4) * 25, 15, (i % 4) * 10)), `qa ${p.question}`, async () => {
      const name = DEPARTMENT_OF[p.dept];
      const view = await interaction.knowledge.create(await as(`${p.dept}_bianji`), siteId, {
        question: p.question,
        answer: p.answer,
        variants: p.variants.join('\n'),
        keywords: p.keywords,
        departmentId: dept(name),
      });
      await interaction.knowledge.setStatus(await as(`${p.dept}_shenhe`), view.id, 'published');
    });
  });
  // Published replies the departments promote into the knowledge base.
  for (const i of PROMOTED) {
    const m = DEMO_MESSAGES[i];
    at(dayAt(now, 5, 16, i), `promote ${m.title}`, async () => {
      const code = codeOf(DEPARTMENT_OF[m.dept]);
      const view = await interaction.knowledge.promote(await as(`${code}_bianji`), ids[LATER + i].id);
      await interaction.knowledge.setStatus(await as(`${code}_shenhe`), view.id, 'published');
    });
  }

  // The national platform's export, imported by the dispatcher: the older reports answered and closed there.
  at(dayAt(now, 3, 11, 0), 'national import', async () => {
    const header = [
      '留言编号',
      '网站标识码',
      '问题类型',
      '问题描述',
      '问题页面',
      '留言时间',
      '回复时间',
      '回复内容',
      '办结时间',
    ];
    const site = await seed.sites.get(siteId);
    const stamp = (t: number) => new Date(t + 8 * HOUR).toISOString().slice(0, 16).replace('T', ' ');
    const rows = DEMO_NATIONAL_ROWS.map((r) => {
      const received = dayAt(now, r.daysAgo, 9, 30);
      const replied = officeTime(received + DAY);
      const closed = r.daysAgo > 30 ? stamp(officeTime(replied + 5 * DAY)) : '';
      return [
        r.id,
        site.siteIdCode,
        r.type,
        r.description,
        `https://${site.domains[0]}${r.url}`,
        stamp(received),
        stamp(replied),
        '已核实并更正，感谢您的监督。',
        closed,
      ];
    });
    const csv = [header, ...rows].map((r) => r.join(',')).join('\r\n');
    await interaction.errorReports.importFile(
      await as('zh_fenban'),
      siteId,
      Buffer.from(csv),
      '全国政府网站找错留言导出.csv',
    );
  });

  jobs.sort((a, b) => a.at - b.at || a.seq - b.seq);
  for (const job of jobs) {
    if (job.at < clock.now().getTime()) throw new Error(`demo interaction job “${job.label}” out of order`);
    clock.set(new Date(job.at));
    try {
      await job.run();
    } catch (error) {
      const details = (error as { details?: unknown }).details;
      throw new Error(
        `demo interaction “${job.label}” failed: ${(error as Error).message}${details ? ` ${JSON.stringify(details)}` : ''}`,
        { cause: error },
      );
    }
  }
  await seed.search.idle();
  return { messages: YEAR.length + DEMO_INVALID.length + 1, pairs: DEMO_PAIRS.length + PROMOTED.length };
}

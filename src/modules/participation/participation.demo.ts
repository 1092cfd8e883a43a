// Demo participation: a year of 公众调查 and 意见征集 with their published results and adoption reports, and the
// year's 建议提案 with published replies. Everything goes through the services and the 附件3 review at moments of
// the demo's past (a clock that only moves forward and never beyond the real time), like the rest of the demo.
import { createContext, type AppContext } from '../../context.ts';
import { DAY, MINUTE, ManualClock, shanghaiDate } from '../../platform/time.ts';
import type { RoleGrant, Role } from '../../platform/auth/roles.ts';
import type { AuthContext } from '../auth/auth.service.ts';
import { type CitizenContext, citizenActor } from '../citizens/citizen-auth.service.ts';
import { seedDemoDisclosure } from './participation.demo-disclosure.ts';

const SURVEY_QUESTIONS = [
  {
    id: 'used',
    type: 'single',
    title: '您是否使用过本网站的网上办事？',
    required: true,
    options: ['使用过', '没有使用过'],
  },
  { id: 'score', type: 'rating', title: '您对本网站的总体满意度', required: true, scale: 5 },
  {
    id: 'what',
    type: 'multiple',
    title: '您最常使用哪些栏目？',
    required: false,
    options: ['政务公开', '办事服务', '互动交流', '站内搜索'],
  },
  { id: 'advice', type: 'text', title: '您的意见建议', required: false, maxLength: 300 },
];
const SURVEYS = [
  { daysAgo: 330, title: '网站栏目设置满意度调查' },
  { daysAgo: 260, title: '政务服务“一网通办”使用体验调查' },
  { daysAgo: 190, title: '12345热线服务满意度调查' },
  { daysAgo: 120, title: '长者模式使用情况调查' },
];
const SOLICITATIONS = [
  {
    daysAgo: 300,
    title: '南江市政务服务中心窗口服务规范',
    body: [
      '第一条 为规范窗口服务行为，提升服务质量，制定本规范。',
      '第二条 窗口工作人员应当文明礼貌、一次告知。',
      '第三条 本规范自发布之日起施行。',
    ],
  },
  {
    daysAgo: 220,
    title: '南江市政务服务事项容缺受理办法',
    body: [
      '第一条 为便利企业和群众办事，实行容缺受理。',
      '第二条 次要材料欠缺的，可先行受理并限期补齐。',
      '第三条 容缺受理事项清单由市政务办公布。',
    ],
  },
  {
    daysAgo: 150,
    title: '南江市政务服务“帮办代办”工作规则',
    body: [
      '第一条 为重点项目和特殊群体提供帮办代办服务。',
      '第二条 帮办代办人员应当全程跟踪办理进度。',
      '第三条 本规则由市政务办负责解释。',
    ],
  },
];
const COMMENTS = [
  { paragraph: 'p2', text: '建议明确一次告知的书面形式，方便群众留存。', adoption: '采纳' as const, reason: '' },
  {
    paragraph: null,
    text: '建议增加节假日预约服务的相关规定。',
    adoption: '部分采纳' as const,
    reason: '节假日预约服务已在试点，待总结后纳入。',
  },
  {
    paragraph: 'p3',
    text: '建议给出过渡期。',
    adoption: '未采纳' as const,
    reason: '本文件为服务规范，不涉及过渡安排。',
  },
];
const PROPOSALS = [
  {
    kind: 'npc' as const,
    number: '0031',
    title: '关于推进政务服务“就近办”的建议',
    proposer: '陈立新',
    role: 'lead' as const,
  },
  {
    kind: 'npc' as const,
    number: '0087',
    title: '关于优化不动产登记办理流程的建议',
    proposer: '王慧',
    role: 'assist' as const,
  },
  {
    kind: 'cppcc' as const,
    number: '0112',
    title: '关于加强政务数据共享的提案',
    proposer: '刘明哲',
    role: 'lead' as const,
  },
  {
    kind: 'cppcc' as const,
    number: '0145',
    title: '关于提升老年人办事便利度的提案',
    proposer: '赵雅琴',
    role: 'lead' as const,
  },
];

export async function actAs(ctx: AppContext, username: string): Promise<AuthContext> {
  const user = await ctx.db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'department_id'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  const grants: RoleGrant[] = (
    await ctx.db.selectFrom('user_roles').select(['role', 'site_id']).where('user_id', '=', user.id).execute()
  ).map((g) => ({ role: g.role as Role, siteId: g.site_id }));
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    departmentId: user.department_id,
    grants,
    sessionId: 'demo',
    csrfToken: 'demo',
    actor: { userId: user.id, username: user.username, ip: '127.0.0.1' },
  } as AuthContext;
}

export function morning(now: Date, daysAgo: number, minutes = 0): Date {
  const day = shanghaiDate(new Date(now.getTime() - daysAgo * DAY));
  return new Date(Date.parse(`${day}T02:00:00.000Z`) + minutes * MINUTE);
}

export async function seedDemoParticipation(
  ctx: AppContext,
  siteId: number,
): Promise<{ activities: number; applications: number }> {
  const now = ctx.clock.now();
  const clock = new ManualClock(morning(now, 340));
  const seed = await createContext(ctx.config, { dbh: ctx.dbh, clock, migrate: false });
  const at = (daysAgo: number, minutes = 0) => {
    const t = morning(now, daysAgo, minutes);
    if (t.getTime() > now.getTime()) throw new Error('demo participation clock');
    if (t.getTime() > clock.now().getTime()) clock.set(t);
  };
  const zh = {
    editor: await actAs(seed, 'zh_bianji'),
    reviewer: await actAs(seed, 'zh_shenhe'),
    leader: await actAs(seed, 'zh_lingdao'),
  };
  const approve = async (requestId: number) => {
    clock.set(new Date(clock.now().getTime() + 30 * MINUTE));
    await seed.review.decide(zh.reviewer, requestId, { decision: '同意', opinion: '内容准确，同意' });
    clock.set(new Date(clock.now().getTime() + 30 * MINUTE));
    const done = await seed.review.decide(zh.leader, requestId, { decision: '同意', opinion: '同意发布' });
    if (done.state !== 'approved') throw new Error('demo participation item not approved');
  };
  const citizens = await seed.db.selectFrom('citizens').select(['id', 'display_name']).orderBy('id').execute();
  const citizenContext = (c: { id: number; display_name: string }): CitizenContext => ({
    citizenId: c.id,
    displayName: c.display_name,
    accountType: 'person',
    sessionId: 'demo',
    csrfToken: 'demo',
    actor: citizenActor(c.id, '127.0.0.1'),
  });

  type Step = { daysAgo: number; run: () => Promise<void> };
  const steps: Step[] = [];
  let activities = 0;

  for (const [n, spec] of SURVEYS.entries()) {
    let id = 0;
    steps.push({
      daysAgo: spec.daysAgo + 3,
      run: async () => {
        id = await seed.participation.surveys.create(zh.editor, siteId, {
          title: spec.title,
          intro: '为进一步改进工作，现开展本次调查，欢迎参与。',
          access: 'anonymous',
          opensAt: morning(now, spec.daysAgo).toISOString(),
          closesAt: morning(now, spec.daysAgo - 20).toISOString(),
          questions: SURVEY_QUESTIONS,
        } as never);
        const submitted = await seed.participation.surveys.submit(zh.editor, id);
        await approve(submitted.reviewRequestId);
        activities += 1;
      },
    });
    steps.push({
      daysAgo: spec.daysAgo - 5,
      run: async () => {
        for (let k = 0; k < 24 + n * 7; k++) {
          const form: Record<string, string | string[]> = {
            q_used: String(k % 3 === 0 ? 1 : 0),
            q_score: String(3 + ((k * 7 + n) % 3)),
            q_what: [String(k % 4), String((k + 1) % 4)],
            q_advice: k % 6 === 0 ? '希望页面字体再大一些，方便老年人阅读。' : '',
          };
          await seed.participation.surveys.answer(
            siteId,
            id,
            { deviceHash: `demo-${n}-${k}`, hold: false },
            form,
            true,
          );
        }
      },
    });
  }

  // The draft policies are written by the department that leads 部门文件.
  const tree = await seed.columns.tree(siteId);
  const bmwj = tree.flat.find((c) => c.name === '部门文件');
  const writer = bmwj
    ? await seed.db
        .selectFrom('users')
        .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
        .select('users.username')
        .where('users.department_id', '=', bmwj.leadDepartmentId)
        .where('user_roles.role', '=', 'editor')
        .executeTakeFirst()
    : undefined;
  for (const [n, spec] of writer && bmwj ? SOLICITATIONS.entries() : []) {
    let id = 0;
    steps.push({
      daysAgo: spec.daysAgo + 4,
      run: async () => {
        const author = await actAs(seed, writer!.username);
        const policyId = await seed.content.create(author, siteId, {
          type: 'policy',
          columnId: bmwj!.id,
          title: spec.title,
          bodyHtml: spec.body.map((p) => `<p>${p}</p>`).join(''),
          fields: {
            docNumber: `南政务办发〔${shanghaiDate(clock.now()).slice(0, 4)}〕${30 + n}号`,
            issuingOrgan: '南江市政务服务管理办公室',
            writtenDate: shanghaiDate(clock.now()),
            theme: '综合政务',
            validity: '有效',
            disclosureMethod: '主动公开',
            disclosureScope: '面向社会',
          },
        } as never);
        id = await seed.participation.solicitations.create(zh.editor, siteId, {
          policyContentId: policyId,
          intro: '为提高决策的科学性和透明度，现将征求意见稿全文公布，公开征求社会各界意见。',
          opensAt: morning(now, spec.daysAgo).toISOString(),
        });
        const submitted = await seed.participation.solicitations.submit(zh.editor, id);
        await approve(submitted.reviewRequestId);
        activities += 1;
      },
    });
    steps.push({
      daysAgo: spec.daysAgo - 10,
      run: async () => {
        for (const [k, c] of COMMENTS.entries()) {
          const who = citizens[(k + n) % Math.max(1, citizens.length)];
          if (!who) return;
          await seed.participation.solicitations.comment(citizenContext(who), siteId, id, {
            paragraphId: c.paragraph ?? undefined,
            text: c.text,
          });
        }
        const detail = await seed.participation.solicitations.detail(id);
        for (const c of detail.comments)
          await seed.participation.solicitations.moderate(zh.editor, id, c.id, { decision: 'approve' });
      },
    });
    steps.push({
      daysAgo: spec.daysAgo - 45,
      run: async () => {
        const detail = await seed.participation.solicitations.detail(id);
        for (const [k, c] of detail.comments.entries()) {
          const a = COMMENTS[k % COMMENTS.length]!;
          await seed.participation.solicitations.adopt(zh.editor, id, c.id, { adoption: a.adoption, reason: a.reason });
        }
        const submitted = await seed.participation.solicitations.submitFeedback(zh.editor, id);
        await approve(submitted.reviewRequestId);
      },
    });
  }

  const year = Number(shanghaiDate(now).slice(0, 4));
  for (const [n, p] of PROPOSALS.entries()) {
    let id = 0;
    const received = 200 - n * 10;
    if (shanghaiDate(morning(now, received)).slice(0, 4) !== String(year)) continue;
    steps.push({
      daysAgo: received,
      run: async () => {
        id = await seed.participation.proposals.create(zh.editor, siteId, {
          year,
          ...p,
          receivedOn: shanghaiDate(clock.now()),
        });
      },
    });
    steps.push({
      daysAgo: received - 60,
      run: async () => {
        await seed.participation.proposals.reply(zh.editor, id, {
          reply: `感谢您对政务服务工作的关心和支持。\n对您提出的“${p.title.replace(/^关于|的(建议|提案)$/g, '')}”，我办已会同有关部门研究落实，相关措施已纳入年度工作要点。`,
          repliedOn: shanghaiDate(clock.now()),
          satisfaction: n === 1 ? '基本满意' : '满意',
        });
        const submitted = await seed.participation.proposals.publish(zh.editor, id);
        await approve(submitted.reviewRequestId);
      },
    });
  }

  steps.sort((a, b) => b.daysAgo - a.daysAgo);
  for (const step of steps) {
    at(step.daysAgo);
    await step.run();
  }
  // 依申请公开 has its own chronology: a second clock from the previous December (the applications carried over
  // into this year count in last year's annual report).
  const disclosureClock = new ManualClock(morning(now, 380));
  const disclosureSeed = await createContext(ctx.config, { dbh: ctx.dbh, clock: disclosureClock, migrate: false });
  const applications = await seedDemoDisclosure(
    disclosureSeed,
    disclosureClock,
    siteId,
    now,
    await actAs(disclosureSeed, 'zh_bianji'),
  );
  return { activities, applications };
}

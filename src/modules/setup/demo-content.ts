// Demo content for the demo installation: staff accounts for 市政务办's departments, content in
// every leaf column of 附件1, a register with every kind of review outcome, and a neglected subordinate site.
//
// Everything is created through the services, exactly as staff would through the API: each item is written by
// an editor of the column's department, submitted, and decided by that department's 审核人 and 分管领导 (and the
// 保密审查员 where the secrecy question comes up). Nothing is written to published_items directly.
//
// Why the demo has a history. A healthy site has news from last week and documents from last spring, and PubDate
// is always the server's clock at first publication — it can never be set earlier. So the demo is created as
// history: the seeder runs the services over the same database with a clock of its own (a ManualClock), set for
// each step to the moment that step happens in the demo's past, moving only forward and never past the real
// current time. Every item is thus published by the same rules as any other, at its own historical server time;
// nothing is backdated after the fact, and the final state (PubDates, register, audit trail) is consistent.
// The audit trail shows these records after the creation of the main site, with their historical times.
import { createContext, type AppContext } from '../../context.ts';
import { ROLES, type Role } from '../../platform/auth/roles.ts';
import { DAY, MINUTE } from '../../platform/time.ts';
import type { AuthContext } from '../auth/auth.service.ts';
import type { ColumnNode } from '../columns/columns.schema.ts';
import type { ContentCreate } from '../content/content.schema.ts';
import type { DecideInput, SubmitInput } from '../review/review.service.ts';
import { COLUMN_ITEMS } from './demo-content/columns.ts';
import { DEPARTMENT_NEWS, SERVICE_NEWS } from './demo-content/news.ts';
import { NOTICES, PARTY_NEWS } from './demo-content/party-and-notices.ts';
import { MAIN_PAGES } from './demo-content/pages.ts';
import {
  DEMO_ACCOUNT_SPECS,
  DEMO_DEPARTMENTS,
  MAIN_LEADERS,
  ZWFW_LEADERS,
  type DemoLeader,
} from './demo-content/people.ts';
import { INTERPRETATIONS, POLICIES, ZCJD, type DemoPolicy } from './demo-content/policies.ts';
import { REVIEW_CASES, type ReviewCase } from './demo-content/review-cases.ts';
import { Calendar, HISTORY_DAYS, HistoryClock } from './demo-content/calendar.ts';
import { DEMO_STAFF_PASSWORD, createDemoStaff, createSubSite } from './demo-content/site-and-staff.ts';
import { fill, html, isoDay } from './demo-content/text.ts';
import type { DemoArticle, DemoPage } from './demo-content/types.ts';
import { ZWFW_ARTICLES, ZWFW_PAGES, ZWFW_POLICIES } from './demo-content/zwfw.ts';

export { DEMO_STAFF_PASSWORD };

export interface DemoAccount {
  username: string;
  displayName: string;
  /** Code of the site the account works on ('main' or 'zwfw'); the 保密审查员 serves every site. */
  site: 'main' | 'zwfw';
  department: string | null;
  role: Role;
  roleName: string;
  description: string;
}

/** The demo staff accounts, all with DEMO_STAFF_PASSWORD (for the README and the login page of a demo). */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = DEMO_ACCOUNT_SPECS.map((a) => ({ ...a, roleName: ROLES[a.role] }));

export interface DemoSeedResult {
  /** The subordinate site 南江市政务服务中心. */
  subSiteId: number;
  accounts: number;
  /** Content items created (published or not). */
  items: number;
}

interface Job {
  at: Date;
  seq: number;
  label: string;
  /** `at`: the job's moment (its publication); `step(m)` sets the clock m minutes before it. */
  run: (step: (minutesBefore: number) => void, at: Date) => Promise<void>;
}

interface Staff {
  editor: AuthContext;
  reviewer: AuthContext;
  leader: AuthContext;
}

const REVIEWER_OPINIONS = [
  '同意',
  '内容属实，同意报分管领导审批',
  '经审查，内容准确、不涉密，同意发布',
  '已核对时间和数据，同意',
];
const LEADER_OPINIONS = ['同意发布', '同意', '同意公开'];

/** Builds each leaf column's path of names ('政务公开/决策公开/政策法规') → column. */
function columnsByPath(flat: ColumnNode[], byId: Map<number, ColumnNode>): Map<string, ColumnNode> {
  const result = new Map<string, ColumnNode>();
  for (const c of flat) {
    const names: string[] = [];
    for (let n: ColumnNode | undefined = c; n; n = n.parentId === null ? undefined : byId.get(n.parentId))
      names.unshift(n.name);
    result.set(names.join('/'), c);
  }
  return result;
}

/** Creates the demo staff, content and subordinate site for the demo site `siteId` (see the file comment). */
export async function seedDemoContent(ctx: AppContext, siteId: number): Promise<DemoSeedResult> {
  const now = ctx.clock.now();
  const calendar = new Calendar(now);
  const start = new Date(calendar.midnight(HISTORY_DAYS) + 9 * 60 * MINUTE);
  const clock = new HistoryClock(start, now);
  // The same database, services with the history clock; migrations have already run on ctx.
  const seed = await createContext(ctx.config, { dbh: ctx.dbh, clock, migrate: false });

  // The column trees do not change while content is written, and the write path (permissions, pre-publish link
  // check) reads them several times per step: keep them for the seeding (content counts in them go stale, and
  // nothing on this path reads those).
  const buildTree = seed.columns.tree.bind(seed.columns);
  const trees = new Map<number, ReturnType<typeof buildTree>>();
  const cachedTree = (id: number) => {
    let tree = trees.get(id);
    if (!tree) {
      tree = buildTree(id);
      trees.set(id, tree);
    }
    return tree;
  };

  // ── the subordinate site, its departments and columns; the staff of both sites ──
  const sub = await createSubSite(seed, siteId);
  const siteIdOf = { main: siteId, zwfw: sub.id } as const;
  const auths = await createDemoStaff(seed, siteIdOf, now);
  const staffOf = (code: string): Staff => ({
    editor: auths.get(`${code}_bianji`)!,
    reviewer: auths.get(`${code}_shenhe`)!,
    leader: auths.get(`${code}_lingdao`)!,
  });
  const secrecy = auths.get('baomi')!;
  const codeOf = (site: 'main' | 'zwfw', departmentName: string | null): string => {
    const d = DEMO_DEPARTMENTS.find((x) => x.site === site && x.name === departmentName);
    if (!d) throw new Error(`no demo staff for ${departmentName}`);
    return d.code;
  };

  seed.columns.tree = cachedTree;
  const mainTree = await seed.columns.tree(siteId);
  const subTree = await seed.columns.tree(sub.id);
  const paths = { main: columnsByPath(mainTree.flat, mainTree.byId), zwfw: columnsByPath(subTree.flat, subTree.byId) };
  const column = (site: 'main' | 'zwfw', path: string): ColumnNode => {
    const c = paths[site].get(path);
    if (!c) throw new Error(`demo column ${path} not found`);
    return c;
  };

  // ── the flows ──
  let opinion = 0;
  let items = 0;
  const create = async (who: AuthContext, site: 'main' | 'zwfw', input: ContentCreate): Promise<number> => {
    items += 1;
    return seed.content.create(who, siteIdOf[site], input);
  };
  const submit = (who: AuthContext, id: number, input: SubmitInput = { secret: '否', releaseForm: '网站公开' }) =>
    seed.review.submit(who, id, input);
  const decide = (who: AuthContext, requestId: number, input: DecideInput) => seed.review.decide(who, requestId, input);
  const agree = (who: AuthContext, requestId: number, kind: 'reviewer' | 'leader') => {
    const list = kind === 'reviewer' ? REVIEWER_OPINIONS : LEADER_OPINIONS;
    opinion += 1;
    return decide(who, requestId, { decision: '同意', opinion: list[opinion % list.length] });
  };
  /** The ordinary life of an item: written, submitted, agreed by the 审核人, approved (published) by the 分管领导. */
  const publish = async (
    step: (m: number) => void,
    staff: Staff,
    site: 'main' | 'zwfw',
    input: ContentCreate,
  ): Promise<number> => {
    step(55);
    const id = await create(staff.editor, site, input);
    step(50);
    const request = await submit(staff.editor, id);
    step(30);
    await agree(staff.reviewer, request.id, 'reviewer');
    step(0);
    const done = await agree(staff.leader, request.id, 'leader');
    if (done.state !== 'approved') throw new Error(`demo item ${input.title} not approved`);
    return id;
  };

  const jobs: Job[] = [];
  const schedule = (daysAgo: number, label: string, run: Job['run'], anyDay = false) => {
    jobs.push({ at: calendar.slot(daysAgo, anyDay), seq: jobs.length, label, run });
  };
  const sourceOf = (site: 'main' | 'zwfw') => (site === 'main' ? '市政务办' : '市政务服务中心');

  const articleInput = (
    site: 'main' | 'zwfw',
    a: DemoArticle | DemoPage,
    at: Date,
    type: 'article' | 'page',
    department: string,
  ): ContentCreate => ({
    type,
    columnId: column(site, a.column).id,
    title: fill(a.title, at),
    source: ('source' in a && a.source) || sourceOf(site),
    author: ('author' in a && a.author) || department,
    bodyHtml: html(a.body, at),
    keywords: ('keywords' in a && a.keywords) || '',
  });
  const writerOf = (
    site: 'main' | 'zwfw',
    a: { column: string; by?: string },
  ): { code: string; department: string } => {
    const code = a.by ?? codeOf(site, column(site, a.column).leadDepartmentName);
    return { code, department: DEMO_DEPARTMENTS.find((d) => d.code === code)!.name };
  };

  const scheduleLeaders = (site: 'main' | 'zwfw', path: string, leaders: DemoLeader[], daysAgo: number) => {
    const { code } = writerOf(site, { column: path });
    // The head last, so the newest-first list starts with them; `sort` keeps the order of precedence.
    [...leaders].reverse().forEach((l) => {
      schedule(daysAgo, `leader ${l.name}`, async (step) => {
        await publish(step, staffOf(code), site, {
          type: 'leader',
          columnId: column(site, path).id,
          title: l.name,
          source: sourceOf(site),
          bodyHtml: `<p>${l.intro}</p>`,
          fields: { post: l.post, duties: l.duties, resume: l.resume },
          sort: leaders.indexOf(l),
        });
      });
    });
  };
  const schedulePages = (site: 'main' | 'zwfw', pages: DemoPage[], daysAgo: number) => {
    for (const p of pages) {
      schedule(daysAgo, `page ${p.title}`, async (step, at) => {
        const { code, department } = writerOf(site, p);
        await publish(step, staffOf(code), site, articleInput(site, p, at, 'page', department));
      });
    }
  };
  const scheduleArticles = (site: 'main' | 'zwfw', articles: DemoArticle[]) => {
    for (const a of articles) {
      schedule(
        a.daysAgo,
        a.title,
        async (step, at) => {
          const { code, department } = writerOf(site, a);
          await publish(step, staffOf(code), site, articleInput(site, a, at, 'article', department));
        },
        site === 'zwfw' && a.column === '中心动态/通知公告',
      );
    }
  };

  const policyIds = new Map<string, number>();
  const policyInputs = new Map<string, ContentCreate>();
  const policyPublished = new Map<string, Date>();
  const schedulePolicies = (site: 'main' | 'zwfw', policies: DemoPolicy[]) => {
    for (const p of policies) {
      schedule(p.daysAgo, p.title, async (step, at) => {
        const written = new Date(at.getTime() - p.writtenDaysBefore * DAY);
        const { code } = writerOf(site, p);
        const input: ContentCreate = {
          type: 'policy',
          columnId: column(site, p.column).id,
          title: p.title,
          source: p.issuingOrgan,
          bodyHtml: html(p.body, at),
          fields: {
            docNumber: fill(p.docNumber, written),
            issuingOrgan: p.issuingOrgan,
            writtenDate: isoDay(written),
            theme: p.theme,
            validity: '有效',
            validityDate: null,
            disclosureMethod: '主动公开',
            disclosureScope: '面向社会',
          },
        };
        policyIds.set(p.key, await publish(step, staffOf(code), site, input));
        policyInputs.set(p.key, input);
        policyPublished.set(p.key, at);
      });
      // 修订 / 废止: the older document is updated the day its successor is published, and reviewed again.
      const older = policies.find((o) => o.supersededBy?.key === p.key);
      if (older) {
        schedule(p.daysAgo, `${older.title} ${older.supersededBy!.validity}`, async (step) => {
          const { code } = writerOf(site, older);
          const staff = staffOf(code);
          const id = policyIds.get(older.key)!;
          const { type: _type, ...before } = policyInputs.get(older.key)!;
          step(55);
          await seed.content.update(staff.editor, id, {
            ...before,
            fields: {
              ...before.fields,
              validity: older.supersededBy!.validity,
              validityDate: isoDay(policyPublished.get(p.key)!),
            },
            note: `被《${p.title}》${older.supersededBy!.validity === '废止' ? '废止' : '修订'}`,
          });
          step(50);
          const request = await submit(staff.editor, id);
          step(30);
          await agree(staff.reviewer, request.id, 'reviewer');
          step(0);
          await agree(staff.leader, request.id, 'leader');
        });
      }
    }
  };

  const scheduleInterpretations = () => {
    for (const i of INTERPRETATIONS) {
      schedule(i.daysAgo, i.title, async (step, at) => {
        const policyId = policyIds.get(i.policy);
        if (!policyId) throw new Error(`interpretation ${i.title} before its policy`);
        await publish(step, staffOf(writerOf('main', { column: ZCJD }).code), 'main', {
          type: 'interpretation',
          columnId: column('main', ZCJD).id,
          title: i.title,
          source: '市政务办',
          author: '政策法规处',
          bodyHtml: html(i.body, at),
          fields: { form: i.form },
          policyIds: [policyId],
        });
      });
    }
  };

  const scheduleCase = (c: ReviewCase) => {
    const staff = staffOf(c.dept);
    const department = DEMO_DEPARTMENTS.find((d) => d.code === c.dept)!.name;
    const state: { id: number; input: ContentCreate | null } = { id: 0, input: null };
    schedule(c.daysAgo, `case ${c.kind}`, async (step, at) => {
      const input = articleInput('main', c, at, 'article', department);
      step(55);
      state.id = await create(staff.editor, 'main', input);
      state.input = input;
      step(50);
      const secret =
        c.kind === 'open-at-secrecy' || c.kind === 'unclear-then-approved'
          ? '不明确'
          : c.kind === 'secret-at-submit'
            ? '是'
            : '否';
      const request = await submit(staff.editor, state.id, {
        secret,
        releaseForm: c.kind === 'on-request' ? '依申请提供' : '网站公开',
      });
      const opinionText = c.opinion ?? '';
      switch (c.kind) {
        case 'rejected-by-reviewer':
        case 'rejected-by-reviewer-then-approved':
          step(30);
          await decide(staff.reviewer, request.id, { decision: '不同意', opinion: opinionText });
          return;
        case 'rejected-by-leader':
        case 'rejected-by-leader-then-approved':
          step(30);
          await agree(staff.reviewer, request.id, 'reviewer');
          step(0);
          await decide(staff.leader, request.id, { decision: '不同意', opinion: opinionText });
          return;
        case 'open-at-leader':
          step(30);
          await agree(staff.reviewer, request.id, 'reviewer');
          return;
        case 'secret-after-escalation':
          step(30);
          await decide(staff.reviewer, request.id, { decision: '不明确', opinion: opinionText });
          step(0);
          await decide(secrecy, request.id, {
            decision: '同意',
            secret: '是',
            opinion: '含有政务云平台安全防护的具体情况，属于工作秘密，不得在网站公开发布。',
          });
          return;
        case 'unclear-then-approved':
          step(40);
          await decide(secrecy, request.id, {
            decision: '同意',
            secret: '否',
            opinion: '经保密审查，采购意向属于应当公开的信息，不涉密。',
          });
          step(20);
          await agree(staff.reviewer, request.id, 'reviewer');
          step(0);
          await agree(staff.leader, request.id, 'leader');
          return;
        case 'on-request':
          step(30);
          await agree(staff.reviewer, request.id, 'reviewer');
          step(0);
          await agree(staff.leader, request.id, 'leader');
          return;
        default:
          return; // open at the reviewer or the secrecy reviewer; 涉密 at submission closes at once
      }
    });
    if (c.revised) {
      schedule(c.daysAgo - 1, `case ${c.kind} revised`, async (step, at) => {
        step(55);
        const { type: _type, ...before } = state.input!;
        await seed.content.update(staff.editor, state.id, {
          ...before,
          title: fill(c.revised!.title, at),
          bodyHtml: html(c.revised!.body, at),
          note: '按审查意见修改',
        });
        step(50);
        const request = await submit(staff.editor, state.id);
        step(30);
        await agree(staff.reviewer, request.id, 'reviewer');
        step(0);
        await agree(staff.leader, request.id, 'leader');
      });
    }
  };

  // Slots are handed out in this order: the subordinate site's dated problems first, so they land on their exact
  // days; leaders before anything that names them (the leader/post check reads the published ones), then the
  // single pages and the daily life of both sites. Execution is in time order whatever the order here.
  scheduleArticles('zwfw', ZWFW_ARTICLES);
  scheduleLeaders('zwfw', '中心概况/领导信息', ZWFW_LEADERS, 183);
  schedulePages('zwfw', ZWFW_PAGES, 183);
  schedulePolicies('zwfw', ZWFW_POLICIES);
  scheduleLeaders('main', '部门概况/领导信息', MAIN_LEADERS, 180);
  schedulePages('main', MAIN_PAGES, 179);
  schedulePolicies('main', POLICIES);
  scheduleInterpretations();
  scheduleArticles('main', [...DEPARTMENT_NEWS, ...SERVICE_NEWS, ...PARTY_NEWS, ...NOTICES, ...COLUMN_ITEMS]);
  for (const c of REVIEW_CASES) scheduleCase(c);

  jobs.sort((a, b) => a.at.getTime() - b.at.getTime() || a.seq - b.seq);
  for (const job of jobs) {
    try {
      await job.run((minutesBefore) => clock.set(new Date(job.at.getTime() - minutesBefore * MINUTE)), job.at);
    } catch (error) {
      const details = (error as { details?: unknown }).details;
      throw new Error(
        `demo content “${job.label}” failed: ${(error as Error).message}${details ? ` ${JSON.stringify(details)}` : ''}`,
        { cause: error },
      );
    }
  }
  // Indexing of the new site's columns runs in the background of the seeding context's search service.
  await (seed as { search?: { idle?: () => Promise<void> } }).search?.idle?.();
  return { subSiteId: sub.id, accounts: DEMO_ACCOUNT_SPECS.length, items };
}

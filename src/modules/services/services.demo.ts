// The demo's online services, seeded with the demo site (called from the setup module): 32 items of the 市政务办
// and its 市民服务中心 with complete guides, forms and samples, published through the release review a year ago;
// the departments' registered numbers; three 一件事; 办件人员 accounts; a year of applications in every state with
// their ratings, including a 差评 rectified and revisited; the published statistics. The subordinate site has four
// items, two of whose guides became defective after publication (a changed line, a newly listed vague phrase).
import type { AppContext } from '../../context.ts';
import { createContext } from '../../context.ts';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.service.ts';
import { ManualClock, DAY, MINUTE } from '../../platform/time.ts';
import type { Role } from '../../platform/auth/roles.ts';
import type { AuthContext } from '../auth/auth.service.ts';
import type { CitizenSenders } from '../citizens/senders.ts';
import { type GuideData, emptyMaterial } from './guide.ts';
import * as demoRepo from './demo/demo.repository.ts';
import { type DemoItem, DEMO_CONTACTS, HALL, HALL_HOURS, MAIN_ITEMS, ORGANS } from './demo/items.ts';
import { MORE_ITEMS } from './demo/items-more.ts';
import { NATIONAL_POLICIES, THEMES, ZWFW_CONTACTS, ZWFW_DRIFT, ZWFW_ITEMS } from './demo/extras.ts';
import { formWorkbook } from './demo/forms.ts';
import { seedApplications } from './demo/history.ts';

/** The password of the demo 办件人员 accounts (the demo staff password, published in the README). */
const DEMO_PASSWORD = 'Demo-Passw0rd!';

export const DEMO_OFFICERS = [
  { username: 'zwfw_banjian', displayName: '陈思远', site: 'main', department: '政务服务中心' },
  { username: 'tzxm_banjian', displayName: '刘晓峰', site: 'main', department: '投资项目服务中心' },
  { username: 'jdjc_banjian', displayName: '赵一帆', site: 'main', department: '监督检查处' },
  { username: 'zcfg_banjian', displayName: '王静怡', site: 'main', department: '政策法规处' },
  { username: 'ck_zwfw_banjian', displayName: '李梦瑶', site: 'zwfw', department: '窗口服务科' },
] as const;

/** Demo staff by department: editor, reviewer, leader (the setup module's demo accounts). */
const STAFF_CODES: Record<string, string> = {
  政务服务中心: 'zwfw',
  投资项目服务中心: 'tzxm',
  监督检查处: 'jdjc',
  政策法规处: 'zcfg',
  法规处: 'fg',
  窗口服务科: 'ck_zwfw',
};

const quiet: CitizenSenders = { sms: { send: async () => {} }, email: { send: async () => {} } };

export async function seedDemoServices(ctx: AppContext): Promise<void> {
  const realNow = ctx.clock.now();
  const clock = new ManualClock(new Date(realNow.getTime() - 358 * DAY));
  clock.set(`${clock.now().toISOString().slice(0, 10)}T01:30:00.000Z`);
  const seed = await createContext(ctx.config, { dbh: ctx.dbh, clock, migrate: false });
  seed.citizens.installSenders(quiet);
  const tick = () => clock.advance(7 * MINUTE);

  const sites = await seed.sites.list();
  const main = sites.find((s) => s.code === 'main')!;
  const zwfw = sites.find((s) => s.code === 'zwfw')!;
  const departments = new Map<string, number>();
  for (const site of [main, zwfw]) for (const d of await seed.departments.list(site.id)) departments.set(d.name, d.id);

  // ── staff: auth contexts of the demo accounts, grants on the 办事指南 column, 办件人员 ──
  const authOf = async (username: string): Promise<AuthContext> => {
    const u = await demoRepo.userByUsername(seed.db, username);
    if (!u) throw new Error(`demo account ${username} missing`);
    const view = await seed.users.get(u.id);
    return {
      userId: u.id,
      username,
      displayName: view.displayName,
      departmentId: view.departmentId,
      grants: view.roles.map((r) => ({ role: r.role as Role, siteId: r.siteId })),
      sessionId: 'demo-seed',
      csrfToken: '',
      mustChangePassword: false,
      passwordExpired: false,
      actor: { userId: u.id, username, ip: '127.0.0.1' },
    };
  };
  const guideColumn = await seed.services.guides.guideColumn(main.id);
  for (const code of ['zwfw', 'tzxm', 'jdjc', 'zcfg']) {
    const a = await authOf(`${code}_bianji`);
    const view = await seed.users.get(a.userId);
    await seed.users.update(SYSTEM_ACTOR, a.userId, {
      displayName: view.displayName,
      departmentId: view.departmentId,
      email: view.email,
      roles: view.roles.map((r) => ({ role: r.role as Role, siteId: r.siteId })),
      columnGrantIds: [...(await seed.users.columnGrantsOf(a.userId)), guideColumn.id],
    });
  }
  for (const o of DEMO_OFFICERS) {
    const siteId = o.site === 'main' ? main.id : zwfw.id;
    await seed.users.create(
      SYSTEM_ACTOR,
      {
        username: o.username,
        displayName: o.displayName,
        departmentId: departments.get(o.department)!,
        email: null,
        roles: [{ role: 'service_officer', siteId }],
      },
      { password: DEMO_PASSWORD },
    );
  }
  // Demo only, as for the other demo accounts: they work at once with the published demo password.
  await demoRepo.activateDemoAccounts(
    seed.db,
    DEMO_OFFICERS.map((o) => o.username),
    realNow.toISOString(),
  );
  const team = async (department: string) => {
    const code = STAFF_CODES[department];
    return {
      editor: await authOf(`${code}_bianji`),
      reviewer: await authOf(`${code}_shenhe`),
      leader: await authOf(`${code}_lingdao`),
    };
  };
  const siteAdmin = (siteId: number): AuthContext => ({
    userId: 0,
    username: SYSTEM_ACTOR.username,
    displayName: '系统',
    departmentId: null,
    grants: [{ role: 'site_admin', siteId }],
    sessionId: 'demo-seed',
    csrfToken: '',
    mustChangePassword: false,
    passwordExpired: false,
    actor: SYSTEM_ACTOR,
  });

  // ── the national documents in the policy library, and the departments' registered numbers ──
  const fg = await team('法规处');
  const policyColumn = (await seed.columns.tree(main.id)).flat.find((c) => c.name === '政策法规');
  for (const doc of NATIONAL_POLICIES) {
    const id = await seed.content.create(fg.editor, main.id, {
      type: 'policy',
      columnId: policyColumn!.id,
      title: doc.title,
      source: doc.issuingOrgan,
      bodyHtml: doc.paragraphs.map((p) => `<p>${p}</p>`).join(''),
      fields: {
        docNumber: doc.docNumber,
        issuingOrgan: doc.issuingOrgan,
        writtenDate: doc.writtenDate,
        theme: '综合政务',
        validity: '有效',
        disclosureMethod: '主动公开',
        disclosureScope: '面向社会',
      },
    });
    await publish(seed, fg, id);
    tick();
  }
  for (const [name, numbers] of Object.entries(DEMO_CONTACTS))
    await seed.services.catalogue.setContacts(siteAdmin(main.id), main.id, departments.get(name)!, numbers);
  await seed.services.catalogue.setContacts(siteAdmin(zwfw.id), zwfw.id, departments.get('窗口服务科')!, ZWFW_CONTACTS);

  // ── items and guides, published through the review ──
  const itemIds = new Map<string, number>();
  for (const [site, list] of [
    [main, [...MAIN_ITEMS, ...MORE_ITEMS]],
    [zwfw, ZWFW_ITEMS],
  ] as const) {
    const library = new Map((await seed.services.guides.policies(site.id)).map((p) => [p.title, p.id]));
    for (const [n, item] of list.entries()) {
      const staff = await team(item.department);
      const created = await seed.services.catalogue.create(staff.editor, site.id, {
        code: item.code,
        name: item.name,
        type: item.type,
        audiences: item.audiences,
        theme: item.theme,
        departmentId: departments.get(item.department)!,
        events: item.events,
        keywords: item.keywords,
        sort: n,
      });
      itemIds.set(item.code, created.id);
      const guide = await demoGuide(seed, staff.editor, site.id, item, library);
      await seed.services.guides.save(staff.editor, created.id, guide);
      const request = await seed.services.guides.submit(staff.editor, created.id, '否');
      await decide(seed, staff, request.requestId);
      tick();
    }
  }

  // ── 一件事 ──
  clock.advance(2 * DAY);
  for (const t of THEMES) {
    const ids = (codes: string[]) => codes.map((c) => itemIds.get(c)!);
    const theme = await seed.services.catalogue.createTheme(siteAdmin(main.id), main.id, {
      slug: t.slug,
      name: t.name,
      audience: t.audience,
      description: t.description,
      itemIds: ids(t.itemCodes),
      flow: t.flow.map((s) => ({ title: s.title, detail: s.detail, itemIds: ids(s.codes) })),
      keywords: t.keywords,
    });
    await seed.services.catalogue.setThemePublished(siteAdmin(main.id), main.id, theme.id, true);
  }

  // ── a year of applications, then what changed on the subordinate site since its guides were published ──
  await seedApplications(seed, clock, realNow, { main: main.id, zwfw: zwfw.id, itemIds, authOf });
  clock.set(new Date(realNow.getTime() - 20 * DAY));
  await seed.services.catalogue.setContacts(
    siteAdmin(zwfw.id),
    zwfw.id,
    departments.get('窗口服务科')!,
    ZWFW_DRIFT.contacts,
  );
  const words = (await seed.services.catalogue.vagueWords(zwfw.id)).words;
  await seed.services.catalogue.setVagueWords(siteAdmin(zwfw.id), zwfw.id, [...words, ZWFW_DRIFT.addVagueWord]);
  clock.set(realNow);
  for (const site of [main, zwfw]) await seed.services.stats.refresh(site.id);
  await seed.search.idle();
}

async function publish(
  seed: AppContext,
  staff: { editor: AuthContext; reviewer: AuthContext; leader: AuthContext },
  id: number,
) {
  const request = await seed.review.submit(staff.editor, id, { secret: '否', releaseForm: '网站公开' });
  await decide(seed, staff, request.id);
}

async function decide(seed: AppContext, staff: { reviewer: AuthContext; leader: AuthContext }, requestId: number) {
  await seed.review.decide(staff.reviewer, requestId, { decision: '同意', opinion: '' });
  await seed.review.decide(staff.leader, requestId, { decision: '同意', opinion: '' });
}

/** A demo item's complete guide: its forms' blank and sample workbooks uploaded, its bases linked. */
async function demoGuide(
  seed: AppContext,
  editor: AuthContext,
  siteId: number,
  item: DemoItem,
  library: Map<string, number>,
): Promise<GuideData> {
  const materials = [];
  for (const [name, form, medium, copies, source, required = true, isForm = false, notes = ''] of item.materials) {
    const m = { ...emptyMaterial(name), form, medium, copies, source, required, isForm, notes };
    if (isForm) {
      const blank = await seed.files.upload(
        editor.actor,
        siteId,
        await formWorkbook(name, item.name, false),
        `${name}.xlsx`,
      );
      const sample = await seed.files.upload(
        editor.actor,
        siteId,
        await formWorkbook(name, item.name, true),
        `${name}（样表）.xlsx`,
      );
      m.blankFileId = blank.id;
      m.sampleFileId = sample.id;
    }
    materials.push(m);
  }
  return {
    name: item.name,
    basis: item.basis.map(([title, articles]) => {
      const documentId = library.get(title);
      if (documentId === undefined) throw new Error(`demo policy “${title}” is not published on the site`);
      return { title, articles, documentId };
    }),
    conditions: item.conditions,
    materials,
    place: item.area.startsWith('南江') || item.area.startsWith('市') ? item.area : `${HALL}${item.area}`,
    organ: ORGANS[item.department] ?? `南江市政务服务中心（${item.department}）`,
    fee: { standard: item.fee ?? '不收费', basis: item.feeBasis ?? '' },
    hours: HALL_HOURS,
    phones: { consult: item.phone, complaint: '12345' },
    process: item.process.map((s) => {
      const [title, detail = ''] = s.split('|');
      return { title, detail };
    }),
    statutoryDays: item.statutory,
    promisedDays: item.promised,
    caseType: item.caseType,
    online: item.online,
    visits: item.visits,
  };
}

// A year of demo applications, made through the module's own services in time order (a clock moved step by step):
// most completed on time and rated, some 补正 and supplemented, some refused, a few late; 差评 rectified and
// revisited (one still open); and the last weeks' applications in every open state — the demo citizen's among them.
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../../context.ts';
import type { ManualClock } from '../../../platform/time.ts';
import { DAY } from '../../../platform/time.ts';
import { seededRandom } from '../../../platform/random.ts';
import { shanghaiCivilDate } from '../../../platform/calendar/working-calendar.ts';
import { citizenActor, type CitizenContext } from '../../citizens/citizen-auth.service.ts';
import type { AuthContext } from '../../auth/auth.service.ts';
import type { Upload } from '../applications.service.ts';
import { isElectronic } from '../applications.service.ts';
import * as demoRepo from './demo.repository.ts';

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

const OFFICERS: Record<string, string> = {
  'ZWB-QT-0002': 'tzxm_banjian',
  'ZWB-XK-0001': 'tzxm_banjian',
  'ZWB-GG-0013': 'tzxm_banjian',
  'ZWB-GG-0014': 'tzxm_banjian',
  'ZWB-GG-0015': 'tzxm_banjian',
  'ZWB-ZJ-0001': 'tzxm_banjian',
  'ZWB-ZJ-0002': 'tzxm_banjian',
  'ZWB-ZJ-0003': 'tzxm_banjian',
  'ZWB-GG-0016': 'jdjc_banjian',
  'ZWB-QT-0003': 'jdjc_banjian',
  'ZWB-QT-0004': 'jdjc_banjian',
  'ZWB-QR-0001': 'jdjc_banjian',
  'ZWB-QT-0005': 'zcfg_banjian',
  'ZWB-QT-0006': 'zcfg_banjian',
};
const officerOf = (code: string) => (code.startsWith('ZWFW') ? 'ck_zwfw_banjian' : (OFFICERS[code] ?? 'zwfw_banjian'));

/** How often each item is applied for (the rest once in a while). */
const POPULAR = [
  'ZWB-GG-0002',
  'ZWB-GG-0002',
  'ZWB-GG-0006',
  'ZWB-GG-0006',
  'ZWB-GG-0007',
  'ZWB-GG-0001',
  'ZWB-QT-0002',
  'ZWB-QT-0002',
  'ZWB-GG-0009',
  'ZWB-GG-0010',
  'ZWB-GG-0016',
  'ZWB-GG-0013',
];
const COMPANIES = [
  '南江云帆信息科技有限公司',
  '南江市金湖建设工程有限公司',
  '南江海川贸易有限公司',
  '南江绿源环保科技有限公司',
  '南江市恒信招标代理有限公司',
  '南江智联软件有限公司',
];
const COMMENTS: Record<number, string[]> = {
  5: ['办理很快，材料一次说清楚', '网上办理方便，不用跑腿', '窗口人员很耐心'],
  4: ['整体满意', '流程清楚'],
  3: ['还可以，希望再简化材料'],
  2: ['超过承诺时限才办结', '补正通知说得不够清楚'],
  1: ['等了很久没人联系'],
};

type Step =
  | { action: 'apply' }
  | { action: 'accept' | 'start' | 'reject'; note: string }
  | { action: 'correction'; missing: string[]; note: string }
  | { action: 'supplement' }
  | { action: 'complete'; outcome: '准予' | '不予'; note: string }
  | { action: 'rate'; level: number; comment: string }
  | { action: 'rectify'; measures: string }
  | { action: 'revisit'; note: string };

interface Plan {
  code: string;
  citizen: CitizenContext;
  applicant: string;
  steps: { at: number; step: Step }[];
  id?: number;
}

export async function seedApplications(
  seed: AppContext,
  clock: ManualClock,
  realNow: Date,
  ctx: { main: number; zwfw: number; itemIds: Map<string, number>; authOf: (u: string) => Promise<AuthContext> },
): Promise<void> {
  const calendar = await seed.calendar.calendar();
  const random = seededRandom(20261127);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const citizens: CitizenContext[] = (await demoRepo.demoCitizens(seed.db)).map((c) => ({
    citizenId: c.id,
    displayName: c.display_name,
    accountType: c.account_type === 'organization' ? 'organization' : 'person',
    sessionId: 'demo-seed',
    csrfToken: '',
    actor: citizenActor(c.id, '127.0.0.1'),
  }));
  const demo = citizens.find((c) => c.displayName === '演示市民') ?? citizens[0];
  const codes = [...ctx.itemIds.keys()];
  const guides = new Map<string, Awaited<ReturnType<typeof seed.services.applications.applicable>>>();
  for (const code of codes) {
    const applicable = await seed.services.applications.applicable(ctx.itemIds.get(code)!).catch(() => null);
    if (applicable) guides.set(code, applicable);
  }
  const online = [...guides.keys()];

  /** The working day `n` working days after the day of `from`, at hh:mm Shanghai time. */
  const workday = (
    from: number,
    n: number,
    hour = 9 + Math.floor(random() * 7),
    minute = Math.floor(random() * 60),
  ) => {
    const date = calendar.addWorkingDays(shanghaiCivilDate(new Date(from)), n);
    return new Date(`${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`).getTime();
  };
  const plans: Plan[] = [];
  const plan = (code: string, citizen: CitizenContext, start: number, shape: (p: Plan, t: number) => void) => {
    const { guide } = guides.get(code)!;
    const legal = guide.data.materials.some((m) => m.name.includes('营业执照')) || !guide.data.materials.length;
    const p: Plan = {
      code,
      citizen,
      applicant: legal ? pick(COMPANIES) : citizen.displayName,
      steps: [{ at: start, step: { action: 'apply' } }],
    };
    shape(p, start);
    plans.push(p);
  };
  const add = (p: Plan, at: number, step: Step) => p.steps.push({ at, step });
  const promisedOf = (code: string) => guides.get(code)!.guide.data.promisedDays ?? 1;

  /** A whole case: optional 补正, 受理, 办理, 办结 (sometimes late), and a rating with its rectification. */
  const lifecycle = (
    p: Plan,
    t0: number,
    options: { correction?: boolean; late?: boolean; level?: number | null; openRectification?: boolean } = {},
  ) => {
    let t = t0;
    if (options.correction) {
      const materials = guides.get(p.code)!.guide.data.materials.filter((m) => m.required && isElectronic(m));
      t = workday(t, 1);
      add(p, t, {
        action: 'correction',
        missing: [`${materials[0]?.name ?? '申请材料'}（扫描件不清晰，请重新上传）`],
        note: '请一次补齐',
      });
      t = workday(t, 1 + Math.floor(random() * 2));
      add(p, t, { action: 'supplement' });
    }
    t = workday(t, random() < 0.6 ? 0 : 1);
    if (t <= p.steps[p.steps.length - 1].at) t = p.steps[p.steps.length - 1].at + 30 * 60_000;
    add(p, t, { action: 'accept', note: '材料齐全，予以受理' });
    add(p, t + 20 * 60_000, { action: 'start', note: '' });
    const promised = promisedOf(p.code);
    const days = options.late
      ? promised + 1 + Math.floor(random() * 2)
      : Math.max(promised === 0 ? 0 : 1, Math.floor(random() * (promised + 1)));
    t = Math.max(workday(t, days), t + 60 * 60_000);
    add(p, t, { action: 'complete', outcome: '准予', note: '已办结，结果已送达' });
    if (options.level === null) return;
    const level = options.level ?? pick([5, 5, 5, 5, 5, 4, 4, 4, 3]);
    t += Math.floor(random() * 2 * DAY) + 3_600_000;
    add(p, t, { action: 'rate', level, comment: pick(COMMENTS[level]) });
    if (level <= 2 && !options.openRectification) {
      t = workday(t, 3 + Math.floor(random() * 3));
      add(p, t, {
        action: 'rectify',
        measures: '核实情况属实，已约谈承办人员，增加审核人员，对同类事项实行限时办结提醒。',
      });
      t = workday(t, 1 + Math.floor(random() * 2));
      add(p, t, { action: 'revisit', note: '电话回访申请人，对整改情况表示认可。' });
    }
  };

  // ── the year: about one application a working day, from eleven months ago to three weeks ago ──
  const now = realNow.getTime();
  let day = now - 335 * DAY;
  let n = 0;
  while (day < now - 21 * DAY) {
    day = workday(day, 1, 10, 0);
    if (random() < 0.45) continue;
    n++;
    const code = random() < 0.55 ? pick(POPULAR) : pick(online);
    if (!guides.has(code)) continue;
    const citizen = n % 9 === 0 ? demo : pick(citizens);
    const start = day + Math.floor(random() * 6) * 3_600_000;
    const r = random();
    if (r < 0.05)
      plan(code, citizen, start, (p, t) =>
        add(p, workday(t, 1), { action: 'reject', note: '申请人不属于本事项服务对象，依据办事指南申请条件不予受理' }),
      );
    else
      plan(code, citizen, start, (p, t) =>
        lifecycle(p, t, {
          correction: r < 0.17,
          late: random() < 0.08,
          level: random() < 0.2 ? null : n % 23 === 0 ? 2 : n % 41 === 0 ? 1 : undefined,
        }),
      );
  }

  // ── the last weeks: every open state, the demo citizen's cases, an open 差评 ──
  const recent = (days: number) => workday(now - (days + 1) * DAY, 1, 10, 15);
  plan('ZWB-GG-0006', demo, recent(60), (p, t) => lifecycle(p, t, { level: 5 }));
  plan('ZWB-GG-0001', demo, recent(30), (p, t) =>
    add(p, workday(t, 1), { action: 'reject', note: '所申请事项不在本市政务服务事项目录内，请向属地办理' }),
  );
  plan('ZWB-GG-0002', demo, recent(8), (p, t) => lifecycle(p, t, { level: null }));
  plan('ZWB-QT-0002', demo, recent(6), (p, t) => {
    add(p, workday(t, 0, 16, 0), { action: 'accept', note: '材料齐全，予以受理' });
    add(p, workday(t, 0, 16, 30), { action: 'start', note: '' });
  });
  plan('ZWB-GG-0007', demo, recent(3), (p, t) =>
    add(p, workday(t, 1), {
      action: 'correction',
      missing: ['营业执照（上传的文件无法打开）', '经办人身份证（正反面）'],
      note: '请在用户空间一次补齐后提交',
    }),
  );
  plan('ZWB-GG-0010', demo, recent(1), () => {});
  plan('ZWB-GG-0016', citizens[1] ?? demo, recent(12), (p, t) =>
    lifecycle(p, t, { level: 2, late: true, openRectification: true }),
  );
  plan('ZWB-XK-0001', citizens[2] ?? demo, recent(20), (p, t) => {
    add(p, workday(t, 1), { action: 'accept', note: '材料齐全，予以受理' });
    add(p, workday(t, 1, 16, 0), { action: 'start', note: '' });
  });
  for (const [i, code] of ['ZWB-GG-0009', 'ZWB-GG-0013', 'ZWB-GG-0005'].entries())
    plan(code, citizens[(i + 1) % citizens.length], recent(i), () => {});
  if (guides.has('ZWFW-GG-0001'))
    for (let i = 0; i < 6; i++)
      plan('ZWFW-GG-0001', pick(citizens), now - (200 - i * 30) * DAY, (p, t) =>
        lifecycle(p, t, { level: pick([5, 5, 4]) }),
      );

  // ── run every step in time order ──
  const officers = new Map<string, AuthContext>();
  const officer = async (code: string) => {
    const name = officerOf(code);
    if (!officers.has(name)) officers.set(name, await ctx.authOf(name));
    return officers.get(name)!;
  };
  const steps = plans
    .flatMap((p) => p.steps.map((s, order) => ({ ...s, p, order })))
    .filter((s) => s.at < now)
    .sort((a, b) => a.at - b.at || a.order - b.order);
  for (const { at, step, p } of steps) {
    clock.set(new Date(at));
    const siteId = p.code.startsWith('ZWFW') ? ctx.zwfw : ctx.main;
    const { item, guide } = guides.get(p.code)!;
    const uploads: Upload[] = guide.data.materials
      .filter((m) => m.required && isElectronic(m))
      .map((m) => ({ material: m.name, filename: `${m.name}.pdf`, bytes: PDF }));
    if (step.action === 'apply') {
      const created = await seed.services.applications.apply(
        p.citizen,
        item.id,
        { applicantName: p.applicant, contact: '13900001234', remark: '', idempotencyKey: randomUUID() },
        uploads,
      );
      p.id = created.id;
    } else if (step.action === 'supplement')
      await seed.services.applications.supplement(p.citizen, p.id!, '已按要求补正', uploads.slice(0, 1));
    else if (step.action === 'rate') await seed.services.ratings.rate(p.citizen, p.id!, step.level, step.comment);
    else if (step.action === 'rectify' || step.action === 'revisit') {
      const r = await demoRepo.rectificationOfApplication(seed.db, p.id!);
      if (!r) continue;
      if (step.action === 'rectify')
        await seed.services.ratings.rectify(await officer(p.code), siteId, r.id, step.measures);
      else await seed.services.ratings.revisit(await officer(p.code), siteId, r.id, '满意', step.note);
    } else
      await seed.services.handling.step(await officer(p.code), siteId, p.id!, step.action, {
        note: step.note,
        missing: step.action === 'correction' ? step.missing : undefined,
        outcome: step.action === 'complete' ? step.outcome : undefined,
      });
  }
  clock.set(realNow);
  for (const siteId of [ctx.main, ctx.zwfw]) await seed.services.handling.remind(siteId);
}

// Demo data release: the 数据发布 column under 政务公开, seven data sets with twelve months of figures each
// (uploaded as GBK CSV, UTF-8 CSV and XLSX exactly as a clerk would), the site's own publication figures as a
// monthly series, charts on their columns, and two 图解 interpretations drawing those charts next to their
// policy documents. Everything goes through the services and the 附件3 review, at moments of the demo's past
// (a clock that only moves forward and never beyond the real time), like the rest of the demo content.
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { createContext, type AppContext } from '../../context.ts';
import { DAY, MINUTE, ManualClock, shanghaiDate } from '../../platform/time.ts';
import { seededRandom } from '../../platform/random.ts';
import type { AuthContext } from '../auth/auth.service.ts';
import type { RoleGrant, Role } from '../../platform/auth/roles.ts';
import { ensureDataColumn } from './data-column.ts';
import { lastMonths } from './site-data.ts';
import { DATASETS, GRAPHICS, cn, type DemoDataset } from './datasets.demo-data.ts';

const LICENCE = '政府数据开放许可（可免费获取、使用和传播，使用时须注明来源）';

function csv(header: string[], rows: (string | number)[][]): string {
  const field = (v: string | number) => {
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(field).join(',')).join('\r\n');
}

async function fileOf(spec: DemoDataset, rows: (string | number)[][]): Promise<{ name: string; bytes: Buffer }> {
  if (spec.file === 'xlsx') {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('数据');
    sheet.addRow(spec.header);
    for (const r of rows)
      sheet.addRow(r.map((v) => (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v)));
    return { name: `${spec.meta.title}.xlsx`, bytes: Buffer.from(await workbook.xlsx.writeBuffer()) };
  }
  const text = csv(spec.header, rows);
  return spec.file === 'gbk-csv'
    ? { name: `${spec.meta.title}.csv`, bytes: iconv.encode(text, 'gbk') }
    : { name: `${spec.meta.title}.csv`, bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]) };
}

/** Staff of a demo department acting without a session, as the demo content seeder does. */
async function actAs(ctx: AppContext, username: string): Promise<AuthContext> {
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
    sessionId: 'demo-seed',
    csrfToken: '',
    mustChangePassword: false,
    passwordExpired: false,
    actor: { userId: user.id, username: user.username, ip: '127.0.0.1' },
  };
}

/** 10:00 Asia/Shanghai `daysAgo` days before `now` (a working-day morning of the demo's past). */
function morning(now: Date, daysAgo: number, minutes = 0): Date {
  const day = shanghaiDate(new Date(now.getTime() - daysAgo * DAY));
  return new Date(Date.parse(`${day}T02:00:00.000Z`) + minutes * MINUTE);
}

export async function seedDemoDatasets(ctx: AppContext, siteId: number): Promise<{ datasets: number }> {
  const now = ctx.clock.now();
  await ensureDataColumn(ctx, siteId, { lead: '综合处', cooperating: ['政务服务中心', '政策法规处'] });
  const clock = new ManualClock(morning(now, 140));
  const seed = await createContext(ctx.config, { dbh: ctx.dbh, clock, migrate: false });
  const at = (daysAgo: number, minutes: number) => {
    const t = morning(now, daysAgo, minutes);
    if (t.getTime() > now.getTime() || t.getTime() < clock.now().getTime()) throw new Error('demo data clock');
    clock.set(t);
  };
  const zh = {
    editor: await actAs(seed, 'zh_bianji'),
    reviewer: await actAs(seed, 'zh_shenhe'),
    leader: await actAs(seed, 'zh_lingdao'),
  };
  const departments = new Map((await seed.departments.list(siteId)).map((d) => [d.name, d.id]));
  const approve = async (requestId: number, daysAgo: number, who = zh) => {
    at(daysAgo, 30);
    await seed.review.decide(who.reviewer, requestId, { decision: '同意', opinion: '数据已核对，同意' });
    at(daysAgo, 60);
    const done = await seed.review.decide(who.leader, requestId, { decision: '同意', opinion: '同意发布' });
    if (done.state !== 'approved') throw new Error('demo data set not approved');
  };

  type Step = { daysAgo: number; run: () => Promise<void> };
  const steps: Step[] = [];
  const ids = new Map<string, number>();
  const chartIds = new Map<string, number[]>();
  for (const spec of DATASETS) {
    const random = seededRandom(spec.key.length * 7919 + spec.daysAgo);
    const upload = async (daysAgo: number, id: number) => {
      const months = lastMonths(morning(now, daysAgo), 12);
      const rows = spec.rows(months, random);
      const file = await fileOf(spec, rows);
      const label = `${cn(months[0])}—${cn(months[11])}`;
      const up = await seed.datasets.upload(zh.editor, id, file.bytes, file.name, { label });
      await seed.datasets.confirm(zh.editor, id, up.version.id, {
        columns: spec.header.map((name, i) => ({ name, type: spec.types[i], description: '', unit: spec.units[i] })),
      });
    };
    steps.push({
      daysAgo: spec.daysAgo,
      run: async () => {
        at(spec.daysAgo, 0);
        const months = lastMonths(morning(now, spec.daysAgo), 12);
        const id = await seed.datasets.create(zh.editor, siteId, {
          ...spec.meta,
          departmentId: departments.get(spec.meta.department)!,
          coverageFrom: months[0],
          coverageTo: null,
          licence: LICENCE,
          shareType: '无条件共享',
          shareCondition: '',
          openType: '无条件开放',
          openCondition: '',
        });
        ids.set(spec.key, id);
        await upload(spec.daysAgo, id);
        const saved = [];
        for (const [sort, chart] of spec.charts.entries())
          saved.push((await seed.datasets.publishing.saveChart(zh.editor, id, null, { ...chart, sort })).id);
        chartIds.set(spec.key, saved);
        const request = await seed.datasets.publishing.submit(zh.editor, id, { secret: '否', releaseForm: '网站公开' });
        await approve(request.id, spec.daysAgo);
      },
    });
    if (spec.updatedDaysAgo !== undefined) {
      const daysAgo = spec.updatedDaysAgo;
      steps.push({
        daysAgo,
        run: async () => {
          at(daysAgo, 0);
          await upload(daysAgo, ids.get(spec.key)!);
          const request = await seed.datasets.publishing.submit(zh.editor, ids.get(spec.key)!, {
            secret: '否',
            releaseForm: '网站公开',
          });
          await approve(request.id, daysAgo);
        },
      });
    }
  }
  // The site's own figures: the publications of the last twelve months, by column.
  steps.push({
    daysAgo: 3,
    run: async () => {
      at(3, 0);
      const id = await seed.datasets.create(zh.editor, siteId, {
        title: '网站信息发布数量（按栏目、月度）',
        description: '本网站各栏目每月新发布的信息条数（按首次发布时间统计），由网站发布记录每月自动生成。',
        theme: '综合政务',
        keywords: '网站,信息发布,栏目',
        departmentId: departments.get('综合处')!,
        updateFrequency: '每月',
        coverageFrom: null,
        coverageTo: null,
        licence: LICENCE,
        contact: '市政务办综合处 0519-81230002',
        shareType: '无条件共享',
        shareCondition: '',
        openType: '无条件开放',
        openCondition: '',
        autoProvider: 'site.publications',
      });
      const request = await seed.datasets.publishing.submit(zh.editor, id, { secret: '否', releaseForm: '网站公开' });
      await approve(request.id, 3);
    },
  });
  for (const g of GRAPHICS) {
    steps.push({
      daysAgo: g.daysAgo,
      run: async () => {
        const zcjd = (await seed.columns.tree(siteId)).flat.find(
          (c) => c.name === '政策解读' && c.columnType === '政策解读',
        );
        const policy = await seed.db
          .selectFrom('published_items')
          .select(['content_id'])
          .where('site_id', '=', siteId)
          .where('type', '=', 'policy')
          .where('title', 'like', `%${g.policyTitle}%`)
          .executeTakeFirst();
        if (!zcjd || !policy) return;
        const code = zcjd.leadDepartmentName === '政策法规处' ? 'zcfg' : 'zh';
        const staff = {
          editor: await actAs(seed, `${code}_bianji`),
          reviewer: await actAs(seed, `${code}_shenhe`),
          leader: await actAs(seed, `${code}_lingdao`),
        };
        const chartId = chartIds.get(g.dataset)?.[g.chart];
        if (chartId === undefined) return;
        at(g.daysAgo, 0);
        const id = await seed.content.create(staff.editor, siteId, {
          type: 'interpretation',
          columnId: zcjd.id,
          title: g.title,
          source: '市政务办',
          author: zcjd.leadDepartmentName ?? '综合处',
          bodyHtml: [
            ...g.before.map((p) => `<p>${p}</p>`),
            `<figure data-dataset-chart="${chartId}"></figure>`,
            ...g.after.map((p) => `<p>${p}</p>`),
          ].join(''),
          fields: { form: '图解' },
          policyIds: [policy.content_id],
        });
        const request = await seed.review.submit(staff.editor, id, { secret: '否', releaseForm: '网站公开' });
        await approve(request.id, g.daysAgo, staff);
      },
    });
  }
  steps.sort((a, b) => b.daysAgo - a.daysAgo);
  for (const step of steps) await step.run();
  await (seed as { search?: { idle?: () => Promise<void> } }).search?.idle?.();
  return { datasets: ids.size + 1 };
}

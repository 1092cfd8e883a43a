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
import type { ChartDefinition, DatasetInput } from './datasets.schema.ts';
import type { ColumnType } from './column-types.ts';

const LICENCE = '政府数据开放许可（可免费获取、使用和传播，使用时须注明来源）';

interface DemoDataset {
  key: string;
  daysAgo: number;
  /** A second, later version (the figures one quarter on), when given. */
  updatedDaysAgo?: number;
  file: 'gbk-csv' | 'utf8-csv' | 'xlsx';
  meta: Omit<
    DatasetInput,
    | 'departmentId'
    | 'coverageFrom'
    | 'coverageTo'
    | 'licence'
    | 'shareType'
    | 'shareCondition'
    | 'openType'
    | 'openCondition'
  > & {
    department: string;
  };
  header: string[];
  types: ColumnType[];
  units: string[];
  rows(months: string[], random: () => number): (string | number)[][];
  charts: Omit<ChartDefinition, 'sort'>[];
}

const around = (random: () => number, base: number, spread: number) =>
  Math.round(base * (1 + (random() - 0.5) * spread));
const cn = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5))}月`;

const DATASETS: DemoDataset[] = [
  {
    key: 'banjian',
    daysAgo: 128,
    updatedDaysAgo: 9,
    file: 'gbk-csv',
    meta: {
      title: '市政务服务中心月度办件量',
      description: '市政务服务中心每月受理、办结的依申请政务服务事项件数和按时办结率，含线下窗口和线上申报。',
      theme: '政务服务',
      keywords: '办件量,政务服务中心,受理,办结',
      department: '政务服务中心',
      updateFrequency: '每月',
      contact: '市政务服务中心 0519-81230001',
    },
    header: ['月份', '受理件数', '办结件数', '按时办结率'],
    types: ['month', 'integer', 'integer', 'number'],
    units: ['', '件', '件', '%'],
    rows: (months, r) =>
      months.map((m) => {
        const accepted = around(r, Number(m.slice(5)) === 2 ? 9800 : 13500, 0.2);
        const done = accepted - Math.round(r() * 120);
        return [cn(m), accepted.toLocaleString('en-US'), done, (99 + r() * 0.9).toFixed(2)];
      }),
    charts: [
      {
        title: '月度受理与办结件数',
        kind: 'line',
        categoryColumn: '月份',
        valueColumns: ['受理件数', '办结件数'],
        aggregate: 'sum',
        filter: null,
        unit: '件',
      },
    ],
  },
  {
    key: 'rexian',
    daysAgo: 121,
    updatedDaysAgo: 6,
    file: 'utf8-csv',
    meta: {
      title: '12345政务服务便民热线诉求分类统计',
      description: '12345政务服务便民热线每月受理的群众和企业诉求件数，按咨询、求助、投诉、建议、表扬和其他分类统计。',
      theme: '社会民生',
      keywords: '12345,热线,诉求,投诉,咨询',
      department: '综合处',
      updateFrequency: '每月',
      contact: '市政务办综合处 0519-81230002',
    },
    header: ['月份', '诉求类别', '件数'],
    types: ['month', 'text', 'integer'],
    units: ['', '', '件'],
    rows: (months, r) =>
      months.flatMap((m) =>
        (
          [
            ['咨询', 5200],
            ['求助', 1800],
            ['投诉', 1300],
            ['建议', 420],
            ['表扬', 160],
            ['其他', 300],
          ] as const
        ).map(([kind, base]) => [m, kind, around(r, base, 0.3)]),
      ),
    charts: [
      {
        title: '热线诉求分类占比',
        kind: 'pie',
        categoryColumn: '诉求类别',
        valueColumns: ['件数'],
        aggregate: 'sum',
        filter: null,
        unit: '件',
      },
      {
        title: '热线每月受理诉求件数',
        kind: 'bar',
        categoryColumn: '月份',
        valueColumns: ['件数'],
        aggregate: 'sum',
        filter: null,
        unit: '件',
      },
    ],
  },
  {
    key: 'haochaping',
    daysAgo: 64,
    file: 'xlsx',
    meta: {
      title: '政务服务“好差评”评价情况',
      description: '企业和群众通过窗口评价器、政务服务网、移动端和12345热线对政务服务作出的评价，按评价等级每月统计。',
      theme: '政务服务',
      keywords: '好差评,满意度,政务服务评价',
      department: '政务服务中心',
      updateFrequency: '每月',
      contact: '市政务服务中心 0519-81230001',
    },
    header: ['月份', '评价总数', '非常满意', '满意', '基本满意', '不满意', '非常不满意'],
    types: ['month', 'integer', 'integer', 'integer', 'integer', 'integer', 'integer'],
    units: ['', '条', '条', '条', '条', '条', '条'],
    rows: (months, r) =>
      months.map((m) => {
        const parts = [
          around(r, 8600, 0.2),
          around(r, 1200, 0.3),
          around(r, 160, 0.4),
          around(r, 18, 0.6),
          around(r, 4, 1),
        ];
        return [m, parts.reduce((a, b) => a + b, 0), ...parts];
      }),
    charts: [
      {
        title: '“好差评”各等级评价数',
        kind: 'line',
        categoryColumn: '月份',
        valueColumns: ['非常满意', '满意', '基本满意'],
        aggregate: 'sum',
        filter: null,
        unit: '条',
      },
      {
        title: '每月差评数（不满意、非常不满意）',
        kind: 'bar',
        categoryColumn: '月份',
        valueColumns: ['不满意', '非常不满意'],
        aggregate: 'sum',
        filter: null,
        unit: '条',
      },
    ],
  },
  {
    key: 'ysqgk',
    daysAgo: 47,
    file: 'gbk-csv',
    meta: {
      title: '政府信息公开申请办理情况',
      description: '市政务办每月收到和办结的政府信息公开申请件数及答复类型，口径与政府信息公开工作年度报告一致。',
      theme: '综合政务',
      keywords: '依申请公开,政府信息公开,年度报告',
      department: '综合处',
      updateFrequency: '每月',
      contact: '市政务办综合处 0519-81230002',
    },
    header: ['月份', '收到申请数', '予以公开', '部分公开', '不予公开', '无法提供'],
    types: ['month', 'integer', 'integer', 'integer', 'integer', 'integer'],
    units: ['', '件', '件', '件', '件', '件'],
    rows: (months, r) =>
      months.map((m) => {
        const a = Math.round(4 + r() * 6);
        const b = Math.round(r() * 3);
        const c = Math.round(r() * 1.4);
        const d = Math.round(r() * 2);
        return [cn(m), a + b + c + d, a, b, c, d];
      }),
    charts: [
      {
        title: '政府信息公开申请答复情况',
        kind: 'bar',
        categoryColumn: '月份',
        valueColumns: ['予以公开', '部分公开', '不予公开', '无法提供'],
        aggregate: 'sum',
        filter: null,
        unit: '件',
      },
    ],
  },
  {
    key: 'chuangkou',
    daysAgo: 33,
    file: 'xlsx',
    meta: {
      title: '政务服务中心各窗口业务量',
      description: '市政务服务中心综合受理、社保医保、不动产登记、企业开办、公安出入境等窗口每月受理的业务件数。',
      theme: '政务服务',
      keywords: '窗口,业务量,一窗受理',
      department: '政务服务中心',
      updateFrequency: '每月',
      contact: '市政务服务中心 0519-81230001',
    },
    header: ['月份', '窗口', '受理件数'],
    types: ['month', 'text', 'integer'],
    units: ['', '', '件'],
    rows: (months, r) =>
      months.flatMap((m) =>
        (
          [
            ['综合受理窗口', 4100],
            ['社保医保窗口', 3300],
            ['不动产登记窗口', 2600],
            ['企业开办窗口', 1900],
            ['公安出入境窗口', 1400],
          ] as const
        ).map(([w, base]) => [m, w, around(r, base, 0.25)]),
      ),
    charts: [
      {
        title: '各窗口全年受理件数',
        kind: 'pie',
        categoryColumn: '窗口',
        valueColumns: ['受理件数'],
        aggregate: 'sum',
        filter: null,
        unit: '件',
      },
    ],
  },
  {
    key: 'wangban',
    daysAgo: 19,
    file: 'utf8-csv',
    meta: {
      title: '政务服务网上办理情况',
      description: '依申请政务服务事项每月的网上申报件数、全程网办件数和网上办理率，反映“一网通办”推进情况。',
      theme: '政务服务',
      keywords: '一网通办,网上办理,全程网办',
      department: '政务服务中心',
      updateFrequency: '每月',
      contact: '市政务服务中心 0519-81230001',
    },
    header: ['月份', '网上申报件数', '全程网办件数', '网上办理率'],
    types: ['month', 'integer', 'integer', 'number'],
    units: ['', '件', '件', '%'],
    rows: (months, r) =>
      months.map((m, i) => {
        const online = around(r, 8200 + i * 260, 0.1);
        return [m, online, Math.round(online * (0.55 + i * 0.02)), (71 + i * 1.6 + r()).toFixed(1)];
      }),
    charts: [
      {
        title: '网上办理率变化',
        kind: 'line',
        categoryColumn: '月份',
        valueColumns: ['网上办理率'],
        aggregate: 'sum',
        filter: null,
        unit: '%',
      },
    ],
  },
  {
    key: 'shixian',
    daysAgo: 12,
    file: 'gbk-csv',
    meta: {
      title: '重点审批事项承诺时限压缩情况',
      description: '企业和群众办理频率较高的审批事项的法定办理时限、承诺办理时限，按月度核定的平均实际办理用时。',
      theme: '政务服务',
      keywords: '审批时限,承诺时限,压缩',
      department: '政策法规处',
      updateFrequency: '每季度',
      contact: '市政务办政策法规处 0519-81230003',
    },
    header: ['月份', '事项', '法定时限', '承诺时限', '平均实际用时'],
    types: ['month', 'text', 'integer', 'integer', 'number'],
    units: ['', '', '工作日', '工作日', '工作日'],
    rows: (months, r) =>
      months.flatMap((m) =>
        (
          [
            ['企业设立登记', 15, 1],
            ['不动产转移登记', 30, 3],
            ['建筑工程施工许可', 15, 5],
            ['食品经营许可', 20, 5],
          ] as const
        ).map(([item, legal, promised]) => [cn(m), item, legal, promised, (promised * (0.5 + r() * 0.4)).toFixed(1)]),
      ),
    charts: [
      {
        title: '各事项平均实际办理用时',
        kind: 'bar',
        categoryColumn: '事项',
        valueColumns: ['承诺时限', '平均实际用时'],
        aggregate: 'avg',
        filter: null,
        unit: '工作日',
      },
    ],
  },
];

/** Two 图解 of policy documents already published by the demo, drawing a demo data set's chart. */
const GRAPHICS = [
  {
    daysAgo: 7,
    policyTitle: '好差评',
    dataset: 'haochaping',
    chart: 0,
    title: '图解：一年来政务服务“好差评”数据',
    before: [
      '<strong>评价渠道</strong>：窗口评价器、南江政务服务网、“南江通”APP和12345热线，线上线下都能评。',
      '<strong>评价结果</strong>：过去一年，“非常满意”始终占九成左右，差评全部回访整改。',
    ],
    after: ['<strong>差评整改</strong>：差评必回访、回访必整改，15个工作日内整改完毕并反馈评价人。'],
  },
  {
    daysAgo: 4,
    policyTitle: '一网通办',
    dataset: 'wangban',
    chart: 0,
    title: '图解：“一网通办”一年来网上办理率持续提升',
    before: ['<strong>一网通办</strong>：依申请政务服务事项统一接入南江政务服务网，“一次登录、全网通办”。'],
    after: [
      '<strong>下一步</strong>：年底前依申请政务服务事项网上可办率达到100%，同时保留线下办事渠道和帮办代办服务。',
    ],
  },
];

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
          saved.push((await seed.datasets.saveChart(zh.editor, id, null, { ...chart, sort })).id);
        chartIds.set(spec.key, saved);
        const request = await seed.datasets.submit(zh.editor, id, { secret: '否', releaseForm: '网站公开' });
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
          const request = await seed.datasets.submit(zh.editor, ids.get(spec.key)!, {
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
      const request = await seed.datasets.submit(zh.editor, id, { secret: '否', releaseForm: '网站公开' });
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

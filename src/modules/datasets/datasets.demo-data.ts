// The figures of the demo's data sets: twelve months each, generated reproducibly, shaped like the tables a
// government office keeps (thousands separators, Chinese month names, several rows per month).
import type { ChartDefinition, DatasetInput } from './datasets.schema.ts';
import type { ColumnType } from './column-types.ts';

export interface DemoDataset {
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
export const cn = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5))}月`;

export const DATASETS: DemoDataset[] = [
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
export const GRAPHICS = [
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

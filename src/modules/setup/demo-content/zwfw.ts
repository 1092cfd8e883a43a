// The subordinate demo site 南江市政务服务中心: a small column tree of its own and the typical state of a neglected
// site — an overdue news column (nothing for 40 days), a blank 政策解读, a 通知公告 about to fall due.
import type { ColumnType } from '../../columns/column-types.ts';
import { DEFAULT_JIUCUO_SCRIPT } from '../../sites/site-identity.ts';
import type { SiteCreate } from '../../sites/sites.schema.ts';
import { guideBody } from './guides.ts';
import type { DemoPolicy } from './policies.ts';
import type { DemoArticle, DemoPage } from './types.ts';

export function zwfwSite(parentId: number): SiteCreate {
  return {
    code: 'zwfw',
    parentId,
    name: '南江市政务服务中心',
    domains: ['zwfw.nanjiang.gov.cn'],
    siteIdCode: '3299000002',
    icpNumber: '苏ICP备20990001号-2',
    policeNumber: '苏公网安备 32990002000002号',
    sponsor: '南江市政务服务中心',
    organizer: '南江市大数据管理中心',
    phone: '0599-86601000',
    email: 'zwfwzx@nanjiang.gov.cn',
    address: '南江市金湖大道 188 号市民服务中心',
    conacUrl: 'https://bszs.conac.cn/sitename?method=show&id=DEMO0000000002',
    jiucuoEnabled: true,
    jiucuoScriptUrl: DEFAULT_JIUCUO_SCRIPT,
  };
}

export const ZWFW_DEPARTMENTS = ['综合科', '窗口服务科'] as const;

export interface DemoColumn {
  name: string;
  slug: string;
  columnType: ColumnType;
  kind: 'list' | 'page';
  lead: (typeof ZWFW_DEPARTMENTS)[number] | null;
  maxUpdateDays: number | null;
  description: string;
  children?: DemoColumn[];
}

export const ZWFW_COLUMNS: DemoColumn[] = [
  {
    name: '中心概况',
    slug: 'zxgk',
    columnType: '概况信息',
    kind: 'list',
    lead: '综合科',
    maxUpdateDays: null,
    description: '市政务服务中心的简介、领导和联系方式',
    children: [
      {
        name: '中心简介',
        slug: 'zxjj',
        columnType: '概况信息',
        kind: 'page',
        lead: '综合科',
        maxUpdateDays: null,
        description: '市政务服务中心的基本情况',
      },
      {
        name: '领导信息',
        slug: 'ldxx',
        columnType: '领导信息',
        kind: 'list',
        lead: '综合科',
        maxUpdateDays: null,
        description: '市政务服务中心领导的姓名、职务、分工和简历',
      },
      {
        name: '联系我们',
        slug: 'lxwm',
        columnType: '概况信息',
        kind: 'page',
        lead: '综合科',
        maxUpdateDays: null,
        description: '市政务服务中心的联系电话和地址',
      },
    ],
  },
  {
    name: '中心动态',
    slug: 'zxdt',
    columnType: '动态要闻',
    kind: 'list',
    lead: '综合科',
    maxUpdateDays: null,
    description: '市政务服务中心的工作动态和通知公告',
    children: [
      {
        name: '工作动态',
        slug: 'gzdt',
        columnType: '动态要闻',
        kind: 'list',
        lead: '综合科',
        maxUpdateDays: 14,
        description: '市政务服务中心的工作动态',
      },
      {
        name: '通知公告',
        slug: 'tzgg',
        columnType: '通知公告',
        kind: 'list',
        lead: '综合科',
        maxUpdateDays: 183,
        description: '市政务服务中心发布的通知和公告',
      },
    ],
  },
  {
    name: '办事服务',
    slug: 'bsfw',
    columnType: '办事服务',
    kind: 'list',
    lead: '窗口服务科',
    maxUpdateDays: null,
    description: '办事指南和便民服务',
    children: [
      {
        name: '办事指南',
        slug: 'bszn',
        columnType: '办事服务',
        kind: 'list',
        lead: '窗口服务科',
        maxUpdateDays: null,
        description: '进驻事项的办事指南',
      },
      {
        name: '便民服务',
        slug: 'bmfw',
        columnType: '办事服务',
        kind: 'list',
        lead: '窗口服务科',
        maxUpdateDays: null,
        description: '便民服务信息',
      },
    ],
  },
  {
    name: '政务公开',
    slug: 'zwgk',
    columnType: '信息公开',
    kind: 'list',
    lead: '综合科',
    maxUpdateDays: null,
    description: '政策文件和政策解读',
    children: [
      {
        name: '政策文件',
        slug: 'zcwj',
        columnType: '政策文件',
        kind: 'list',
        lead: '综合科',
        maxUpdateDays: 183,
        description: '市政务服务中心制发的文件',
      },
      {
        name: '政策解读',
        slug: 'zcjd',
        columnType: '政策解读',
        kind: 'list',
        lead: '综合科',
        maxUpdateDays: 183,
        description: '对政策文件的解读',
      },
    ],
  },
];

export const ZWFW_PAGES: DemoPage[] = [
  {
    column: '中心概况/中心简介',
    title: '南江市政务服务中心简介',
    body: [
      '南江市政务服务中心是南江市政务服务管理办公室所属公益一类事业单位，负责市民服务中心的日常运行管理，为进驻部门提供服务保障。',
      '中心设综合科、窗口服务科，进驻部门42个，设置服务窗口186个，可办理政务服务事项1460项。',
    ],
  },
  {
    column: '中心概况/联系我们',
    title: '联系我们',
    body: [
      '地址：南江市金湖大道188号市民服务中心',
      '咨询电话：0599-86601000',
      '投诉电话：0599-86601199',
      '电子邮箱：zwfwzx@nanjiang.gov.cn',
    ],
  },
];

const GZDT = '中心动态/工作动态';

/** The news column: nothing since 40 days ago, so it is 已超期 (cycle 14 days). */
export const ZWFW_ARTICLES: DemoArticle[] = [
  {
    column: GZDT,
    daysAgo: 40,
    title: '市政务服务中心开展窗口服务礼仪培训',
    body: [
      '{date}，市政务服务中心组织开展窗口服务礼仪培训，各进驻部门窗口工作人员160余人参加。',
      '培训围绕服务用语、仪容仪表、投诉处理等内容进行讲解和现场演练。',
    ],
  },
  {
    column: GZDT,
    daysAgo: 55,
    title: '市政务服务中心召开进驻部门首席代表会议',
    body: [
      '{date}，市政务服务中心召开进驻部门首席代表会议，通报窗口运行情况和“好差评”情况。',
      '会议要求各进驻部门加强窗口人员管理，确保窗口服务规范有序。',
    ],
  },
  {
    column: GZDT,
    daysAgo: 71,
    title: '市政务服务中心开展“红色窗口”评比',
    body: ['市政务服务中心开展季度“红色窗口”评比，评选出“红色窗口”10个、“服务之星”20名。'],
  },
  {
    column: GZDT,
    daysAgo: 96,
    title: '市政务服务中心完成叫号系统升级',
    body: ['市政务服务中心完成叫号系统升级，新增微信取号、排队进度查询功能，办事群众可通过“南江通”APP查看排队情况。'],
  },
  {
    column: GZDT,
    daysAgo: 128,
    title: '市政务服务中心开展消防安全培训',
    body: ['{date}，市政务服务中心组织开展消防安全培训和应急疏散演练，中心工作人员和物业人员90余人参加。'],
  },
  /** The only notice, 181 days ago: within 3 days of its 183-day cycle (即将到期). */
  {
    column: '中心动态/通知公告',
    daysAgo: 181,
    title: '关于市民服务中心启用新版叫号系统的公告',
    body: [
      '自{date+7}起，市民服务中心启用新版叫号系统，办事群众可通过现场取号机、微信或“南江通”APP取号。',
      '启用初期如有不便，请咨询大厅服务台。',
    ],
  },
  {
    column: '办事服务/办事指南',
    daysAgo: 100,
    title: '居民身份证换领办事指南',
    body: guideBody({
      name: '居民身份证换领',
      basis: '《中华人民共和国居民身份证法》第十一条',
      conditions: '居民身份证有效期满或者证件损坏、登记项目变更的本市户籍居民',
      materials: ['居民户口簿（原件，现场核验后退还）', '原居民身份证（原件，现场交回）'],
      place: '市民服务中心一楼C区公安户政窗口',
      organ: '南江市公安局',
      fee: '工本费20元',
      time: '法定工作日上午9:00—12:00，下午13:30—17:00；承诺时限20个工作日',
      phone: '0599-86601003',
      steps: '取号—采集人像和指纹—缴费—受理—制证—领证',
    }),
  },
  {
    column: '办事服务/办事指南',
    daysAgo: 133,
    title: '个人住房公积金提取办事指南',
    body: guideBody({
      name: '个人住房公积金提取（购买自住住房）',
      basis: '《住房公积金管理条例》第二十四条',
      conditions: '在本市购买自住住房的住房公积金缴存职工',
      materials: [
        '居民身份证（原件，现场核验后退还）',
        '购房合同（原件及复印件各1份）',
        '购房发票（原件及复印件各1份）',
      ],
      place: '市民服务中心三楼C区公积金窗口',
      organ: '南江市住房公积金管理中心',
      fee: '不收费',
      time: '法定工作日上午9:00—12:00，下午13:30—17:00；材料齐全的当场办结',
      phone: '0599-86601006',
      steps: '取号—提交材料—审核—办结，提取金额转入本人银行账户',
    }),
  },
  {
    column: '办事服务/便民服务',
    daysAgo: 26,
    title: '市民服务中心提供免费证照寄递服务',
    body: ['在市民服务中心办理的各类证照，可选择免费寄递到家。办理时在窗口填写收件地址即可。'],
  },
  {
    column: '办事服务/便民服务',
    daysAgo: 84,
    title: '市民服务中心开通母婴室和爱心驿站',
    body: ['市民服务中心一楼大厅东侧开通母婴室和爱心驿站，提供饮水、充电、急救药箱等便民服务。'],
  },
];

export const ZWFW_POLICIES: DemoPolicy[] = [
  {
    key: 'z1',
    column: '政务公开/政策文件',
    title: '南江市政务服务中心窗口工作人员考核办法',
    docNumber: '南政务中心发〔{year}〕3号',
    issuingOrgan: '南江市政务服务中心',
    writtenDaysBefore: 5,
    theme: '劳动、人事、监察',
    daysAgo: 60,
    body: [
      '第一条　为加强窗口工作人员管理，制定本办法。',
      '第二条　考核内容包括工作纪律、服务质量、业务能力和“好差评”结果，实行月度考核和年度考核。',
      '第三条　考核结果反馈各进驻部门，作为评先评优的依据。',
    ],
  },
  {
    key: 'z2',
    column: '政务公开/政策文件',
    title: '南江市政务服务中心帮办代办服务实施细则',
    docNumber: '南政务中心发〔{year}〕1号',
    issuingOrgan: '南江市政务服务中心',
    writtenDaysBefore: 4,
    theme: '综合政务',
    daysAgo: 142,
    body: [
      '第一条　为做好帮办代办服务，根据有关规定，制定本细则。',
      '第二条　中心一楼大厅设立帮办代办窗口，为有需要的企业和群众提供免费帮办代办服务。',
    ],
  },
];

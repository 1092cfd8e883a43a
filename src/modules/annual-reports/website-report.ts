// 政府网站工作年度报表 (国办函〔2018〕12号): the sections 信息发布, 专栏专题, 解读回应, 办事服务, 互动交流, 安全防护,
// 移动新媒体 and 创新发展 with the fields of regs §2, each value marked with where it comes from — the system's own
// records, a module that supplies it, staff (手工填写), or a module this installation does not have (then the field
// says so and staff may fill it in).
export type FieldKind = 'number' | 'boolean' | 'text';
export type FieldOrigin = 'system' | 'module' | 'manual' | 'absent';

export interface FieldSpec {
  key: string;
  label: string;
  unit?: string;
  kind: FieldKind;
}

export interface SectionSpec {
  key: string;
  title: string;
  fields: FieldSpec[];
}

const n = (key: string, label: string, unit: string): FieldSpec => ({ key, label, unit, kind: 'number' });
const b = (key: string, label: string): FieldSpec => ({ key, label, kind: 'boolean' });
const t = (key: string, label: string): FieldSpec => ({ key, label, kind: 'text' });

export const WEBSITE_REPORT_SECTIONS: SectionSpec[] = [
  {
    key: 'header',
    title: '网站基本信息',
    fields: [
      t('siteName', '网站名称'),
      t('homeUrl', '首页网址'),
      t('sponsor', '主办单位'),
      t('siteType', '网站类型'),
      t('siteIdCode', '政府网站标识码'),
      t('icp', 'ICP备案号'),
      t('police', '公安机关备案号'),
    ],
  },
  {
    key: 'visits',
    title: '访问情况',
    fields: [n('visitors', '独立用户访问总量', '个'), n('views', '网站总访问量', '次')],
  },
  {
    key: 'publish',
    title: '信息发布',
    fields: [
      n('published', '总数', '条'),
      n('overview', '概况类信息更新量', '条'),
      n('news', '政务动态信息更新量', '条'),
      n('catalogue', '信息公开目录信息更新量', '条'),
    ],
  },
  {
    key: 'columns',
    title: '专栏专题',
    fields: [n('topicsMaintained', '维护数量', '个'), n('topicsOpened', '新开设数量', '个')],
  },
  {
    key: 'interpret',
    title: '解读回应',
    fields: [
      n('interpretations', '解读信息发布总数', '条'),
      n('materials', '其中：解读材料数量', '条'),
      n('products', '其中：解读产品数量', '条'),
      n('mediaArticles', '其中：媒体评论文章数量', '篇'),
      n('responses', '回应公众关注热点或重大舆情数量', '次'),
    ],
  },
  {
    key: 'services',
    title: '办事服务',
    fields: [
      b('serviceCatalogue', '是否发布服务事项目录'),
      n('registeredUsers', '注册用户数', '个'),
      n('serviceItems', '政务服务事项数量', '项'),
      n('onlineItems', '可全程在线办理政务服务事项数量', '项'),
      n('cases', '办件量：总数', '件'),
      n('casesPerson', '办件量：自然人办件量', '件'),
      n('casesOrg', '办件量：法人办件量', '件'),
    ],
  },
  {
    key: 'interaction',
    title: '互动交流',
    fields: [
      b('unifiedPlatform', '是否使用统一平台'),
      n('messagesReceived', '留言办理：收到留言数量', '条'),
      n('messagesClosed', '留言办理：办结留言数量', '条'),
      n('messagesAvgDays', '留言办理：平均办理时间', '天'),
      n('messagesPublished', '留言办理：公开答复数量', '条'),
      n('surveys', '征集调查：征集调查期数', '期'),
      n('surveyOpinions', '征集调查：收到意见数量', '条'),
      n('surveyResults', '征集调查：公布调查结果期数', '期'),
      n('interviews', '在线访谈：访谈期数', '期'),
      n('interviewQuestions', '在线访谈：网民留言数量', '条'),
      n('interviewAnswers', '在线访谈：答复网民提问数量', '条'),
      b('smartQa', '是否提供智能问答'),
    ],
  },
  {
    key: 'security',
    title: '安全防护',
    fields: [
      n('assessments', '安全检测评估次数', '次'),
      n('problemsFound', '发现问题数量', '个'),
      n('problemsFixed', '问题整改数量', '个'),
      b('monitoring', '是否建立安全监测预警机制'),
      b('drills', '是否开展应急演练'),
      b('securityOfficer', '是否明确网站安全负责人'),
    ],
  },
  {
    key: 'media',
    title: '移动新媒体',
    fields: [
      b('hasMedia', '是否有移动新媒体'),
      t('weiboName', '微博：名称'),
      n('weiboPosts', '微博：信息发布量', '条'),
      n('weiboFollowers', '微博：关注量', '个'),
      t('wechatName', '微信：名称'),
      n('wechatPosts', '微信：信息发布量', '条'),
      n('wechatSubscribers', '微信：订阅数', '个'),
      t('otherMedia', '其他'),
    ],
  },
  {
    key: 'innovation',
    title: '创新发展',
    fields: [
      b('searchService', '搜索即服务'),
      b('multilingual', '多语言版本'),
      b('accessibility', '无障碍浏览'),
      b('personalised', '千人千网'),
      t('innovationOther', '其他'),
    ],
  },
];

export const FIELD_SPECS = new Map(WEBSITE_REPORT_SECTIONS.flatMap((s) => s.fields.map((f) => [f.key, f] as const)));

export type FieldValue = number | string | boolean | null;

export interface ReportField {
  value: FieldValue;
  origin: FieldOrigin;
  /** Where the figure comes from, or why it is missing. */
  note?: string;
}

export type WebsiteReportData = Record<string, ReportField>;

/** Figures a module supplies for a site and year (its own records, read through its own service). */
export type FigureProvider = (siteId: number, year: number) => Promise<Record<string, FieldValue>>;

/** The fields a module owns: left 'absent' with its note when that module is not installed. */
export const MODULE_FIELDS: { module: string; note: string; keys: string[] }[] = [
  {
    module: 'services',
    note: '本平台未启用办事服务模块，事项和办件数据请手工填写',
    keys: ['serviceCatalogue', 'serviceItems', 'onlineItems', 'cases', 'casesPerson', 'casesOrg'],
  },
  {
    module: 'interaction',
    note: '本平台未启用互动交流（留言办理）模块，留言数据请手工填写',
    keys: ['messagesReceived', 'messagesClosed', 'messagesAvgDays', 'messagesPublished'],
  },
];

/** A value as the report prints it. */
export function formatField(spec: FieldSpec, field: ReportField | undefined): string {
  const v = field?.value;
  if (v === null || v === undefined || v === '') return field?.origin === 'absent' ? '（未填写）' : '—';
  if (spec.kind === 'boolean') return v === true || v === '是' ? '是' : '否';
  return `${v}${spec.kind === 'number' && spec.unit ? ` ${spec.unit}` : ''}`;
}

/** Staff's entries over the generated figures; a manual entry replaces an absent one. */
export function withManual(data: WebsiteReportData, manual: Record<string, FieldValue>): WebsiteReportData {
  const out: WebsiteReportData = { ...data };
  for (const [key, value] of Object.entries(manual)) {
    const spec = FIELD_SPECS.get(key);
    if (!spec || value === null || value === '') continue;
    const current = out[key];
    if (current && (current.origin === 'system' || current.origin === 'module')) continue;
    out[key] = { value, origin: 'manual' };
  }
  return out;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The report as the body of its release: one table per section (单位 with each figure). */
export function websiteReportHtml(year: number, siteName: string, data: WebsiteReportData): string {
  const sections = WEBSITE_REPORT_SECTIONS.map((s) => {
    const rows = s.fields
      .map((f) => `<tr><th scope="row">${esc(f.label)}</th><td>${esc(formatField(f, data[f.key]))}</td></tr>`)
      .join('');
    return `<h2>${esc(s.title)}</h2><table><tbody>${rows}</tbody></table>`;
  });
  return [
    `<p>按照《国务院办公厅关于做好政府网站年度报表发布工作的通知》（国办函〔2018〕12号）要求，现发布${esc(siteName)}${year}年度工作报表。统计期限为${year}年1月1日至${year}年12月31日。</p>`,
    ...sections,
  ].join('\n');
}

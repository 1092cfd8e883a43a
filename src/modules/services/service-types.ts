// The vocabulary of online services: item types, service objects, themes, application states, rating levels.
// Values are the Chinese terms an office uses, so the catalogue's XLSX, the public pages and the API agree.

/** 行政权力 (the first seven) and the two kinds of service items. */
export const ITEM_TYPES = [
  '行政许可',
  '行政确认',
  '行政给付',
  '行政征收',
  '行政奖励',
  '行政裁决',
  '其他行政权力',
  '公共服务',
  '中介服务',
] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

export type ItemKind = '行政权力' | '公共服务' | '中介服务';
export const kindOfType = (type: string): ItemKind =>
  type === '公共服务' ? '公共服务' : type === '中介服务' ? '中介服务' : '行政权力';

/** 服务对象: 个人 (自然人) and 法人 (法人及其他组织). */
export const AUDIENCES = ['自然人', '法人'] as const;
export type Audience = (typeof AUDIENCES)[number];
export const AUDIENCE_LABELS: Record<Audience, string> = { 自然人: '个人办事', 法人: '法人办事' };

/** Themes of the national 政务服务 platform: life themes for persons, business themes for legal persons. */
export const PERSON_THEMES = [
  '生育收养',
  '户籍办理',
  '教育科研',
  '就业创业',
  '社会保障',
  '医疗卫生',
  '住房保障',
  '婚姻登记',
  '交通出行',
  '公共安全',
  '离职退休',
  '死亡殡葬',
] as const;
export const BUSINESS_THEMES = [
  '企业开办',
  '投资审批',
  '工程建设',
  '公共资源交易',
  '税收财务',
  '人力资源',
  '资质认证',
  '知识产权',
  '企业注销',
] as const;
export const SERVICE_THEMES = [...PERSON_THEMES, ...BUSINESS_THEMES, '其他'] as const;
export type ServiceTheme = (typeof SERVICE_THEMES)[number];

export const ITEM_STATUSES = ['active', 'withdrawn'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
export const ITEM_STATUS_NAMES: Record<ItemStatus, string> = { active: '在用', withdrawn: '已取消' };

export const CASE_TYPES = ['即办件', '承诺件'] as const;
export type CaseType = (typeof CASE_TYPES)[number];

/** 办理材料: form, medium and where it comes from. */
export const MATERIAL_FORMS = ['原件', '复印件', '原件和复印件', '电子证照'] as const;
export type MaterialForm = (typeof MATERIAL_FORMS)[number];
export const MATERIAL_MEDIA = ['纸质', '电子', '纸质或电子'] as const;
export type MaterialMedium = (typeof MATERIAL_MEDIA)[number];
export const MATERIAL_SOURCES = ['申请人自备', '政府部门核发', '中介机构出具', '其他'] as const;
export type MaterialSource = (typeof MATERIAL_SOURCES)[number];

/**
 * An application's states: 已提交 → 已受理 / 不予受理 / 需补正 → 办理中 → 办结. A 补正 returns to 已提交 when the
 * applicant supplements.
 */
export const APPLICATION_STATES = [
  'submitted',
  'correction',
  'accepted',
  'rejected',
  'processing',
  'completed',
] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];
export const STATE_NAMES: Record<ApplicationState, string> = {
  submitted: '已提交',
  correction: '需补正',
  accepted: '已受理',
  rejected: '不予受理',
  processing: '办理中',
  completed: '办结',
};
export const OPEN_STATES: readonly ApplicationState[] = ['submitted', 'correction', 'accepted', 'processing'];

export const APPLICATION_ACTIONS = [
  'submit',
  'accept',
  'reject',
  'correction',
  'supplement',
  'start',
  'complete',
  'remind',
  'escalate',
] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];
export const ACTION_NAMES: Record<ApplicationAction, string> = {
  submit: '提交申请',
  accept: '受理',
  reject: '不予受理',
  correction: '一次性告知补正',
  supplement: '补正材料',
  start: '开始办理',
  complete: '办结',
  remind: '到期提醒',
  escalate: '超期督办',
};

export const OUTCOMES = ['准予', '不予'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** 好差评: the national five levels, 5 (非常满意) to 1 (非常不满意); 1 and 2 are 差评. */
export const RATING_LEVELS = [
  { level: 5, name: '非常满意' },
  { level: 4, name: '满意' },
  { level: 3, name: '基本满意' },
  { level: 2, name: '不满意' },
  { level: 1, name: '非常不满意' },
] as const;
export type RatingLevel = 1 | 2 | 3 | 4 | 5;
export const levelName = (level: number): string => RATING_LEVELS.find((l) => l.level === level)?.name ?? '';
export const isBadRating = (level: number): boolean => level <= 2;

export const RECTIFICATION_STATES = ['open', 'rectified', 'revisited'] as const;
export type RectificationState = (typeof RECTIFICATION_STATES)[number];
export const RECTIFICATION_STATE_NAMES: Record<RectificationState, string> = {
  open: '整改中',
  rectified: '已整改待回访',
  revisited: '已回访',
};
export const REVISIT_RESULTS = ['满意', '基本满意', '不满意'] as const;
export type RevisitResult = (typeof REVISIT_RESULTS)[number];

/**
 * Working days a department has to rectify a 差评 (国办发〔2019〕51号 leaves the period to local rules; 15 working
 * days is the common provincial rule).
 */
export const RECTIFICATION_WORKING_DAYS = 15;

/** Working days within which a 补正 must be notified, in one notice (行政许可法 第三十二条). */
export const CORRECTION_WORKING_DAYS = 5;

// Shapes of the content, review (附件3), duty (附件1) and notification APIs, and the Chinese labels the pages
// share. Times are ISO-8601 UTC strings, shown in Asia/Shanghai (format.ts).
import type { Capability } from '../../types';

export type ContentType = 'article' | 'policy' | 'interpretation' | 'page' | 'leader';
export type ContentStatus = 'draft' | 'scheduled' | 'published' | 'withdrawn' | 'classified';
export type ReviewState = 'secrecy_review' | 'dept_review' | 'leader_review' | 'approved' | 'rejected' | 'closed';
export type SecretAnswer = '是' | '否' | '不明确';
export type ReleaseForm = '网站公开' | '依申请提供' | '其他';

/** Anyone who writes or reviews content: the 信息发布 menu group. */
export const CONTENT_STAFF: Capability[] = ['content.write', 'content.review', 'content.approve', 'content.secrecy'];

export interface Option {
  value: string;
  label: string;
}

export interface ContentOptions {
  types: Option[];
  themes: string[];
  validity: string[];
  interpretationForms: string[];
  disclosureMethods: string[];
  disclosureScopes: string[];
  statuses: Option[];
}

export interface ContentListItem {
  id: number;
  type: ContentType;
  typeName: string;
  title: string;
  status: ContentStatus;
  statusName: string;
  columnId: number;
  columnName: string;
  version: number;
  publishedVersion: number | null;
  firstPublishedAt: string | null;
  updatedAt: string;
  indexNo: string | null;
  pendingChanges: boolean;
  /** The latest submission for review, if any. */
  reviewId: number | null;
  reviewState: ReviewState | null;
  reviewStateName: string | null;
}

export interface WritableColumn {
  id: number;
  name: string;
  path: string;
  kind: 'list' | 'page' | 'link';
  columnType: string;
  depth: number;
}

export interface FileView {
  id: number;
  name: string;
  mime: string;
  size: number;
  url: string;
  image?: boolean;
}

export interface TypeFields {
  docNumber?: string;
  issuingOrgan?: string;
  writtenDate?: string;
  theme?: string;
  validity?: string;
  validityDate?: string | null;
  disclosureMethod?: string;
  disclosureScope?: string;
  form?: string;
  post?: string;
  duties?: string;
  resume?: string;
}

export interface ContentInput {
  columnId: number;
  extraColumnIds?: number[];
  title: string;
  subtitle?: string;
  source?: string;
  author?: string;
  summary?: string;
  keywords?: string;
  coverFileId?: number | null;
  bodyHtml?: string;
  fields?: TypeFields;
  attachments?: { fileId: number; name: string }[];
  policyIds?: number[];
  sort?: number;
}

export type Severity = 'block' | 'warn';

export interface Finding {
  check: string;
  severity: Severity;
  field: string;
  offset: number;
  length: number;
  excerpt: string;
  match: string;
  message: string;
  suggestion?: string;
  /** Where in an attachment: “第 3 页”, “工作表“名单””, “页眉” … */
  where?: string;
  key: string;
  confirmable: boolean;
  confirmed: boolean;
}

export interface CheckReport {
  findings: Finding[];
  blocking: boolean;
  counts: Record<Severity, number>;
}

export interface ReviewStep {
  step: 'submit' | 'secrecy' | 'dept' | 'leader';
  stepName: string;
  decision: string;
  opinion: string;
  actorName: string;
  decidedAt: string;
  secret: string | null;
}

export interface ReviewRecord {
  id: number;
  serial: string;
  state: ReviewState;
  stateName: string;
  outcome: string;
  secret: SecretAnswer;
  releaseForm: ReleaseForm;
  submittedAt: string;
  version: number;
  checkReport: CheckReport;
  confirmedFindings: string[];
  steps: ReviewStep[];
}

export interface ContentDetail extends Required<Omit<ContentInput, 'fields'>> {
  id: number;
  siteId: number;
  type: ContentType;
  typeName: string;
  fields: TypeFields;
  status: ContentStatus;
  statusName: string;
  columnName: string;
  indexNo: string | null;
  version: number;
  publishedVersion: number | null;
  pendingChanges: boolean;
  firstPublishedAt: string | null;
  lastPublishedAt: string | null;
  publishAt: string | null;
  withdrawAt: string | null;
  withdrawnAt: string | null;
  withdrawReason: string | null;
  createdAt: string;
  updatedAt: string;
  publicUrl: string | null;
  cover: FileView | null;
  attachmentFiles: FileView[];
  related: { id: number; title: string; type: ContentType; status: ContentStatus }[];
  reviews: ReviewRecord[];
}

export interface VersionRow {
  version: number;
  created_at: string;
  note: string;
  author: string | null;
}

export interface DiffPart {
  added: boolean;
  removed: boolean;
  text: string;
}

export interface SubmitResult {
  id: number;
  serial: string;
  state: ReviewState;
  stateName: string;
  outcome: string;
}

export interface InboxRow {
  id: number;
  contentId: number;
  serial: string;
  title: string;
  state: ReviewState;
  stateName: string;
  department: string;
  column: string;
  submitter: string;
  submittedAt: string;
  secret: SecretAnswer;
  releaseForm: ReleaseForm;
  contentType: ContentType;
}

/** GET /api/review/:id — one submission with its steps and the item's other submissions. */
export interface ReviewRequestView extends Omit<InboxRow, 'contentType'> {
  siteId: number;
  contentType: ContentType;
  contentStatus: ContentStatus;
  version: number;
  outcome: string;
  submittedBy: number;
  closedAt: string | null;
  /** Whether the current step is mine to decide. */
  mayDecide: boolean;
  checkReport: CheckReport;
  confirmedFindings: string[];
  steps: ReviewStep[];
  history: {
    id: number;
    serial: string;
    state: ReviewState;
    stateName: string;
    outcome: string;
    submittedAt: string;
    closedAt: string | null;
    version: number;
  }[];
}

export interface Inbox {
  waiting: InboxRow[];
  returned: InboxRow[];
}

export interface RegisterOpinion {
  decision: string;
  opinion: string;
  name: string;
  at: string;
}

export interface RegisterRow {
  id: number;
  contentId: number;
  serialText: string;
  department: string;
  title: string;
  secret: string;
  releaseForm: string;
  column: string;
  columnBox: string;
  submitter: string;
  submittedAt: string;
  stateName: string;
  outcome: string;
  secrecy: RegisterOpinion | null;
  dept: RegisterOpinion | null;
  leader: RegisterOpinion | null;
}

export type DutyStatus = '正常' | '即将到期' | '已超期' | '空白';

export interface DutyItem {
  columnId: number;
  name: string;
  path: string;
  trail: string;
  columnType: string;
  leadDepartmentId: number | null;
  leadDepartmentName: string | null;
  cooperatingDepartmentIds: number[];
  openCooperation: boolean;
  maxUpdateDays: number | null;
  marker: string | null;
  lastPublishedAt: string | null;
  publishedCount: number;
  dueAt: string | null;
  daysLeft: number | null;
  status: DutyStatus;
}

export interface DutyResponse {
  items: DutyItem[];
  summary: Record<DutyStatus, number>;
  dueSoonDays: number;
  myDepartmentId: number | null;
}

export interface NotificationItem {
  id: number;
  kind: string;
  title: string;
  body: string;
  link: string;
  created_at: string;
  read_at: string | null;
}

export interface Dictionaries {
  forbidden: string[];
  errorProne: { wrong: string; right: string }[];
  leaders: { name: string; posts: string[] }[];
}

// ───────────────────────────── labels ─────────────────────────────

export const TYPE_NAMES: Record<ContentType, string> = {
  article: '文章',
  policy: '政策文件',
  interpretation: '政策解读',
  page: '单页',
  leader: '领导信息',
};

export const STATUS_COLORS: Record<string, string> = {
  draft: 'default',
  scheduled: 'processing',
  published: 'success',
  withdrawn: 'warning',
  classified: 'error',
};

export const STATE_COLORS: Record<string, string> = {
  secrecy_review: 'purple',
  dept_review: 'processing',
  leader_review: 'blue',
  approved: 'success',
  rejected: 'warning',
  closed: 'error',
};

export const OPEN_STATES: readonly string[] = ['secrecy_review', 'dept_review', 'leader_review'];

/** The review states as the server names them (STATE_NAMES), in workflow order, for filters. */
export const REVIEW_STATE_OPTIONS: { value: ReviewState; label: string }[] = [
  { value: 'secrecy_review', label: '待保密审查' },
  { value: 'dept_review', label: '待工作机构审查' },
  { value: 'leader_review', label: '待分管领导审批' },
  { value: 'approved', label: '已同意' },
  { value: 'rejected', label: '已退回' },
  { value: 'closed', label: '涉密不发布' },
];

export const OUTCOME_COLORS: Record<string, string> = {
  审查中: 'processing',
  同意: 'success',
  不同意: 'warning',
  涉密不发布: 'error',
};

export const DUTY_COLORS: Record<DutyStatus, string> = {
  正常: 'success',
  即将到期: 'warning',
  已超期: 'error',
  空白: 'default',
};

/** Chart and card colours of the duty statuses (AA contrast against white for the numbers). */
export const DUTY_HEX: Record<DutyStatus, string> = {
  正常: '#2f7d0b',
  即将到期: '#ad6800',
  已超期: '#c9252c',
  空白: '#595959',
};

export const DUTY_ORDER: DutyStatus[] = ['正常', '即将到期', '已超期', '空白'];

export const CHECK_NAMES: Record<string, string> = {
  'forbidden-word': '禁用词',
  'error-prone': '易错词',
  'leader-post': '领导职务',
  'id-number': '身份证号',
  mobile: '手机号码',
  'bank-card': '银行卡号',
  'broken-link': '链接失效',
  'image-alt': '图片替代文字',
  'attachment-unchecked': '附件未检查',
};

export const PERSONAL_CHECKS: readonly string[] = ['id-number', 'mobile', 'bank-card'];

export function fieldName(field: string): string {
  if (field.startsWith('attachment:')) return `附件“${field.slice('attachment:'.length)}”`;
  return (
    ({ title: '标题', subtitle: '副标题', summary: '摘要', body: '正文' } as Record<string, string>)[field] ?? field
  );
}

export const SECRET_HELP: Record<SecretAnswer, string> = {
  是: '涉密信息一律不得在网站发布：提交后登记为“涉密不发布”，此信息以后也不能再编辑或发布。',
  否: '不涉密：依次由工作机构（审核人）审查、分管领导审批，同意后发布。',
  不明确: '是否涉密不明确：先送保密审查员进行保密审查，确认不涉密后再进入工作机构审查。',
};

export const RELEASE_HELP: Record<ReleaseForm, string> = {
  网站公开: '审批同意后在网站公开全文。',
  依申请提供: '网站只公开目录信息（标题等），全文依申请提供。',
  其他: '审批同意后不在网站发布。',
};

/** File size as staff read it. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The admin console's own route for a link stored with its /admin prefix (notifications). */
export function consolePath(link: string): string | null {
  if (!link.startsWith('/')) return null;
  if (link === '/admin' || link.startsWith('/admin/') || link.startsWith('/admin?'))
    return link.slice('/admin'.length) || '/';
  return null;
}

// The one error catalogue: stable codes (clients and tests match on them) with the Chinese message users see.
export const ERRORS = {
  VALIDATION_FAILED: { status: 400, message: '提交的内容不符合要求' },
  BAD_REQUEST: { status: 400, message: '请求无法处理' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  SESSION_EXPIRED: { status: 401, message: '登录已超时，请重新登录' },
  LOGIN_FAILED: { status: 401, message: '用户名或密码错误' },
  ACCOUNT_LOCKED: { status: 423, message: '账号因多次登录失败已被锁定，请稍后再试或联系安全管理员' },
  ACCOUNT_DISABLED: { status: 403, message: '账号已停用' },
  TOO_MANY_ATTEMPTS: { status: 429, message: '登录尝试过于频繁，请稍后再试' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, message: '请先修改初始密码' },
  PASSWORD_POLICY: { status: 400, message: '新密码不符合密码策略' },
  PASSWORD_REUSED: { status: 400, message: '新密码不能与最近使用过的密码相同' },
  PASSWORD_WRONG: { status: 400, message: '当前密码不正确' },
  CSRF_FAILED: { status: 403, message: '页面已失效，请刷新后重试' },
  FORBIDDEN: { status: 403, message: '没有权限执行此操作' },
  ROLE_CONFLICT: { status: 400, message: '系统管理员、安全管理员、审计管理员三类角色必须由不同账号担任' },
  NOT_FOUND: { status: 404, message: '请求的内容不存在' },
  CONFLICT: { status: 409, message: '内容已被修改或已存在' },
  DEPARTMENT_EXISTS: { status: 409, message: '部门“{name}”已存在' },
  USERNAME_TAKEN: { status: 409, message: '用户名已被使用' },
  SLUG_TAKEN: { status: 409, message: '同一上级栏目下已有相同的访问路径' },
  COLUMN_NOT_EMPTY: { status: 409, message: '栏目下还有子栏目或内容，不能删除' },
  COLUMN_CYCLE: { status: 400, message: '不能把栏目移动到它自己或它的下级栏目之下' },
  SITE_IDENTITY_INVALID: { status: 400, message: '网站标识信息格式不正确' },
  AUDIT_RETENTION: { status: 409, message: '审计日志保存期未满，不能清除' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '上传的内容过大' },
  CONTENT_TOO_LARGE: { status: 413, message: '提交的信息过大，请精简正文或拆分后再保存' },
  UNSUPPORTED_FILE: { status: 415, message: '不支持的文件类型' },
  PREPUBLISH_BLOCKED: { status: 422, message: '发布前检查未通过' },
  CLASSIFIED: { status: 403, message: '涉密信息不得在网站公开发布' },
  INSPECTION_CANCELLED: { status: 409, message: '检查已中止' },
  BACKDATING: { status: 400, message: '发布时间由系统确定，不能早于当前时间' },
  INTERNAL: { status: 500, message: '系统内部错误，请稍后再试' },
  // search, portal, inspection, stats, export
  SITE_NOT_SET_UP: { status: 404, message: '网站尚未设置' },
  SITE_CODE_UNKNOWN: { status: 400, message: '站点“{code}”不存在' },
  SEARCH_QUERY_EMPTY: { status: 400, message: '请输入搜索关键词' },
  SEARCH_QUERY_TOO_LONG: { status: 400, message: '搜索关键词不能超过{max}个字' },
  SEARCH_QUERY_MEANINGLESS: { status: 400, message: '请输入有效的搜索关键词（文字或数字）' },
  SEARCH_KIND_INVALID: { status: 400, message: '结果分类不正确' },
  SEARCH_SORT_INVALID: { status: 400, message: '排序方式应为 relevance 或 date' },
  SEARCH_SITE_OUT_OF_SCOPE: { status: 400, message: '所选站点不在本站搜索范围内' },
  DATE_INVALID: { status: 400, message: '{field}格式应为 yyyy-MM-dd' },
  DATE_RANGE_REVERSED: { status: 400, message: '{from}不能晚于{to}' },
  DATE_RANGE_TOO_LONG: { status: 400, message: '统计范围不能超过 {days} 天' },
  PAGE_INVALID: { status: 400, message: '页码应为 1 到 {max} 之间的整数' },
  PAGE_SIZE_INVALID: { status: 400, message: '每页条数应为 1 到 {max}' },
  SYNONYM_INVALID: { status: 400, message: '同义词“{term}”须包含文字或数字' },
  CARD_KEYWORDS_REQUIRED: { status: 400, message: '请至少填写一个关键词' },
  CARD_LINK_INVALID: { status: 400, message: '链接地址“{url}”应以 http://、https:// 或 / 开头' },
  CARD_NOT_FOUND: { status: 404, message: '服务卡片不存在' },
  INSPECTION_URL_SCHEME: { status: 400, message: '只能检查 http:// 或 https:// 网站' },
  INSPECTION_RUN_NOT_FOUND: { status: 404, message: '检查记录不存在' },
  INSPECTION_ENDED: { status: 409, message: '检查已经结束，不能中止' },
  INSPECTION_FAILED: { status: 409, message: '检查失败：{reason}' },
  INSPECTION_NO_REPORT: { status: 409, message: '检查已中止，没有报告' },
  INSPECTION_RUNNING: { status: 409, message: '检查尚未完成' },
  INSPECTION_OUT_OF_SCOPE: { status: 403, message: '只能查看和检查本人负责的站点' },
  INSPECTION_EXTERNAL_FORBIDDEN: {
    status: 403,
    message: '只有负责全部站点的检查员才能检查或查看本平台以外的网站',
  },
  EVIDENCE_NOT_FOUND: { status: 404, message: '证据不存在' },
  INDICATOR_UNKNOWN: { status: 400, message: '指标 {id} 不存在' },
  FINDING_POINTS_RANGE: { status: 400, message: '分值应在 0 到 {max} 之间' },
  FINDING_RULE_MISMATCH: { status: 400, message: '人工发现不符合该指标的评分细则：{reason}' },
  FINDING_NOT_FOUND: { status: 404, message: '人工发现不存在或已撤销' },
  SCHEDULE_NOT_FOUND: { status: 404, message: '定期检查不存在或已停止' },
  EXPORT_BASE_URL_INVALID: { status: 400, message: '基础地址 {url} 不是有效的网址' },
  EXPORT_BASE_URL_SHAPE: { status: 400, message: '基础地址只能是“协议://域名[:端口]”，实际为 {url}' },
  EXPORT_SITE_UNKNOWN: { status: 404, message: '站点 {code} 不存在' },
  EXPORT_NO_SITE: { status: 404, message: '还没有站点，请先执行 govportal init' },
  EXPORT_SITE_UNREACHABLE: {
    status: 400,
    message: '站点 {code} 没有自己的域名，也不在任何站点集群中，无法确定访问地址',
  },
  EXPORT_REBUILD_MISMATCH: { status: 500, message: '重新生成的 {file} 与清单不一致' },
  EXPORT_NOT_A_DIRECTORY: { status: 400, message: '{dir} 不是目录' },
  EXPORT_DIR_FOREIGN: {
    status: 400,
    message: '目录 {dir} 不是空目录，也不是本平台的导出目录（没有有效的 {manifest}）；请指定空目录',
  },
  EXPORT_NO_RECORD: {
    status: 400,
    message: '没有目录 {dir} 的导出记录，清单也无法验证，不能恢复；请用 govportal export --out {dir} 重新导出',
  },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** The `{name}` placeholders of a catalogue message, as a type: `'部门“{name}”已存在'` → `'name'`. */
type Placeholders<T extends string> = T extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;

/** The parameters a code's message needs; codes without placeholders take none. */
export type ErrorParams<C extends ErrorCode> = [Placeholders<(typeof ERRORS)[C]['message']>] extends [never]
  ? Record<string, never>
  : Record<Placeholders<(typeof ERRORS)[C]['message']>, string | number>;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

/** Fills a catalogue message's `{name}` placeholders. */
export function errorMessage(code: ErrorCode, params: Record<string, string | number> = {}): string {
  return ERRORS[code].message.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export class AppError<C extends ErrorCode = ErrorCode> extends Error {
  readonly code: C;
  readonly status: number;
  readonly details?: unknown;

  /**
   * The message comes from the catalogue, filled with `params`. A plain string is still accepted while the
   * older call sites move their text into the catalogue; new code passes parameters.
   */
  constructor(code: C, params?: ErrorParams<C> | string, details?: unknown) {
    super(typeof params === 'string' ? params : errorMessage(code, params as Record<string, string | number>));
    this.code = code;
    this.status = ERRORS[code].status;
    this.details = details;
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

export const fail = <C extends ErrorCode>(code: C, params?: ErrorParams<C> | string, details?: unknown): never => {
  throw new AppError(code, params, details);
};

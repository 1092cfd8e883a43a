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
  // ── citizens: statutory calendar and public accounts (modules/citizens, platform/calendar) ──
  CALENDAR_YEAR_INVALID: { status: 400, message: '节假日安排有误：{problems}' },
  RATE_LIMITED: { status: 429, message: '操作过于频繁，请 {minutes} 分钟后再试' },
  IDEMPOTENCY_KEY_INVALID: { status: 400, message: '表单已失效，请刷新页面后重新提交' },
  IDEMPOTENCY_IN_PROGRESS: { status: 409, message: '相同的内容正在提交，请稍候查看结果' },
  CITIZEN_LOGIN_FAILED: { status: 401, message: '账号或密码错误' },
  CITIZEN_LOCKED: { status: 423, message: '登录失败次数过多，请 {minutes} 分钟后再试，或通过“忘记密码”重设密码' },
  CITIZEN_DISABLED: { status: 403, message: '账号已被停用，如有疑问请联系网站' },
  CITIZEN_UNAUTHENTICATED: { status: 401, message: '请先登录' },
  CITIZEN_CONTACT_INVALID: { status: 400, message: '请填写正确的{channel}' },
  CITIZEN_CONTACT_TAKEN: { status: 409, message: '该{channel}已注册，请直接登录或找回密码' },
  CITIZEN_CODE_INVALID: { status: 400, message: '验证码错误或已过期，请重新获取' },
  CITIZEN_CODE_TOO_SOON: { status: 429, message: '验证码已发送，请 {seconds} 秒后再重新获取' },
  CITIZEN_CONSENT_REQUIRED: { status: 400, message: '请阅读并同意《用户协议》和《隐私政策》' },
  CITIZEN_PASSWORD_POLICY: { status: 400, message: '密码不符合要求：{problems}' },
  CITIZEN_PASSWORD_WRONG: { status: 400, message: '当前密码不正确' },
  CITIZEN_ID_INVALID: { status: 400, message: '证件号码不正确，请核对后重新填写' },
  CITIZEN_CHALLENGE_FAILED: { status: 400, message: '安全验证未通过，请刷新页面后重试' },
  CITIZEN_FORM_EXPIRED: { status: 403, message: '页面已失效，请刷新后重新提交' },
  CITIZEN_OIDC_UNAVAILABLE: { status: 404, message: '未开通统一身份认证登录' },
  CITIZEN_OIDC_FAILED: { status: 400, message: '统一身份认证登录未完成，请重试' },
  SMS_NOT_SENT: { status: 502, message: '短信或邮件发送失败，请稍后再试' },
  // ── interaction: message board, 找错 tickets, smart Q&A (modules/interaction) ──
  MESSAGE_NOT_FOUND: { status: 404, message: '留言不存在' },
  MESSAGE_NOT_YOURS: { status: 403, message: '只能查看本人提交的留言；其他留言答复公开后可在网站上查看' },
  MESSAGE_FIELD_REQUIRED: { status: 400, message: '请填写{field}' },
  MESSAGE_FIELD_TOO_LONG: { status: 400, message: '{field}不能超过 {max} 个字' },
  MESSAGE_CATEGORY_INVALID: { status: 400, message: '请选择留言类型（咨询、建议或投诉）' },
  MESSAGE_ATTACHMENT_LIMIT: { status: 400, message: '最多上传 {max} 个附件，每个不超过 {size} MB' },
  MESSAGE_ATTACHMENT_TYPE: { status: 415, message: '附件“{name}”的类型不支持：{reason}' },
  MESSAGE_DUPLICATE: { status: 409, message: '您刚刚提交过相同的留言（查询编号 {trackingNo}），请勿重复提交' },
  MESSAGE_BOARD_CLOSED: { status: 404, message: '本网站尚未开通留言功能' },
  MESSAGE_STATE: { status: 409, message: '该留言当前状态为“{state}”，不能{action}' },
  MESSAGE_NOT_ASSIGNED_TO_YOU: { status: 403, message: '该留言未分配给您所在的部门，不能办理' },
  MESSAGE_DISPATCH_ONLY: { status: 403, message: '只有留言分办人员可以分办、转办或认定无效留言' },
  MESSAGE_REASON_REQUIRED: { status: 400, message: '请填写{action}理由' },
  MESSAGE_DEPARTMENT_INVALID: { status: 400, message: '所选部门不属于本站点' },
  MESSAGE_SAME_DEPARTMENT: { status: 400, message: '留言已在该部门办理，请选择其他部门' },
  MESSAGE_REPLY_EMPTY: { status: 400, message: '请填写答复内容' },
  MESSAGE_REPLY_TOO_SHORT: { status: 400, message: '答复内容过于简短（少于 {min} 个字），请针对留言作出具体答复' },
  MESSAGE_NO_BOARD_COLUMN: {
    status: 409,
    message: '本站点还没有开设“{name}”栏目，请先在“留言办理设置”中开设互动交流栏目',
  },
  MESSAGE_NO_CONSENT: { status: 400, message: '留言人未同意公开，该答复不能在网站公开' },
  MESSAGE_RATING_INVALID: { status: 400, message: '请选择满意、基本满意或不满意' },
  MESSAGE_ALREADY_RATED: { status: 409, message: '本次答复已经评价过了' },
  MESSAGE_SECOND_USED: { status: 409, message: '每条留言只能申请一次二次办理' },
  MESSAGE_SECOND_NOT_ALLOWED: { status: 409, message: '只有对答复“不满意”时才能申请二次办理' },
  MESSAGE_HELD: { status: 409, message: '该留言等待人工审核，审核通过后才能办理' },
  MESSAGE_POLICY_INVALID: { status: 400, message: '办理时限设置有误：{problem}' },
  ROUTE_KEYWORDS_REQUIRED: { status: 400, message: '分办规则至少需要一个关键词' },
  ERROR_REPORT_URL_INVALID: { status: 400, message: '请填写出错页面的网址（本网站的页面）' },
  ERROR_REPORT_IMPORT_EMPTY: { status: 400, message: '导入文件中没有找到留言数据' },
  ERROR_REPORT_IMPORT_FORMAT: { status: 400, message: '无法读取导入文件：{reason}' },
  ERROR_REPORT_IMPORT_COLUMNS: { status: 400, message: '导入文件缺少必需的列：{columns}' },
  ERROR_REPORT_IMPORT_ROW: { status: 400, message: '第 {row} 行有误：{reason}' },
  // Shared with platform/charts.ts (public charts); the data release module brings the same entry.
  CHART_INVALID: { status: 400, message: '图表无法绘制：{reason}' },
  QA_NOT_FOUND: { status: 404, message: '问答不存在' },
  QA_QUESTION_INVALID: { status: 400, message: '请输入要咨询的问题（不超过 {max} 个字）' },
  QA_NOT_YOUR_DEPARTMENT: { status: 403, message: '只能维护本部门的问答' },
  QA_PROMOTE_NOT_PUBLIC: { status: 409, message: '只有已公开的留言答复才能收入问答库' },
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

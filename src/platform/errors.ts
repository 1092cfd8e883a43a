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
  // ── participation and disclosure: surveys, solicitations, 依申请公开, annual reports, 建议提案 ──
  PARTICIPATION_COLUMN_MISSING: { status: 409, message: '站点没有“{column}”栏目，无法发布' },
  PARTICIPATION_NOT_EDITABLE: { status: 409, message: '{what}已提交审查或已发布，不能再修改' },
  PARTICIPATION_TIMES_INVALID: { status: 400, message: '时间设置有误：{problem}' },
  PARTICIPATION_WRONG_STATE: { status: 409, message: '{what}当前为“{state}”，不能{action}' },
  SURVEY_NOT_FOUND: { status: 404, message: '调查不存在或尚未发布' },
  SURVEY_NOT_OPEN: { status: 409, message: '该调查{state}，不能提交答卷' },
  SURVEY_ALREADY_ANSWERED: { status: 409, message: '您已参加过本次调查，{who}只能提交一次答卷' },
  SURVEY_ANSWER_REQUIRED: { status: 400, message: '请回答第{no}题“{title}”' },
  SURVEY_ANSWER_INVALID: { status: 400, message: '第{no}题“{title}”的回答不符合要求：{problem}' },
  SURVEY_DEFINITION_INVALID: { status: 400, message: '问卷设置有误：{problem}' },
  SOLICITATION_NOT_FOUND: { status: 404, message: '意见征集不存在或尚未发布' },
  SOLICITATION_NOT_OPEN: { status: 409, message: '该意见征集{state}，不能再提交意见' },
  SOLICITATION_POLICY_INVALID: { status: 400, message: '征求意见的文件须为本站点尚未发布的政策文件（草稿）' },
  SOLICITATION_NOT_CLOSED: { status: 409, message: '征集期于{date}结束后才能撰写意见采纳情况' },
  SOLICITATION_ADOPTION_MISSING: { status: 400, message: '还有 {count} 条意见未填写采纳情况或理由' },
  DISCLOSURE_NOT_FOUND: { status: 404, message: '政府信息公开申请不存在' },
  DISCLOSURE_FIELD_REQUIRED: { status: 400, message: '请填写{field}' },
  DISCLOSURE_ID_INVALID: { status: 400, message: '{idType}号码不正确，请核对后重新填写' },
  DISCLOSURE_RECEIVED_INVALID: { status: 400, message: '收到申请的日期不正确：{problem}' },
  DISCLOSURE_ANSWERED: { status: 409, message: '该申请已于{date}答复，不能再{action}' },
  DISCLOSURE_CORRECTION_ONCE: { status: 409, message: '补正通知只能发出一次（已于{date}发出）' },
  DISCLOSURE_CORRECTION_LATE: {
    status: 409,
    message: '补正通知须在收到申请之日起7个工作日内发出（最迟{date}），现已超过',
  },
  DISCLOSURE_NOT_IN_CORRECTION: { status: 409, message: '该申请没有待补正的事项' },
  DISCLOSURE_CORRECTION_EXPIRED: { status: 409, message: '补正期限已于{date}届满，请与本机关联系' },
  DISCLOSURE_EXTENSION_INVALID: {
    status: 400,
    message: '延长答复期限最多{max}个工作日，本申请还可延长{left}个工作日',
  },
  DISCLOSURE_EXTENSION_APPROVER: {
    status: 400,
    message: '延长答复期限须经政府信息公开工作机构负责人同意，请填写批准人和延期理由',
  },
  DISCLOSURE_EXTENSION_LATE: { status: 409, message: '答复期限已于{date}届满，不能再延长' },
  DISCLOSURE_DISPOSITION_REQUIRED: { status: 400, message: '答复前须选择办理结果（处理类型）' },
  DISCLOSURE_REASON_REQUIRED: { status: 400, message: '“{disposition}”须在答复中说明理由' },
  DISCLOSURE_DISPOSITION_NOT_ALLOWED: { status: 409, message: '“{disposition}”只适用于{condition}' },
  DISCLOSURE_CONSULTATION_OPEN: { status: 409, message: '尚未收到第三方“{party}”的意见，请先登记其答复或征求结果' },
  DISCLOSURE_FEE_FREE: { status: 400, message: '{method}{quantity}的信息处理费为0元，不需发出收费通知' },
  ANNUAL_REPORT_INCONSISTENT: { status: 422, message: '年度报告数据不一致：{problems}' },
  ANNUAL_REPORT_NOT_FOUND: { status: 404, message: '{year}年的年度报告尚未生成' },
  ANNUAL_REPORT_YEAR_INVALID: { status: 400, message: '只能为已经结束的年度（{max}年及以前）生成年度报告' },
  PROPOSAL_NOT_FOUND: { status: 404, message: '建议提案不存在' },
  PROPOSAL_NUMBER_TAKEN: { status: 409, message: '{year}年{kind}第{number}号已登记' },
  CHART_INVALID: { status: 400, message: '图表无法绘制：{reason}' },
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

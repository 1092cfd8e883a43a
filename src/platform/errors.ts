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
  // ── services (modules/services): catalogue, guides, online applications, 好差评; and platform/charts ──
  CHART_INVALID: { status: 400, message: '图表无法绘制：{reason}' },
  SERVICE_ITEM_NOT_FOUND: { status: 404, message: '办事事项不存在或已取消' },
  SERVICE_ITEM_CODE_TAKEN: { status: 409, message: '事项编码“{code}”已被其他事项使用' },
  SERVICE_ITEM_CODE_INVALID: {
    status: 400,
    message: '事项编码“{code}”格式不正确：只能由字母、数字和短横线组成，4 至 60 位',
  },
  SERVICE_DEPARTMENT_INVALID: { status: 400, message: '实施部门不是本站点的部门' },
  SERVICE_NOT_YOUR_DEPARTMENT: { status: 403, message: '只能维护和办理本部门负责的事项（{department}）' },
  SERVICE_NO_GUIDE_COLUMN: { status: 409, message: '站点没有“办事指南”栏目（栏目类型为办事服务），无法发布办事指南' },
  SERVICE_GUIDE_NOT_SAVED: { status: 409, message: '请先保存办事指南，再提交审查' },
  SERVICE_GUIDE_INCOMPLETE: { status: 422, message: '办事指南完整性检查发现 {count} 处问题，请按提示修改后再提交审查' },
  SERVICE_FILE_INVALID: { status: 400, message: '表格文件（编号 {name}）不是本站点已上传的文件' },
  SERVICE_POLICY_INVALID: { status: 400, message: '设定依据只能关联本站已发布的政策文件' },
  SERVICE_PHONE_INVALID: { status: 400, message: '电话号码“{number}”格式不正确（固定电话须带区号）' },
  SERVICE_IMPORT_INVALID: { status: 400, message: '导入的事项目录有误，未导入任何事项：{problems}' },
  SERVICE_THEME_NOT_FOUND: { status: 404, message: '主题服务（一件事）不存在或未发布' },
  SERVICE_THEME_SLUG_TAKEN: { status: 409, message: '访问路径“{slug}”已被其他主题服务使用' },
  SERVICE_THEME_ITEMS: { status: 400, message: '“一件事”须由本站 2 个以上在用的事项组成，流程各环节只能引用这些事项' },
  SERVICE_NOT_ONLINE: { status: 409, message: '该事项暂不支持网上办理，请按办事指南到窗口办理' },
  SERVICE_CONTACT_INVALID: { status: 400, message: '请填写正确的联系电话（手机号码，或带区号的固定电话）' },
  SERVICE_MATERIAL_MISSING: { status: 400, message: '请上传必需的材料：{names}' },
  SERVICE_UPLOAD_REFUSED: { status: 415, message: '材料“{name}”无法接收：{reason}' },
  SERVICE_APPLICATION_NOT_FOUND: { status: 404, message: '办件不存在' },
  SERVICE_STATE_CONFLICT: { status: 409, message: '办件当前状态为“{state}”，不能{action}' },
  SERVICE_CORRECTION_ONCE: { status: 409, message: '补正须一次性告知全部内容，本办件已发出过补正通知' },
  SERVICE_CORRECTION_LATE: {
    status: 409,
    message: '收到申请已超过 5 个工作日，依法自收到申请材料之日起即为受理（行政许可法第三十二条），不能再要求补正',
  },
  SERVICE_CORRECTION_EMPTY: { status: 400, message: '补正通知须列明需要补正的全部内容' },
  SERVICE_NOTE_REQUIRED: { status: 400, message: '请填写{what}' },
  SERVICE_RATING_NOT_ALLOWED: { status: 409, message: '办件办结后才能评价' },
  SERVICE_RATING_EXISTS: { status: 409, message: '该办件已评价，每次办理只能评价一次' },
  SERVICE_RATING_LEVEL: { status: 400, message: '请选择评价等级：非常满意、满意、基本满意、不满意或非常不满意' },
  SERVICE_RECTIFICATION_NOT_FOUND: { status: 404, message: '整改任务不存在' },
  SERVICE_RECTIFICATION_STATE: { status: 409, message: '整改任务当前为“{state}”，不能{action}' },
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

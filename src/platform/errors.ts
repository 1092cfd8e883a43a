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
  // supervision (政府网站与政务新媒体监管)
  SUPERVISION_OUT_OF_SCOPE: { status: 403, message: '只能查看和管理本人负责监管的站点的记录' },
  SUPERVISION_NOT_FOUND: { status: 404, message: '{what}不存在' },
  SUPERVISION_INVALID: { status: 400, message: '{field}：{reason}' },
  SUPERVISION_DUPLICATE: { status: 409, message: '监管对象“{name}”已登记' },
  SUPERVISION_NO_RUNNING_SITES: { status: 409, message: '没有运行中的监管对象，无法抽查' },
  SUPERVISION_PLAN_STATE: { status: 409, message: '抽查计划{state}，不能{action}' },
  SUPERVISION_NO_COLUMN: { status: 409, message: '尚未设置发布{what}的栏目，请先在监管设置中选择' },
  SUPERVISION_TASK_STATE: { status: 409, message: '整改任务{state}，不能{action}' },
  SUPERVISION_NOT_RESPONSIBLE: { status: 403, message: '只有负责该网站的部门或监管人员可以反馈整改情况' },
  SUPERVISION_IMPORT_FILE: { status: 400, message: '导入文件第 {row} 行：{reason}' },
  SUPERVISION_YEAR_FUTURE: { status: 400, message: '{year}年尚未开始，不能考核' },
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

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
  // datasets (数据发布) and platform/charts
  CHART_INVALID: { status: 400, message: '图表无法绘制：{reason}' },
  DATASET_NOT_FOUND: { status: 404, message: '数据集不存在或尚未发布' },
  DATASET_VERSION_NOT_FOUND: { status: 404, message: '数据版本不存在' },
  DATASET_CHART_NOT_FOUND: { status: 404, message: '图表不存在' },
  DATASET_FILE_TOO_LARGE: {
    status: 413,
    message: '数据文件过大（{size}），单个数据文件不能超过 {limit}，请拆分后分版本上传',
  },
  DATASET_FILE_TYPE: { status: 415, message: '只能上传 CSV 或 XLSX 格式的数据文件，“{name}”不是' },
  DATASET_ENCODING: {
    status: 400,
    message: '无法识别文件编码：{reason}。请将文件另存为 UTF-8 或 GBK 编码的 CSV 后再上传',
  },
  DATASET_CSV_MALFORMED: { status: 400, message: 'CSV 格式错误：第 {line} 行{reason}' },
  DATASET_EMPTY: { status: 400, message: '数据文件没有可发布的数据：{reason}' },
  DATASET_HEADER_INVALID: { status: 400, message: '表头有误：{reason}' },
  DATASET_TOO_MANY_ROWS: { status: 413, message: '数据行数过多（{rows} 行），单个版本最多 {limit} 行' },
  DATASET_XLSX_MERGED: {
    status: 400,
    message: 'Excel 表头含合并单元格（{cells}），请取消合并、让每列只有一个列名后再上传',
  },
  DATASET_XLSX_UNREADABLE: { status: 400, message: 'Excel 文件无法读取：{reason}' },
  DATASET_COLUMNS_MISMATCH: {
    status: 409,
    message: '新版本的数据列与已发布的版本不一致：{reason}。同一数据集的各版本须保持相同的列',
  },
  DATASET_TYPE_MISMATCH: { status: 400, message: '“{column}”列不能设为{type}：第 {row} 行的值“{value}”不是{type}' },
  DATASET_COLUMN_UNKNOWN: { status: 400, message: '数据集没有“{column}”列' },
  DATASET_FILTER_INVALID: { status: 400, message: '筛选条件有误：{reason}' },
  DATASET_IN_REVIEW: { status: 409, message: '数据集“{title}”正在审查中，审查结束前不能修改' },
  DATASET_VERSION_UNCONFIRMED: { status: 409, message: '数据版本“{label}”的列类型尚未确认，请先确认后再提交审查' },
  DATASET_NOTHING_TO_RELEASE: { status: 409, message: '数据集还没有已确认的数据版本，请先上传数据并确认列类型' },
  DATASET_NOT_OPEN: { status: 409, message: '开放属性为“不予开放”的数据集不能在网站发布' },
  DATASET_DEPARTMENT_INVALID: { status: 400, message: '所选数据提供部门不属于本站点' },
  DATASET_IDENTIFIER_TAKEN: { status: 409, message: '资源代码“{identifier}”已被本站点的其他数据集使用' },
  DATASET_COVERAGE_INVALID: { status: 400, message: '数据时间范围的起点不能晚于终点' },
  DATASET_PROVIDER_FIXED: { status: 400, message: '站点数据来源在创建后不能更改' },
  DATASET_NOT_WRITER: { status: 403, message: '您所在部门不负责数据发布栏目（见栏目任务分解表），不能在此发布数据集' },
  DATASET_AUTO_NO_UPLOAD: { status: 400, message: '站点数据由系统每月自动生成，不能上传文件' },
  DATASET_VERSION_CONFIRMED: { status: 409, message: '该版本已确认，不能再修改或删除；如有错误请上传新版本' },
  DATASET_NO_COLUMN: { status: 409, message: '本站点没有“数据发布”类栏目，请先在栏目管理中添加' },
  DATASET_PROVIDER_UNKNOWN: { status: 404, message: '没有名为“{key}”的站点数据来源' },
  RATE_LIMITED: { status: 429, message: '请求过于频繁，请 {seconds} 秒后再试' },
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

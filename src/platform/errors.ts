// The one error catalogue: stable codes (clients and tests match on them) with the Chinese message users see.
//
// Every user-facing error message lives here, with `{name}` placeholders for what varies. An entry whose case
// clients already handle under a general code (NOT_FOUND, FORBIDDEN, VALIDATION_FAILED, CONFLICT …) names that
// code in `code`: the wire keeps the general code and the message says exactly what went wrong.

interface CatalogueEntry {
  status: number;
  message: string;
  /** The code sent on the wire when it is not the entry's own name (a general code clients already handle). */
  code?: string;
}

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
  // core modules
  SITE_NOT_FOUND: { status: 404, code: 'NOT_FOUND', message: '站点不存在' },
  SITE_CODE_NOT_FOUND: { status: 404, code: 'NOT_FOUND', message: '站点 {code} 不存在' },
  ACCOUNT_NOT_FOUND: { status: 404, code: 'NOT_FOUND', message: '账号 {username} 不存在' },
  PARENT_SITE_NOT_FOUND: { status: 404, code: 'NOT_FOUND', message: '上级站点不存在' },
  SITE_CODE_TAKEN: { status: 409, code: 'CONFLICT', message: '站点代码“{code}”已存在' },
  SITE_IDENTITY_PROBLEMS: { status: 400, code: 'SITE_IDENTITY_INVALID', message: '网站标识信息格式不正确：{problems}' },
  DEPARTMENT_NOT_FOUND: { status: 404, code: 'NOT_FOUND', message: '部门不存在' },
  DEPARTMENT_MERGE_SELF: { status: 400, code: 'BAD_REQUEST', message: '不能把部门合并到它自己' },
  DEPARTMENT_MERGE_OTHER_SITE: { status: 400, code: 'BAD_REQUEST', message: '只能合并同一站点的部门' },
  DEPARTMENT_ALREADY_MERGED: { status: 409, code: 'CONFLICT', message: '已被合并的部门不能再次合并' },
  COLUMN_NOT_FOUND: { status: 404, code: 'NOT_FOUND', message: '栏目不存在' },
  PARENT_COLUMN_NOT_FOUND: { status: 404, code: 'NOT_FOUND', message: '上级栏目不存在' },
  COLUMN_DEPARTMENT_NOT_ON_SITE: { status: 400, code: 'VALIDATION_FAILED', message: '牵头或配合部门不属于本站点' },
  COLUMN_LINK_REQUIRED: { status: 400, code: 'VALIDATION_FAILED', message: '外部链接栏目必须填写链接地址' },
  USER_NOT_FOUND: { status: 404, code: 'NOT_FOUND', message: '用户不存在' },
  USER_DEPARTMENT_NOT_FOUND: { status: 400, code: 'VALIDATION_FAILED', message: '所选部门不存在' },
  ROLES_COMBINED: {
    status: 400,
    code: 'ROLE_CONFLICT',
    message: '系统管理员、安全管理员、审计管理员必须分设：{roles}不能由同一账号兼任',
  },
  ROLE_MUST_STAND_ALONE: {
    status: 400,
    code: 'ROLE_CONFLICT',
    message: '系统管理员、安全管理员、审计管理员必须分设：{role}不能兼任其他角色',
  },
  OPERATOR_ONLY_ACCOUNT: {
    status: 403,
    code: 'FORBIDDEN',
    message: '安全管理员和审计管理员账号只能由服务器运维人员通过命令行创建',
  },
  OPERATOR_ONLY_ROLES: {
    status: 403,
    code: 'FORBIDDEN',
    message: '安全管理员和审计管理员角色只能由服务器运维人员通过命令行变更',
  },
  CANNOT_DISABLE_SELF: { status: 400, code: 'BAD_REQUEST', message: '不能停用自己的账号' },
  FILE_NOT_FOUND: { status: 404, code: 'NOT_FOUND', message: '文件不存在' },
  NO_FILE_RECEIVED: { status: 400, code: 'BAD_REQUEST', message: '没有收到文件' },
  // The upload checks' own explanation (platform/files/upload-policy.ts), e.g. an extension that lies.
  UPLOAD_REFUSED: { status: 415, code: 'UNSUPPORTED_FILE', message: '{reason}' },
  CONTENT_NOT_FOUND: { status: 404, code: 'NOT_FOUND', message: '内容不存在' },
  VERSION_NOT_FOUND: { status: 404, code: 'NOT_FOUND', message: '版本 {version} 不存在' },
  CONTENT_FIELDS_MISSING: { status: 400, code: 'VALIDATION_FAILED', message: '{type}缺少：{missing}' },
  ATTACHMENT_TWICE: { status: 400, code: 'VALIDATION_FAILED', message: '同一个文件只能作为附件添加一次' },
  COLUMN_NOT_ON_SITE: { status: 400, code: 'VALIDATION_FAILED', message: '所选栏目不属于本站点' },
  COLUMN_NOT_MINE: {
    status: 403,
    code: 'FORBIDDEN',
    message: '您所在部门不负责“{column}”栏目（见栏目任务分解表），不能在此发布',
  },
  COLUMN_NOT_A_LIST: { status: 400, code: 'VALIDATION_FAILED', message: '“{column}”不是信息列表栏目' },
  COLUMN_IS_LINK: { status: 400, code: 'VALIDATION_FAILED', message: '外部链接栏目不能发布内容' },
  PAGE_NEEDS_PAGE_COLUMN: { status: 400, code: 'VALIDATION_FAILED', message: '单页只能放在“单页”形式的栏目中' },
  PAGE_COLUMN_TAKES_PAGES: { status: 400, code: 'VALIDATION_FAILED', message: '“{column}”是单页栏目，只能发布单页' },
  LEADER_NEEDS_LEADER_COLUMN: { status: 400, code: 'VALIDATION_FAILED', message: '领导信息只能放在领导信息类栏目中' },
  FILES_NOT_ON_SITE: { status: 400, code: 'VALIDATION_FAILED', message: '附件或图片不存在或不属于本站点' },
  COVER_NOT_IMAGE: { status: 400, code: 'VALIDATION_FAILED', message: '封面或照片必须是图片' },
  INTERPRETATION_NEEDS_POLICY: {
    status: 400,
    code: 'VALIDATION_FAILED',
    message: '政策解读须关联至少一个被解读的政策文件',
  },
  POLICY_LINK_INVALID: {
    status: 400,
    code: 'VALIDATION_FAILED',
    message: '关联的政策文件不存在或不是本站点的政策文件',
  },
  CONTENT_CLASSIFIED: {
    status: 403,
    code: 'FORBIDDEN',
    message: '该信息经审查涉密，不得在网站发布，也不能再编辑发布',
  },
  CONTENT_UNDER_REVIEW: { status: 409, code: 'CONFLICT', message: '该信息正在审查中，审查结束前不能修改' },
  CONTENT_NOT_WRITABLE: { status: 403, code: 'FORBIDDEN', message: '您没有修改此信息的权限' },
  CONTENT_BODY_TOO_LARGE: {
    status: 413,
    code: 'CONTENT_TOO_LARGE',
    message: '提交的信息过大（超过 {limitMb} MB）：正文最多 {maxChars} 万字符，请精简或拆分后再保存',
  },
  APPROVED_VERSION_NOT_FOUND: { status: 404, code: 'NOT_FOUND', message: '待发布的版本不存在' },
  WITHDRAW_NOT_PUBLISHED: { status: 409, code: 'CONFLICT', message: '只有已发布或待发布的信息可以撤稿' },
  WITHDRAW_REASON_REQUIRED: { status: 400, code: 'VALIDATION_FAILED', message: '撤稿须说明理由' },
  SCHEDULE_IN_PAST: { status: 400, code: 'BACKDATING', message: '{what}时间必须晚于当前时间' },
  ALREADY_PUBLISHED: { status: 409, code: 'CONFLICT', message: '已发布的信息不能再设定发布时间' },
  REVIEW_NOT_FOUND: { status: 404, code: 'NOT_FOUND', message: '审查记录不存在' },
  SUBMIT_EDITORS_ONLY: { status: 403, code: 'FORBIDDEN', message: '只有承办人（编辑）可以提交审查' },
  SUBMITTER_WITHOUT_DEPARTMENT: {
    status: 400,
    code: 'BAD_REQUEST',
    message: '您的账号未设置所属部门，不能提交信息发布审查',
  },
  NOTHING_TO_REVIEW: { status: 409, code: 'CONFLICT', message: '该信息已发布且没有新的修改，无需再次审查' },
  FORBIDDEN_WORDS: { status: 422, code: 'PREPUBLISH_BLOCKED', message: '内容含有禁用词，请修改后再提交' },
  FINDINGS_TO_CONFIRM: {
    status: 422,
    code: 'PREPUBLISH_BLOCKED',
    message: '发布前检查发现须确认的问题（如个人信息），请确认确需公开或退回修改',
  },
  REVIEW_CLOSED: { status: 409, code: 'CONFLICT', message: '该审查已结束（{state}）' },
  OWN_SUBMISSION: { status: 403, code: 'FORBIDDEN', message: '不能审查自己提交的信息' },
  NOT_THE_REVIEWER: { status: 403, code: 'FORBIDDEN', message: '您不是本站点的{role}' },
  OTHER_DEPARTMENT: { status: 403, code: 'FORBIDDEN', message: '您不负责该部门的信息发布审查' },
  SECRECY_ANSWER_REQUIRED: { status: 400, code: 'VALIDATION_FAILED', message: '保密审查须明确是否涉密' },
  REJECTION_NEEDS_OPINION: { status: 400, code: 'VALIDATION_FAILED', message: '不同意时须填写审查意见，说明退回理由' },
  NOTIFICATION_NOT_FOUND: { status: 404, code: 'NOT_FOUND', message: '提醒不存在' },
  NOTIFICATION_NOT_MINE: { status: 403, code: 'FORBIDDEN', message: '这条提醒不是发给您的' },
  DUTY_NOT_READABLE: { status: 403, code: 'FORBIDDEN', message: '您没有查看该站点栏目更新情况的权限' },
  POLICY_OUT_OF_RANGE: { status: 400, code: 'VALIDATION_FAILED', message: '策略取值超出允许范围：{problems}' },
  PASSWORD_POLICY_DETAIL: { status: 400, code: 'PASSWORD_POLICY', message: '新密码不符合密码策略：{problems}' },
  PASSWORD_REUSED_RECENT: {
    status: 400,
    code: 'PASSWORD_REUSED',
    message: '新密码不能与最近 {count} 次使用过的密码相同',
  },
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
  SYNONYM_INVALID: { status: 400, code: 'VALIDATION_FAILED', message: '同义词“{term}”须包含文字或数字' },
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
  OPEN_API_RATE_LIMITED: { status: 429, code: 'RATE_LIMITED', message: '请求过于频繁，请 {seconds} 秒后再试' },
  // Hardening (platform): audit key, outages, storage, load shedding, HTTP-level refusals, outbound guard.
  AUDIT_KEY_MISSING: {
    status: 500,
    message: '审计密钥文件 {file} 不存在，而审计日志已用密钥签名：请从备份或其他节点复制该文件后再启动',
  },
  AUDIT_KEY_MISMATCH: {
    status: 500,
    message: '审计密钥文件 {file} 与审计日志使用的密钥不一致：请使用原来的密钥文件（可从备份或其他节点复制）',
  },
  AUDIT_KEY_CORRUPT: { status: 500, message: '审计密钥文件 {file} 已损坏或格式不正确：请从备份恢复该文件' },
  DATABASE_UNAVAILABLE: { status: 503, message: '数据库暂时无法访问，系统正在自动恢复，请稍后再试' },
  STORAGE_FULL: { status: 503, message: '服务器存储空间已满，暂时无法保存，请稍后再试或联系系统管理员' },
  STORAGE_READ_ONLY: { status: 503, message: '服务器数据目录为只读，暂时无法保存，请联系系统管理员' },
  SERVER_BUSY: { status: 503, message: '系统繁忙，请稍后再试' },
  HEADERS_TOO_LARGE: { status: 431, message: '请求头过大（Cookie 过多或过长），请清除本站 Cookie 后重试' },
  BAD_URL: { status: 400, message: '网址格式不正确' },
  INVALID_JSON: { status: 400, message: '提交的内容不是有效的 JSON' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '不支持的请求内容类型（Content-Type）' },
  REQUEST_TIMEOUT: { status: 408, message: '请求超时，请重试' },
  UPLOAD_TOO_LARGE: { status: 413, message: '上传的内容超过 {limit} MB，请压缩或拆分后再上传' },
  FILE_DAMAGED: { status: 500, message: '文件 {key} 已损坏（内容与登记的 SHA-256 不符）' },
  INSPECT_ADDRESS_REFUSED: { status: 403, message: '不能检查内部网络地址：{host}（{reason}）' },
  INSPECT_HOST_NOT_OWN: { status: 403, message: '站点管理员只能检查本站点的域名：{domains}' },
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
  QA_NOT_FOUND: { status: 404, message: '问答不存在' },
  QA_QUESTION_INVALID: { status: 400, message: '请输入要咨询的问题（不超过 {max} 个字）' },
  QA_NOT_YOUR_DEPARTMENT: { status: 403, message: '只能维护本部门的问答' },
  QA_PROMOTE_NOT_PUBLIC: { status: 409, message: '只有已公开的留言答复才能收入问答库' },
  MESSAGE_FORBIDDEN_WORDS: {
    status: 422,
    code: 'PREPUBLISH_BLOCKED',
    message: '答复或公开的留言内容含有禁用词，请修改后再提交',
  },
  QA_FORBIDDEN_WORDS: { status: 422, code: 'PREPUBLISH_BLOCKED', message: '问答含有禁用词，请修改后再保存' },
  MESSAGE_ATTACHMENT_NOT_FOUND: { status: 404, code: 'NOT_FOUND', message: '附件不存在' },
  MESSAGE_ROUTE_NOT_FOUND: { status: 404, code: 'NOT_FOUND', message: '分办规则不存在' },
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

  // Access hardening (users, auth, content, files): 三员 separation, need-to-know.
  ADMIN_ROLE_WITH_PUBLISHING: {
    status: 400,
    code: 'ROLE_CONFLICT',
    message: '{admin}不能兼任{role}：系统、安全、审计管理员不得参与信息发布',
  },
  OPERATOR_ONLY_ACCOUNT_CLI: {
    status: 403,
    code: 'FORBIDDEN',
    message: '安全管理员和审计管理员账号只能由服务器运维人员通过命令行修改、重置密码或停用',
  },
  CANNOT_CHANGE_OWN_ROLES: {
    status: 403,
    code: 'FORBIDDEN',
    message: '不能变更自己账号的角色，请由其他系统管理员办理',
  },
  CONTENT_NOT_READABLE: {
    status: 403,
    code: 'FORBIDDEN',
    message: '该信息尚未公开，只有本部门、审查流程上的审核人和分管领导及送审的保密审查员可以查看',
  },
  CONTENT_SECRET_BODY: {
    status: 403,
    code: 'FORBIDDEN',
    message: '涉密信息的正文只有本部门分管领导和保密审查员可以查看',
  },
  // editor: autosave, version check, preview links, review routing
  CONTENT_VERSION_CONFLICT: {
    status: 409,
    message:
      '{name}已于 {at} 保存了第 {version} 版，您是在第 {base} 版上修改的。为避免覆盖对方的修改，本次未保存：请先查看最新版本（您的内容仍保留在编辑器中）',
  },
  PREVIEW_CLASSIFIED: { status: 403, code: 'FORBIDDEN', message: '涉密信息不提供预览' },
  PREVIEW_LINK_INVALID: {
    status: 403,
    code: 'FORBIDDEN',
    message: '预览链接无效或已过期，请从编辑页或待办重新打开预览',
  },
  PREVIEW_NOT_YOURS: {
    status: 403,
    code: 'FORBIDDEN',
    message: '该预览链接是为其他人员生成的，请从您自己的编辑页或待办打开预览',
  },
  PREVIEW_NOT_ENTITLED: { status: 403, code: 'FORBIDDEN', message: '您无权查看该信息的草稿' },
  REVIEW_DESIGNATE_INVALID: { status: 400, code: 'VALIDATION_FAILED', message: '{name}不能被指定：{reason}' },
  REVIEW_REASSIGN_INVALID: { status: 400, code: 'VALIDATION_FAILED', message: '{name}不能处理此环节：{reason}' },
  REVIEW_ASSIGNED_ELSEWHERE: { status: 403, code: 'FORBIDDEN', message: '该环节已由站点管理员改派给{name}办理' },
  REVIEW_NOT_WAITING: { status: 409, code: 'CONFLICT', message: '该信息当前不在等待审查的环节' },
  // ── services (modules/services): catalogue, guides, online applications, 好差评 ──
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
  SOLICITATION_COMMENT_INVALID: { status: 400, message: '意见内容须为 1 到 {max} 字' },
  SOLICITATION_PARAGRAPH_UNKNOWN: { status: 400, message: '所选段落不存在，请重新选择' },
  SOLICITATION_COMMENT_NOT_FOUND: { status: 404, message: '该条意见不存在' },
  SOLICITATION_REASON_REQUIRED: { status: 400, message: '“{adoption}”须填写理由' },
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
  ANNUAL_REPORT_FIELD_INVALID: { status: 400, message: '“{field}”须为{expected}' },
  ANNUAL_REPORT_NOT_FOUND: { status: 404, message: '{year}年的年度报告尚未生成' },
  ANNUAL_REPORT_YEAR_INVALID: { status: 400, message: '只能为已经结束的年度（{max}年及以前）生成年度报告' },
  PROPOSAL_NOT_FOUND: { status: 404, message: '建议提案不存在' },
  PROPOSAL_NUMBER_TAKEN: { status: 409, message: '{year}年{kind}第{number}号已登记' },
  // 公众调查 (participation): ending a survey early.
  SURVEY_CLOSE_NOT_OPEN: { status: 409, message: '该调查{state}，只有进行中的调查可以提前结束' },
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof ERRORS;

/** The codes clients can receive: an entry's own name, or the general code it answers with. */
export type WireCode = { [K in ErrorCode]: (typeof ERRORS)[K] extends { code: infer W } ? W : K }[ErrorCode];
// Every general code an entry answers with is itself a catalogue entry.
const wireCodesAreCatalogued: [WireCode] extends [ErrorCode] ? true : never = true;
void wireCodesAreCatalogued;

/** The code sent on the wire for a catalogue entry. */
export function wireCode(code: ErrorCode): WireCode {
  const entry: CatalogueEntry = ERRORS[code];
  return (entry.code ?? code) as WireCode;
}

/** The `{name}` placeholders of a catalogue message, as a type: `'部门“{name}”已存在'` → `'name'`. */
type Placeholders<T extends string> = T extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;

/** The parameters a code's message needs; codes without placeholders take none. */
export type ErrorParams<C extends ErrorCode> = [Placeholders<(typeof ERRORS)[C]['message']>] extends [never]
  ? Record<string, never>
  : Record<Placeholders<(typeof ERRORS)[C]['message']>, string | number>;

export interface ErrorBody {
  error: { code: WireCode; message: string; details?: unknown };
}

/** Fills a catalogue message's `{name}` placeholders. */
export function errorMessage(code: ErrorCode, params: Record<string, string | number> = {}): string {
  return ERRORS[code].message.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export class AppError<C extends ErrorCode = ErrorCode> extends Error {
  /** The catalogue entry. */
  readonly entry: C;
  /** The code clients see (see WireCode). */
  readonly code: WireCode;
  readonly status: number;
  readonly details?: unknown;

  /**
   * The message comes from the catalogue, filled with `params`. A plain string is still accepted while the
   * older call sites move their text into the catalogue; new code passes parameters.
   */
  constructor(code: C, params?: ErrorParams<C> | string, details?: unknown) {
    super(typeof params === 'string' ? params : errorMessage(code, params as Record<string, string | number>));
    this.entry = code;
    this.code = wireCode(code);
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

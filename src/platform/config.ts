// The only module that reads process.env. Every variable is listed in VARIABLES (README and .env.example
// are written from it) and validated here, so a typo fails at start-up rather than at first use.
import os from 'node:os';
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | null;
  dataDir: string;
  adminPassword: string | null;
  logLevel: string;
  secureCookies: boolean;
  trustProxy: boolean;
  publicBaseUrl: string | null;
  auditRetentionDays: number;
  jobsEnabled: boolean;
  smtpUrl: string | null;
  mailFrom: string;
  /** HTTP worker processes (node:cluster); 1 serves from this process alone. */
  workers: number;
  /** The key file of citizens' personal data (SM4); outside the data directory. */
  keyFile: string;
  /** `log` (development: messages, codes included, go to the log) or the https URL of an SMS gateway. */
  smsGateway: string;
  /** The signature an SMS starts with, e.g. 【南江市政务办】. */
  smsSign: string;
  /** Login through a provincial identity platform (OpenID Connect); null when not configured. */
  oidc: { issuer: string; clientId: string; clientSecret: string; name: string } | null;
  /** Chromium for inspection screenshots; null: the Debian package's usual paths are tried. */
  chromiumPath: string | null;
  /** Requests per minute and IP address the open data API answers (/api/open/…). */
  openApiPerMinute: number;
  /** How often counted page views are written in one batch (not an environment setting; tests lengthen it). */
  statsFlushIntervalMs: number;
  /** This process's place among the cluster's workers (0 … workers − 1), or null outside a cluster. */
  workerIndex: number | null;
  /** The audit chain's key, kept outside the data directory (an intruder with the database has no key). */
  auditKeyFile: string;
  /** Hosts, addresses and CIDR ranges the inspection engine may fetch although they are private or loopback. */
  inspectAllow: string[];
  /** Requests are shed with 503 once the event loop lags this long (ms); 0 never sheds. */
  shedDelayMs: number;
}

interface Variable {
  name: string;
  description: string;
  default: string;
}

export const VARIABLES: Variable[] = [
  { name: 'PORT', description: 'HTTP 监听端口', default: '3000' },
  { name: 'HOST', description: '监听地址；默认 `::` 同时接受 IPv4 与 IPv6', default: '::' },
  { name: 'DATABASE_URL', description: 'PostgreSQL 连接串（postgres://…）；不设则使用内嵌 SQLite', default: '' },
  { name: 'GOVPORTAL_DATA_DIR', description: 'SQLite 数据库文件与上传文件所在目录', default: './data' },
  {
    name: 'GOVPORTAL_ADMIN_PASSWORD',
    description: '首次初始化时系统管理员的初始密码；不设则随机生成并打印（首次登录须修改）',
    default: '',
  },
  { name: 'GOVPORTAL_LOG_LEVEL', description: '日志级别：fatal/error/warn/info/debug/trace/silent', default: 'info' },
  {
    name: 'GOVPORTAL_SECURE_COOKIES',
    description: '会话 Cookie 加 Secure 标记（站点经 HTTPS 提供时设为 true）',
    default: 'false',
  },
  {
    name: 'GOVPORTAL_TRUST_PROXY',
    description: '位于反向代理之后时设为 true，以 X-Forwarded-For 取访问者 IP',
    default: 'false',
  },
  {
    name: 'GOVPORTAL_PUBLIC_URL',
    description: '对外访问的基础地址（如 https://zwb.example.gov.cn），用于生成绝对链接',
    default: '',
  },
  { name: 'GOVPORTAL_AUDIT_RETENTION_DAYS', description: '审计日志最短保留天数（不得少于 180）', default: '184' },
  {
    name: 'GOVPORTAL_SMTP_URL',
    description: '发送提醒邮件的 SMTP 服务器（如 smtps://user:pass@mail.example.gov.cn:465）；不设则只在管理后台提醒',
    default: '',
  },
  { name: 'GOVPORTAL_MAIL_FROM', description: '提醒邮件的发件人地址', default: 'govportal@localhost' },
  {
    name: 'GOVPORTAL_JOBS',
    description: '是否在本节点运行定时任务（定时发布、提醒等）；多节点部署时可只在一个节点开启',
    default: 'true',
  },
  {
    name: 'GOVPORTAL_WORKERS',
    description:
      '本节点的 HTTP 工作进程数（1–64，或 `auto` 按 CPU 核数）；多个进程共用端口与数据库，定时任务只在其中一个运行',
    default: 'auto',
  },
  {
    name: 'GOVPORTAL_AUDIT_KEY_FILE',
    description:
      '审计日志密钥文件（HMAC，首次启动时创建）；须在数据目录之外、单独备份，多节点部署时各节点使用同一文件；默认为数据目录旁的 `<数据目录>.keys/audit.key`',
    default: '',
  },
  {
    name: 'GOVPORTAL_INSPECT_ALLOW',
    description:
      '检查引擎可以访问的内网主机、地址或网段（逗号分隔，如 `10.1.2.3,192.168.0.0/16,intranet.example.gov.cn`）；其他内网、回环、链路本地和云元数据地址一律拒绝',
    default: '',
  },
  {
    name: 'GOVPORTAL_SHED_DELAY_MS',
    description:
      '事件循环延迟超过此毫秒数时，新的动态请求直接回 503“系统繁忙”（缓存页面与 /healthz 不受影响）；0 为不限制',
    default: '250',
  },
  {
    name: 'GOVPORTAL_KEY_FILE',
    description:
      '公众账号个人信息（手机号、身份证号等，SM4 加密）的密钥文件，须在数据目录之外、单独备份；多节点须共用同一文件。默认为数据目录旁的 `<数据目录>.keys/citizen.key`（SQLite 时首次使用自动生成）',
    default: '',
  },
  {
    name: 'GOVPORTAL_SMS_GATEWAY',
    description:
      '短信网关：`log`（开发用，短信内容含验证码写入日志）或网关的 https 地址（以 JSON POST {to, text} 发送）',
    default: 'log',
  },
  { name: 'GOVPORTAL_SMS_SIGN', description: '短信签名，如【南江市政务办】', default: '【政府网站】' },
  {
    name: 'GOVPORTAL_OIDC_ISSUER',
    description: '省级统一身份认证平台（OpenID Connect）的 Issuer 地址；不设则不提供该登录方式',
    default: '',
  },
  { name: 'GOVPORTAL_OIDC_CLIENT_ID', description: '在统一身份认证平台登记的客户端 ID', default: '' },
  { name: 'GOVPORTAL_OIDC_CLIENT_SECRET', description: '在统一身份认证平台登记的客户端密钥', default: '' },
  {
    name: 'GOVPORTAL_OIDC_NAME',
    description: '登录页上该登录方式的名称',
    default: '省统一身份认证平台',
  },
  {
    name: 'CHROMIUM_PATH',
    description:
      '检查截图所用的 Chromium 可执行文件；不设则依次尝试 /usr/bin/chromium、/usr/bin/chromium-browser（都没有则不截图）',
    default: '',
  },
  {
    name: 'GOVPORTAL_OPEN_API_PER_MINUTE',
    description: '开放数据接口（/api/open/…）每个 IP 每分钟最多的请求数，多节点共享计数',
    default: '120',
  },
];

/** Set by the cluster primary on each worker it forks; internal, so not among VARIABLES. */
export const WORKER_INDEX_VARIABLE = 'GOVPORTAL_WORKER_INDEX';

export class ConfigError extends Error {}

function readBool(name: string, raw: string): boolean {
  if (['true', '1', 'yes'].includes(raw)) return true;
  if (['false', '0', 'no', ''].includes(raw)) return false;
  throw new ConfigError(`${name} 必须为 true 或 false，实际为 “${raw}”`);
}

function readInt(name: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} 必须为 ${min}–${max} 之间的整数，实际为 “${raw}”`);
  }
  return value;
}

const readList = (raw: string): string[] =>
  raw
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);

/** Beside the data directory, not in it: a copy of the data directory alone does not carry the key. */
export const defaultAuditKeyFile = (dataDir: string): string =>
  path.join(path.dirname(dataDir), `${path.basename(dataDir)}.keys`, 'audit.key');

/** `auto`: one worker per CPU the process may use. */
function readWorkers(raw: string): number {
  if (raw.toLowerCase() === 'auto') return Math.min(64, os.availableParallelism());
  return readInt('GOVPORTAL_WORKERS', raw, 1, 64);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const get = (name: string) => {
    const variable = VARIABLES.find((v) => v.name === name)!;
    const raw = env[name];
    return raw === undefined || raw === '' ? variable.default : raw.trim();
  };
  const databaseUrl = get('DATABASE_URL') || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL 必须以 postgres:// 或 postgresql:// 开头');
  }
  const logLevel = get('GOVPORTAL_LOG_LEVEL');
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError(`GOVPORTAL_LOG_LEVEL 取值无效：${logLevel}`);
  }
  const publicBaseUrl = get('GOVPORTAL_PUBLIC_URL') || null;
  if (publicBaseUrl && !/^https?:\/\/[^/]+/.test(publicBaseUrl)) {
    throw new ConfigError('GOVPORTAL_PUBLIC_URL 必须是 http:// 或 https:// 开头的地址');
  }
  const smtpUrl = get('GOVPORTAL_SMTP_URL');
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl))
    throw new ConfigError('GOVPORTAL_SMTP_URL 必须以 smtp:// 或 smtps:// 开头');
  const smsGateway = get('GOVPORTAL_SMS_GATEWAY');
  if (smsGateway !== 'log' && !/^https?:\/\/[^/]+/.test(smsGateway))
    throw new ConfigError('GOVPORTAL_SMS_GATEWAY 必须为 log 或网关的 http(s):// 地址');
  const oidcIssuer = get('GOVPORTAL_OIDC_ISSUER');
  if (oidcIssuer && !/^https?:\/\/[^/]+/.test(oidcIssuer))
    throw new ConfigError('GOVPORTAL_OIDC_ISSUER 必须是 http(s):// 开头的地址');
  if (oidcIssuer && !get('GOVPORTAL_OIDC_CLIENT_ID'))
    throw new ConfigError('设置 GOVPORTAL_OIDC_ISSUER 时必须同时设置 GOVPORTAL_OIDC_CLIENT_ID');
  const dataDir = path.resolve(get('GOVPORTAL_DATA_DIR'));
  const keyFile = get('GOVPORTAL_KEY_FILE')
    ? path.resolve(get('GOVPORTAL_KEY_FILE'))
    : path.join(path.dirname(dataDir), `${path.basename(dataDir)}.keys`, 'citizen.key');
  const workerIndexRaw = env[WORKER_INDEX_VARIABLE];
  const config: Config = {
    port: readInt('PORT', get('PORT'), 0, 65535),
    host: get('HOST'),
    databaseUrl,
    dataDir,
    adminPassword: get('GOVPORTAL_ADMIN_PASSWORD') || null,
    logLevel,
    secureCookies: readBool('GOVPORTAL_SECURE_COOKIES', get('GOVPORTAL_SECURE_COOKIES')),
    trustProxy: readBool('GOVPORTAL_TRUST_PROXY', get('GOVPORTAL_TRUST_PROXY')),
    publicBaseUrl: publicBaseUrl ? publicBaseUrl.replace(/\/+$/, '') : null,
    auditRetentionDays: readInt('GOVPORTAL_AUDIT_RETENTION_DAYS', get('GOVPORTAL_AUDIT_RETENTION_DAYS'), 180, 36500),
    jobsEnabled: readBool('GOVPORTAL_JOBS', get('GOVPORTAL_JOBS')),
    smtpUrl: smtpUrl || null,
    mailFrom: get('GOVPORTAL_MAIL_FROM'),
    workers: readWorkers(get('GOVPORTAL_WORKERS')),
    keyFile,
    smsGateway,
    smsSign: get('GOVPORTAL_SMS_SIGN'),
    oidc: oidcIssuer
      ? {
          issuer: oidcIssuer,
          clientId: get('GOVPORTAL_OIDC_CLIENT_ID'),
          clientSecret: get('GOVPORTAL_OIDC_CLIENT_SECRET'),
          name: get('GOVPORTAL_OIDC_NAME'),
        }
      : null,
    chromiumPath: get('CHROMIUM_PATH') || null,
    statsFlushIntervalMs: 10_000,
    openApiPerMinute: readInt('GOVPORTAL_OPEN_API_PER_MINUTE', get('GOVPORTAL_OPEN_API_PER_MINUTE'), 1, 100000),
    workerIndex: workerIndexRaw ? readInt(WORKER_INDEX_VARIABLE, workerIndexRaw, 0, 63) : null,
    auditKeyFile: path.resolve(get('GOVPORTAL_AUDIT_KEY_FILE') || defaultAuditKeyFile(dataDir)),
    inspectAllow: readList(get('GOVPORTAL_INSPECT_ALLOW')),
    shedDelayMs: readInt('GOVPORTAL_SHED_DELAY_MS', get('GOVPORTAL_SHED_DELAY_MS'), 0, 60_000),
  };
  const merged = { ...config, ...overrides };
  // A data directory given as an override (tests) keeps its key file beside it unless one is given too.
  if (overrides.dataDir && !overrides.keyFile && !get('GOVPORTAL_KEY_FILE'))
    merged.keyFile = path.join(path.dirname(merged.dataDir), `${path.basename(merged.dataDir)}.keys`, 'citizen.key');
  return merged;
}

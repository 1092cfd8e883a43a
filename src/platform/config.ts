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
      '审计日志密钥文件（HMAC，首次启动时创建）；须在数据目录之外、单独备份，多节点部署时各节点使用同一文件；默认为数据目录旁的 `<数据目录>-keys/audit.key`',
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
  path.join(path.dirname(dataDir), `${path.basename(dataDir)}-keys`, 'audit.key');

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
  const dataDir = path.resolve(get('GOVPORTAL_DATA_DIR'));
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
    workerIndex: workerIndexRaw ? readInt(WORKER_INDEX_VARIABLE, workerIndexRaw, 0, 63) : null,
    auditKeyFile: path.resolve(get('GOVPORTAL_AUDIT_KEY_FILE') || defaultAuditKeyFile(dataDir)),
    inspectAllow: readList(get('GOVPORTAL_INSPECT_ALLOW')),
    shedDelayMs: readInt('GOVPORTAL_SHED_DELAY_MS', get('GOVPORTAL_SHED_DELAY_MS'), 0, 60_000),
  };
  return { ...config, ...overrides };
}

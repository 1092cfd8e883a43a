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
  /** Requests per minute and IP address the open data API answers (/api/open/…). */
  openApiPerMinute: number;
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
    default: '1',
  },
  {
    name: 'GOVPORTAL_OPEN_API_PER_MINUTE',
    description: '开放数据接口（/api/open/…）每个 IP 每分钟最多的请求数，多节点共享计数',
    default: '120',
  },
];

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
  const config: Config = {
    port: readInt('PORT', get('PORT'), 0, 65535),
    host: get('HOST'),
    databaseUrl,
    dataDir: path.resolve(get('GOVPORTAL_DATA_DIR')),
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
    openApiPerMinute: readInt('GOVPORTAL_OPEN_API_PER_MINUTE', get('GOVPORTAL_OPEN_API_PER_MINUTE'), 1, 100000),
  };
  return { ...config, ...overrides };
}

// Conditions of the server rather than faults of a request: the database restarting or unreachable, a full disk,
// a read-only data directory, too much load. Each is answered 503 with its reason in Chinese and a Retry-After,
// as an HTML page for browsers and `{error:{code,message}}` for the API, never as a 500.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode } from './errors.ts';

export type UnavailableCode = Extract<
  ErrorCode,
  'DATABASE_UNAVAILABLE' | 'STORAGE_FULL' | 'STORAGE_READ_ONLY' | 'SERVER_BUSY'
>;

// Connection-level failures of PostgreSQL (class 08, shutdown/starting up 57P0x) and of the socket beneath it.
const PG_UNAVAILABLE = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300']);
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
]);
const PG_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /not queryable/i,
  /Client was closed/i,
];

/** Which server condition an error reveals, or null when it is a fault like any other. */
export function unavailableCode(error: unknown): UnavailableCode | null {
  if (error instanceof AppError) {
    const code = error.code as ErrorCode;
    return code === 'DATABASE_UNAVAILABLE' ||
      code === 'STORAGE_FULL' ||
      code === 'STORAGE_READ_ONLY' ||
      code === 'SERVER_BUSY'
      ? code
      : null;
  }
  const e = error as { code?: unknown; message?: unknown; errno?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : '';
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL') return 'STORAGE_FULL';
  if (code === 'EROFS' || code.startsWith('SQLITE_READONLY')) return 'STORAGE_READ_ONLY';
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CANTOPEN')
    return 'DATABASE_UNAVAILABLE';
  if (PG_UNAVAILABLE.has(code) || SOCKET_CODES.has(code)) return 'DATABASE_UNAVAILABLE';
  if (PG_MESSAGES.some((m) => m.test(message))) return 'DATABASE_UNAVAILABLE';
  return null;
}

/** Seconds a client should wait before trying again. */
const RETRY_AFTER: Record<UnavailableCode, number> = {
  DATABASE_UNAVAILABLE: 5,
  STORAGE_FULL: 60,
  STORAGE_READ_ONLY: 60,
  SERVER_BUSY: 2,
};

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A page that needs nothing from the database (it is shown when the database is away). */
export function unavailablePage(message: string): string {
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>服务暂时不可用</title>
<style>body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:0;background:#f5f7fa;color:#1f2933}
main{max-width:36rem;margin:12vh auto;padding:2rem;background:#fff;border-top:4px solid #b71c1c}
h1{font-size:1.5rem;margin:0 0 1rem}p{line-height:1.8;font-size:1.05rem}a{color:#0b4f9c}</style></head>
<body><main><h1>服务暂时不可用</h1><p>${escapeHtml(message)}</p><p>请稍候片刻后<a href="">刷新本页</a>。已经提交的内容不会丢失。</p></main></body></html>
`;
}

/** Browsers get the page; the API and other clients the JSON error. */
export function wantsHtml(request: FastifyRequest): boolean {
  if (request.url.startsWith('/api/')) return false;
  return (request.headers.accept ?? '').includes('text/html');
}

export function sendUnavailable(request: FastifyRequest, reply: FastifyReply, code: UnavailableCode) {
  const error = new AppError(code);
  reply.status(503).header('retry-after', String(RETRY_AFTER[code])).header('cache-control', 'no-store');
  if (wantsHtml(request)) return reply.type('text/html; charset=utf-8').send(unavailablePage(error.message));
  // Serialised here: a page route declares its 503 as an HTML string, and its serialiser would print the error
  // object as "[object Object]" to a client that did not ask for HTML.
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(error.toBody()));
}

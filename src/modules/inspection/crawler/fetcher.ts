// One polite HTTP request: a clear User-Agent, a deadline covering redirects and body, redirects followed by
// hand (to see loops and every hop), a body size cap, and charset-aware decoding. Never throws: failures are
// recorded in `error`, since a broken site is a finding, not a crash.
import { createHash } from 'node:crypto';
import { decodeBody, isTextType, mediaType } from './charset.ts';
import { outboundGuard } from './address-guard.ts';
import type { FetchError, FetchErrorKind, FetchRecord, FetchResult, RedirectHop } from './types.ts';

export const USER_AGENT = 'govportal-inspector/0.1 (+政府网站自查)';
/** 站点无法访问: a page that does not open within 15 s counts as unreachable. */
export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 10;

export interface FetchOptions {
  method?: 'GET' | 'HEAD';
  /** Deadline for the whole exchange: every redirect hop and the body. */
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  userAgent?: string;
  headers?: Record<string, string>;
  /** Which bodies to read: all, text types only (HTML, XML, text), or none. Default 'all'. */
  readBody?: 'all' | 'text' | 'none';
  signal?: AbortSignal;
}

/** Fetches a URL and never throws. `text` is set for text types when the body was read. */
export async function fetchPage(url: string, options: FetchOptions = {}): Promise<FetchResult> {
  const method = options.method ?? 'GET';
  const startedAt = new Date();
  const started = performance.now();
  const record = emptyRecord(url, method, startedAt.toISOString());
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new DeadlineError()), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([deadline.signal, options.signal]) : deadline.signal;
  try {
    const response = await followRedirects(record, options, signal);
    if (!response) return finish(record, null, started);
    const bytes = await readBody(response, record, options, signal);
    return finish(record, bytes, started);
  } catch (error) {
    record.error = classifyError(error, deadline.signal);
    return finish(record, null, started);
  } finally {
    clearTimeout(timer);
  }
}

function emptyRecord(url: string, method: 'GET' | 'HEAD', startedAt: string): FetchRecord {
  return {
    url,
    finalUrl: url,
    method,
    status: null,
    headers: {},
    contentType: null,
    redirects: [],
    startedAt,
    ms: 0,
    bytes: 0,
    truncated: false,
    bodySkipped: true,
    sha256: null,
    charset: null,
    charsetSource: null,
  };
}

/** Requests hop by hop; returns the final response, or null with record.error set for a redirect problem. */
async function followRedirects(
  record: FetchRecord,
  options: FetchOptions,
  signal: AbortSignal,
): Promise<Response | null> {
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const seen = new Set<string>();
  let current = parseHttpUrl(record.url);
  if (!current) {
    record.error = { kind: 'invalid-url', message: `不是有效的 http(s) 网址：${record.url}` };
    return null;
  }
  for (;;) {
    seen.add(current.href);
    record.finalUrl = current.href;
    // Private, loopback, link-local and metadata addresses are refused before connecting, at every hop.
    const guard = outboundGuard();
    const refusal = await guard?.refusal(current);
    if (refusal) {
      record.error = { kind: 'refused', code: 'EADDRREFUSED', message: refusal };
      return null;
    }
    const response = await fetch(current, {
      ...(guard && ({ dispatcher: guard.dispatcher } as object)),
      method: record.method,
      redirect: 'manual',
      signal,
      headers: {
        'user-agent': headerBytes(options.userAgent ?? USER_AGENT),
        accept: 'text/html,application/xhtml+xml,*/*;q=0.8',
        'accept-language': 'zh-CN,zh;q=0.9',
        ...options.headers,
      },
    });
    saveResponse(record, response);
    const location = response.headers.get('location');
    if (!isRedirect(response.status) || location === null) return response;
    await response.body?.cancel().catch(() => undefined);
    const next = resolveLocation(location, current);
    record.redirects.push({ url: current.href, status: response.status, location } satisfies RedirectHop);
    if (!next) {
      record.error = { kind: 'bad-redirect', message: `重定向地址无效：${location}` };
      return null;
    }
    if (seen.has(next.href)) {
      record.error = { kind: 'redirect-loop', message: `重定向循环：${next.href}` };
      return null;
    }
    if (record.redirects.length > maxRedirects) {
      record.error = { kind: 'too-many-redirects', message: `重定向超过 ${maxRedirects} 次` };
      return null;
    }
    current = next;
  }
}

function saveResponse(record: FetchRecord, response: Response): void {
  record.status = response.status;
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  record.headers = headers;
  record.contentType = mediaType(response.headers.get('content-type'));
}

/**
 * Header values travel as bytes and fetch only takes chars ≤ 0xFF, so a Chinese User-Agent is sent as its UTF-8
 * bytes (each byte one char); servers log exactly the UTF-8 text `govportal-inspector/0.1 (+政府网站自查)`.
 */
export const headerBytes = (value: string): string => Buffer.from(value, 'utf8').toString('latin1');

const isRedirect = (status: number): boolean => [301, 302, 303, 307, 308].includes(status);

function resolveLocation(location: string, base: URL): URL | null {
  try {
    return parseHttpUrl(new URL(location, base).href);
  } catch {
    return null;
  }
}

export function parseHttpUrl(url: string): URL | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed : null;
  } catch {
    return null;
  }
}

/** Reads up to maxBytes of the body; stops (and marks truncated) beyond that. */
async function readBody(
  response: Response,
  record: FetchRecord,
  options: FetchOptions,
  signal: AbortSignal,
): Promise<Uint8Array | null> {
  const wanted = options.readBody ?? 'all';
  if (
    record.method === 'HEAD' ||
    !response.body ||
    wanted === 'none' ||
    (wanted === 'text' && !isTextType(record.contentType))
  ) {
    await response.body?.cancel().catch(() => undefined);
    return null;
  }
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    if (signal.aborted) throw signal.reason;
    const { done, value } = await reader.read();
    if (done) break;
    const room = maxBytes - size;
    if (value.byteLength > room) {
      chunks.push(value.subarray(0, room));
      size += room;
      record.truncated = true;
      await reader.cancel().catch(() => undefined);
      break;
    }
    chunks.push(value);
    size += value.byteLength;
  }
  return Buffer.concat(chunks, size);
}

function finish(record: FetchRecord, bytes: Uint8Array | null, started: number): FetchResult {
  record.ms = Math.round(performance.now() - started);
  if (!bytes) return { ...record, text: null };
  record.bodySkipped = false;
  record.bytes = bytes.byteLength;
  record.sha256 = sha256Hex(bytes);
  if (!isTextType(record.contentType)) return { ...record, text: null };
  const decoded = decodeBody(bytes, record.headers['content-type']);
  record.charset = decoded.charset;
  record.charsetSource = decoded.source;
  return { ...record, text: decoded.text };
}

export const sha256Hex = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

/** A FetchRecord without its text, for storing in snapshots. */
export function withoutText(result: FetchResult): FetchRecord {
  const { text: _text, ...record } = result;
  return record;
}

// ───────────────────────────── errors ─────────────────────────────

class DeadlineError extends Error {
  override name = 'DeadlineError';
}

const CODE_KINDS: Record<string, FetchErrorKind> = {
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_NONAME: 'dns',
  EAI_NODATA: 'dns',
  ECONNREFUSED: 'refused',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  UND_ERR_SOCKET: 'reset',
  ETIMEDOUT: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
};

const KIND_MESSAGES: Record<FetchErrorKind, string> = {
  timeout: '请求超时',
  dns: '域名解析失败',
  refused: '连接被拒绝',
  reset: '连接被中断',
  tls: 'TLS/证书错误',
  'redirect-loop': '重定向循环',
  'too-many-redirects': '重定向次数过多',
  'bad-redirect': '重定向地址无效',
  'invalid-url': '网址无效',
  aborted: '请求被取消',
  network: '网络错误',
};

/** Maps what fetch threw (usually TypeError('fetch failed') with a system error as cause) to a kind. */
export function classifyError(error: unknown, deadline?: AbortSignal): FetchError {
  if (deadline?.aborted || error instanceof DeadlineError) return { kind: 'timeout', message: KIND_MESSAGES.timeout };
  const chain = causeChain(error);
  // the caller's signal (a crawl's total time limit, a cancel) rejects with AbortError or TimeoutError
  if (chain.some((e) => e.name === 'AbortError' || e.name === 'TimeoutError')) {
    return { kind: 'aborted', message: KIND_MESSAGES.aborted };
  }
  for (const e of chain) {
    const code = (e as { code?: unknown }).code;
    if (typeof code !== 'string') continue;
    const kind = CODE_KINDS[code] ?? (isTlsCode(code) ? 'tls' : undefined);
    if (kind) return { kind, code, message: `${KIND_MESSAGES[kind]}（${code}）` };
  }
  const last = chain[chain.length - 1];
  const message = last instanceof Error ? last.message : String(error);
  return { kind: 'network', message: `${KIND_MESSAGES.network}：${message}` };
}

function isTlsCode(code: string): boolean {
  return /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ALTNAME|DEPTH_ZERO/.test(code);
}

function causeChain(error: unknown): Error[] {
  const chain: Error[] = [];
  let current: unknown = error;
  while (current instanceof Error && chain.length < 5) {
    chain.push(current);
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

// The one way the console talks to the server: JSON in and out, the session cookie, the CSRF header on
// every non-GET request, and `{error:{code,message,details}}` bodies turned into ApiError. Session problems
// (logged out, timed out, password change required, stale CSRF token) are reported to the auth context,
// which decides what the whole app shows.

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details?: unknown;

  constructor(code: string, message: string, status: number, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.details = details;
  }

  /** Per-field Chinese messages from `details.fields` (validation errors), if any. */
  get fieldErrors(): Record<string, string> {
    const d = this.details as { fields?: unknown } | undefined;
    if (d && typeof d === 'object' && d.fields && typeof d.fields === 'object') {
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(d.fields as Record<string, unknown>)) {
        out[k] = Array.isArray(v) ? v.map(String).join('；') : String(v);
      }
      return out;
    }
    return {};
  }
}

/** Error codes that change what the whole app shows; pages need not report them. */
export const SESSION_CODES = ['UNAUTHENTICATED', 'SESSION_EXPIRED', 'PASSWORD_CHANGE_REQUIRED', 'CSRF_FAILED'] as const;
export type SessionCode = (typeof SESSION_CODES)[number];

export const isSessionError = (err: unknown): boolean =>
  err instanceof ApiError && (SESSION_CODES as readonly string[]).includes(err.code);

type SessionListener = (code: SessionCode, error: ApiError) => void;

let csrfToken: string | null = null;
const listeners = new Set<SessionListener>();

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Subscribes to session problems; returns the unsubscribe function. */
export function onSessionProblem(listener: SessionListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export interface RequestOptions {
  /** Do not report session problems to the app (used by the auth context's own calls). */
  quiet?: boolean;
  signal?: AbortSignal;
  /**
   * A background poll (counts, reminders) rather than something the staff member did: the server checks the
   * session but does not count the request as activity, so an unattended console still times out.
   */
  poll?: boolean;
}

export const POLL_HEADER = 'X-Govportal-Poll';

export function queryString(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  // FormData (file uploads) sets its own multipart Content-Type with the boundary.
  const form = typeof FormData !== 'undefined' && body instanceof FormData;
  if (body !== undefined && !form) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (options.poll) headers[POLL_HEADER] = '1';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : form ? (body as FormData) : JSON.stringify(body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError('NETWORK', '无法连接服务器，请检查网络后重试', 0);
  }
  const text = await response.text();
  let data: unknown;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!response.ok) {
    const e = (data as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
    const error =
      e && typeof e.code === 'string'
        ? new ApiError(
            e.code,
            typeof e.message === 'string' && e.message ? e.message : `请求失败（${response.status}）`,
            response.status,
            e.details,
          )
        : new ApiError(`HTTP_${response.status}`, `请求失败（HTTP ${response.status}），请稍后再试`, response.status);
    if (!options.quiet && (SESSION_CODES as readonly string[]).includes(error.code)) {
      for (const listener of listeners) listener(error.code as SessionCode, error);
    }
    throw error;
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body: unknown = {}, options?: RequestOptions) => request<T>('POST', path, body, options),
  put: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PUT', path, body, options),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, undefined, options),
  /** multipart/form-data POST (file uploads). */
  upload: <T>(path: string, form: FormData, options?: RequestOptions) => request<T>('POST', path, form, options),
};

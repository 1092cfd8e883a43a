// Test helpers for citizen-facing features: capture what is sent to citizens, and create and sign in a citizen the
// way a person does (register → code read from the captured SMS/e-mail → account and session).
import type { AppContext } from '../src/context.ts';
import type { App } from '../src/platform/http.ts';
import { CapturingSender } from '../src/modules/citizens/senders.ts';
import { CITIZEN_COOKIE } from '../src/modules/citizens/citizen-auth.service.ts';

export const CITIZEN_PASSWORD = 'Citizen-Passw0rd!';

export interface CitizenOutbox {
  sms: CapturingSender;
  email: CapturingSender;
}

const outboxes = new WeakMap<AppContext, CitizenOutbox>();

/** Installs capturing SMS and e-mail senders (once per context) and returns them. */
export function citizenOutbox(ctx: AppContext): CitizenOutbox {
  let box = outboxes.get(ctx);
  if (!box) {
    box = { sms: new CapturingSender('sms'), email: new CapturingSender('email') };
    ctx.citizens.installSenders(box);
    outboxes.set(ctx, box);
  }
  return box;
}

export interface CitizenSession {
  id: number;
  cookie: string;
  csrf: string;
  identifier: string;
  password: string;
}

let counter = 0;
/** A distinct mobile number per call within a test file. */
export const testPhone = () =>
  `139${String(process.pid % 10000).padStart(4, '0')}${String(++counter).padStart(4, '0')}`;

const cookieOf = (res: { cookies: { name: string; value: string }[] }) => {
  const c = res.cookies.find((x) => x.name === CITIZEN_COOKIE);
  if (!c) throw new Error('no citizen session cookie was set');
  return `${CITIZEN_COOKIE}=${c.value}`;
};

/**
 * Registers a citizen through the public API: asks for a code, reads it from the captured message, registers and
 * returns the signed-in session. Each call uses a new client address, so tests do not trip the per-IP limits.
 */
export async function registerCitizen(
  app: App,
  ctx: AppContext,
  options: { phone?: string; email?: string; password?: string; displayName?: string } = {},
): Promise<CitizenSession> {
  const box = citizenOutbox(ctx);
  const channel = options.email ? 'email' : 'sms';
  const target = options.email ?? options.phone ?? testPhone();
  const password = options.password ?? CITIZEN_PASSWORD;
  const remoteAddress = `127.77.${(counter >> 8) & 255}.${counter & 255}`;
  const sent = await app.inject({
    method: 'POST',
    url: '/api/citizen/codes',
    remoteAddress,
    payload: { purpose: 'register', channel, target },
  });
  if (sent.statusCode !== 200) throw new Error(`code request failed: ${sent.statusCode} ${sent.body}`);
  const code = box[channel].lastCode(target);
  const res = await app.inject({
    method: 'POST',
    url: '/api/citizen/register',
    remoteAddress,
    payload: {
      channel,
      target,
      code,
      password,
      accountType: 'person',
      displayName: options.displayName,
      acceptTerms: true,
      acceptPrivacy: true,
    },
  });
  if (res.statusCode !== 200) throw new Error(`registration failed: ${res.statusCode} ${res.body}`);
  return { id: res.json().account.id, cookie: cookieOf(res), csrf: res.json().csrfToken, identifier: target, password };
}

/** Signs an existing citizen in with their password. */
export async function loginCitizen(app: App, identifier: string, password = CITIZEN_PASSWORD): Promise<CitizenSession> {
  const res = await app.inject({ method: 'POST', url: '/api/citizen/login', payload: { identifier, password } });
  if (res.statusCode !== 200) throw new Error(`citizen login failed: ${res.statusCode} ${res.body}`);
  return { id: res.json().account.id, cookie: cookieOf(res), csrf: res.json().csrfToken, identifier, password };
}

/** A JSON request as the signed-in citizen (cookie and CSRF header). */
export function citizenCall(app: App, session: CitizenSession | null, method: string, url: string, payload?: unknown) {
  const headers: Record<string, string> = {};
  if (session) {
    headers.cookie = session.cookie;
    headers['x-csrf-token'] = session.csrf;
  }
  return app.inject({
    method: method as 'GET',
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

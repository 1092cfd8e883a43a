// Simulated citizens over real HTTP against a started server. Each citizen has an address of its own (sent as
// X-Forwarded-For, which the server trusts only because the bench starts it with GOVPORTAL_TRUST_PROXY), logs in,
// then thinks 5–10 s between actions: submitting a message, reading their messages or one of them, asking the
// smart Q&A, or opening the public list of answered messages. Every answer that is not 2xx is an error.
// The saturation phase afterwards drops the think time: a fixed number of connections submit back to back.
import { randomUUID } from 'node:crypto';
import { DEMO_MESSAGES } from '../../src/modules/interaction/demo/messages.ts';

export interface LoadCitizen {
  phone: string;
  password: string;
  /** The client address this citizen is seen from. */
  ip: string;
}

interface Session {
  who: LoadCitizen;
  cookie: string;
  csrf: string;
  mine: number[];
  submitted: number;
}

export type Kind = 'login' | 'submit' | 'my list' | 'my message' | 'smart Q&A' | 'public list';

export interface LoadResult {
  times: Map<Kind, number[]>;
  errors: string[];
  requests: number;
  seconds: number;
}

/** The board's flood limit per account and hour (messages.service.ts): saturation never crosses it. */
const PER_CITIZEN_HOUR = 10;
const QUESTIONS = [
  '社保卡丢了怎么办',
  'gongjijin tiqu',
  '营业执造遗失',
  '政务服务中心周六上班吗',
  'yyzz',
  '居住证办理',
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class Recorder {
  readonly times = new Map<Kind, number[]>();
  readonly errors: string[] = [];
  requests = 0;

  async call(kind: Kind, url: string, init: RequestInit): Promise<Response | null> {
    const t = performance.now();
    this.requests += 1;
    try {
      const res = await fetch(url, init);
      const body = await res.text();
      const list = this.times.get(kind) ?? [];
      list.push(performance.now() - t);
      this.times.set(kind, list);
      if (res.status >= 300) {
        this.errors.push(`${kind} ${res.status} ${body.slice(0, 200)}`);
        return null;
      }
      return new Response(body, { status: res.status, headers: res.headers });
    } catch (err) {
      this.errors.push(`${kind} ${(err as Error).message}`);
      return null;
    }
  }
}

function headers(s: Pick<Session, 'who'> & Partial<Session>, json = false): Record<string, string> {
  return {
    'x-forwarded-for': s.who.ip,
    ...(s.cookie ? { cookie: s.cookie, 'x-csrf-token': s.csrf! } : {}),
    ...(json ? { 'content-type': 'application/json' } : {}),
  };
}

async function login(rec: Recorder, base: string, who: LoadCitizen): Promise<Session | null> {
  const res = await rec.call('login', `${base}/api/citizen/login`, {
    method: 'POST',
    headers: headers({ who }, true),
    body: JSON.stringify({ identifier: who.phone, password: who.password }),
  });
  if (!res) return null;
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { who, cookie, csrf: csrfToken, mine: [], submitted: 0 };
}

let serial = 0;

async function submit(rec: Recorder, base: string, s: Session): Promise<void> {
  const m = DEMO_MESSAGES[serial % DEMO_MESSAGES.length]!;
  serial += 1;
  s.submitted += 1;
  const res = await rec.call('submit', `${base}/api/citizen/messages`, {
    method: 'POST',
    headers: headers(s, true),
    body: JSON.stringify({
      category: m.category,
      title: `${m.title.slice(0, 40)}（${serial}）`,
      body: `${m.body}（第 ${serial} 条）`,
      publishConsent: true,
      contactPreference: 'none',
      idempotencyKey: randomUUID(),
    }),
  });
  if (res) s.mine.push(((await res.json()) as { id: number }).id);
}

async function read(rec: Recorder, base: string, s: Session, publicList: string): Promise<void> {
  const r = Math.random();
  if (r < 0.35) await rec.call('my list', `${base}/api/citizen/messages`, { headers: headers(s) });
  else if (r < 0.55 && s.mine.length) {
    const id = s.mine[Math.floor(Math.random() * s.mine.length)]!;
    await rec.call('my message', `${base}/api/citizen/messages/${id}`, { headers: headers(s) });
  } else if (r < 0.8) {
    const q = QUESTIONS[Math.floor(Math.random() * QUESTIONS.length)]!;
    await rec.call('smart Q&A', `${base}/api/qa?q=${encodeURIComponent(q)}`, { headers: headers({ who: s.who }) });
  } else await rec.call('public list', `${base}${publicList}`, { headers: headers({ who: s.who }) });
}

/** One citizen goes through every action once before measuring: a started server is a warm one. */
export async function warmUp(base: string, who: LoadCitizen, publicList: string): Promise<string[]> {
  const rec = new Recorder();
  const s = await login(rec, base, who);
  if (s) {
    await submit(rec, base, s);
    for (let i = 0; i < 8; i++) await read(rec, base, s, publicList);
  }
  return rec.errors;
}

/**
 * Citizens with think time for `seconds`: all log in first (a few at a time: password hashing is the costliest
 * request and happens once per session, not in the steady state measured here), then each starts within the first
 * think time and acts until the end. `submitShare` of the actions are submissions (at most half the hourly flood
 * limit of an account, so saturation can go on with the same accounts).
 */
export async function thinkTimeLoad(opts: {
  base: string;
  citizens: LoadCitizen[];
  seconds: number;
  thinkMs: [number, number];
  submitShare: number;
  publicList: string;
}): Promise<LoadResult & { sessions: Session[]; logins: number[] }> {
  const signIn = new Recorder();
  const sessions: Session[] = [];
  const queue = [...opts.citizens];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let who = queue.shift(); who; who = queue.shift()) {
        const s = await login(signIn, opts.base, who);
        if (s) sessions.push(s);
      }
    }),
  );
  const rec = new Recorder();
  rec.errors.push(...signIn.errors);
  const started = performance.now();
  const end = started + opts.seconds * 1000;
  const [lo, hi] = opts.thinkMs;
  const think = () => lo + Math.random() * (hi - lo);
  await Promise.all(
    sessions.map(async (s) => {
      await sleep(Math.random() * hi);
      for (;;) {
        if (performance.now() >= end) return;
        if (Math.random() < opts.submitShare && s.submitted < PER_CITIZEN_HOUR / 2) await submit(rec, opts.base, s);
        else await read(rec, opts.base, s, opts.publicList);
        await sleep(think());
      }
    }),
  );
  return {
    times: rec.times,
    errors: rec.errors,
    requests: rec.requests,
    seconds: (performance.now() - started) / 1000,
    sessions,
    logins: signIn.times.get('login') ?? [],
  };
}

/** Submissions back to back over `connections` clients for `seconds`, rotating through the signed-in citizens. */
export async function saturation(opts: {
  base: string;
  sessions: Session[];
  seconds: number;
  connections: number;
}): Promise<LoadResult> {
  const rec = new Recorder();
  const started = performance.now();
  const end = started + opts.seconds * 1000;
  let next = 0;
  const pick = (): Session | null => {
    for (let tries = 0; tries < opts.sessions.length; tries++) {
      const s = opts.sessions[next++ % opts.sessions.length]!;
      if (s.submitted < PER_CITIZEN_HOUR) return s;
    }
    return null;
  };
  await Promise.all(
    Array.from({ length: opts.connections }, async () => {
      while (performance.now() < end) {
        const s = pick();
        if (!s) return;
        await submit(rec, opts.base, s);
      }
    }),
  );
  return {
    times: rec.times,
    errors: rec.errors,
    requests: rec.requests,
    seconds: (performance.now() - started) / 1000,
  };
}

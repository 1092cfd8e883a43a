// Login through a provincial identity platform: a real OpenID Connect provider (oidc-provider) on loopback, the
// authorization code flow with PKCE driven as a browser would (redirects, the provider's login and consent forms),
// on both dialects. The platform's verified phone number links the existing account.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { DIALECT, freshDatabase } from '../../../test/helpers.ts';
import { loadConfig } from '../../platform/config.ts';
import { createContext } from '../../context.ts';
import { buildApp } from '../../app.ts';
import { ManualClock } from '../../platform/time.ts';
import { createSiteWithAnnex1 } from '../setup/setup.service.ts';
import { registerCitizen } from '../../../test/citizens.ts';

async function startProvider() {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const people: Record<string, Record<string, unknown>> = {
    'zj-0001': { name: '赵敏', phone_number: '13600005555', phone_number_verified: true },
    'zj-0002': { name: '钱进', phone_number: '13600006666', phone_number_verified: true },
  };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'govportal',
        client_secret: 'govportal-secret',
        redirect_uris: ['http://localhost/user/oidc/callback'],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], profile: ['name'], phone: ['phone_number', 'phone_number_verified'], email: ['email'] },
    findAccount: async (_ctx, sub) =>
      people[sub] ? { accountId: sub, claims: async () => ({ sub, ...people[sub] }) } : undefined,
    cookies: { keys: ['test-cookie-key'] },
  });
  server.on('request', provider.callback());
  return { issuer, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Follows the provider's redirects with a cookie jar until it sends the browser back to our callback. */
async function throughProvider(start: string, subject: string): Promise<string> {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  let url = start;
  for (let hop = 0; hop < 12; hop++) {
    if (url.startsWith('http://localhost/')) return url;
    let res = await fetch(url, { redirect: 'manual', headers: { cookie: cookieHeader() } });
    keep(res);
    if (res.status === 200) {
      // The provider's own login or consent page: submit it as the person would.
      const html = await res.text();
      const action = new URL(/action="([^"]+)"/.exec(html)![1], url).toString();
      const prompt = html.includes('name="login"') ? 'login' : 'consent';
      res = await fetch(action, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ prompt, login: subject, password: 'any' }).toString(),
      });
      keep(res);
    }
    const location = res.headers.get('location');
    if (!location) throw new Error(`provider stopped at ${res.status} ${url}`);
    url = new URL(location, url).toString();
  }
  throw new Error('too many redirects');
}

test(`login through the provincial identity platform (OpenID Connect) (${DIALECT})`, async (t) => {
  const op = await startProvider();
  const tdb = await freshDatabase();
  const config = loadConfig(
    {},
    {
      dataDir: tdb.dataDir,
      logLevel: 'silent',
      publicBaseUrl: 'http://localhost',
      oidc: { issuer: op.issuer, clientId: 'govportal', clientSecret: 'govportal-secret', name: '浙里办' },
    },
  );
  const ctx = await createContext(config, { dbh: tdb.dbh, clock: new ManualClock() });
  await createSiteWithAnnex1(ctx);
  const app = await buildApp(ctx, { logger: false });
  t.after(async () => {
    await app.close();
    await tdb.drop();
    await op.close();
  });

  const login = await app.inject({ method: 'GET', url: '/user/login' });
  assert.match(login.body, /使用浙里办登录/);

  // An account registered earlier with the phone number the platform verifies.
  const existing = await registerCitizen(app, ctx, { phone: '13600005555' });

  const signIn = async (subject: string) => {
    const start = await app.inject({ method: 'GET', url: '/user/oidc/start?back=%2Fuser%2F' });
    assert.equal(start.statusCode, 303, start.body);
    const stateCookie = String(start.headers['set-cookie']).split(';')[0];
    assert.match(String(start.headers.location), /code_challenge_method=S256/);
    const back = await throughProvider(String(start.headers.location), subject);
    const done = await app.inject({
      method: 'GET',
      url: back.slice('http://localhost'.length),
      headers: { cookie: stateCookie },
    });
    assert.equal(done.statusCode, 303, done.body);
    assert.equal(done.headers.location, '/user/');
    const cookie = String(done.headers['set-cookie'])
      .split(/,(?=\s*gp_)/)
      .map((c) => c.trim().split(';')[0])
      .find((c) => c.startsWith('gp_citizen='))!;
    const me = await app.inject({ method: 'GET', url: '/api/citizen/me', headers: { cookie } });
    assert.equal(me.statusCode, 200, me.body);
    return me.json().account;
  };

  const linked = await signIn('zj-0001');
  assert.equal(linked.id, existing.id, 'the verified phone number links the existing account');
  assert.equal(linked.identityLinked, true);
  const created = await signIn('zj-0002');
  assert.notEqual(created.id, existing.id);
  assert.deepEqual([created.phone, created.realName, created.hasPassword], ['136****6666', '钱*', false]);
  assert.equal((await signIn('zj-0002')).id, created.id, 'the same subject signs in to the same account');

  // A callback without the state cookie (forged or replayed) is refused.
  const forged = await app.inject({ method: 'GET', url: '/user/oidc/callback?code=x&state=y' });
  assert.equal(forged.statusCode, 400);
});

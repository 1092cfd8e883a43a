// The account pages as a browser without JavaScript uses them: plain form posts, the page shown again with the
// reason on a refusal, the form token (CSRF), every value escaped, the header's static link on cached pages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECT, testEnv } from '../../../test/helpers.ts';
import { citizenOutbox } from '../../../test/citizens.ts';
import { assertPageTags } from './testing-pages.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const XSS = '<script>alert("x")</script>';

test(`registration, user space and settings through HTML forms, no JavaScript (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  const box = citizenOutbox(ctx);

  const page = await app.inject({ method: 'GET', url: '/user/register' });
  assert.equal(page.statusCode, 200);
  assert.equal(page.headers['cache-control'], 'no-store');
  assertPageTags(page.body);
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1];
  const formCookie = String(page.headers['set-cookie']).split(';')[0];
  const post = (url: string, fields: Record<string, string>, cookie = formCookie) =>
    app.inject({ method: 'POST', url, headers: { ...FORM, cookie }, payload: new URLSearchParams(fields).toString() });

  // Without the form token (a cross-site post) nothing happens.
  const forged = await post('/user/register', { channel: 'sms', target: '13812345678', action: 'code' }, '');
  assert.equal(forged.statusCode, 403);
  assert.match(forged.body, /页面已失效/);
  assert.equal(box.sms.sent.length, 0);

  const phone = '13812345678';
  const sent = await post('/user/register', {
    _csrf: token,
    channel: 'sms',
    target: phone,
    action: 'code',
    altcha: '',
  });
  assert.equal(sent.statusCode, 200);
  assert.match(sent.body, /验证码已发送到您的手机/);
  assert.match(sent.body, /value="13812345678"/, 'the number is kept');

  const refused = await post('/user/register', {
    _csrf: token,
    channel: 'sms',
    target: phone,
    action: 'register',
    code: box.sms.lastCode(phone),
    password: 'Citizen-Passw0rd!',
    displayName: XSS,
    accountType: 'person',
  });
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /请阅读并同意《用户协议》和《隐私政策》/);
  assert.ok(!refused.body.includes(XSS) && refused.body.includes('&lt;script&gt;'), 'typed values shown escaped');
  assert.ok(!/type="password"[^>]*value=/.test(refused.body), 'passwords are never shown again');

  const done = await post('/user/register', {
    _csrf: token,
    channel: 'sms',
    target: phone,
    action: 'register',
    code: box.sms.lastCode(phone),
    password: 'Citizen-Passw0rd!',
    displayName: XSS,
    accountType: 'person',
    acceptTerms: '1',
    acceptPrivacy: '1',
  });
  assert.equal(done.statusCode, 303, done.body);
  assert.equal(done.headers.location, '/user/?welcome=1');
  const session = String(done.headers['set-cookie']).split(';')[0];
  assert.match(String(done.headers['set-cookie']), /gp_citizen=.*HttpOnly; SameSite=Lax/);

  const space = await app.inject({ method: 'GET', url: '/user/', headers: { cookie: session } });
  assert.equal(space.statusCode, 200);
  assertPageTags(space.body);
  assert.ok(!space.body.includes(XSS));
  assert.match(space.body, /138\*\*\*\*5678/);
  for (const title of ['我的留言', '我的办件', '我参与的调查与征集', '我的依申请公开', '短信和邮件通知'])
    assert.ok(space.body.includes(title), `section ${title}`);
  assert.match(space.body, /您还没有提交过咨询、建议或投诉/);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(space.body)![1];

  // Signed-in forms need the session's token; the password page works with it.
  const noToken = await post(
    '/user/password',
    { currentPassword: 'Citizen-Passw0rd!', newPassword: 'Other-Passw0rd!' },
    session,
  );
  assert.equal(noToken.statusCode, 403);
  const changed = await post(
    '/user/password',
    { _csrf: csrf, currentPassword: 'Citizen-Passw0rd!', newPassword: 'Other-Passw0rd!' },
    session,
  );
  assert.equal(changed.statusCode, 200);
  assert.match(changed.body, /密码已修改/);

  // Signed out: the user space sends to the login page and back.
  const anonymous = await app.inject({ method: 'GET', url: '/user/' });
  assert.equal(anonymous.statusCode, 303);
  assert.equal(anonymous.headers.location, '/user/login?back=%2Fuser%2F');
  const login = await app.inject({ method: 'GET', url: '/user/login?back=%2Fuser%2Fpassword' });
  const loginToken = /name="_csrf" value="([^"]+)"/.exec(login.body)![1];
  const loginCookie = String(login.headers['set-cookie']).split(';')[0];
  const wrong = await post(
    '/user/login',
    { _csrf: loginToken, identifier: phone, password: 'nope', back: '/user/password' },
    loginCookie,
  );
  assert.equal(wrong.statusCode, 401);
  assert.match(wrong.body, /账号或密码错误/);
  const ok = await post(
    '/user/login',
    { _csrf: loginToken, identifier: phone, password: 'Other-Passw0rd!', back: '//evil.example/' },
    loginCookie,
  );
  assert.equal(ok.statusCode, 303);
  assert.equal(ok.headers.location, '/user/', 'only local paths are followed');

  // Deleting through the page.
  const fresh = String(ok.headers['set-cookie']).split(';')[0];
  const del = await app.inject({ method: 'GET', url: '/user/delete', headers: { cookie: fresh } });
  const delToken = /name="_csrf" value="([^"]+)"/.exec(del.body)![1];
  const gone = await post('/user/delete', { _csrf: delToken, password: 'Other-Passw0rd!', confirm: '注销' }, fresh);
  assert.equal(gone.statusCode, 200);
  assert.match(gone.body, /账号已注销/);
  assert.equal((await app.inject({ method: 'GET', url: '/user/', headers: { cookie: fresh } })).statusCode, 303);
});

test(`cached public pages carry the static 登录 / 用户空间 link, never who is signed in (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const home = await env.app.inject({ method: 'GET', url: '/' });
  assert.match(home.body, /<a href="\/user\/">登录 \/ 用户空间<\/a>/);
  for (const url of ['/user/terms', '/user/privacy', '/user/login', '/user/reset']) {
    const res = await env.app.inject({ method: 'GET', url });
    assert.equal(res.statusCode, 200, url);
    assertPageTags(res.body);
  }
});

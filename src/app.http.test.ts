import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testEnv, staff, login, call, DIALECT } from '../test/helpers.ts';

test(`health, API description and error bodies (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app } = env;
  const health = await app.inject({ url: '/healthz' });
  assert.equal(health.statusCode, 200);
  assert.equal(health.json().status, 'ok');
  assert.equal(health.json().dialect, DIALECT);

  const spec = await app.inject({ url: '/api/docs/json' });
  assert.equal(spec.statusCode, 200);
  const paths = Object.keys(spec.json().paths);
  for (const p of [
    '/api/auth/login',
    '/api/sites/{id}',
    '/api/sites/{siteId}/columns',
    '/api/columns/{id}/move',
    '/api/users',
    '/api/audit',
  ]) {
    assert.ok(paths.includes(p), `OpenAPI documents ${p}`);
  }
  assert.equal((await app.inject({ url: '/api/docs' })).statusCode < 400, true, 'browsable docs');

  const unknown = await app.inject({ url: '/api/nothing-here' });
  assert.equal(unknown.statusCode, 404);
  assert.equal(unknown.json().error.code, 'NOT_FOUND');

  const anonymous = await app.inject({ url: '/api/users' });
  assert.equal(anonymous.statusCode, 401);
  assert.deepEqual(Object.keys(anonymous.json().error).sort(), ['code', 'message']);
  assert.equal(anonymous.json().error.message, '请先登录');

  const badJson = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { 'content-type': 'application/json' },
    payload: '{"username":',
  });
  assert.equal(badJson.statusCode, 400);
  assert.ok(badJson.json().error.code);
});

test('an unexpected failure answers 500 without internals', async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  await staff(env.ctx, 'sys1', ['sys_admin']);
  const s = await login(env.app, 'sys1');
  env.ctx.users.list = async () => {
    throw new Error('secret internal detail: /var/lib/db connection string');
  };
  const r = await call(env.app, s, 'GET', '/api/users');
  assert.equal(r.statusCode, 500);
  assert.equal(r.json().error.code, 'INTERNAL');
  assert.doesNotMatch(r.body, /secret internal detail/);
});

// The applicant's pages without JavaScript: the form behind the public account, a refused submission shown again
// with what was typed, the receipt, the 补正 form, and the column's entrance; another citizen sees nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECT, testEnv } from '../../../test/helpers.ts';
import { registerCitizen } from '../../../test/citizens.ts';

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const csrfOf = (html: string) => html.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
const keyOf = (html: string) => html.match(/name="idempotencyKey" value="([^"]+)"/)?.[1] ?? '';

test(`an application through the pages: refused input kept, receipt, 补正 form, privacy (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  const me = await registerCitizen(app, ctx);
  const other = await registerCitizen(app, ctx);

  const signedOut = await app.inject({ method: 'GET', url: '/disclosure/apply' });
  assert.equal(signedOut.statusCode, 303);
  assert.match(String(signedOut.headers.location), /^\/user\/login\?back=%2Fdisclosure%2Fapply/);

  const page = await app.inject({ method: 'GET', url: '/disclosure/apply', headers: { cookie: me.cookie } });
  assert.equal(page.statusCode, 200);
  assert.equal(page.headers['cache-control'], 'no-store');
  assert.match(page.body, /<meta name="SiteIDCode" content="3299000001"/);
  assert.match(page.body, /<meta name="ColumnName" content="依申请公开"/);
  assert.match(page.body, /所需政府信息的名称、文号或者便于查询的特征性描述/);

  const fields = {
    _csrf: csrfOf(page.body),
    idempotencyKey: keyOf(page.body),
    applicantType: 'person',
    name: '李四',
    idType: 'id_card',
    idNumber: '11010519491231002X',
    phone: '13800138000',
    description: '',
    deliveryForm: 'electronic',
    deliveryMethod: 'online',
    purpose: '<script>x</script>科研',
  };
  const refused = await app.inject({
    method: 'POST',
    url: '/disclosure/apply',
    headers: { cookie: me.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form(fields),
  });
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /请填写所需政府信息的名称/);
  assert.match(refused.body, /value="李四"/, 'what was typed is shown again');
  assert.match(refused.body, /&lt;script&gt;x&lt;\/script&gt;科研/, 'escaped');
  assert.equal((await ctx.db.selectFrom('disclosure_applications').select('id').execute()).length, 0);

  const ok = await app.inject({
    method: 'POST',
    url: '/disclosure/apply',
    headers: { cookie: me.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ ...fields, description: '本机关2025年政务服务大厅排队时长统计' }),
  });
  assert.equal(ok.statusCode, 303, ok.body);
  const location = String(ok.headers.location);
  assert.match(location, /^\/disclosure\/\d+\?submitted=1$/);
  // The same form sent twice (a double click) makes one application.
  const twice = await app.inject({
    method: 'POST',
    url: '/disclosure/apply',
    headers: { cookie: me.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ ...fields, description: '本机关2025年政务服务大厅排队时长统计' }),
  });
  assert.equal(twice.headers.location, location);
  assert.equal((await ctx.db.selectFrom('disclosure_applications').select('id').execute()).length, 1);

  const record = await app.inject({ method: 'GET', url: location, headers: { cookie: me.cookie } });
  assert.equal(record.statusCode, 200);
  assert.match(record.body, /申请已提交，编号依申〔\d{4}〕第1号/);
  assert.match(record.body, /收到申请之日/);
  const id = location.match(/\d+/)![0];
  const theirs = await app.inject({ method: 'GET', url: `/disclosure/${id}`, headers: { cookie: other.cookie } });
  assert.equal(theirs.statusCode, 404, "another citizen cannot open someone's application");

  const space = await app.inject({ method: 'GET', url: '/user/', headers: { cookie: me.cookie } });
  assert.match(space.body, /我的依申请公开/);
  assert.match(space.body, /本机关2025年政务服务大厅排队时长统计/);

  const column = await app.inject({ method: 'GET', url: '/zwgk/ysqgk/' });
  assert.equal(column.statusCode, 200);
  assert.match(column.body, /在线申请政府信息公开/);
});

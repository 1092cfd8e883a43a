// Who may do what with a data set, and what a refused release leaves public: only editors of the 数据发布
// column write; reviewers read and decide; another department's editor and anonymous callers are refused; a
// release sent back by the reviewer changes nothing on the public site.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, login, staff, testEnv } from '../../../test/helpers.ts';
import { team } from '../../../test/workflow.ts';
import { ensureDataColumn } from './data-column.ts';
import { DEFAULT_LICENCE, type DatasetInput } from './datasets.schema.ts';
import type { AppContext } from '../../context.ts';
import type { AuthContext } from '../auth/auth.service.ts';
import type { Role } from '../../platform/auth/roles.ts';

test('data sets: writers, readers and strangers; a returned release leaves the public one as it was', async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  const tm = await team(app, ctx);
  await ensureDataColumn(ctx, tm.siteId, { lead: '综合处' });
  await staff(ctx, 'zx_editor', ['editor'], '组宣处');
  const stranger = await login(app, 'zx_editor');
  const departmentId = (await ctx.departments.list(tm.siteId)).find((d) => d.name === '综合处')!.id;
  const input: DatasetInput = {
    title: '窗口服务满意度',
    description: '政务服务中心窗口服务的月度满意度调查结果。',
    theme: '政务服务',
    keywords: '',
    departmentId,
    updateFrequency: '每月',
    coverageFrom: null,
    coverageTo: null,
    licence: DEFAULT_LICENCE,
    contact: '综合处',
    shareType: '无条件共享',
    shareCondition: '',
    openType: '无条件开放',
    openCondition: '',
  };

  assert.equal((await call(app, null, 'POST', `/api/sites/${tm.siteId}/datasets`, input)).statusCode, 401);
  const refused = await call(app, stranger, 'POST', `/api/sites/${tm.siteId}/datasets`, input);
  assert.equal(refused.statusCode, 403);
  assert.equal(refused.json().error.code, 'DATASET_NOT_WRITER');
  assert.equal((await call(app, tm.reviewer, 'POST', `/api/sites/${tm.siteId}/datasets`, input)).statusCode, 403);

  // The editor's data set, with one confirmed version, released through the review.
  const editor = await auth(ctx, tm.ids.editor);
  const id = await ctx.datasets.create(editor, tm.siteId, input);
  const v1 = await ctx.datasets.upload(editor, id, Buffer.from('月份,满意度\n2026-09,98.5\n2026-10,99.1\n'), 'a.csv', {
    label: '十月',
  });
  await ctx.datasets.confirm(editor, id, v1.version.id, { columns: v1.version.columns });
  const r1 = await ctx.datasets.publishing.submit(editor, id, { secret: '否', releaseForm: '网站公开' });
  for (const who of [tm.reviewer, tm.leader])
    assert.equal(
      (await call(app, who, 'POST', `/api/review/${r1.id}/decide`, { decision: '同意', opinion: '同意' })).statusCode,
      200,
    );

  // Reviewers read; strangers neither read nor write.
  assert.equal((await call(app, tm.reviewer, 'GET', `/api/datasets/${id}`)).statusCode, 200);
  assert.equal((await call(app, tm.reviewer, 'PUT', `/api/datasets/${id}`, input)).statusCode, 403);
  assert.equal((await call(app, stranger, 'PUT', `/api/datasets/${id}`, input)).statusCode, 403);
  assert.equal(
    (
      await call(app, stranger, 'POST', `/api/datasets/${id}/charts`, {
        title: '满意度',
        kind: 'line',
        categoryColumn: '月份',
        valueColumns: ['满意度'],
        aggregate: 'sum',
        filter: null,
        unit: '%',
      })
    ).statusCode,
    403,
  );

  // A second version sent back by the reviewer: the public still sees the first, unchanged.
  const v2 = await ctx.datasets.upload(editor, id, Buffer.from('月份,满意度\n2026-11,97.0\n'), 'b.csv', {
    label: '十一月',
  });
  await ctx.datasets.confirm(editor, id, v2.version.id, { columns: v2.version.columns });
  const r2 = await ctx.datasets.publishing.submit(editor, id, { secret: '否', releaseForm: '网站公开' });
  const back = await call(app, tm.reviewer, 'POST', `/api/review/${r2.id}/decide`, {
    decision: '不同意',
    opinion: '数据口径需核实',
  });
  assert.equal(back.statusCode, 200, back.body);
  const open = (await app.inject(`/api/open/datasets/${id}`)).json();
  assert.deepEqual(
    open.versions.map((v: { label: string }) => v.label),
    ['十月'],
  );
  assert.equal((await app.inject(`/api/open/datasets/${id}/rows?version=2`)).statusCode, 404);
});

/** The staff member as the services see them, without a session. */
async function auth(c: AppContext, userId: number): Promise<AuthContext> {
  const user = await c.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  const grants = (
    await c.db.selectFrom('user_roles').select(['role', 'site_id']).where('user_id', '=', userId).execute()
  ).map((g) => ({
    role: g.role as Role,
    siteId: g.site_id,
  }));
  return {
    userId,
    username: user.username,
    displayName: user.display_name,
    departmentId: user.department_id,
    grants,
    sessionId: 'test',
    csrfToken: '',
    mustChangePassword: false,
    passwordExpired: false,
    actor: { userId, username: user.username, ip: '127.0.0.1' },
  };
}

// The role × route authorization matrix, generated from the app's route table: every registered route declares
// who may call it (access.ts) — a staff route by its guard's capability, a citizen route by the citizens' guard,
// anything else by `config: PUBLIC_ROUTE` — and every route is called here as an anonymous visitor and as every
// staff role. A route without a declaration fails this test, and so does a declaration the route does not enforce.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECT, call, login, mainSiteId, staff, testEnv, type Session } from '../../../test/helpers.ts';
import { draftNews, team } from '../../../test/workflow.ts';
import { ROLE_NAMES, can, type Role } from './roles.ts';
import type { RouteAccess, RouteEntry } from './access.ts';

/** A path of the route: the real site for reads, ids that name nothing (no caller changes anything). */
function pathOf(route: RouteEntry, siteId: number): string {
  return route.url
    .replace(':siteId', route.method === 'GET' ? String(siteId) : '999999')
    .replace(/:(\w+)\.(\w+)/g, '999999.$2')
    .replace(/:\w+/g, '999999')
    .replace('*', 'matrix');
}

type Caller = { role: Role | null; session: Session | null };

type Outcome = 'through' | 401 | 403 | 'no sign-in needed' | 'signed-in citizens only' | 'as anonymous';

/** What the declaration says the caller gets: through the guard (any status but 401/403), refused, or the same. */
function expected(access: RouteAccess, role: Role | null): Outcome {
  // Public and citizen routes: a staff role changes nothing (the same answer as to an anonymous visitor).
  if (access.kind === 'citizen') return role === null ? 'signed-in citizens only' : 'as anonymous';
  if (access.kind === 'public') return role === null ? 'no sign-in needed' : 'as anonymous';
  if (role === null) return 401;
  const capabilities = access.capability ? [access.capability] : (access.anyOf ?? []);
  if (capabilities.length === 0) return 'through';
  return capabilities.some((c) => can([{ role, siteId: null }], c)) ? 'through' : 403;
}

function answers(want: Outcome, status: number, anonymous: number): boolean {
  switch (want) {
    case 'through':
      return status !== 401 && status !== 403;
    case 'no sign-in needed':
      // A form's own token may still refuse (403), a sign-in never is asked for.
      return status !== 401;
    case 'signed-in citizens only':
      return status === 401 || status === 303;
    case 'as anonymous':
      // The open data API's per-address limit may start answering 429 during the run.
      return status === anonymous || status === 429;
    default:
      return status === want;
  }
}

test(`every route × every role answers as the route declares (${DIALECT})`, { timeout: 600_000 }, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  const siteId = await mainSiteId(ctx);

  const undeclared = app.routeTable.filter((r) => r.access === null).map((r) => `${r.method} ${r.url}`);
  assert.deepEqual(undeclared, [], 'every route declares who may call it');

  const callers: Caller[] = [{ role: null, session: null }];
  for (const role of ROLE_NAMES) {
    await staff(ctx, `matrix_${role}`, [role], role.endsWith('admin') || role === 'inspector' ? undefined : '综合处');
    callers.push({ role, session: await login(app, `matrix_${role}`) });
  }
  // Signing out last, so every other route is called with live sessions.
  const routes = [...app.routeTable].sort(
    (a, b) => Number(a.url.endsWith('/logout')) - Number(b.url.endsWith('/logout')),
  );
  const wrong: string[] = [];
  let calls = 0;
  for (const route of routes) {
    const access = route.access!;
    const url = pathOf(route, siteId);
    let anonymous = 0;
    for (const { role, session } of callers) {
      const res = await call(app, session, route.method, url, route.method === 'GET' ? undefined : {});
      calls += 1;
      if (role === null) anonymous = res.statusCode;
      const want = expected(access, role);
      const ok = answers(want, res.statusCode, anonymous);
      if (!ok)
        wrong.push(`${route.method} ${route.url} as ${role ?? 'anonymous'}: ${res.statusCode}, expected ${want}`);
    }
  }
  t.diagnostic(`${routes.length} routes × ${callers.length} callers = ${calls} calls`);
  assert.deepEqual(wrong, []);
});

test(`every action on an item declares and enforces its rule: need-to-know to read, the column to change (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  const tm = await team(app, ctx);
  await staff(ctx, 'zwfw_editor', ['editor'], '政务服务中心');
  const stranger = await login(app, 'zwfw_editor'); // an editor, but neither of the item's department nor column
  const item = await draftNews(app, ctx, tm);
  const versions = async () =>
    (await ctx.db.selectFrom('content_versions').select('id').where('content_id', '=', item.id).execute()).length;
  const before = await versions();

  const itemRoutes = app.routeTable.filter((r) => r.url.startsWith('/api/content/:id'));
  assert.ok(itemRoutes.length >= 8, `${itemRoutes.length} routes on an item`);
  const wrong: string[] = [];
  for (const route of itemRoutes) {
    const access = route.access;
    const scope = access?.kind === 'staff' ? access.scope : undefined;
    if (scope !== 'content.read' && scope !== 'content.write') {
      wrong.push(`${route.method} ${route.url} declares no item rule`);
      continue;
    }
    const url = route.url.replace(':id', String(item.id)).replace(':version', '1');
    const body = route.method === 'GET' ? undefined : {};
    const refused = await call(app, stranger, route.method, url, body);
    if (refused.statusCode !== 403) wrong.push(`${route.method} ${route.url} as a stranger: ${refused.statusCode}`);
    const own = await call(app, tm.editor, route.method, url, body);
    if (own.statusCode === 401 || own.statusCode === 403)
      wrong.push(`${route.method} ${route.url} as its editor: ${own.statusCode}`);
  }
  assert.deepEqual(wrong, []);
  const row = await ctx.db
    .selectFrom('content_items')
    .select(['status', 'publish_at', 'withdraw_at'])
    .where('id', '=', item.id)
    .executeTakeFirstOrThrow();
  assert.equal(row.status, 'draft');
  assert.ok((await versions()) <= before + 1, 'only its own editor restored a version');
});

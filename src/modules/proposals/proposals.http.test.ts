// 建议提案办理: a 人大代表建议 registered with its number and a deadline three months on, a second one with the same
// number refused, the reply recorded and published through the review with the proposer's name masked, the
// yearly summary counting what was replied on time and published.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECT, call, columnByName, login, testEnv } from '../../../test/helpers.ts';
import { approveRelease, officeTeam } from '../../../test/participation.ts';
import { ManualClock } from '../../platform/time.ts';

test(`建议提案: register, refuse a duplicate number, reply, publish masked, yearly summary (${DIALECT})`, async (t) => {
  const clock = new ManualClock(new Date('2026-03-10T02:00:00Z'));
  const env = await testEnv({ clock });
  t.after(() => env.close());
  const { app, ctx } = env;
  const { siteId } = await officeTeam(ctx);
  const editor = await login(app, 'zh_editor');
  const input = {
    year: 2026,
    kind: 'npc',
    number: '0123',
    title: '关于进一步优化企业开办流程的建议',
    proposer: '李建国',
    role: 'lead',
    receivedOn: '2026-03-10',
  };
  const created = await call(app, editor, 'POST', `/api/proposals?siteId=${siteId}`, input);
  assert.equal(created.statusCode, 200, created.body);
  const id = created.json().id;
  const twice = await call(app, editor, 'POST', `/api/proposals?siteId=${siteId}`, { ...input, proposer: '王五' });
  assert.equal(twice.statusCode, 409);
  assert.equal(twice.json().error.message, '2026年人大代表建议第0123号已登记');
  await call(app, editor, 'POST', `/api/proposals?siteId=${siteId}`, {
    ...input,
    kind: 'cppcc',
    number: '0045',
    proposer: '赵敏',
    role: 'assist',
  });

  let view = (await call(app, editor, 'GET', `/api/proposals/${id}`)).json();
  assert.equal(view.dueOn, '2026-06-10', 'three months from assignment');
  assert.equal(view.status, 'handling');
  const early = await call(app, editor, 'POST', `/api/proposals/${id}/publish`);
  assert.equal(early.json().error.code, 'PARTICIPATION_WRONG_STATE');

  const replied = await call(app, editor, 'PUT', `/api/proposals/${id}/reply`, {
    reply: '感谢您的建议。\n我办已推行企业开办“一网通办”，全流程压缩至1个工作日。',
    repliedOn: '2026-05-20',
    satisfaction: '满意',
  });
  assert.equal(replied.statusCode, 200, replied.body);
  const submitted = await call(app, editor, 'POST', `/api/proposals/${id}/publish`);
  assert.equal(submitted.statusCode, 200, submitted.body);
  await approveRelease(app, submitted.json().reviewRequestId);
  view = (await call(app, editor, 'GET', `/api/proposals/${id}`)).json();
  assert.equal(view.status, 'published');

  const column = await columnByName(ctx, '建议提案办理');
  const page = await app.inject({ method: 'GET', url: `${column.path}${view.contentId}.html` });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /李\*\*代表：/);
  assert.doesNotMatch(page.body, /李建国/, 'the proposer is not named in public');
  assert.match(page.body, /2026年人大代表建议第0123号/);

  const summary = (await call(app, editor, 'GET', `/api/proposals/summary?siteId=${siteId}&year=2026`)).json();
  assert.deepEqual(
    summary.kinds.map((k: Record<string, unknown>) => [
      k.kindName,
      k.total,
      k.lead,
      k.assist,
      k.repliedOnTime,
      k.published,
      k.satisfied,
    ]),
    [
      ['人大代表建议', 1, 1, 0, 1, 1, 1],
      ['政协委员提案', 1, 0, 1, 0, 0, 0],
    ],
  );
});

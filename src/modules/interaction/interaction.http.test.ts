import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, DIALECT, testEnv } from '../../../test/helpers.ts';
import { citizenCall, citizenOutbox, registerCitizen } from '../../../test/citizens.ts';
import { answer, citizenWithMessage, office, submitMessage } from '../../../test/interaction.ts';

test(`a message goes from the citizen through the dispatcher, the department, the review and back, rated (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  const o = await office(app, ctx);
  const box = citizenOutbox(ctx);
  const { citizen, message } = await citizenWithMessage(app, ctx);
  assert.match(message.trackingNo, /^LY\d{8}\d{6}$/);

  // Nothing routed it: the dispatcher has it; a department cannot touch it yet.
  const inbox = (await call(app, o.dispatcher, 'GET', `/api/sites/${o.siteId}/messages?box=dispatch`)).json();
  assert.deepEqual(
    inbox.items.map((m: { trackingNo: string }) => m.trackingNo),
    [message.trackingNo],
  );
  assert.equal((await call(app, o.handler, 'POST', `/api/messages/${message.id}/sign`)).statusCode, 403);

  const requestId = await answer(app, o, message.id);

  // The reply is registered like any release and the message is answered and public.
  const register = await ctx.review.request(requestId);
  assert.equal(register?.state, 'approved');
  assert.equal(register?.release_form, '网站公开');
  const mine = (await citizenCall(app, citizen, 'GET', `/api/citizen/messages/${message.id}`)).json();
  assert.equal(mine.status, '已答复');
  assert.equal(mine.replies.length, 1);
  assert.equal(mine.replies[0].departmentName, '政务处');
  assert.ok(mine.canRate);
  assert.ok(mine.publicUrl?.startsWith('/hdjl/wsly/'));
  assert.ok(box.sms.sent.some((s) => s.text.includes(message.trackingNo) && s.text.includes('已答复')));

  // Rated 不满意 → a second handling, once.
  const rated = await citizenCall(app, citizen, 'POST', `/api/citizen/messages/${message.id}/rating`, {
    rating: '不满意',
    comment: '没有说明办理地点',
  });
  assert.equal(rated.statusCode, 200, rated.body);
  assert.ok(rated.json().canAskSecond);
  const again = await citizenCall(app, citizen, 'POST', `/api/citizen/messages/${message.id}/rating`, {
    rating: '满意',
  });
  assert.equal(again.json().error.code, 'MESSAGE_ALREADY_RATED');
  const second = await citizenCall(app, citizen, 'POST', `/api/citizen/messages/${message.id}/second`, {
    reason: '请告知线下办理窗口的地址',
  });
  assert.equal(second.statusCode, 200, second.body);
  assert.equal(second.json().status, '办理中');
  const twice = await citizenCall(app, citizen, 'POST', `/api/citizen/messages/${message.id}/second`, {
    reason: '再次申请',
  });
  assert.equal(twice.json().error.code, 'MESSAGE_SECOND_USED');
});

test(`a double click creates one message; another citizen cannot read it (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  await office(app, ctx);
  const citizen = await registerCitizen(app, ctx);
  const key = 'double-click-key-0001';
  const [a, b] = await Promise.all([
    submitMessage(app, citizen, { idempotencyKey: key }),
    submitMessage(app, citizen, { idempotencyKey: key }),
  ]);
  assert.equal(a.statusCode, 200, a.body);
  assert.equal(b.statusCode, 200, b.body);
  assert.equal(a.json().trackingNo, b.json().trackingNo);
  const count = await ctx.db
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  assert.equal(Number(count?.n), 1);

  const other = await registerCitizen(app, ctx);
  const peek = await citizenCall(app, other, 'GET', `/api/citizen/messages/${a.json().id}`);
  assert.equal(peek.statusCode, 403);
  assert.equal(peek.json().error.code, 'MESSAGE_NOT_YOURS');
});

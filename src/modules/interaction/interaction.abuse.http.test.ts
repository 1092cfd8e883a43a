// Bad input and abuse on the message board: each refusal is a clear Chinese error and changes nothing — no message,
// no step of the trail, no audit record is left behind by a refused request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, DIALECT, testEnv } from '../../../test/helpers.ts';
import { citizenCall, registerCitizen } from '../../../test/citizens.ts';
import { citizenWithMessage, office, submitMessage } from '../../../test/interaction.ts';

const HAN = /[\u4e00-\u9fff]/;

test(`bad input and abuse are refused in Chinese and change nothing (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  const o = await office(app, ctx);
  const { citizen, message } = await citizenWithMessage(app, ctx);
  const counts = async () => ({
    messages: Number(
      (
        await ctx.db
          .selectFrom('messages')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    events: Number(
      (
        await ctx.db
          .selectFrom('message_events')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  });
  const before = await counts();
  const refused = (res: { statusCode: number; body: string }, status: number, code?: string) => {
    assert.equal(res.statusCode, status, res.body);
    const error = JSON.parse(res.body).error as { code: string; message: string };
    assert.match(error.message, HAN, `a Chinese message: ${error.message}`);
    if (code) assert.equal(error.code, code);
  };

  // The citizen's form.
  refused(await submitMessage(app, citizen, { title: '   ' }), 400);
  refused(await submitMessage(app, citizen, { body: '短' }), 400);
  refused(await submitMessage(app, citizen, { body: '长'.repeat(20_001) }), 400);
  refused(await submitMessage(app, citizen, { category: '表扬' }), 400, 'MESSAGE_CATEGORY_INVALID');
  const stranger = await registerCitizen(app, ctx);
  refused(await citizenCall(app, stranger, 'GET', `/api/citizen/messages/${message.id}`), 403, 'MESSAGE_NOT_YOURS');
  refused(await citizenCall(app, citizen, 'GET', '/api/citizen/messages/999999'), 404);
  refused(
    await citizenCall(app, citizen, 'POST', `/api/citizen/messages/${message.id}/rating`, { rating: '满意' }),
    409,
  );
  refused(
    await citizenCall(app, citizen, 'POST', `/api/citizen/messages/${message.id}/second`, { reason: '不满意答复内容' }),
    409,
  );
  const anonymous = await app.inject({ method: 'POST', url: '/api/citizen/messages', payload: {} });
  assert.ok([400, 401, 403].includes(anonymous.statusCode), anonymous.body);

  // The office.
  refused(await call(app, o.dispatcher, 'POST', `/api/messages/${message.id}/invalid`, { reason: ' ' }), 400);
  refused(
    await call(app, o.dispatcher, 'POST', `/api/messages/${message.id}/assign`, { departmentId: 999_999 }),
    400,
    'MESSAGE_DEPARTMENT_INVALID',
  );
  refused(
    await call(app, o.handler, 'POST', `/api/messages/${message.id}/assign`, { departmentId: o.departments.政务处 }),
    403,
  );
  refused(await call(app, o.outsider, 'GET', `/api/messages/${message.id}`), 403);
  refused(
    await call(app, o.handler, 'PUT', `/api/messages/${message.id}/draft`, {
      body: '好',
      excerptTitle: 'x',
      excerptBody: 'y',
      publish: true,
    }),
    403,
  );

  assert.deepEqual(await counts(), before, 'nothing was written by a refused request');
});

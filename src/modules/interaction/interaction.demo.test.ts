// The demo's message board shows every state a message can be in, answered as the rules ask: replies within 5
// working days, two invalid messages with their reasons, a few ratings and one second handling, the 找错 tickets
// of both channels, at least 40 published knowledge-base pairs, and the subordinate site's one overdue message.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { call, DIALECT, login, mainSiteId, testEnv, type TestEnv } from '../../../test/helpers.ts';
import { DEMO_STAFF_PASSWORD } from '../setup/demo-content.ts';
import { STATS_PATH } from './board.ts';

describe(`demo citizen interaction (${DIALECT})`, () => {
  let env: TestEnv;
  let siteId: number;
  let subSiteId: number;

  before(async () => {
    env = await testEnv({ demoContent: true });
    siteId = await mainSiteId(env.ctx);
    subSiteId = (await env.ctx.db.selectFrom('sites').select('id').where('code', '=', 'zwfw').executeTakeFirstOrThrow())
      .id;
  });
  after(async () => env.close());

  const messages = (site: number) =>
    env.ctx.db.selectFrom('messages').selectAll().where('site_id', '=', site).orderBy('id').execute();

  it('has messages in every state, over months, replied within 5 working days', async () => {
    const rows = await messages(siteId);
    const board = rows.filter((m) => m.channel === 'board');
    const states = new Set(board.map((m) => m.state));
    for (const s of ['pending_dispatch', 'assigned', 'handling', 'in_review', 'replied', 'invalid'])
      assert.ok(states.has(s), `a message in state ${s}`);
    const first = Date.parse(board[0].received_at);
    assert.ok(Date.now() - first > 330 * 86_400_000, 'the board has a year of history');
    const months = new Set(
      board.map((m) => new Date(Date.parse(m.received_at) + 8 * 3_600_000).toISOString().slice(0, 7)),
    );
    assert.ok(months.size >= 12, `messages in every month of the year: ${[...months].join(' ')}`);
    for (const m of board.filter((x) => x.replied_at)) {
      const second =
        m.round === 2
          ? await env.ctx.db
              .selectFrom('message_replies')
              .select('approved_at')
              .where('message_id', '=', m.id)
              .where('round', '=', 2)
              .executeTakeFirst()
          : undefined;
      const clocks = await env.ctx.interaction.core.clocks(m, second?.approved_at ?? null);
      assert.ok(!clocks.reply.overdue, `${m.title} answered in time`);
    }
    const invalid = board.filter((m) => m.state === 'invalid');
    assert.equal(invalid.length, 2);
    for (const m of invalid) assert.ok((m.invalid_reason ?? '').length > 5);
    assert.ok(board.filter((m) => m.rating).length >= 6, 'some replies are rated');
    assert.ok(
      board.some((m) => m.round === 2 && m.state === 'replied'),
      'one message handled a second time',
    );
    assert.ok(board.filter((m) => m.published_at).length >= 40, 'most replies are public');
  });

  it('keeps 找错 tickets from the local form and the national platform, and a knowledge base', async () => {
    const rows = await messages(siteId);
    assert.ok(rows.filter((m) => m.channel === 'local-error' && m.state === 'closed').length >= 5);
    assert.ok(rows.filter((m) => m.channel === 'national-error').length >= 5);
    const pairs = await env.ctx.interaction.knowledge.published(siteId);
    assert.ok(pairs.length >= 40, `${pairs.length} published pairs`);
    assert.ok(
      pairs.some((p) => p.source_message_id !== null),
      'a reply promoted into the knowledge base',
    );
  });

  it('leaves the subordinate site one answered and one overdue message, red on its dispatcher’s dashboard', async () => {
    const rows = await messages(subSiteId);
    assert.deepEqual(
      rows.map((m) => m.state),
      ['replied', 'handling'],
    );
    assert.ok(rows[0].published_at, 'one answered message is public, so the 网上留言 column is not blank');
    const clocks = await env.ctx.interaction.core.clocks(rows[1]);
    assert.ok(clocks.reply.overdue, 'the message is past its reply limit');
    const session = await login(env.app, 'zx_zwfw_fenban', DEMO_STAFF_PASSWORD);
    const res = await call(env.app, session, 'GET', `/api/sites/${subSiteId}/messages/dashboard`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().overdueReply, 1);
  });

  it('shows the published replies and the statistics on the public site', async () => {
    const published = (await messages(siteId)).filter((m) => m.published_at).at(-1)!;
    const url = await env.ctx.interaction.messages.publicUrl(published);
    assert.ok(url);
    const page = await env.app.inject({ method: 'GET', url: url! });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /答复单位/);
    const stats = await env.app.inject({ method: 'GET', url: STATS_PATH });
    assert.equal(stats.statusCode, 200);
    assert.match(stats.body, /<svg/);
  });
});

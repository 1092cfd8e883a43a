// The smart Q&A over what the site has published (not only the knowledge base): indexed words can be asked in full
// pinyin, in spaced pinyin, or with a one-character typo; the answer names its sources and hands over to the
// message form with the question. A name jieba cuts into single characters and a word (市 / 政务 / 办) is found by
// its pinyin (`shizhengwuban`) and its initials: the vocabulary joins such pieces again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECT, testEnv } from '../../../test/helpers.ts';
import { draftNews, publishThroughReview, team } from '../../../test/workflow.ts';

async function publishedSite(t: { after: (fn: () => Promise<void>) => void }) {
  const env = await testEnv();
  t.after(() => env.close());
  const crew = await team(env.app, env.ctx);
  const item = await draftNews(env.app, env.ctx, crew, '市政务办推行营业执照全程网办', {
    bodyHtml: '<p>市政务办推行营业执照全程网上办理，企业开办一个工作日内办结。</p>',
  });
  await publishThroughReview(env.app, crew, item.id);
  await env.ctx.search.idle();
  return env;
}

test(`the Q&A finds published pages by full and spaced pinyin and with a typo (${DIALECT})`, async (t) => {
  const { app } = await publishedSite(t);

  const ask = async (q: string) => {
    const res = await app.inject({ method: 'GET', url: `/api/qa?q=${encodeURIComponent(q)}` });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as {
      answer: { title: string } | null;
      sources: { title: string }[];
      handoff: { url: string };
    };
    // The best page becomes the answer; the others are its sources.
    return { titles: [body.answer, ...body.sources].flatMap((s) => (s ? [s.title] : [])), handoff: body.handoff };
  };
  for (const q of ['yingye zhizhao', 'yingyezhizhao', '营业执造', 'zhengwu']) {
    const answer = await ask(q);
    assert.ok(
      answer.titles.some((title) => title.includes('营业执照全程网办')),
      `“${q}” finds the page: ${JSON.stringify(answer.titles)}`,
    );
  }
  const none = await ask('火星探测器发射');
  assert.ok(none.handoff.url.includes('/user/messages/new?q='), 'hands over to the message form with the question');
});

test(`the pinyin of a name cut into single characters finds it: shizhengwuban → 市政务办 (${DIALECT})`, async (t) => {
  const { app } = await publishedSite(t);
  const res = await app.inject({ method: 'GET', url: '/api/qa?q=shizhengwuban' });
  const body = res.json() as { answer: { title: string } | null; sources: { title: string }[] };
  const titles = [body.answer, ...body.sources].flatMap((s) => (s ? [s.title] : []));
  assert.ok(
    titles.some((title) => title.includes('市政务办')),
    JSON.stringify(titles),
  );
  // The initials suggest the name as one types (among the first five suggestions).
  const suggest = await app.inject({ method: 'GET', url: '/api/search/suggest?q=szwb' });
  const items = (suggest.json() as { items: { text: string }[] }).items.slice(0, 5);
  assert.ok(
    items.some((i) => i.text.includes('市政务办')),
    JSON.stringify(items),
  );
});

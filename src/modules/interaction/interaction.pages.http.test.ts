import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { call, DIALECT, testEnv } from '../../../test/helpers.ts';
import { registerCitizen } from '../../../test/citizens.ts';
import { answer, citizenWithMessage, office } from '../../../test/interaction.ts';

const page = (app: Parameters<typeof call>[0], url: string, cookie?: string) =>
  app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

test(`the published message shows 留言时间, 答复时间, 答复单位 and 答复内容 with the page tags, masked (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  const o = await office(app, ctx);
  const { message } = await citizenWithMessage(app, ctx, {
    title: '开办公司咨询',
    body: '我叫王小明，电话13912345678，想开办一家公司，请问需要哪些材料？',
  });
  await answer(app, o, message.id);

  const list = await page(app, '/hdjl/wsly/');
  assert.equal(list.statusCode, 200);
  const $list = cheerio.load(list.body);
  const link = $list('.interaction-table tbody a').first();
  assert.equal(link.text(), '开办公司咨询');
  assert.equal($list('meta[name="ColumnName"]').attr('content'), '网上留言');

  const detail = await page(app, link.attr('href')!);
  assert.equal(detail.statusCode, 200, detail.body.slice(0, 300));
  const $ = cheerio.load(detail.body);
  const facts = Object.fromEntries(
    $('.message-facts dt')
      .toArray()
      .map((dt) => [$(dt).text(), $(dt).next('dd').text()]),
  );
  for (const label of ['留言时间', '答复时间', '答复单位']) assert.ok(facts[label], `${label} shown`);
  assert.equal(facts.答复单位, '政务处');
  assert.ok($('#reply-1').length && $('.message-reply').text().includes('一网通办'), '答复内容 shown');
  assert.equal($('meta[name="ArticleTitle"]').attr('content'), '开办公司咨询');
  assert.ok($('meta[name="PubDate"]').attr('content'));
  assert.equal($('meta[name="ContentSource"]').attr('content'), '政务处');
  assert.equal($('meta[name="SiteIDCode"]').length, 1);
  assert.ok(!detail.body.includes('13912345678'), 'the phone number is masked');
  assert.ok(!detail.body.includes('王小明'), 'the name is masked');
  assert.ok(detail.body.includes('139*****678') || detail.body.includes('139****5678'));

  // Filters and search.
  const none = await page(app, `/hdjl/wsly/?dept=${o.departments.组宣处}`);
  assert.ok(cheerio.load(none.body)('.empty').length > 0 || !none.body.includes('开办公司咨询'));
  const found = await page(app, `/hdjl/wsly/?q=${encodeURIComponent('开办')}`);
  assert.ok(found.body.includes('开办公司咨询'));
});

test(`the statistics page counts what was received and answered; the Q&A page answers without JavaScript (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  const o = await office(app, ctx);
  const first = await citizenWithMessage(app, ctx);
  await citizenWithMessage(app, ctx, {
    title: '建议延长窗口服务时间',
    category: '建议',
    body: '建议政务大厅周六上午开放。',
  });
  await answer(app, o, first.message.id);

  const stats = await page(app, '/hudong/tongji/');
  assert.equal(stats.statusCode, 200);
  const $ = cheerio.load(stats.body);
  const total = $('.stats-summary li')
    .toArray()
    .map((li) => $(li).text());
  assert.ok(
    total.some((t) => t.includes('收到留言 2 件')),
    total.join(' | '),
  );
  assert.ok(total.some((t) => t.includes('已答复 1 件')));
  assert.ok($('figure.chart svg').length >= 1, 'a chart drawn on the server');
  assert.ok($('table.chart-table').length >= 1, 'with its data table');

  const editor = o.handler;
  const created = await call(app, editor, 'POST', `/api/sites/${o.siteId}/knowledge`, {
    question: '营业执照丢了怎么补办？',
    answer: '营业执照遗失的，可通过一网通办平台申请补领，也可到政务服务中心市场监管窗口办理。',
    variants: '营业执照遗失补领',
  });
  assert.equal(created.statusCode, 200, created.body);
  const publish = await call(app, o.reviewer, 'POST', `/api/knowledge/${created.json().id}/publish`);
  assert.equal(publish.statusCode, 200, publish.body);
  const qa = await page(app, `/qa?q=${encodeURIComponent('执照丢失如何补领')}`);
  assert.equal(qa.statusCode, 200);
  assert.ok(qa.body.includes('一网通办平台申请补领'), 'answered from the knowledge base');
  assert.ok(qa.body.includes('没有找到答案？我要留言'));
  const api = await app.inject({ method: 'GET', url: `/api/qa?q=${encodeURIComponent('yingyezhizhao')}` });
  assert.equal(api.statusCode, 200, api.body);
  assert.equal(api.json().answer?.kind, 'knowledge');
});

test(`the forms work without JavaScript: a message with an attachment, the 纠错 form from the footer (${DIALECT})`, async (t) => {
  const env = await testEnv();
  t.after(() => env.close());
  const { app, ctx } = env;
  await office(app, ctx);
  const citizen = await registerCitizen(app, ctx);
  const form = await page(app, '/user/messages/new?q=%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7', citizen.cookie);
  assert.equal(form.statusCode, 200);
  const $ = cheerio.load(form.body);
  assert.equal($('textarea[name="body"]').text(), '营业执照');
  const key = $('input[name="idempotencyKey"]').attr('value')!;
  const csrf = $('input[name="_csrf"]').attr('value')!;
  const boundary = '----govportal-test';
  const part = (name: string, value: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  );
  const body = Buffer.concat([
    Buffer.from(
      part('_csrf', csrf) +
        part('idempotencyKey', key) +
        part('category', '投诉') +
        part('title', '<script>alert(1)</script>窗口态度') +
        part('body', '办事窗口工作人员态度不好，请核查。') +
        part('publishConsent', '1') +
        part('contactPreference', 'none') +
        `--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="现场.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    png,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const posted = await app.inject({
    method: 'POST',
    url: '/user/messages/new',
    headers: { cookie: citizen.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: body,
  });
  assert.equal(posted.statusCode, 303, posted.body.slice(0, 500));
  const mine = await page(app, posted.headers.location as string, citizen.cookie);
  assert.equal(mine.statusCode, 200);
  assert.ok(mine.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;窗口态度'), 'shown escaped');
  assert.ok(mine.body.includes('现场.png'));
  const stored = await ctx.db.selectFrom('messages').selectAll().executeTakeFirstOrThrow();
  assert.equal(JSON.parse(stored.attachments).length, 1);

  // The footer links every page to the 纠错 form with the page's address.
  const home = await page(app, '/gzdt/');
  const jiucuoHref = cheerio.load(home.body)('.footer-links a[href^="/user/jiucuo"]').attr('href')!;
  assert.match(jiucuoHref, /url=%2Fgzdt%2F/);
  const jiucuo = await app.inject({ method: 'GET', url: jiucuoHref });
  const $j = cheerio.load(jiucuo.body);
  assert.equal($j('input[name="pageUrl"]').attr('value'), '/gzdt/');
  const cookie = jiucuo.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const sent = await app.inject({
    method: 'POST',
    url: '/user/jiucuo',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({
      _csrf: $j('input[name="_csrf"]').attr('value')!,
      idempotencyKey: $j('input[name="idempotencyKey"]').attr('value')!,
      pageUrl: '/gzdt/',
      description: '工作动态栏目第二页的链接打不开。',
    }).toString(),
  });
  assert.equal(sent.statusCode, 200, sent.body.slice(0, 300));
  assert.ok(sent.body.includes('感谢您的纠错'));
  const ticket = await ctx.db
    .selectFrom('messages')
    .selectAll()
    .where('channel', '=', 'local-error')
    .executeTakeFirstOrThrow();
  assert.equal(ticket.page_url, '/gzdt/');
  assert.equal(ticket.held, 1, 'without the proof of work an anonymous report waits for moderation');
});

// The 2025 reports of a fixture year: applications received and answered on their real dates, Table 三 generated
// from them equal to the hand count, an inconsistent adjustment refused with nothing changed, the report completed,
// reviewed and published with its PDF; the 年度报表 generated, published and shown on the home page by 31 January.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECT, call, login, testEnv } from '../../../test/helpers.ts';
import { approveRelease, authAs, officeTeam } from '../../../test/participation.ts';
import { ManualClock } from '../../platform/time.ts';
import { newIdempotencyKey } from '../../platform/idempotency.ts';
import type { Disposition } from '../disclosure/disclosure-rules.ts';
import { FIXTURE } from './disclosure-report.test.ts';
import { TABLE3_ROWS } from './disclosure-report.ts';

const HAND: Record<string, number[]> = {
  new: [3, 1, 1, 1, 1, 1, 8],
  carried: [1, 1, 0, 0, 0, 0, 2],
  public: [1, 1, 0, 0, 0, 0, 2],
  partial: [1, 0, 0, 0, 0, 0, 1],
  'withheld.third_party': [1, 0, 0, 0, 0, 0, 1],
  'unavailable.not_held': [0, 0, 1, 0, 0, 0, 1],
  'not_processed.repeat': [0, 0, 0, 0, 1, 0, 1],
  'other.no_correction': [0, 0, 0, 1, 0, 0, 1],
  handled: [3, 1, 1, 1, 1, 0, 7],
  forward: [1, 1, 0, 0, 0, 1, 3],
};

const ORG_CODE = '91320100MA1NJ0001M';

test(`the 2025 annual report from the records, refused when inconsistent, published with its PDF; the 年度报表 on the home page (${DIALECT})`, {
  timeout: 240_000,
}, async (t) => {
  const clock = new ManualClock('2024-11-01T02:00:00.000Z');
  const env = await testEnv({ clock });
  t.after(() => env.close());
  const { app, ctx } = env;
  const { siteId } = await officeTeam(ctx);
  const { disclosure, handling } = ctx.participation;

  // The fixture year, in time order: each application received and answered on its day.
  const events: { at: string; run: () => Promise<void> }[] = [];
  for (const f of FIXTURE) {
    let id = 0;
    events.push({
      at: f.receivedAt,
      run: async () => {
        const org = f.applicantType !== 'person';
        const created = await disclosure.register(await authAs(ctx, 'zh_editor'), siteId, {
          applicantType: f.applicantType,
          name: org ? '南江某机构' : '张三',
          idType: org ? 'credit_code' : 'id_card',
          idNumber: org ? ORG_CODE : '11010519491231002X',
          phone: '0599-87654321',
          description: '政务服务大厅的排队时长统计',
          deliveryForm: 'paper',
          deliveryMethod: 'pickup',
          channel: 'letter',
          receivedAt: f.receivedAt,
          idempotencyKey: newIdempotencyKey(),
        });
        id = created.id;
        if (f.disposition === 'other.no_correction') {
          clock.set(new Date(new Date(f.receivedAt).getTime() + 86_400_000).toISOString());
          await handling.requestCorrection(await authAs(ctx, 'zh_editor'), id, {
            items: ['所需信息的年度'],
            deadline: '2025-08-20',
          });
        }
      },
    });
    if (f.answeredAt && f.disposition)
      events.push({
        at: f.answeredAt,
        run: async () => {
          await handling.answer(await authAs(ctx, 'zh_editor'), id, {
            disposition: f.disposition as Disposition,
            reason: '依据《条例》第十五条、第三十六条',
            replyText: '答复书正文',
          });
        },
      });
  }
  events.sort((a, b) => a.at.localeCompare(b.at));
  for (const e of events) {
    clock.set(e.at);
    await e.run();
  }

  clock.set('2026-01-10T02:00:00.000Z');
  // The staff were created in 2024: their passwords, changed since, are not expired.
  await ctx.db.updateTable('users').set({ password_changed_at: clock.now().toISOString() }).execute();
  const editor = await login(app, 'zh_editor');
  const base = `/api/annual-reports/${siteId}/2025/disclosure`;
  const early = await call(app, editor, 'POST', `/api/annual-reports/${siteId}/2026/disclosure/generate`);
  assert.equal(early.json().error.code, 'ANNUAL_REPORT_YEAR_INVALID');
  const generated = await call(app, editor, 'POST', `${base}/generate`);
  assert.equal(generated.statusCode, 200, generated.body);
  const report = generated.json();
  for (const row of TABLE3_ROWS) assert.deepEqual(report.table3[row], HAND[row] ?? [0, 0, 0, 0, 0, 0, 0], row);
  assert.deepEqual(report.problems, []);

  // An adjustment that does not add up is refused, and nothing is saved.
  const wrong = { ...report.table3, public: [2, 1, 0, 0, 0, 0, 3] };
  const refused = await call(app, editor, 'PUT', base, { table3: wrong });
  assert.equal(refused.statusCode, 422);
  assert.equal(refused.json().error.code, 'ANNUAL_REPORT_INCONSISTENT');
  assert.match(refused.json().error.message, /年度报告数据不一致：.*（一）至（六）之和为4，（七）总计为3/);
  assert.deepEqual((await call(app, editor, 'GET', base)).json().table3.public, [1, 1, 0, 0, 0, 0, 2]);

  const incomplete = await call(app, editor, 'POST', `${base}/submit`);
  assert.equal(incomplete.json().error.code, 'DISCLOSURE_FIELD_REQUIRED');
  const saved = await call(app, editor, 'PUT', base, {
    table4: { review: [1, 0, 0, 0, 1], litigationDirect: [0, 0, 0, 0, 0], litigationAfterReview: [0, 0, 0, 0, 0] },
    narrative: {
      overview: '2025年，市政务办认真贯彻落实《条例》，主动公开政府信息，依法办理政府信息公开申请。',
      problems: '一是政策解读形式还不够丰富；二是依申请公开答复文书需进一步规范。',
      other: '',
    },
  });
  assert.equal(saved.statusCode, 200, saved.body);
  const submitted = await call(app, editor, 'POST', `${base}/submit`);
  assert.equal(submitted.statusCode, 200, submitted.body);
  assert.equal(
    (await call(app, editor, 'PUT', base, { narrative: { overview: 'x', problems: 'y', other: '' } })).statusCode,
    409,
  );
  await approveRelease(app, submitted.json().reviewRequestId);
  const published = (await call(app, editor, 'GET', base)).json();
  assert.equal(published.status, 'published');
  assert.equal(published.late, false);
  const pdf = await call(app, editor, 'GET', `${base}.pdf`);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
  const page = await app.inject({ method: 'GET', url: `/zwgk/ndbg/${published.contentId}.html` });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /表三　收到和处理政府信息公开申请情况/);
  assert.match(page.body, /\.pdf/);

  // The 年度报表: generated, the message board's and the services' fields supplied by those modules, published,
  // linked from the home page.
  const website = await call(app, editor, 'POST', `/api/annual-reports/${siteId}/2025/website/generate`);
  assert.equal(website.statusCode, 200, website.body);
  const fields = website.json().sections.flatMap((s: { fields: { key: string }[] }) => s.fields);
  const field = (key: string) => fields.find((f: { key: string }) => f.key === key);
  assert.deepEqual([field('messagesReceived').origin, field('messagesReceived').value], ['module', 0]);
  assert.match(field('messagesReceived').note, /由互动交流模块提供/);
  assert.deepEqual([field('serviceItems').origin, field('serviceItems').value], ['module', 0]);
  const sent = await call(app, editor, 'POST', `/api/annual-reports/${siteId}/2025/website/submit`);
  assert.equal(sent.statusCode, 200, sent.body);
  await approveRelease(app, sent.json().reviewRequestId);
  const home = await app.inject({ method: 'GET', url: '/' });
  assert.match(home.body, /网站年度报表<\/span> <a href="[^"]+">南江市政务服务管理办公室2025年政府网站工作年度报表/);
  const overview = (await call(app, editor, 'GET', `/api/annual-reports?siteId=${siteId}`)).json();
  assert.deepEqual(
    overview.deadlines.map((d: { status: string }) => d.status),
    ['published', 'published'],
  );
});

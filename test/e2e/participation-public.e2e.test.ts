// Participation from the citizen's side, in Chromium without JavaScript (every form is a plain form): a signed-in
// citizen answers a survey with a conditional question and, once it closes, reads the published results (chart
// drawn on the server and its data table); comments on a draft policy and, after closing, follows the link to the
// adoption report in 意见反馈; applies for government information (依申请公开), receives the 补正 notice in the user
// space, supplements, and reads the answer there. Every public page visited is valid HTML (vnu) and axe finds no
// serious violation on it (checked with JavaScript on, as most visitors see it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import type { BrowserContext } from 'playwright-core';
import { seriousAxeProblems } from './axe.ts';
import { VNU_JAR, vnuErrors } from './vnu.ts';
import { browserEnv, SKIP_REASON, screenshot } from './browser.ts';
import { columnByName, staff } from '../helpers.ts';
import { approveRelease, authAs, officeTeam } from '../participation.ts';
import { loginCitizen, registerCitizen } from '../citizens.ts';
import { ManualClock } from '../../src/platform/time.ts';
import { CITIZEN_COOKIE } from '../../src/modules/citizens/citizen-auth.service.ts';

const JAVA = spawnSync('java', ['-version']).status === 0 && fs.existsSync(VNU_JAR);
const shanghai = (local: string) => new Date(`${local}+08:00`).toISOString();

const SURVEY = '政务服务大厅办事体验调查';
const POLICY = '南江市政务服务“好差评”管理办法';
const COMMENT = '建议明确差评整改结果向评价人反馈的时限。';
const INFO = '2025年市政务服务大厅各窗口月度排队时长统计';

async function signIn(contexts: BrowserContext[], baseUrl: string, cookie: string): Promise<void> {
  const value = cookie.slice(`${CITIZEN_COOKIE}=`.length);
  for (const c of contexts) {
    await c.clearCookies();
    await c.addCookies([{ name: CITIZEN_COOKIE, value, url: baseUrl }]);
  }
}

test('a citizen without JavaScript: survey and its results, comment and the adoption report, 依申请公开 with 补正; vnu and axe', {
  skip: SKIP_REASON,
  timeout: 300_000,
}, async (t) => {
  const clock = new ManualClock(shanghai('2026-03-01T09:00:00'));
  const env = await browserEnv({ clock });
  t.after(() => env.closeAll());
  const { browser, baseUrl, ctx, app } = env;
  const { siteId } = await officeTeam(ctx);
  const { surveys, solicitations, disclosure, handling } = ctx.participation;

  // ── The office's side, through the services: a survey with a conditional question, a draft opened for comment. ──
  const surveyId = await surveys.create(await authAs(ctx, 'zh_editor'), siteId, {
    title: SURVEY,
    intro: '为改进大厅服务，开展本次调查，约需两分钟。',
    access: 'account',
    opensAt: shanghai('2026-03-02T00:00:00'),
    closesAt: shanghai('2026-03-20T00:00:00'),
    questions: [
      {
        id: 'used',
        type: 'single',
        title: '您最近一年是否到大厅办过事？',
        required: true,
        options: ['办过', '没有办过'],
      },
      {
        id: 'wait',
        type: 'single',
        title: '您排队等候了多长时间？',
        required: true,
        options: ['10分钟以内', '10至30分钟', '30分钟以上'],
        showIf: { question: 'used', anyOf: [0] },
      },
      { id: 'score', type: 'rating', title: '您对大厅服务的总体评价', required: true, scale: 5 },
      { id: 'advice', type: 'text', title: '您的意见建议', required: false, maxLength: 300 },
    ],
  });
  await approveRelease(app, (await surveys.submit(await authAs(ctx, 'zh_editor'), surveyId)).reviewRequestId);

  const bmwj = await columnByName(ctx, '部门文件');
  const lead = await ctx.db
    .selectFrom('departments')
    .select('name')
    .where('id', '=', bmwj.leadDepartmentId!)
    .executeTakeFirstOrThrow();
  await staff(ctx, 'policy_editor', ['editor'], lead.name);
  const policyId = await ctx.content.create(await authAs(ctx, 'policy_editor'), siteId, {
    type: 'policy',
    columnId: bmwj.id,
    title: POLICY,
    bodyHtml: '<p>第一条 为规范政务服务评价，制定本办法。</p><p>第二条 差评应当在5个工作日内整改。</p>',
    fields: {
      docNumber: '南政务办发〔2026〕20号',
      issuingOrgan: '南江市政务服务管理办公室',
      writtenDate: '2026-02-20',
      theme: '综合政务',
      validity: '有效',
      disclosureMethod: '主动公开',
      disclosureScope: '面向社会',
    },
  } as never);
  const solicitationId = await solicitations.create(await authAs(ctx, 'zh_editor'), siteId, {
    policyContentId: policyId,
    intro: '为广泛听取社会各界意见，现公开征求意见。',
    opensAt: shanghai('2026-03-02T00:00:00'),
  });
  await approveRelease(
    app,
    (await solicitations.submit(await authAs(ctx, 'zh_editor'), solicitationId)).reviewRequestId,
  );

  // ── The citizen: a browser without JavaScript for the visit, one with it for axe; vnu reads the HTML served. ──
  clock.set(shanghai('2026-03-05T10:00:00'));
  const me = await registerCitizen(app, ctx, { displayName: '王小明' });
  const noJs = await browser.newContext({
    javaScriptEnabled: false,
    locale: 'zh-CN',
    viewport: { width: 390, height: 844 },
  });
  const js = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  for (const c of [noJs, js]) await c.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  await signIn([noJs, js], baseUrl, me.cookie);
  const page = await noJs.newPage();
  const axePage = await js.newPage();
  const served = new Map<string, string>();
  const a11y: string[] = [];
  /** The page the citizen is on, as served (vnu) and as a JavaScript browser shows it (axe). */
  const check = async (name: string) => {
    const url = page.url();
    served.set(name, await (await page.request.get(url)).text());
    await axePage.goto(url);
    a11y.push(...(await seriousAxeProblems(axePage)).map((p) => `${name}: ${p}`));
  };

  // The survey, found from its column; the conditional question says when it is to be answered.
  await page.goto(`${baseUrl}${(await columnByName(ctx, '公众调查')).path}`);
  await check('公众调查栏目');
  await page.getByRole('link', { name: SURVEY }).click();
  await page.getByText('（第1题选择“办过”时回答）').waitFor();
  await check('调查问卷');
  // With JavaScript the conditional question appears only once the answer that calls for it is chosen.
  const waitQuestion = axePage.getByRole('group', { name: /您排队等候了多长时间？/ });
  await waitQuestion.waitFor({ state: 'hidden' });
  await axePage.getByLabel('办过', { exact: true }).check();
  await waitQuestion.waitFor({ state: 'visible' });
  await axePage.getByLabel('没有办过').check();
  await waitQuestion.waitFor({ state: 'hidden' });
  await page.getByLabel('办过', { exact: true }).check();
  await page.getByRole('button', { name: '提交答卷' }).click();
  await page.getByText(/请回答第2题“您排队等候了多长时间？”/).waitFor();
  assert.ok(await page.getByLabel('办过', { exact: true }).isChecked(), 'what was chosen is kept');
  await page.getByLabel('10至30分钟').check();
  await page.getByLabel('4分').check();
  await page.getByLabel(/您的意见建议/).fill('希望增加自助取号机。');
  await page.getByRole('button', { name: '提交答卷' }).click();
  await page.getByText('答卷已提交，感谢您的参与。').waitFor();
  await check('答卷已提交');
  const response = await ctx.db.selectFrom('survey_responses').select('answers').executeTakeFirstOrThrow();
  assert.deepEqual(JSON.parse(response.answers), { used: 0, wait: 1, score: 4, advice: '希望增加自助取号机。' });

  // A comment on the second paragraph of the draft.
  await page.goto(`${baseUrl}${(await columnByName(ctx, '意见征集')).path}`);
  await check('意见征集栏目');
  await page.getByRole('link', { name: new RegExp(POLICY) }).click();
  await check('征求意见稿');
  await page.getByLabel('针对内容').selectOption({ label: '第2段：第二条 差评应当在5个工作日内整改。' });
  await page.getByLabel(/意见建议/).fill(COMMENT);
  await page.getByRole('button', { name: '提交意见' }).click();
  await page.getByText(/意见已提交/).waitFor();
  await check('意见已提交');

  // The application for information: refused without the description (what was typed stays), then sent.
  await page.goto(`${baseUrl}/user/`);
  await check('用户空间');
  await page.getByRole('link', { name: '申请公开政府信息' }).click();
  await check('依申请公开申请表');
  await page.getByLabel('姓名或单位名称').fill('王小明');
  await page.getByLabel('证件号码或统一社会信用代码').fill('11010519491231002X');
  await page.getByLabel('联系电话').fill('13800138000');
  await page.getByRole('button', { name: '提交申请' }).click();
  // The browser's own check stops an empty required field; without it the server refuses in Chinese.
  assert.match(page.url(), /\/disclosure\/apply$/);
  await page.getByLabel('所需政府信息的名称、文号或者便于查询的特征性描述').fill(INFO);
  await page.getByRole('button', { name: '提交申请' }).click();
  await page.getByText(/申请已提交，编号依申〔2026〕第1号/).waitFor();
  await check('申请回执');
  const application = await ctx.db.selectFrom('disclosure_applications').selectAll().executeTakeFirstOrThrow();
  assert.equal(application.description, INFO);
  await screenshot(page, t, 'participation-public-receipt');

  // ── The office: the comment is published after moderation; the application needs a 补正. ──
  clock.set(shanghai('2026-03-06T10:00:00'));
  const [comment] = (await solicitations.detail(solicitationId)).comments;
  await solicitations.moderate(await authAs(ctx, 'zh_editor'), solicitationId, comment!.id, { decision: 'approve' });
  await handling.requestCorrection(await authAs(ctx, 'zh_editor'), application.id, {
    items: ['请说明所需统计的月份范围'],
  });

  // The citizen finds the notice in the user space and supplements.
  clock.set(shanghai('2026-03-09T10:00:00'));
  await signIn([noJs, js], baseUrl, (await loginCitizen(app, me.identifier)).cookie);
  await page.goto(`${baseUrl}/user/`);
  await page.getByRole('link', { name: new RegExp(INFO) }).click();
  await page.getByRole('heading', { name: '补正通知' }).waitFor();
  await page.getByText('请说明所需统计的月份范围', { exact: true }).waitFor();
  await check('补正通知');
  await page.getByLabel('补正内容').fill('所需统计为2025年1月至12月各窗口的月度数据。');
  await page.getByRole('button', { name: '提交补正' }).click();
  await page.getByText(/补正已提交/).waitFor();
  assert.equal((await disclosure.detail(application.id)).status !== 'correction', true);

  // The answer, drafted from the disposition.
  clock.set(shanghai('2026-03-12T10:00:00'));
  const reply = await handling.draft(application.id, 'public', '');
  await handling.answer(await authAs(ctx, 'zh_editor'), application.id, {
    disposition: 'public',
    reason: '',
    replyText: reply,
  });
  await signIn([noJs, js], baseUrl, (await loginCitizen(app, me.identifier)).cookie);
  await page.goto(`${baseUrl}/user/`);
  await page.getByRole('link', { name: new RegExp(INFO) }).click();
  await page.getByRole('heading', { name: '答复书' }).waitFor();
  assert.match((await page.locator('.pp-reply').textContent())!, /王小明/);
  assert.match((await page.locator('main').textContent())!, /已答复（予以公开）/);
  await check('答复');
  await screenshot(page, t, 'participation-public-answer');

  // ── The survey closed: its results are public, chart and table. ──
  clock.set(shanghai('2026-03-21T10:00:00'));
  await page.goto(`${baseUrl}/survey/${surveyId}`);
  await page.getByRole('link', { name: '查看调查结果' }).click();
  await page.getByRole('heading', { name: /您排队等候了多长时间？/ }).waitFor();
  assert.ok((await page.locator('svg').count()) >= 3, 'a chart per question, drawn on the server');
  assert.match((await page.locator('main').textContent())!, /10至30分钟/);
  await check('调查结果');

  // ── The solicitation closed: adoption, the report through the review, the link from the solicitation. ──
  clock.set(shanghai('2026-04-03T10:00:00'));
  await solicitations.adopt(await authAs(ctx, 'zh_editor'), solicitationId, comment!.id, {
    adoption: '采纳',
    reason: '',
  });
  await approveRelease(
    app,
    (await solicitations.submitFeedback(await authAs(ctx, 'zh_editor'), solicitationId)).reviewRequestId,
  );
  await page.goto(`${baseUrl}/solicitation/${solicitationId}`);
  // The comments on a paragraph are folded under it.
  await page.getByText('对第2段的意见（1条）').click();
  await page.getByText(COMMENT).waitFor();
  await page.getByRole('link', { name: '意见采纳情况反馈' }).click();
  const report = (await page.locator('main').textContent())!;
  assert.match(report, /共收到意见建议1条/);
  assert.match(report, /采纳1条/);
  assert.ok(report.includes(COMMENT));
  await check('意见反馈');
  await screenshot(page, t, 'participation-public-feedback');

  assert.deepEqual(a11y, [], `axe found:\n${a11y.join('\n')}`);
  if (!JAVA) {
    t.skip('java or vnu-jar missing: HTML validation skipped');
    return;
  }
  const invalid = vnuErrors(served);
  assert.deepEqual(invalid, [], `vnu found:\n${invalid.join('\n')}`);
});

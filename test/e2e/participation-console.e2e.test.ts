// The participation and disclosure console in a real browser: an editor of the 政府信息公开 office signs in, opens
// 依申请公开 from the 参与与公开 menu, sees a letter application with its statutory due day, opens it, reads the
// timeline, starts a third-party consultation (the clock pauses), registers its reply and answers 予以公开 from the
// generated draft; the pages pass axe; a survey is built in the questionnaire editor; the other pages open.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { seriousAxeProblems } from './axe.ts';
import { browserEnv, consoleLogin, SKIP_REASON, screenshot } from './browser.ts';
import { call, columnByName, login, mainSiteId, staff } from '../helpers.ts';
import { newIdempotencyKey } from '../../src/platform/idempotency.ts';
import { approveRelease, authAs, officeTeam } from '../participation.ts';
import { registerCitizen } from '../citizens.ts';
import { ManualClock } from '../../src/platform/time.ts';
import type { AppContext } from '../../src/context.ts';
import { citizenActor } from '../../src/modules/citizens/citizen-auth.service.ts';

const DESCRIPTION = '2025年度本市老旧小区改造项目清单及资金安排情况';

test('依申请公开 in the console: the clock in the list, consultation pauses it, answer from the draft; a survey is built; axe', {
  skip: SKIP_REASON,
  timeout: 240_000,
}, async (t) => {
  const env = await browserEnv();
  t.after(() => env.closeAll());
  const { page, baseUrl, ctx, app } = env;
  const siteId = await mainSiteId(ctx);
  await staff(ctx, 'gongkai', ['editor'], '综合处', siteId);

  // A letter registered by the office: the same fields the applicant states, received yesterday.
  const registered = await call(
    app,
    await login(app, 'gongkai'),
    'POST',
    `/api/disclosure/applications?siteId=${siteId}`,
    {
      applicantType: 'person',
      name: '李晓华',
      idType: 'id_card',
      idNumber: '11010519491231002X',
      phone: '13912345678',
      description: DESCRIPTION,
      deliveryForm: 'electronic',
      deliveryMethod: 'email',
      email: 'li@example.com',
      channel: 'letter',
      receivedAt: new Date(env.clock.now().getTime() - 86_400_000).toISOString(),
      idempotencyKey: newIdempotencyKey(),
    },
  );
  assert.equal(registered.statusCode, 200, registered.body);
  const { serial, id: registeredId } = registered.json() as { serial: string; id: number };

  await consoleLogin(page, baseUrl, 'gongkai');
  await page.getByRole('menuitem', { name: /依申请公开/ }).click();
  await page.getByRole('heading', { name: '依申请公开' }).waitFor();
  const row = page.getByRole('row').filter({ hasText: serial });
  await row.waitFor();
  assert.match((await row.textContent())!, /前（剩 \d+ 个工作日）/, 'the due day and working days left are shown');
  const a11y = (await seriousAxeProblems(page)).map((x) => `list: ${x}`);
  await screenshot(page, t, 'participation-disclosure-list');

  // A letter registered in the console opens in the drawer with its own clock.
  await page.getByRole('button', { name: '登记申请' }).click();
  const register = page.getByRole('dialog', { name: '登记信函、传真或当面提交的申请' });
  const received = register.getByLabel('收到时间（签收或提交之时）');
  await received.click();
  await received.fill('2026-11-25 10:00');
  await received.press('Enter');
  await register.getByLabel('姓名或单位名称').fill('周建国');
  await register.getByLabel('证件号码').fill('11010519491231002X');
  await register.getByLabel('联系电话').fill('13800001111');
  await register.getByLabel(/所需信息的名称/).fill('本市2025年度公共租赁住房分配名单');
  await register.getByRole('button', { name: '登记' }).click();
  await register.getByText('以邮寄方式获取须填写通信地址').waitFor();
  await register.getByLabel('通信地址').fill('南江市建设路 18 号');
  await register.getByRole('button', { name: '登记' }).click();
  const letterDrawer = page.locator('.ant-drawer-open');
  await letterDrawer.getByText('本市2025年度公共租赁住房分配名单').waitFor();
  await letterDrawer.getByText('2026-11-25 10:00').waitFor();
  await letterDrawer.locator('.ant-drawer-close').click();
  await letterDrawer.waitFor({ state: 'detached' }).catch(() => {});
  await page.locator('.ant-table-row').filter({ hasText: '周建国' }).waitFor();

  await row.getByRole('button', { name: serial }).click();
  const drawer = page.locator('.ant-drawer-open');
  await drawer.getByText('办理过程').waitFor();
  await drawer.getByText(DESCRIPTION).waitFor();
  assert.match((await drawer.textContent())!, /下一步/);
  await drawer.getByRole('button', { name: '征求第三方意见' }).click();
  const dialog = page.getByRole('dialog', { name: '书面征求第三方意见' });
  await dialog.getByLabel('征求意见的第三方或其他机关').fill('市住房和城乡建设局');
  await dialog.getByRole('button', { name: '确定' }).click();
  await drawer.getByText(/征求 市住房和城乡建设局 意见/).waitFor();
  await drawer
    .getByText(/暂停计时/)
    .first()
    .waitFor();
  // The dialog fades out: check the drawer once it is gone.
  await page.locator('#party').waitFor({ state: 'detached' });
  a11y.push(...(await seriousAxeProblems(page)).map((x) => `drawer: ${x}`));
  await screenshot(page, t, 'participation-disclosure-drawer');

  // The third party's reply is registered; then the answer, drafted from the chosen disposition.
  await drawer.getByRole('button', { name: '登记 市住房和城乡建设局 的意见' }).click();
  const reply = page.getByRole('dialog', { name: '登记第三方意见' });
  await reply.getByLabel(/第三方意见/).fill('同意公开。');
  await reply.getByRole('button', { name: '确定' }).click();
  await drawer.getByText(/答复：同意公开。/).waitFor();
  await drawer.getByRole('button', { name: '答复', exact: true }).click();
  const answer = page.getByRole('dialog', { name: '答复' });
  await answer.getByLabel('办理结果').click();
  await page.getByTitle('予以公开', { exact: true }).click();
  await answer.getByRole('button', { name: '按办理结果生成答复书草稿' }).click();
  await page.waitForFunction(() => (document.querySelector('textarea#replyText') as HTMLTextAreaElement | null)?.value);
  assert.match(await answer.getByLabel('答复书正文').inputValue(), /李晓华/, 'the draft names the applicant');
  await answer.getByRole('button', { name: '确定' }).click();
  await drawer.getByText(/已答复（用时 \d+ 个工作日）/).waitFor();
  const row2 = await ctx.db
    .selectFrom('disclosure_applications')
    .select(['status', 'disposition'])
    // Two applications exist by now (the letter registered in the console too); without a key PostgreSQL may
    // return either.
    .where('id', '=', registeredId)
    .executeTakeFirstOrThrow();
  assert.deepEqual({ ...row2 }, { status: 'answered', disposition: 'public' });
  await drawer.locator('.ant-drawer-close').click();
  await drawer.waitFor({ state: 'detached' }).catch(() => {});

  // The rest of the group opens (the editor may manage participation).
  // A survey built in the questionnaire editor: a single-choice and a free-text question.
  await page.getByRole('menuitem', { name: /公众调查/ }).click();
  await page.getByRole('button', { name: '新建调查' }).click();
  const editor = page.locator('.ant-drawer-open');
  await editor.getByLabel('调查标题').fill('政务服务中心窗口满意度调查');
  await editor.getByLabel('调查说明').fill('请对窗口服务作出评价。');
  await typeRange(editor, '2026-12-01 09:00', '2026-12-31 18:00');
  await editor.getByLabel('题目').first().fill('您对窗口服务是否满意？');
  await editor.getByLabel('选项（每行一个）').fill('满意\n基本满意\n不满意');
  await editor.getByRole('button', { name: '添加题目' }).click();
  await editor.getByLabel('题型').nth(1).click();
  await page.getByTitle('填空题').click();
  await editor.getByLabel('题目').nth(1).fill('您的意见和建议');
  await editor.getByRole('button', { name: '保存' }).click();
  await page.getByRole('row').filter({ hasText: '政务服务中心窗口满意度调查' }).getByText('草稿').waitFor();
  const survey = await ctx.db.selectFrom('surveys').selectAll().executeTakeFirstOrThrow();
  assert.equal(survey.title, '政务服务中心窗口满意度调查');
  await screenshot(page, t, 'participation-surveys');

  for (const [menu, heading] of [
    ['意见征集', '意见征集'],
    ['年度报表', '年度报告与年度报表'],
    ['建议提案', '建议提案'],
  ] as const) {
    await page.getByRole('menuitem', { name: new RegExp(menu) }).click();
    await page.getByRole('heading', { name: heading, exact: true }).waitFor();
  }
  assert.deepEqual(a11y, [], 'no serious axe violation');
});

/**
 * Types a date-time range into the range picker as a keyboard user does. Enter moves the focus from the start to
 * the end field; the end is typed only once it has (on a busy machine the move can lag behind the keystrokes).
 */
async function typeRange(editor: Locator, start: string, end: string): Promise<void> {
  const from = editor.getByPlaceholder('开始日期');
  const to = editor.getByPlaceholder('结束日期');
  await from.click();
  await from.pressSequentially(start);
  await from.press('Enter');
  await to.waitFor();
  await editor.page().waitForFunction((field) => document.activeElement === field, await to.elementHandle());
  await to.pressSequentially(end);
  await to.press('Enter');
  await editor
    .page()
    .waitForFunction(
      ([a, b]) => (a as HTMLInputElement).value !== '' && (b as HTMLInputElement).value !== '',
      [await from.elementHandle(), await to.elementHandle()],
    );
}

const shanghai = (local: string) => new Date(`${local}+08:00`).toISOString();

/** The release the console just submitted, approved by 综合处's 审核人 and 分管领导. */
async function approveLatest(ctx: AppContext, app: Parameters<typeof approveRelease>[0]): Promise<void> {
  const request = await ctx.db
    .selectFrom('review_requests')
    .select('id')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  await approveRelease(app, request.id);
}

test('staff click through a survey with a condition (submit, end early, publish free text), the adoption report, both annual reports and a proposal', {
  skip: SKIP_REASON,
  timeout: 300_000,
}, async (t) => {
  const clock = new ManualClock(shanghai('2026-03-01T09:00:00'));
  const env = await browserEnv({ clock });
  t.after(() => env.closeAll());
  const { page, baseUrl, ctx, app } = env;
  const { siteId } = await officeTeam(ctx);
  const a11y: string[] = [];

  // ── 公众调查: the questionnaire with a conditional question, built in the editor and submitted. ──
  await consoleLogin(page, baseUrl, 'zh_editor');
  await page.getByRole('menuitem', { name: /公众调查/ }).click();
  await page.getByRole('button', { name: '新建调查' }).click();
  const editor = page.locator('.ant-drawer-open');
  await editor.getByLabel('调查标题').fill('政务大厅服务体验调查');
  await typeRange(editor, '2026-03-02 09:00', '2026-03-31 18:00');
  await editor.getByLabel('题目').first().fill('您最近一年是否到过政务大厅？');
  await editor.getByLabel('选项（每行一个）').first().fill('到过\n没有到过');
  await editor.getByRole('button', { name: '添加题目' }).click();
  await editor.getByLabel('题目').nth(1).fill('您对大厅服务是否满意？');
  await editor.getByLabel('选项（每行一个）').nth(1).fill('满意\n不满意');
  await editor.getByLabel('显示条件（前面的选择题）').click();
  await page.getByTitle('第 1 题：您最近一年是否到过政务大厅？').click();
  await editor.getByLabel('选择以下任一选项时显示').click();
  await page.getByTitle('到过', { exact: true }).click();
  await page.keyboard.press('Escape');
  await editor.getByRole('button', { name: '添加题目' }).click();
  await editor.getByLabel('题型').nth(2).click();
  await page.getByTitle('填空题').last().click();
  await editor.getByLabel('题目').nth(2).fill('您的意见建议');
  await editor.getByRole('switch').nth(2).click();
  a11y.push(...(await seriousAxeProblems(page)).map((x) => `survey editor: ${x}`));
  await editor.getByRole('button', { name: '保存' }).click();
  const surveyRow = page.getByRole('row').filter({ hasText: '政务大厅服务体验调查' });
  await surveyRow.getByText('草稿').waitFor();
  const survey = await ctx.db.selectFrom('surveys').selectAll().executeTakeFirstOrThrow();
  const questions = (JSON.parse(survey.questions) as { questions: { id: string; showIf?: unknown }[] }).questions;
  assert.deepEqual(questions[1]!.showIf, { question: questions[0]!.id, anyOf: [0] }, 'the condition is saved');
  await surveyRow.getByRole('button', { name: '提交审查' }).click();
  await page.getByRole('button', { name: '确定' }).click();
  await surveyRow.getByText('审查中').waitFor();
  await approveLatest(ctx, app);

  // Two answers while it is open; the console ends it early and publishes the free text after moderation.
  clock.set(shanghai('2026-03-05T10:00:00'));
  for (const [used, advice] of [
    ['0', '希望增加自助填表设备。'],
    ['1', ''],
  ] as const) {
    const citizen = await registerCitizen(app, ctx);
    await ctx.participation.surveys.answer(
      siteId,
      survey.id,
      { citizenId: citizen.id },
      { [`q_${questions[0]!.id}`]: used, [`q_${questions[1]!.id}`]: '0', [`q_${questions[2]!.id}`]: advice },
      true,
    );
  }
  await consoleLogin(page, baseUrl, 'zh_editor');
  await page.getByRole('menuitem', { name: /公众调查/ }).click();
  await surveyRow.getByText('进行中').waitFor();
  await surveyRow.getByRole('button', { name: '提前结束' }).click();
  await page.getByRole('button', { name: '确定' }).click();
  await surveyRow.getByText('已结束').waitFor();
  await surveyRow.getByRole('button', { name: '结果', exact: true }).click();
  const results = page.locator('.ant-drawer-open');
  await results.getByText('实时结果（2 份答卷）').waitFor();
  await results.getByRole('tab', { name: /待审核（1）/ }).click();
  await results
    .getByRole('row')
    .filter({ hasText: '希望增加自助填表设备。' })
    .getByRole('button', { name: '通过' })
    .click();
  await results.getByText('没有待审核的内容').waitFor();
  a11y.push(...(await seriousAxeProblems(page)).map((x) => `survey results: ${x}`));
  await screenshot(page, t, 'participation-console-survey-results');
  const published = await app.inject({ method: 'GET', url: `/survey/${survey.id}/results` });
  assert.equal(published.statusCode, 200);
  assert.match(published.body, /希望增加自助填表设备。/, 'the moderated text is in the published results');
  await results.locator('.ant-drawer-close').click();

  // ── 意见征集: after closing, adoption and the feedback report submitted from the drawer. ──
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
    title: '南江市政务服务容缺受理办法',
    bodyHtml: '<p>第一条 为便利办事，实行容缺受理。</p><p>第二条 次要材料欠缺的，可先行受理。</p>',
    fields: {
      docNumber: '南政务办发〔2026〕21号',
      issuingOrgan: '南江市政务服务管理办公室',
      writtenDate: '2026-03-01',
      theme: '综合政务',
      validity: '有效',
      disclosureMethod: '主动公开',
      disclosureScope: '面向社会',
    },
  } as never);
  const solicitations = ctx.participation.solicitations;
  const solicitationId = await solicitations.create(await authAs(ctx, 'zh_editor'), siteId, {
    policyContentId: policyId,
    intro: '现公开征求意见。',
    opensAt: shanghai('2026-03-05T12:00:00'),
    days: 7,
  } as never);
  await approveRelease(
    app,
    (await solicitations.submit(await authAs(ctx, 'zh_editor'), solicitationId)).reviewRequestId,
  );
  clock.set(shanghai('2026-03-06T10:00:00'));
  const commenter = await registerCitizen(app, ctx, { displayName: '李女士' });
  const commentId = await solicitations.comment(
    {
      citizenId: commenter.id,
      displayName: '李女士',
      accountType: 'person',
      sessionId: 'e2e',
      csrfToken: 'e2e',
      actor: citizenActor(commenter.id, '127.0.0.1'),
    },
    siteId,
    solicitationId,
    { text: '建议列明可容缺的材料清单。' },
  );
  await solicitations.moderate(await authAs(ctx, 'zh_editor'), solicitationId, commentId, { decision: 'approve' });

  clock.set(shanghai('2026-03-13T10:00:00'));
  await consoleLogin(page, baseUrl, 'zh_editor');
  await page.getByRole('menuitem', { name: /意见征集/ }).click();
  await page
    .getByRole('row')
    .filter({ hasText: '容缺受理办法' })
    .getByRole('button', { name: '意见', exact: true })
    .click();
  const drawer = page.locator('.ant-drawer-open');
  await drawer
    .getByRole('row')
    .filter({ hasText: '建议列明可容缺的材料清单。' })
    .getByRole('button', { name: '采纳' })
    .click();
  const adopt = page.getByRole('dialog', { name: '填写采纳情况' });
  await adopt.getByLabel('采纳', { exact: true }).check();
  await adopt.getByLabel('理由').fill('将在正式文件中附容缺材料清单。');
  await adopt.getByRole('button', { name: '确定' }).click();
  await drawer.getByText('采纳：将在正式文件中附容缺材料清单。').waitFor();
  await drawer.getByRole('button', { name: '提交反馈审查' }).click();
  await drawer.getByText(/审查状态/).waitFor();
  await approveLatest(ctx, app);
  const detail = await solicitations.detail(solicitationId);
  assert.ok(detail.feedbackPublishedAt, 'the adoption report is published');
  const feedbackColumn = await columnByName(ctx, '意见反馈');
  const report = await app.inject({ method: 'GET', url: `${feedbackColumn.path}${detail.feedbackContentId}.html` });
  assert.match(report.body, /将在正式文件中附容缺材料清单。/);
  await drawer.locator('.ant-drawer-close').click();

  // ── 年度报告与年度报表: 2025's two reports generated, completed and submitted; published once approved. ──
  await page.getByRole('menuitem', { name: /年度报表/ }).click();
  await page.getByLabel('报告年度').fill('2025');
  await page.getByRole('button', { name: '由依申请公开记录生成' }).click();
  await page.getByLabel('总体情况').fill('2025年，市政务办认真贯彻落实《条例》，依法做好政府信息公开工作。');
  await page.getByLabel('存在的主要问题及改进情况').fill('政策解读形式还不够丰富，将加强图解和视频解读。');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('年度报告已保存').waitFor();
  await page.getByRole('button', { name: '提交审查' }).click();
  await page.getByText('审查中').first().waitFor();
  await approveLatest(ctx, app);
  await page.getByRole('tab', { name: '政府网站工作年度报表' }).click();
  await page.getByRole('button', { name: '由本平台数据生成' }).click();
  await page.getByRole('tabpanel').getByRole('button', { name: '提交审查' }).click();
  await page.getByRole('tabpanel').getByText('审查中').waitFor();
  await approveLatest(ctx, app);
  await page.reload();
  const history = page.locator('.ant-card').filter({ hasText: '历年报告' });
  await history.getByText('已发布').nth(1).waitFor();
  assert.equal(await history.getByText('已发布').count(), 2, 'both reports published');
  a11y.push(...(await seriousAxeProblems(page)).map((x) => `annual reports: ${x}`));
  await screenshot(page, t, 'participation-console-annual-reports');
  const home = await app.inject({ method: 'GET', url: '/' });
  assert.match(home.body, /2025年政府网站工作年度报表/);

  // ── 建议提案: registered, answered and made public from the console. ──
  await page.getByRole('menuitem', { name: /建议提案/ }).click();
  await page.getByLabel('年度', { exact: true }).first().fill('2026');
  await page.getByRole('button', { name: '登记建议提案' }).click();
  const register = page.getByRole('dialog', { name: '登记建议提案' });
  await register.getByLabel('编号').fill('0042');
  await register.getByLabel('标题').fill('关于延长政务大厅周末服务时间的建议');
  await register.getByLabel('代表或委员姓名').fill('陈立新');
  const received = register.getByLabel('交办日期');
  await received.click();
  await received.fill('2026-03-10');
  await received.press('Enter');
  await register.getByRole('button', { name: '登记' }).click();
  const proposalRow = page.getByRole('row').filter({ hasText: '关于延长政务大厅周末服务时间的建议' });
  await proposalRow.getByText('办理中').waitFor();
  await proposalRow.getByRole('button', { name: '答复' }).click();
  const reply = page.getByRole('dialog', { name: /答复：/ });
  await reply.getByLabel('答复内容').fill('感谢您的建议。自4月起，政务大厅周六上午开放综合窗口。');
  const repliedOn = reply.getByLabel('答复日期');
  await repliedOn.click();
  await repliedOn.fill('2026-03-13');
  await repliedOn.press('Enter');
  await reply.getByRole('button', { name: '保存答复' }).click();
  await proposalRow.getByText('已答复').waitFor();
  await proposalRow.getByRole('button', { name: '公开' }).click();
  await page.getByRole('button', { name: '确定' }).click();
  await proposalRow.getByText('公开审查中').waitFor();
  await approveLatest(ctx, app);
  const proposal = await ctx.db.selectFrom('proposals').select(['status', 'number']).executeTakeFirstOrThrow();
  assert.deepEqual({ ...proposal }, { status: 'published', number: '0042' });
  a11y.push(...(await seriousAxeProblems(page)).map((x) => `proposals: ${x}`));
  await screenshot(page, t, 'participation-console-proposals');

  assert.deepEqual(a11y, [], 'no serious axe violation');
});

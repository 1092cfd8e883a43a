// 数据发布 in a real browser: 综合处's editor creates a data set in the console, uploads a GBK CSV, confirms the
// column types, designs a bar chart and submits it; the reviewer and the leader approve it from their inboxes;
// a reader without JavaScript finds it in the 数据发布 column, sees the chart (SVG drawn on the server, its text
// and data table), sorts the preview and downloads CSV, XLSX and JSON. The public pages pass vnu and axe, on a
// phone and in 长者模式 too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import iconv from 'iconv-lite';
import type { Page } from 'playwright-core';
import { seriousAxeProblems } from './axe.ts';
import { VNU_JAR, vnuErrors } from './vnu.ts';
import { browserEnv, consoleLogin, SKIP_REASON, screenshot } from './browser.ts';
import { staff } from '../helpers.ts';
import { ensureDataColumn } from '../../src/modules/datasets/data-column.ts';

const JAVA = spawnSync('java', ['-version']).status === 0 && fs.existsSync(VNU_JAR);
const TITLE = '政务服务中心窗口月度受理量';

const CSV = iconv.encode(
  [
    '月份,窗口,受理件数,备注',
    '2026年7月,综合窗口,"1,204",',
    '2026年7月,社保窗口,986,',
    '2026年8月,综合窗口,1310,',
    '2026年8月,社保窗口,1022,含补录',
    '2026年9月,综合窗口,1288,',
    '2026年9月,社保窗口,1051,"=1+2"',
  ].join('\r\n'),
  'gbk',
);

/** An antd Select in a form item, by its label: opens it and picks the option. */
async function choose(page: Page, label: string, option: string, multiple = false): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  const list = await input.getAttribute('aria-controls');
  const dropdown = page.locator('.ant-select-dropdown').filter({ has: page.locator(`[id="${list}"]`) });
  await dropdown.getByTitle(option, { exact: true }).click();
  if (multiple) await page.keyboard.press('Escape');
  await dropdown.waitFor({ state: 'hidden' });
}

async function approve(page: Page, title: string): Promise<void> {
  await page.getByRole('menuitem', { name: /我的待办/ }).click();
  await page.getByTestId('inbox-waiting').getByRole('link', { name: title, exact: true }).click();
  await page.getByTestId('review-page').waitFor();
  const card = page.getByTestId('decision-card');
  await card.getByLabel(/^同意/).check();
  await card.getByLabel('意见').fill('数据已核对，同意');
  await page.getByTestId('decide-submit').click();
  await page.waitForURL(/\/admin\/inbox$/);
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByLabel('用户名').waitFor();
}

test('数据发布: uploaded, charted, reviewed, public without JavaScript, downloadable in three formats', {
  skip: SKIP_REASON,
}, async (t) => {
  const env = await browserEnv();
  t.after(() => env.closeAll());
  const { page, baseUrl, ctx, browser } = env;
  await staff(ctx, 'zh_editor', ['editor'], '综合处');
  await staff(ctx, 'zh_reviewer', ['reviewer'], '综合处');
  await staff(ctx, 'zh_leader', ['leader'], '综合处');
  const siteId = (await ctx.sites.list())[0].id;
  const column = await ensureDataColumn(ctx, siteId, { lead: '综合处' });

  // The editor: the data set's catalogue information.
  await consoleLogin(page, baseUrl, 'zh_editor');
  await page.getByRole('menuitem', { name: /数据发布/ }).click();
  await page.getByRole('button', { name: '新建数据集' }).click();
  await page.getByLabel('数据集名称').fill(TITLE);
  await page.getByLabel('摘要').fill('市政务服务中心各窗口每月受理的政务服务事项件数，按窗口分列统计。');
  await choose(page, '数据领域', '政务服务');
  await choose(page, '数据提供部门', '综合处');
  await page.getByLabel('联系方式').fill('综合处 0519-81230002');
  await page.getByRole('button', { name: '创建数据集' }).click();
  await page.waitForURL(/\/admin\/datasets\/\d+$/);
  const datasetId = Number(/\/datasets\/(\d+)$/.exec(page.url())![1]);

  // A GBK CSV: read, types proposed and confirmed.
  await page.getByLabel('版本名称').first().fill('2026年第三季度');
  await page.locator('input[type="file"]').setInputFiles({ name: '窗口受理量.csv', mimeType: 'text/csv', buffer: CSV });
  const confirm = page.getByTestId('confirm-columns');
  await confirm.waitFor();
  await confirm.getByText('根据数据自动识别，请核对后确认').waitFor();
  await confirm.getByRole('button', { name: '确认列类型' }).click();
  await confirm.waitFor({ state: 'detached' });
  await page.getByText('已确认', { exact: true }).waitFor();

  // A chart on the columns, previewed as the public site will draw it.
  await page.getByLabel('图表标题').fill('各月受理件数');
  await choose(page, '类别列（横轴或扇区）', '月份');
  await choose(page, '数值列', '受理件数', true);
  await page.getByRole('button', { name: '预览' }).click();
  const preview = page.getByTestId('chart-preview');
  await preview.waitFor();
  assert.match((await preview.locator('img').getAttribute('alt')) ?? '', /^柱状图“各月受理件数”/);
  await page.getByRole('button', { name: '保存图表' }).click();
  await page.getByText('柱状图：各月受理件数').waitFor();
  await screenshot(page, t, 'dataset-editor');
  await page.getByRole('button', { name: '提交审查' }).click();
  await page.getByText('正在审查中，审查结束前不能再次提交').waitFor();
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByLabel('用户名').waitFor();

  // Nothing is public before the leader approves.
  assert.equal((await page.request.get(`${baseUrl}/api/open/datasets/${datasetId}`)).status(), 404);
  await consoleLogin(page, baseUrl, 'zh_reviewer');
  await approve(page, TITLE);
  await consoleLogin(page, baseUrl, 'zh_leader');
  await approve(page, TITLE);

  // A reader without JavaScript, on a phone.
  const reader = await browser.newContext({
    javaScriptEnabled: false,
    viewport: { width: 390, height: 844 },
    locale: 'zh-CN',
  });
  await reader.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  const phone = await reader.newPage();
  const served = new Map<string, string>();
  const columnResponse = await phone.goto(`${baseUrl}${column.path}`);
  served.set('column', await columnResponse!.text());
  await phone.getByRole('link', { name: TITLE }).click();
  await phone.waitForURL(/\/zwgk\/sjfb\/\d+\.html$/);
  served.set('dataset', await (await phone.request.get(phone.url())).text());
  const chart = phone.locator('svg.chart-svg[aria-label="柱状图：各月受理件数"]');
  assert.ok(await chart.isVisible(), 'the chart is drawn without JavaScript');
  assert.match((await phone.locator('.chart-text').first().textContent()) ?? '', /最高为“2026-09”2,339/);
  assert.equal(await phone.locator('table.chart-table tbody tr').count(), 3);
  const overflow = await phone.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  assert.ok(overflow <= 1, `no sideways scrolling on a phone (${overflow}px)`);
  await screenshot(phone, t, 'dataset-public-phone');

  // Sorting by a column header is a link.
  await phone.getByRole('link', { name: /^窗口/ }).click();
  // The address changes as the navigation starts; the sorted page is the one that then loads.
  await phone.waitForURL(/sort=%E7%AA%97%E5%8F%A3/, { waitUntil: 'load' });
  assert.equal(await phone.locator('th[aria-sort="ascending"]').count(), 1);

  // Three downloads; the formula cell is neutralised in the spreadsheet formats.
  const contents: Record<string, Buffer> = {};
  for (const format of ['CSV', 'XLSX', 'JSON']) {
    const [download] = await Promise.all([
      phone.waitForEvent('download'),
      phone.getByRole('link', { name: `下载2026年第三季度（${format}）` }).click(),
    ]);
    contents[format] = fs.readFileSync((await download.path())!);
    assert.match(download.suggestedFilename(), new RegExp(`\\.${format.toLowerCase()}$`));
  }
  const csv = contents.CSV.toString('utf8');
  assert.ok(csv.startsWith('\ufeff月份,窗口,受理件数,备注'));
  assert.match(csv, /社保窗口,1051,'=1\+2/);
  assert.equal(contents.XLSX.subarray(0, 2).toString(), 'PK');
  assert.equal((JSON.parse(contents.JSON.toString('utf8')) as { rows: unknown[] }).rows.length, 6);

  // axe on the pages (with the browser's own page), 长者模式 included; vnu on the HTML as served.
  const problems: string[] = [];
  for (const url of [column.path, new URL(phone.url()).pathname]) {
    await page.goto(`${baseUrl}${url}`);
    problems.push(...(await seriousAxeProblems(page)).map((p) => `${url}: ${p}`));
  }
  await page.getByRole('link', { name: '长者模式', exact: true }).click();
  await page.locator('body.care').waitFor();
  problems.push(...(await seriousAxeProblems(page)).map((p) => `长者模式: ${p}`));
  assert.deepEqual(problems, [], problems.join('\n'));
  if (JAVA) assert.deepEqual(vnuErrors(served), []);
});

// The reminders bell in a real browser, in a browser set to New York time: when an editor submits an item,
// the department's reviewer — whose console is already open — sees it counted in the bell and in the menu at
// the next poll (polls do not keep the session alive), opens the reminder and lands on the item's review page;
// the reminder is then read (for the reviewer only). The editor schedules the publication at 09:30 Beijing
// time, which is stored as 01:30 UTC whatever the browser's zone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserEnv, SKIP_REASON, screenshot, consoleLogin } from './browser.ts';
import { call, columnByName, login as apiLogin, mainSiteId, staff } from '../helpers.ts';
import { MINUTE } from '../../src/platform/time.ts';

const TITLE = '关于开展2026年政务公开日活动的通知';

const login = consoleLogin;

/** The day after tomorrow in Asia/Shanghai (after both the real and the test clock), as yyyy-MM-dd. */
function shanghaiDayAfterTomorrow(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(at.getTime() + 2 * 86_400_000));
}

test("提醒: a submitted item reaches the reviewer's bell and menu, and the reminder leads to the item", {
  skip: SKIP_REASON,
}, async (t) => {
  const env = await browserEnv();
  // A browser far from Beijing: what staff see and enter is Beijing time all the same.
  const context = await env.browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'America/New_York',
    viewport: { width: 1280, height: 900 },
  });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  const page = await context.newPage();
  t.after(() => context.close());
  t.after(() => env.closeAll());
  const { baseUrl, ctx, app, clock } = env;
  await staff(ctx, 'zh_editor', ['editor'], '综合处');
  const reviewer = await staff(ctx, 'zh_reviewer', ['reviewer'], '综合处');
  await staff(ctx, 'zh_leader', ['leader'], '综合处');

  // The reviewer's console is open, with nothing to do.
  await login(page, baseUrl, 'zh_reviewer');
  const bell = page.getByTestId('notification-bell');
  await bell.and(page.locator('[data-unread="0"]')).waitFor();
  assert.equal(await page.getByTestId('review-count-badge').count(), 0);
  const polls: Record<string, string | undefined>[] = [];
  page.on('request', (r) => {
    if (/\/api\/(notifications|review\/counts)$/.test(new URL(r.url()).pathname)) polls.push(r.headers());
  });

  // The editor submits an item (through the API; the editing pages are covered by review-workflow).
  const editor = await apiLogin(app, 'zh_editor');
  const siteId = await mainSiteId(ctx);
  const column = await columnByName(ctx, '部门动态');
  const created = await call(app, editor, 'POST', `/api/sites/${siteId}/content`, {
    type: 'article',
    columnId: column.id,
    title: TITLE,
    source: '市政务办',
    bodyHtml: '<p>为进一步推进政务公开，定于12月开展政务公开日活动。</p>',
  });
  assert.equal(created.statusCode, 200, created.body);
  const contentId = created.json().id as number;
  const submitted = await call(app, editor, 'POST', `/api/content/${contentId}/submit`, {
    secret: '否',
    releaseForm: '网站公开',
  });
  assert.equal(submitted.statusCode, 200, submitted.body);
  const requestId = submitted.json().id as number;

  // Five quiet minutes later the console polls (the tab shown again triggers the same refresh as the timer).
  clock.advance(5 * MINUTE);
  const session = () =>
    ctx.db.selectFrom('sessions').select('last_seen_at').where('user_id', '=', reviewer.id).executeTakeFirstOrThrow();
  const seenBefore = (await session()).last_seen_at;
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await bell.and(page.locator('[data-unread="1"]')).waitFor();
  await page.locator('[data-testid="review-count-badge"][data-count="1"]').waitFor();
  assert.match((await bell.getAttribute('aria-label'))!, /1 条未读提醒.*1 条待我审查/);
  assert.ok(polls.length > 0 && polls.every((h) => h['x-govportal-poll'] === '1'), 'the polls say they are polls');
  assert.equal((await session()).last_seen_at, seenBefore, 'and do not count as activity');
  await screenshot(page, t, 'notifications-bell-count');

  // Opening the reminder lands on the item's review page, where the reviewer can decide.
  await bell.click();
  const item = page
    .getByTestId('notification-list')
    .locator('[data-testid="notification-item"][data-kind="review-waiting"]', { hasText: TITLE });
  await item.waitFor();
  assert.equal(await item.getAttribute('data-read'), '0');
  await screenshot(page, t, 'notifications-bell-open');
  await item.click();
  await page.waitForURL(`${baseUrl}/admin/inbox/${requestId}?content=${contentId}`);
  await page.getByTestId('review-page').waitFor();
  await page.getByRole('heading', { name: `信息发布审查：${TITLE}` }).waitFor();
  await page.getByTestId('decision-card').waitFor();
  await bell.and(page.locator('[data-unread="0"]')).waitFor();
  assert.notEqual((await session()).last_seen_at, seenBefore, 'opening it is activity');
  const read = await ctx.db
    .selectFrom('notification_reads')
    .innerJoin('notifications', 'notifications.id', 'notification_reads.notification_id')
    .select(['notification_reads.user_id', 'notifications.kind'])
    .execute();
  assert.deepEqual(read, [{ user_id: reviewer.id, kind: 'review-waiting' }], 'read by the reviewer alone');
  await screenshot(page, t, 'notifications-review-page');

  // The editor schedules the publication at 09:30 Beijing time from a New York browser.
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByLabel('用户名').waitFor();
  await login(page, baseUrl, 'zh_editor');
  await page.goto(`${baseUrl}/admin/content/${contentId}`);
  await page.getByTestId('content-status').waitFor();
  await page.getByRole('button', { name: '定时发布/撤稿' }).click();
  const dialog = page.getByRole('dialog', { name: '定时发布 / 定时撤稿' });
  await dialog.waitFor();
  const day = shanghaiDayAfterTomorrow(new Date(Math.max(Date.now(), clock.now().getTime())));
  const input = dialog.getByLabel('定时发布时间（北京时间）');
  await input.click();
  await input.fill(`${day} 09:30`);
  await input.press('Enter');
  await dialog.getByRole('button', { name: '保存' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByTestId('publish-at').waitFor();
  const stored = await ctx.db
    .selectFrom('content_items')
    .select('publish_at')
    .where('id', '=', contentId)
    .executeTakeFirstOrThrow();
  assert.equal(stored.publish_at, new Date(`${day}T01:30:00.000Z`).toISOString(), '09:30 in Beijing is 01:30 UTC');
  assert.equal(await page.getByTestId('publish-at').textContent(), `${day} 09:30:00`, 'shown back in Beijing time');
  await screenshot(page, t, 'notifications-scheduled');
});

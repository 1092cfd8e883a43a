// The demo site's data release as a visitor and an inspector see it: the 数据发布 column under 政务公开 with
// its data sets, a data set's page (tags, charts drawn without JavaScript, a sortable preview, downloads), the
// 图解 drawing a chart beside its policy, the monthly site-data job, and the 数据发布 bonus granted in full.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testEnv } from '../../../test/helpers.ts';
import { assertDocument, assertSiteMeta, metaTags } from '../portal/html-testing.ts';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.service.ts';
import { DAY } from '../../platform/time.ts';

test('demo: data column, data set pages, 图解 with charts, site data each month, the 数据发布 bonus', async (t) => {
  const env = await testEnv({ demoContent: true });
  t.after(() => env.close());
  const { app, ctx, clock } = env;
  const site = (await ctx.sites.list()).find((s) => s.code === 'main')!;

  // At least six data sets with twelve months of figures, published in the 数据发布 column.
  const published = await ctx.datasets.reader.list(site.id);
  const twelve = published.filter(
    (d) => d.versions.at(-1)!.columns[0].type === 'month' && d.versions.at(-1)!.rowCount >= 12,
  );
  assert.ok(twelve.length >= 6, `data sets with 12 months: ${twelve.length}`);
  assert.ok(
    published.some((d) => d.versions.length > 1),
    'a data set with several versions',
  );

  // The column: its tags, filters, the data sets with their update dates.
  const column = await app.inject('/zwgk/sjfb/');
  assert.equal(column.statusCode, 200);
  assertDocument(column.body, '/zwgk/sjfb/');
  assertSiteMeta(column.body, site, '/zwgk/sjfb/');
  assert.deepEqual(metaTags(column.body).get('ColumnType'), ['数据发布']);
  assert.match(column.body, /<select id="ds-theme" name="theme">/);
  assert.equal([...column.body.matchAll(/class="dataset-entry"/g)].length, 8);
  const filtered = await app.inject(`/zwgk/sjfb/?theme=${encodeURIComponent('社会民生')}`);
  assert.equal([...filtered.body.matchAll(/class="dataset-entry"/g)].length, 1);
  assert.match(filtered.body, /12345政务服务便民热线诉求分类统计/);

  // A data set's page: article tags, charts as inline SVG with their words and table, preview, downloads.
  const hotline = published.find((d) => d.metadata.title.startsWith('12345'))!;
  const path = await ctx.datasets.pagePath(hotline);
  const page = await app.inject(path);
  assert.equal(page.statusCode, 200);
  assertDocument(page.body, path);
  const tags = metaTags(page.body);
  assert.deepEqual(tags.get('ArticleTitle'), ['12345政务服务便民热线诉求分类统计']);
  assert.deepEqual(tags.get('ContentSource'), ['综合处']);
  assert.ok(tags.get('PubDate'));
  assert.match(
    page.body,
    /<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 640 400" width="100%" class="chart-svg" role="img" aria-label="饼图：热线诉求分类占比"/,
  );
  assert.match(page.body, /<p class="chart-text" id="chart-\d+-text">饼图“热线诉求分类占比”，共 6 项/);
  assert.match(page.body, /<table class="chart-table"/);
  assert.equal(
    [...page.body.matchAll(/href="\/api\/open\/datasets\/\d+\/versions\/\d\/data\.(csv|xlsx|json)"/g)].length,
    6,
  );
  assert.match(page.body, /aria-label="第2页"/);
  // Sorting is a link; the sorted page is a page of its own (no JavaScript).
  const sorted = await app.inject(`${path}?sort=${encodeURIComponent('件数')}&order=desc`);
  assert.equal(sorted.statusCode, 200);
  assert.match(sorted.body, /aria-sort="descending"/);
  const counts = [...sorted.body.matchAll(/<td class="num">([\d,]+)<\/td>/g)].map((m) =>
    Number(m[1].replace(/,/g, '')),
  );
  assert.deepEqual(
    counts,
    [...counts].sort((a, b) => b - a),
  );
  // 长者模式 renders the same page with the care class.
  const care = await app.inject({ url: path, headers: { cookie: 'gp_care=1' } });
  assert.match(care.body, /<body class="care">/);

  // The 图解 draws its data set's chart in place of the placeholder, and links back to the data set.
  const graphic = await ctx.db
    .selectFrom('published_items')
    .select(['content_id', 'column_id'])
    .where('title', '=', '图解：一年来政务服务“好差评”数据')
    .executeTakeFirstOrThrow();
  const columnPath = (await ctx.columns.tree(site.id)).byId.get(graphic.column_id)!.path;
  const graphicPage = await app.inject(`${columnPath}${graphic.content_id}.html`);
  assert.equal(graphicPage.statusCode, 200);
  assert.match(graphicPage.body, /<figure class="chart chart-line" id="embedded-chart-\d+-0">/);
  assert.match(graphicPage.body, /数据来源：<a href="\/zwgk\/sjfb\/\d+\.html">政务服务“好差评”评价情况<\/a>/);
  assert.match(graphicPage.body, /解读的文件/);

  // The inspection: 数据发布 granted in full (4), 图解 counted among interpretation forms.
  const results = await ctx.inspection.internalChecks.run({
    db: ctx.db,
    siteId: site.id,
    now: clock.now(),
    seed: 7,
    url: (p) => `http://${site.domains[0]}${p}`,
    columns: ctx.columns,
    duty: ctx.duty,
  });
  const release = results.filter((r) => r.indicatorId === 'bonus.data-release');
  assert.equal(release.length, 1);
  assert.equal(release[0].status, 'measured');
  const findings = release[0].status === 'measured' ? release[0].findings : [];
  assert.deepEqual(
    findings.map((f) => f.subRule),
    [1, 2, 3],
  );
  assert.equal(findings[0].points, 2);

  // A month later the job adds the site's figures of the month that just ended, public at once.
  const auto = published.find((d) => d.metadata.autoProvider === 'site.publications')!;
  clock.advance(35 * DAY);
  assert.equal(await ctx.datasets.publishing.runSiteData(SYSTEM_ACTOR, clock.now().toISOString()), 1);
  assert.equal(await ctx.datasets.publishing.runSiteData(SYSTEM_ACTOR, clock.now().toISOString()), 0);
  const after = (await ctx.datasets.reader.byId(auto.id))!;
  assert.equal(after.versions.length, auto.versions.length + 1);
  assert.equal(after.updatedAt, clock.now().toISOString());
});

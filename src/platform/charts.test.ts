import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from './errors.ts';
import { CHART_FONT_FAMILY, chartSpecProblem, describeChart, renderChart, type ChartSpec } from './charts.ts';

const MONTHS = Array.from({ length: 12 }, (_, i) => `2026年${i + 1}月`);
const visits: ChartSpec = {
  kind: 'line',
  title: '2026年网站访问量',
  categories: MONTHS,
  series: [
    { name: '访问量', values: [1200, 1350, 990, 1500, 1620, 1580, 1710, 1690, 1820, 1900, 2050, 2200] },
    { name: '访客数', values: [800, 860, 700, 950, null, 1010, 1100, 1080, 1150, 1200, 1290, 1400] },
  ],
  categoryName: '月份',
  unit: '次',
  source: '网站访问统计',
};
const share: ChartSpec = {
  kind: 'pie',
  title: '各栏目发布信息占比',
  categories: ['工作动态', '通知公告', '政策文件', '政策解读'],
  series: [{ name: '发布数', values: [60, 25, 10, 5] }],
  unit: '条',
};

test('a chart is an SVG in Chinese fonts, its words and its table; nothing the CSP or vnu refuses', () => {
  const chart = renderChart(visits, { id: 'visits' });
  assert.match(chart.inlineSvg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 720 400" width="100%"/);
  assert.match(chart.inlineSvg, /role="img" aria-label="折线图：2026年网站访问量"/);
  assert.ok(chart.inlineSvg.includes(`font-family="${CHART_FONT_FAMILY}"`));
  assert.match(chart.inlineSvg, /<text[^>]*>2026年1月<\/text>/);
  for (const part of [chart.html, chart.svg]) {
    assert.doesNotMatch(part, /\sstyle="|<style|ecmeta_|zr\d+-cls|\son[a-z]+="/);
  }
  assert.match(chart.svg, /^<\?xml[^>]*>\n<svg [^>]*width="720" height="400"/);
  assert.match(chart.svg, /<title id="t">折线图：2026年网站访问量<\/title><desc id="d">/);
  // The words: what it is, the range, highs, lows and the trend.
  assert.match(chart.textAlternative, /^折线图“2026年网站访问量”，从“2026年1月”到“2026年12月”共 12 项。/);
  assert.match(
    chart.textAlternative,
    /访问量：最高为“2026年12月”2,200次，最低为“2026年3月”990次，由1,200次变为2,200次（增长83.3%）/,
  );
  // The table: caption with unit, header cells, a gap shown as a dash.
  assert.match(chart.tableHtml, /<caption>2026年网站访问量（单位：次）<\/caption>/);
  assert.match(chart.tableHtml, /<th scope="col">月份<\/th><th scope="col">访问量<\/th><th scope="col">访客数<\/th>/);
  assert.match(chart.tableHtml, /<tr><th scope="row">2026年5月<\/th><td>1,620<\/td><td>—<\/td><\/tr>/);
  assert.match(chart.html, /^<figure class="chart chart-line" id="visits"><figcaption id="visits-caption"/);
  assert.match(chart.html, /<details class="chart-data"><summary>查看图表数据<\/summary>/);
  assert.match(chart.html, /<p class="chart-source">数据来源：网站访问统计<\/p>/);
  assert.match(renderChart(visits, { id: 'v2', tableOpen: true }).html, /<div class="table-scroll" role="region"/);
});

test('a pie tells each share; a bar chart its highs and lows and total', () => {
  assert.equal(
    describeChart(share),
    '饼图“各栏目发布信息占比”，共 4 项，合计 100条：工作动态占60%（60条），通知公告占25%（25条），政策文件占10%（10条），政策解读占5%（5条）。',
  );
  const pie = renderChart(share, { id: 'share' });
  assert.match(pie.tableHtml, /<th scope="col">占比<\/th>/);
  assert.match(pie.tableHtml, /<tr><th scope="row">工作动态<\/th><td>60<\/td><td>60%<\/td><\/tr>/);
  const bar = describeChart({ ...share, kind: 'bar', title: '各栏目发布数' });
  assert.match(bar, /发布数：最高为“工作动态”60条，最低为“政策解读”5条，合计100条/);
});

test('text from the spec is escaped everywhere', () => {
  const chart = renderChart({
    kind: 'bar',
    title: '<script>alert(1)</script>',
    categories: ['a"b', '<img src=x onerror=alert(1)>'],
    series: [{ name: '&amp;', values: [1, 2] }],
  });
  for (const part of [chart.html, chart.svg]) {
    assert.doesNotMatch(part, /<script|<img/);
  }
  assert.match(chart.html, /&#60;script&#62;alert\(1\)&#60;\/script&#62;/);
});

test('specs that cannot be drawn are refused in Chinese', () => {
  assert.equal(chartSpecProblem({ ...share, series: [...share.series, ...share.series] }), '饼图只能有一个数据系列');
  assert.equal(
    chartSpecProblem({ ...visits, series: [{ name: '访问量', values: [1] }] }),
    '数据系列“访问量”的数值个数与类别个数不一致',
  );
  assert.equal(chartSpecProblem({ ...share, series: [{ name: 'x', values: [1, -1, 0, 0] }] }), '饼图的数值不能为负数');
  assert.throws(
    () => renderChart({ ...visits, categories: [] }),
    (e: unknown) => e instanceof AppError && e.code === 'CHART_INVALID' && e.message === '图表无法绘制：图表没有数据',
  );
});

const VNU_JAR = path.resolve('node_modules/vnu-jar/build/dist/vnu.jar');
const JAVA = spawnSync('java', ['-version']).status === 0 && fs.existsSync(VNU_JAR);

test('a page with the three kinds of chart is valid HTML (vnu)', {
  skip: JAVA ? false : 'java 或 vnu-jar 未安装',
}, () => {
  const figures = [
    renderChart(visits, { id: 'c1' }).html,
    renderChart(share, { id: 'c2', tableOpen: true }).html,
    renderChart({ ...share, kind: 'bar', title: '各栏目发布数' }, { id: 'c3' }).html,
  ];
  const page = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>图表</title></head><body><main>${figures.join('')}</main></body></html>`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'charts-vnu-'));
  try {
    const file = path.join(dir, 'charts.html');
    fs.writeFileSync(file, page);
    const run = spawnSync('java', ['-jar', VNU_JAR, '--format', 'json', '--errors-only', file], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    const messages = (JSON.parse(run.stderr || '{"messages":[]}') as { messages: { type: string; message: string }[] })
      .messages;
    assert.deepEqual(
      messages.filter((m) => m.type === 'error').map((m) => m.message),
      [],
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

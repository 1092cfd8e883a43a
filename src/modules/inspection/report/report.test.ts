import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { GOV_WEBSITE_CATALOGUE, allIndicators } from '../indicators.ts';
import { HOSTILE_MESSAGE, LONG_URL, buildSampleReport } from './fixture.ts';
import {
  FINDING_COLUMNS,
  INDICATOR_COLUMNS,
  REPORT_CSS,
  REPORT_STYLE_HASH,
  XLSX_SHEETS,
  renderReportHtml,
  renderReportPdf,
  renderReportXlsx,
  screenshotSrc,
} from './index.ts';

const outDir = path.resolve('test-results');
const have = (cmd: string) => spawnSync('which', [cmd]).status === 0;
const NAMES = allIndicators(GOV_WEBSITE_CATALOGUE).map((i) => i.name);

describe('fixture', () => {
  test('the scored run passes with deductions, a bonus and untested indicators; the vetoed run fails', () => {
    const r = buildSampleReport();
    assert.equal(r.verdict, '合格');
    assert.equal(r.deductionScore, 93.3);
    assert.equal(r.bonusScore, 2);
    assert.equal(r.totalScore, 95.3);
    assert.equal(r.untested.deductionPoints, 19);
    assert.ok(r.indicators.some((i) => i.status === '加分'));
    const v = buildSampleReport('vetoed');
    assert.equal(v.verdict, '不合格');
    assert.equal(v.totalScore, null);
    assert.equal(v.indicators.find((i) => i.id === 'veto.site-unreachable')?.status, '否决');
    assert.equal(v.indicators.find((i) => i.id === 'deduct.page-tags')?.status, '未评分');
  });
});

describe('renderReportHtml', () => {
  const report = buildSampleReport();
  const html = renderReportHtml(report, { screenshotBase: 'https://admin.example.gov.cn' });

  test('a complete standalone document: summary, verdict, scores, untested warning', () => {
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(path.join(outDir, 'inspection-report.html'), renderReportHtml(report));
    assert.match(html, /^<!DOCTYPE html>\n<html lang="zh-CN">/);
    assert.match(html, /<\/html>\n$/);
    assert.ok(html.includes('<meta charset="utf-8">'));
    assert.ok(html.includes('示例市政务服务管理局'));
    assert.ok(html.includes('2026-11-27 09:58:00 至 10:09:41（北京时间）'), 'Asia/Shanghai times');
    assert.match(html, /<strong class="value"><span aria-hidden="true">✓<\/span> 合格<\/strong>/);
    assert.match(html, /扣分指标得分<\/span><span class="value">93\.3<\/span>/);
    assert.match(html, /加分指标得分<\/span><span class="value">2<\/span>/);
    assert.match(html, /总分<\/span><span class="value">95\.3<\/span>/);
    assert.ok(html.includes('有 19 分的指标未检测，得分可能偏高'));
    for (const u of report.untested.indicators) {
      assert.ok(html.includes(u.name), u.name);
      assert.ok(html.includes(u.reason), u.reason);
    }
  });

  test('every indicator by its name in 附件2, with status, points and the rule text in <details>', () => {
    for (const name of NAMES) assert.ok(html.includes(`>${name}</h`), name);
    for (const name of ['页面标签', '网站标识', '站内搜索', '我为政府网站找错'])
      assert.ok(html.includes(`<h4>${name}</h4>`), name);
    assert.ok(html.includes('<h3>站点无法访问</h3>'), 'vetoes under their section');
    assert.ok(html.includes('<h3>发布解读（31分）</h3>') && html.includes('<h3>功能设计（21分）</h3>'));
    assert.ok(html.includes('<span class="pts">扣 0.2 分 / 满分 1 分</span>'), '页面标签 points');
    assert.ok(html.includes('<span class="pts">加 1 分 / 满分 4 分</span>'), 'bonus points');
    assert.equal((html.match(/<details class="rules">/g) ?? []).length, NAMES.length);
    assert.ok(html.includes('随机抽查5个内容页面，无站点标签或内容标签的，每个扣0.1分。'));
    assert.ok(html.includes('找错入口（1分）') && html.includes('找错留言办理（3分）'));
    assert.ok(html.includes('上述情况出现任意一种，即单项否决。'));
  });

  test('findings with their evidence: link, expected and observed, time, digest, screenshot', () => {
    assert.ok(html.includes('href="https://zwfw.example.gov.cn/art/2026/11/12/art_1229_41.html"'));
    assert.ok(html.includes('<th scope="row">应为</th>') && html.includes('<th scope="row">实为</th>'));
    assert.ok(html.includes('2026-11-27 10:03:12（北京时间）'));
    assert.ok(html.includes('08'.repeat(32)), 'SHA-256');
    assert.ok(
      html.includes('<img src="https://admin.example.gov.cn/api/inspection/runs/7/evidence/3"'),
      'screenshot under the base',
    );
    assert.ok(
      renderReportHtml(report).includes('<img src="/api/inspection/runs/7/evidence/3"'),
      'screenshot path as it is',
    );
    assert.ok(html.includes(LONG_URL.replace(/&/g, '&amp;')));
  });

  test('hostile text from crawled sites is escaped; only http(s) URLs become links; no scripts, no external resources', () => {
    assert.ok(html.includes(`&lt;script&gt;alert(1)&lt;/script&gt;`));
    assert.ok(!html.includes(HOSTILE_MESSAGE));
    assert.doesNotMatch(html, /<script/i);
    assert.ok(!html.includes('<img src=x'), 'markup inside evidence escaped');
    assert.ok(html.includes('&quot;&gt;&lt;img src=x onerror=alert(2)&gt;'));
    assert.doesNotMatch(html, /href="javascript:/i);
    assert.ok(html.includes('<span class="url">javascript:alert(3)</span>'));
    assert.doesNotMatch(html, /\son[a-z]+="/i, 'no event handler attributes');
    assert.doesNotMatch(html, /\sstyle="/i, 'no style attributes: one <style> element, hashable for a CSP');
    assert.doesNotMatch(html, /<link\b|<iframe|<object|<embed|@import|url\(http/i);
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)];
    assert.equal(styles.length, 1);
    assert.equal(styles[0][1], REPORT_CSS);
    assert.equal(REPORT_STYLE_HASH, `sha256-${createHash('sha256').update(styles[0][1]).digest('base64')}`);
    assert.equal(screenshotSrc('javascript:alert(1)'), null);
    assert.equal(screenshotSrc('data:image/png;base64,AAAA'), null);
    assert.equal(screenshotSrc('//evil.example/x.png'), null);
    assert.equal(screenshotSrc('/a/b.png', 'file:///tmp/out/'), 'file:///tmp/out/a/b.png');
  });

  test('the bar chart of points lost per group is inline SVG with a text alternative and a data table', () => {
    const svg = html.match(/<svg[\s\S]*?<\/svg>/)?.[0] ?? '';
    assert.ok(svg, 'inline SVG');
    assert.match(svg, /role="img" aria-labelledby="chart-title chart-desc"/);
    for (const [group, points] of [
      ['发布解读', 31],
      ['办事服务', 25],
      ['互动交流', 23],
      ['功能设计', 21],
    ] as const) {
      assert.ok(svg.includes(`>${group}</text>`), group);
      assert.ok(svg.includes(`/ ${points} 分</text>`), `${group} ${points}`);
    }
    assert.ok(svg.includes('扣 4.2 分 / 21 分'), '功能设计 lost 4.2');
    assert.ok(html.includes('<th scope="row">功能设计</th><td class="num">21</td><td class="num">4.2</td>'));
  });

  test('accessible: headings in order, table headers with scope, statuses spelt out next to their colour', () => {
    const levels = [...html.matchAll(/<h([1-6])\b/g)].map((m) => Number(m[1]));
    assert.equal(levels[0], 1);
    assert.equal(levels.filter((l) => l === 1).length, 1);
    for (const [i, l] of levels.entries()) assert.ok(i === 0 || l <= levels[i - 1]! + 1, `h${levels[i - 1]} → h${l}`);
    assert.doesNotMatch(html, /<th(?=[\s>])(?![^>]*scope=)[^>]*>/, 'every th has a scope');
    assert.match(html, /<span class="badge tone-warn"><span aria-hidden="true">−<\/span> 扣分<\/span>/);
    assert.match(html, /<span class="badge tone-caution"><span aria-hidden="true">\?<\/span> 未检测<\/span>/);
    for (const img of html.match(/<img [^>]*>/g) ?? []) assert.match(img, /alt="[^"]+"/);
  });

  test('a vetoed run: 不合格, the veto reasons, nothing scored', () => {
    const v = renderReportHtml(buildSampleReport('vetoed'));
    fs.writeFileSync(path.join(outDir, 'inspection-report-vetoed.html'), v);
    assert.match(v, /<strong class="value"><span aria-hidden="true">✗<\/span> 不合格<\/strong>/);
    assert.ok(v.includes('单项否决情形'));
    assert.ok(v.includes('<strong>站点无法访问</strong>：监测7天，网站打不开的次数占比8.6%'));
    assert.ok(v.includes('存在单项否决情形，不再评分'));
    assert.ok(v.includes('扣分指标未评分'));
    assert.ok(!v.includes('<svg'), 'no chart of a score that was not given');
    assert.ok(v.includes('有 1 项单项否决指标未检测'));
  });

  test('a department without public services: 办事服务 不检查, scored out of 75 and scaled', () => {
    const r = buildSampleReport('no-services');
    assert.equal(r.indicators.find((i) => i.id === 'deduct.service-guides')?.status, '不检查');
    const out = renderReportHtml(r);
    assert.ok(out.includes('没有对外服务职能，不检查办事服务指标'));
    assert.ok(out.includes('以75分为满分，结果乘以100/75'));
    assert.ok(out.includes('办事服务（25分）：不检查'), 'the chart says so in words');
    assert.ok(out.includes('>不检查</text>'));
    assert.ok(
      out.includes(
        '<th scope="row">办事服务</th><td class="num">25</td><td class="num">—</td><td class="num">—</td><td class="num">25</td>',
      ),
    );
  });

  test('compareWith: 新发现 / 已整改 / 仍存在, and the findings tagged', () => {
    const r = buildSampleReport();
    const flat = r.indicators.flatMap((i) => i.findings.map((f) => ({ ...f, indicatorId: i.id, indicator: i.name })));
    const fixed = {
      indicatorId: 'deduct.news',
      indicator: '动态要闻',
      message: '“部门动态”栏目两周未更新 <b>',
      evidence: { url: 'https://zwfw.example.gov.cn/col/col1/' },
    };
    const out = renderReportHtml(r, {
      compareWith: { new: flat.slice(0, 2), fixed: [fixed], remaining: flat.slice(2) },
    });
    assert.ok(out.includes('<h2 id="compare-h">与上次检查对比</h2>'));
    assert.ok(
      out.includes('新发现（2 项）') &&
        out.includes('已整改（1 项）') &&
        out.includes(`仍存在（${flat.length - 2} 项）`),
    );
    assert.ok(out.includes('“部门动态”栏目两周未更新 &lt;b&gt;'));
    assert.equal((out.match(/<span class="f-tag tone-warn">新发现<\/span>/g) ?? []).length, 2);
  });
});

describe('renderReportPdf', () => {
  test('A4, Chinese text, summary, groups, indicators, findings with URLs, page numbers', async (t) => {
    const buf = await renderReportPdf(buildSampleReport());
    assert.equal(buf.subarray(0, 5).toString(), '%PDF-');
    fs.mkdirSync(outDir, { recursive: true });
    const pdfPath = path.join(outDir, 'inspection-report.pdf');
    fs.writeFileSync(pdfPath, buf);
    if (have('pdftoppm')) {
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        '60',
        '-f',
        '1',
        '-l',
        '1',
        '-singlefile',
        pdfPath,
        path.join(outDir, 'inspection-report-page1'),
      ]);
      assert.ok(fs.existsSync(path.join(outDir, 'inspection-report-page1.png')));
    }
    if (!have('pdftotext')) {
      t.skip('pdftotext (poppler-utils) unavailable');
      return;
    }
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'inspection-report-'));
    t.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
    const txt = path.join(tmp, 'r.txt');
    execFileSync('pdftotext', [pdfPath, txt]);
    const raw = fs.readFileSync(txt, 'utf8');
    const flat = raw.replace(/\s+/g, '');
    if (have('pdfinfo'))
      assert.match(execFileSync('pdfinfo', [pdfPath]).toString(), /Page size:\s+595\.2\d? x 841\.8\d? pts \(A4\)/);
    for (const s of [
      '政府网站检查报告',
      '示例市政务服务管理局',
      '检查结论',
      '✓合格',
      '扣分指标得分',
      '93.3',
      '95.3',
      '有19分的指标未检测，得分可能偏高',
      '各分组得分情况',
      '指标检查结果',
      '问题清单与证据',
    ]) {
      assert.ok(flat.includes(s), s);
    }
    for (const name of NAMES) assert.ok(flat.includes(name.replace(/\s+/g, '')), name);
    assert.ok(flat.includes(LONG_URL), 'the long URL, wrapped over lines');
    assert.ok(flat.includes('https://zwfw.example.gov.cn/art/2026/11/12/art_1229_41.html'));
    assert.ok(flat.includes('08'.repeat(32)), 'SHA-256');
    assert.ok(flat.includes('2026-11-2710:03:12（北京时间）'));
    assert.ok(flat.includes(HOSTILE_MESSAGE), 'text is text in a PDF');
    const pages = [...raw.matchAll(/第\s*(\d+)\s*页\s*共\s*(\d+)\s*页/g)];
    const total = Number(pages[0]?.[2]);
    assert.ok(total >= 3, `共 ${total} 页`);
    assert.equal(pages.length, total);
    assert.deepEqual(
      pages.map((p) => Number(p[1])),
      Array.from({ length: total }, (_, i) => i + 1),
    );
  });

  test('a vetoed run prints 不合格 and the veto', async (t) => {
    const buf = await renderReportPdf(buildSampleReport('vetoed'));
    fs.writeFileSync(path.join(outDir, 'inspection-report-vetoed.pdf'), buf);
    if (!have('pdftotext')) {
      t.skip('pdftotext unavailable');
      return;
    }
    const flat = execFileSync('pdftotext', [path.join(outDir, 'inspection-report-vetoed.pdf'), '-'])
      .toString()
      .replace(/\s+/g, '');
    for (const s of [
      '×不合格',
      '单项否决情形',
      '站点无法访问：监测7天，网站打不开的次数占比8.6%',
      '存在单项否决情形，不再评分',
      '未评分',
    ])
      assert.ok(flat.includes(s), s);
  });
});

describe('renderReportXlsx', () => {
  test('汇总, 指标 and 问题清单 with frozen headers, widths and wrapped text', async () => {
    const report = buildSampleReport();
    const buf = await renderReportXlsx(report);
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(path.join(outDir, 'inspection-report.xlsx'), buf);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      [XLSX_SHEETS.summary, XLSX_SHEETS.indicators, XLSX_SHEETS.findings],
    );
    const text = (ws: ExcelJS.Worksheet, r: number, c: number) => {
      const v = ws.getRow(r).getCell(c).value;
      return v && typeof v === 'object' && 'text' in v ? String(v.text) : String(v ?? '');
    };

    const summary = wb.getWorksheet(XLSX_SHEETS.summary)!;
    const pairs = new Map<string, string>();
    summary.eachRow((_row, n) => pairs.set(text(summary, n, 1), text(summary, n, 2)));
    assert.equal(pairs.get('检查结论'), '合格');
    assert.equal(pairs.get('扣分指标得分'), '93.3');
    assert.equal(pairs.get('加分指标得分'), '2');
    assert.equal(pairs.get('总分'), '95.3');
    assert.equal(pairs.get('未检测的扣分指标分值'), '19');
    assert.match(pairs.get('提示') ?? '', /有 19 分的指标未检测，得分可能偏高/);
    assert.equal(pairs.get('扣分指标 · 功能设计'), '21');
    assert.equal(summary.views[0]?.state, 'frozen');

    const ind = wb.getWorksheet(XLSX_SHEETS.indicators)!;
    assert.deepEqual(
      (ind.getRow(1).values as unknown[]).slice(1),
      INDICATOR_COLUMNS.map((c) => c.header),
    );
    assert.equal(ind.rowCount, 1 + NAMES.length);
    assert.deepEqual(
      Array.from({ length: NAMES.length }, (_, i) => text(ind, i + 2, 3)),
      NAMES,
    );
    const rowOf = (name: string) => {
      for (let r = 2; r <= ind.rowCount; r += 1) if (text(ind, r, 3) === name) return ind.getRow(r);
      throw new Error(name);
    };
    const tags = rowOf('页面标签');
    assert.deepEqual(
      [
        tags.getCell(1).value,
        tags.getCell(2).value,
        tags.getCell(4).value,
        tags.getCell(5).value,
        tags.getCell(6).value,
        tags.getCell(7).value,
        tags.getCell(9).value,
      ],
      ['扣分指标', '功能设计', '扣分', 0.2, 1, '外部检测', 2],
    );
    assert.equal(rowOf('一号登录').getCell(4).value, '未检测');
    assert.match(String(rowOf('一号登录').getCell(8).value), /需注册用户实际操作/);
    assert.equal(rowOf('智能搜索').getCell(4).value, '加分');
    assert.equal(rowOf('站点无法访问').getCell(1).value, '单项否决');
    assert.equal(ind.views[0]?.state, 'frozen');
    assert.equal(ind.getColumn(8).width, 50);
    assert.equal(tags.getCell(8).alignment?.wrapText, true);

    const fnd = wb.getWorksheet(XLSX_SHEETS.findings)!;
    assert.deepEqual(
      (fnd.getRow(1).values as unknown[]).slice(1),
      FINDING_COLUMNS.map((c) => c.header),
    );
    const findings = report.indicators.flatMap((i) => i.findings);
    assert.equal(fnd.rowCount, 1 + findings.length);
    const rows = Array.from({ length: findings.length }, (_, i) => i + 2);
    const tagRow = rows.find((r) => text(fnd, r, 4).startsWith('内容页面缺少站点或内容标签'));
    assert.ok(tagRow, 'page-tags finding');
    assert.equal(text(fnd, tagRow, 1), '页面标签');
    assert.equal(text(fnd, tagRow, 2), '第1条：随机抽查5个内容页面，无站点标签或内容标签的，每个扣0.1分。');
    assert.equal(fnd.getRow(tagRow).getCell(3).value, 0.1);
    assert.deepEqual(fnd.getRow(tagRow).getCell(5).value, {
      text: 'https://zwfw.example.gov.cn/art/2026/11/12/art_1229_41.html',
      hyperlink: 'https://zwfw.example.gov.cn/art/2026/11/12/art_1229_41.html',
    });
    assert.equal(text(fnd, tagRow, 7), '缺少：ArticleTitle、PubDate');
    assert.equal(text(fnd, tagRow, 8), '2026-11-27 10:03:12');
    assert.equal(text(fnd, tagRow, 9), '08'.repeat(32));
    assert.equal(text(fnd, tagRow, 10), '/api/inspection/runs/7/evidence/3');
    assert.ok(rows.some((r) => text(fnd, r, 2).startsWith('找错入口 第2条')));
    assert.ok(rows.some((r) => text(fnd, r, 4).startsWith(`${HOSTILE_MESSAGE}\n被搜索的信息：`)));
    const js = rows.find((r) => text(fnd, r, 4).startsWith('领导分工与最新任免文件不一致'));
    assert.ok(js);
    assert.equal(fnd.getRow(js).getCell(5).value, 'javascript:alert(3)', 'not a hyperlink');
    assert.equal(fnd.views[0]?.state, 'frozen');
    assert.equal(fnd.getRow(tagRow).getCell(4).alignment?.wrapText, true);
  });
});

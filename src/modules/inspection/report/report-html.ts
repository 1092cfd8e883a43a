// The inspection report as one standalone, printable HTML document in Chinese: written to disk by the CLI
// (`--out DIR`) and served by the admin API under its own CSP. No scripts and no external resources: one
// <style> element (REPORT_CSS; REPORT_STYLE_HASH for a CSP `style-src`), no style attributes, the chart as
// inline SVG. Every text comes from crawled websites or inspectors and goes through the `h` template, which
// escapes whatever is not already markup; links and images only take http(s) URLs or same-site paths.
import type { InspectionReport, ReportFinding, ReportIndicator } from '../engine.ts';
import {
  BASIS,
  DEDUCTION_TOTAL,
  KIND_LABEL,
  REPORT_TITLE,
  STOPPED_BY_LABEL,
  SOURCE_LABEL,
  evidenceOf,
  findingKey,
  findingPoints,
  fmt,
  groupTotals,
  indicatorPointsText,
  isVetoed,
  pointsText,
  ruleText,
  runTime,
  scoreLines,
  sections,
  siteLabel,
  sourcesText,
  statusInfo,
  subRuleLabel,
  subRuleText,
  untestedNotes,
  untestedRows,
  untestedWarning,
  vetoLines,
  type CompareFinding,
  type CompareWith,
  type GroupTotal,
  type Section,
} from './common.ts';

import { type Part, Safe, h, link, screenshotSrc } from './html-template.ts';
import { REPORT_CSS } from './report-css.ts';

export type { CompareFinding, CompareWith } from './common.ts';
export { escapeHtml, screenshotSrc } from './html-template.ts';
export { REPORT_CSS, REPORT_STYLE_HASH } from './report-css.ts';

export interface ReportHtmlOptions {
  /** Prefix of screenshot paths (`evidence.screenshot`), e.g. the admin API's origin or a local directory URL. */
  screenshotBase?: string;
  /** The comparison with an earlier run of the same target (InspectionService.compare). */
  compareWith?: CompareWith;
}

// ───────────────────────────── parts ─────────────────────────────

function badge(status: string): Safe {
  const info = statusInfo(status);
  return h`<span class="badge tone-${info.tone}"><span aria-hidden="true">${info.symbol}</span> ${status}</span>`;
}

function masthead(report: InspectionReport): Safe {
  return h`<header class="masthead">
<p class="kicker">${REPORT_TITLE} · ${BASIS}</p>
<h1>${siteLabel(report)} 网站检查报告</h1>
<p class="site">${link(report.target.url)}</p>
</header>`;
}

function toc(report: InspectionReport, opts: ReportHtmlOptions): Safe {
  const items: [string, string][] = [['summary', '检查概要']];
  if (untestedWarning(report)) items.push(['untested', '未检测指标']);
  items.push(['groups', '各分组扣分']);
  if (opts.compareWith) items.push(['compare', '与上次检查对比']);
  items.push(['sec-veto', '单项否决指标'], ['sec-deduction', '扣分指标'], ['sec-bonus', '加分指标']);
  return h`<nav class="toc" aria-label="目录"><ol>${items.map(([id, label]) => h`<li><a href="#${id}">${label}</a></li>`)}</ol></nav>`;
}

function summary(report: InspectionReport): Safe {
  const pass = report.verdict === '合格';
  const crawl = report.crawl;
  const scope = `抓取 ${crawl.pages} 个页面（上限 ${report.options.maxPages}），${STOPPED_BY_LABEL[crawl.stoppedBy] ?? crawl.stoppedBy}${crawl.skipped ? `；另有 ${crawl.skipped} 个页面未抓取` : ''}`;
  const options = [
    report.options.noServices ? '没有对外服务职能，不检查办事服务指标' : '',
    report.options.ignoreRobots ? '忽略 robots.txt（本单位网站）' : '',
  ]
    .filter(Boolean)
    .join('；');
  const evidenceNote = (report as InspectionReport & { evidenceNote?: string }).evidenceNote;
  const vetoed = isVetoed(report);
  const sub = vetoed
    ? '存在单项否决情形'
    : report.verdict === '合格'
      ? '扣分指标得分不低于60分'
      : '扣分指标得分低于60分';
  const vetoes = vetoLines(report);
  return h`<section id="summary" aria-labelledby="summary-h">
<h2 id="summary-h">检查概要</h2>
<div class="summary">
<dl class="meta">
<dt>网站名称</dt><dd>${report.target.siteName ?? '—'}</dd>
<dt>网站地址</dt><dd>${link(report.target.url)}</dd>
<dt>检查时间</dt><dd>${runTime(report)}</dd>
<dt>检查范围</dt><dd>${scope}</dd>
${options ? h`<dt>检查选项</dt><dd>${options}</dd>` : ''}
<dt>抽样种子</dt><dd>${report.seed}（同一种子抽取相同的页面和事项，可复核）</dd>
${evidenceNote ? h`<dt>页面截图</dt><dd>${evidenceNote}</dd>` : ''}
</dl>
<div class="verdict ${pass ? 'pass' : 'fail'}">
<span class="label">检查结论</span>
<strong class="value"><span aria-hidden="true">${pass ? '✓' : '✗'}</span> ${report.verdict}</strong>
<span class="sub">${sub}</span>
</div>
</div>
<ul class="scores" aria-label="得分">
${scoreLines(report).map((s) => h`<li><span class="label">${s.label}</span><span class="value">${s.value}</span>${s.of ? h`<span class="of">${s.of}</span>` : ''}${s.note ? h`<span class="note">${s.note}</span>` : ''}</li>`)}
</ul>
${vetoes.length ? h`<div class="vetoes" role="group" aria-labelledby="veto-h"><h3 id="veto-h"><span aria-hidden="true">✗</span> 单项否决情形</h3><ul>${vetoes.map((v) => h`<li><strong>${v.name}</strong>：${v.message}${v.rule ? h`<br><small>（${v.rule}）</small>` : ''}</li>`)}</ul></div>` : ''}
</section>`;
}

function untestedSection(report: InspectionReport): Safe {
  const warning = untestedWarning(report);
  if (!warning) return h``;
  const rows = untestedRows(report);
  return h`<section id="untested" class="warning" aria-labelledby="untested-h">
<h2 id="untested-h"><span aria-hidden="true">⚠</span> ${warning}</h2>
${untestedNotes(report).map((n) => h`<p>${n}</p>`)}
<table>
<caption>未检测的指标（${rows.length} 项）</caption>
<thead><tr><th scope="col">指标</th><th scope="col">类别</th><th scope="col" class="num">分值</th><th scope="col">原因</th></tr></thead>
<tbody>${rows.map((r) => h`<tr><th scope="row"><a href="#${indAnchor(r.id)}">${r.name}</a></th><td class="nowrap">${KIND_LABEL[r.kind]}</td><td class="num">${r.maxPoints === null ? '—' : fmt(r.maxPoints)}</td><td>${r.reason}</td></tr>`)}</tbody>
</table>
</section>`;
}

// ── the bar chart of points lost per group ──

const CHART = { width: 760, label: 96, bar: 430, rowH: 46, top: 8, barH: 20 };

function groupChart(totals: GroupTotal[], vetoed: boolean): Safe {
  const max = Math.max(...totals.map((t) => t.points));
  const scale = CHART.bar / max;
  const legendY = CHART.top + totals.length * CHART.rowH + 10;
  const height = legendY + 26;
  const desc = totals
    .map((t) =>
      t.notInspected >= t.points
        ? `${t.name}（${t.points}分）：不检查`
        : `${t.name}（${t.points}分）：扣 ${fmt(t.scored)} 分${t.untested ? `，未检测 ${fmt(t.untested)} 分` : ''}`,
    )
    .join('；');
  const rows = totals.map((t, i) => {
    const y = CHART.top + i * CHART.rowH;
    const x0 = CHART.label;
    const full = t.points * scale;
    const lost = (t.scored ?? 0) * scale;
    const untested = t.untested * scale;
    const skipped = t.notInspected * scale;
    const label = t.notInspected >= t.points ? '不检查' : `扣 ${fmt(t.scored)} 分 / ${t.points} 分`;
    const sub =
      t.notInspected >= t.points
        ? ''
        : [t.untested ? `未检测 ${fmt(t.untested)} 分` : '', t.notInspected ? `不检查 ${fmt(t.notInspected)} 分` : '']
            .filter(Boolean)
            .join('，');
    return h`<g>
<text x="0" y="${y + CHART.barH / 2 + 5}" font-size="15" font-weight="600">${t.name}</text>
<rect x="${x0}" y="${y}" width="${full.toFixed(1)}" height="${CHART.barH}" fill="#e6f4ea" stroke="#6aa27c" stroke-width="1"/>
${lost > 0 ? h`<rect x="${x0}" y="${y}" width="${lost.toFixed(1)}" height="${CHART.barH}" fill="#b3261e"/>` : ''}
${untested > 0 ? h`<rect x="${(x0 + lost).toFixed(1)}" y="${y}" width="${untested.toFixed(1)}" height="${CHART.barH}" fill="url(#hatch-untested)" stroke="#a07c00" stroke-width="1"/>` : ''}
${skipped > 0 ? h`<rect x="${(x0 + full - skipped).toFixed(1)}" y="${y}" width="${skipped.toFixed(1)}" height="${CHART.barH}" fill="url(#dots-skipped)" stroke="#8a929c" stroke-width="1"/>` : ''}
<text x="${x0 + CHART.bar + 12}" y="${y + CHART.barH / 2 + 5}" font-size="14">${label}</text>
${sub ? h`<text x="${x0}" y="${y + CHART.barH + 16}" font-size="12" fill="#5b6472">${sub}</text>` : ''}
</g>`;
  });
  const legend: [string, string][] = [
    ['#b3261e', '扣分'],
    ['url(#hatch-untested)', '未检测'],
    ['#e6f4ea', '未扣分'],
    ...(totals.some((t) => t.notInspected > 0) ? [['url(#dots-skipped)', '不检查'] as [string, string]] : []),
  ];
  return h`<figure class="chart">
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${CHART.width} ${height}" width="${CHART.width}" height="${height}" role="img" aria-labelledby="chart-title chart-desc">
<title id="chart-title">扣分指标各分组扣分情况</title>
<desc id="chart-desc">${vetoed ? '存在单项否决情形，扣分指标未评分。' : ''}${desc}</desc>
<defs>
<pattern id="hatch-untested" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff3c4"/><line x1="0" y1="0" x2="0" y2="6" stroke="#b08800" stroke-width="2.2"/></pattern>
<pattern id="dots-skipped" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#eceff3"/><circle cx="3" cy="3" r="1.1" fill="#8a929c"/></pattern>
</defs>
${rows}
<g font-size="13">${legend.map(([fill, label], i) => h`<rect x="${CHART.label + i * 110}" y="${legendY}" width="16" height="12" fill="${fill}" stroke="#6b7280" stroke-width="0.6"/><text x="${CHART.label + i * 110 + 22}" y="${legendY + 11}">${label}</text>`)}</g>
</svg>
<figcaption class="sr-only">各分组扣分情况，数值见下表。</figcaption>
</figure>`;
}

function groupsSection(report: InspectionReport): Safe {
  const totals = groupTotals(report, 'deduction');
  const vetoed = isVetoed(report);
  return h`<section id="groups" aria-labelledby="groups-h">
<h2 id="groups-h">扣分指标各分组扣分情况</h2>
${
  vetoed
    ? h`<p class="note-box">存在单项否决情形，按附件2“不再对其他指标进行评分”，扣分指标未评分。</p>`
    : h`${groupChart(totals, vetoed)}
<table class="groups">
<caption>各分组扣分明细（扣分为各指标封顶后的扣分之和，未按满分折算）</caption>
<thead><tr><th scope="col">分组</th><th scope="col" class="num">分值</th><th scope="col" class="num">扣分</th><th scope="col" class="num">未检测</th><th scope="col" class="num">不检查</th></tr></thead>
<tbody>${totals.map((t) => {
        const skipped = t.notInspected >= t.points;
        return h`<tr><th scope="row">${t.name}</th><td class="num">${t.points}</td><td class="num">${skipped ? '—' : fmt(t.scored)}</td><td class="num">${skipped ? '—' : fmt(t.untested)}</td><td class="num">${fmt(t.notInspected)}</td></tr>`;
      })}
<tr><th scope="row">合计</th><td class="num">${DEDUCTION_TOTAL}</td><td class="num">${fmt(sum(totals.map((t) => t.scored ?? 0)))}</td><td class="num">${fmt(sum(totals.map((t) => t.untested)))}</td><td class="num">${fmt(sum(totals.map((t) => t.notInspected)))}</td></tr>
</tbody>
</table>`
}
</section>`;
}

const sum = (values: number[]) => Math.round(values.reduce((a, b) => a + b, 0) * 100) / 100;

// ── comparison with the previous run ──

function compareSection(report: InspectionReport, compare: CompareWith): Safe {
  const names = new Map(report.indicators.map((i) => [i.id, i.name]));
  const lists: [string, string, readonly CompareFinding[]][] = [
    ['new', '新发现', compare.new],
    ['fixed', '已整改', compare.fixed],
    ['remaining', '仍存在', compare.remaining],
  ];
  const item = (f: CompareFinding) => {
    const url = (f.evidence as { url?: unknown } | undefined)?.url;
    return h`<li><strong>${f.indicator ?? names.get(f.indicatorId) ?? f.indicatorId}</strong>：${f.message}${typeof url === 'string' && url ? h`（${link(url)}）` : ''}</li>`;
  };
  return h`<section id="compare" aria-labelledby="compare-h">
<h2 id="compare-h">与上次检查对比</h2>
<table>
<thead><tr>${lists.map(([, label]) => h`<th scope="col" class="num">${label}</th>`)}</tr></thead>
<tbody><tr>${lists.map(([, , items]) => h`<td class="num">${items.length} 项</td>`)}</tr></tbody>
</table>
${lists.map(
  ([id, label, items]) => h`<h3 id="compare-${id}">${label}（${items.length} 项）</h3>
${items.length ? h`<ul class="compare-list">${items.map(item)}</ul>` : h`<p class="note-box">无</p>`}`,
)}
</section>`;
}

// ── indicators ──

const indAnchor = (id: string) => `ind-${id.replace(/[^A-Za-z0-9_.-]/g, '_')}`;

function rules(id: string): Safe {
  const rule = ruleText(id);
  if (!rule) return h``;
  return h`<details class="rules"><summary>检查细则（附件2）</summary><div class="body">
${rule.intro ? h`<p>${rule.intro}</p>` : ''}
${rule.parts.map((p) => h`${p.title ? h`<p><strong>${p.title}</strong>${p.intro ? h`：${p.intro}` : ''}</p>` : ''}<ol>${p.rules.map((r) => h`<li><span class="no">${r.no}.</span>${r.text}</li>`)}</ol>`)}
${rule.notes.map((n) => h`<p>${n}</p>`)}
</div></details>`;
}

function evidenceTable(f: ReportFinding, opts: ReportHtmlOptions): Safe {
  const e = evidenceOf(f);
  const row = (label: string, value: Part) => h`<tr><th scope="row">${label}</th><td>${value}</td></tr>`;
  const src = e.screenshot ? screenshotSrc(e.screenshot, opts.screenshotBase) : null;
  const rows = [
    e.url ? row('网址', link(e.url)) : '',
    e.expected ? row('应为', e.expected) : '',
    e.observed ? row('实为', e.observed) : '',
    e.at ? row('检查时间', `${e.at}（北京时间）`) : '',
    e.sha256 ? row('SHA-256', h`<span class="hash">${e.sha256}</span>`) : '',
    ...e.extras.map((x) => row(x.label, x.link ? link(x.value) : x.value)),
  ].filter(Boolean);
  return h`${rows.length ? h`<table class="evidence"><caption class="sr-only">证据</caption><tbody>${rows}</tbody></table>` : ''}
${src ? h`<figure class="shot"><a href="${src}"><img src="${src}" alt="${`页面截图：${e.url ?? ''}`}" width="320"></a><figcaption>页面截图（点击查看原图）</figcaption></figure>` : ''}`;
}

function findingItem(
  indicator: ReportIndicator,
  f: ReportFinding,
  opts: ReportHtmlOptions,
  state: Map<string, string>,
): Safe {
  const points = findingPoints(indicator, f);
  const where = subRuleLabel(indicator.id, f);
  const ruleTitle = subRuleText(indicator.id, f);
  const change = state.get(findingKey(indicator.id, f));
  const meta = [where, pointsText(indicator.kind, points), SOURCE_LABEL[f.source] ?? f.source]
    .filter(Boolean)
    .join(' · ');
  return h`<li>
<p class="f-msg">${f.message}<span class="f-meta">${where && ruleTitle ? h`<abbr title="${ruleTitle}">${meta}</abbr>` : meta}</span>${change ? h`<span class="f-tag ${change === '新发现' ? 'tone-warn' : 'tone-muted'}">${change}</span>` : ''}</p>
${evidenceTable(f, opts)}
</li>`;
}

function indicatorCard(
  report: InspectionReport,
  indicator: ReportIndicator,
  level: 3 | 4,
  opts: ReportHtmlOptions,
  state: Map<string, string>,
): Safe {
  const info = statusInfo(indicator.status);
  const heading = level === 3 ? h`<h3>${indicator.name}</h3>` : h`<h4>${indicator.name}</h4>`;
  const pts = indicatorPointsText(report, indicator);
  const reason = indicator.reason
    ? h`<p class="reason">${indicator.status === '未检测' ? '未检测原因：' : indicator.status === '不检查' ? '不检查：' : '说明：'}${indicator.reason}</p>`
    : '';
  const findings = indicator.findings.length
    ? h`<ol class="findings" aria-label="${`${indicator.name}：发现的问题`}">${indicator.findings.map((f) => findingItem(indicator, f, opts, state))}</ol>`
    : '';
  return h`<article class="ind tone-${info.tone}" id="${indAnchor(indicator.id)}">
<div class="ind-head">${heading}${badge(indicator.status)}${pts ? h`<span class="pts">${pts}</span>` : ''}<span class="src">来源：${sourcesText(indicator.sources)}${indicator.findings.length ? ` · 问题 ${indicator.findings.length} 处` : ''}</span></div>
${reason}
${rules(indicator.id)}
${findings}
</article>`;
}

function indicatorSection(
  report: InspectionReport,
  section: Section,
  opts: ReportHtmlOptions,
  state: Map<string, string>,
): Safe {
  const totals = section.kind === 'veto' ? [] : groupTotals(report, section.kind);
  return h`<section id="sec-${section.kind}" aria-labelledby="sec-${section.kind}-h">
<h2 id="sec-${section.kind}-h">${section.title}</h2>
${section.groups.map((g) => {
  if (g.name === null) return g.indicators.map((i) => indicatorCard(report, i, 3, opts, state));
  const t = totals.find((x) => x.name === g.name);
  const figure = !t
    ? ''
    : t.unscored
      ? '未评分'
      : `${section.kind === 'bonus' ? '加' : '扣'} ${fmt(t.scored)} 分${t.untested ? `，未检测 ${fmt(t.untested)} 分` : ''}`;
  return h`<div class="group-head"><h3>${g.name}${g.points !== null ? `（${g.points}分）` : ''}</h3>${figure ? h`<p>${figure}</p>` : ''}</div>
${g.indicators.map((i) => indicatorCard(report, i, 4, opts, state))}`;
})}
</section>`;
}

function colophon(report: InspectionReport): Safe {
  return h`<footer class="colophon">
<p>评分方式（附件2）：出现任一单项否决情形即判定为不合格网站，不再对其他指标评分；否则按扣分指标评分（满分${DEDUCTION_TOTAL}分，单项指标扣分之和不超过本项指标分值），低于60分为不合格，高于80分进入加分指标评分，最后得分为扣分指标得分与加分之和。</p>
<p>“未检测”的指标不计为通过，也不扣分；“不检查”为附件2规定不适用于本网站的指标。证据中的时间为北京时间，SHA-256 为抓取到的页面内容摘要，可用于核对页面是否被改动。</p>
<p>报告格式 ${report.schema} · 由 govportal 生成</p>
</footer>`;
}

export function renderReportHtml(report: InspectionReport, opts: ReportHtmlOptions = {}): string {
  const state = new Map<string, string>();
  if (opts.compareWith) {
    for (const f of opts.compareWith.new) state.set(findingKey(f.indicatorId, f), '新发现');
    for (const f of opts.compareWith.remaining) state.set(findingKey(f.indicatorId, f), '仍存在');
  }
  const title = `${siteLabel(report)} 网站检查报告（${report.verdict}）`;
  const doc = h`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="govportal">
<title>${title}</title>
<style>${new Safe(REPORT_CSS)}</style>
</head>
<body>
<div class="page">
${masthead(report)}
${toc(report, opts)}
<main>
${summary(report)}
${untestedSection(report)}
${groupsSection(report)}
${opts.compareWith ? compareSection(report, opts.compareWith) : ''}
${sections(report).map((s) => indicatorSection(report, s, opts, state))}
</main>
${colophon(report)}
</div>
</body>
</html>
`;
  return doc.html;
}

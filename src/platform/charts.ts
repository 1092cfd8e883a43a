// Public charts drawn on the server: ECharts renders a small typed spec to SVG, so a chart reads without
// JavaScript, and every chart comes with its words (a text alternative) and its figures (an HTML data table)
// for screen readers, text browsers and crawlers. The SVG is made safe for the portal's CSP (no inline styles,
// no <style> element) and valid in HTML (no renderer bookkeeping attributes); text is set in Chinese fonts.
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { AppError } from './errors.ts';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TitleComponent, SVGRenderer]);

export const CHART_KINDS = { bar: '柱状图', line: '折线图', pie: '饼图' } as const;
export type ChartKind = keyof typeof CHART_KINDS;

/** The portal's own font stack (portal.css --font), in single quotes so it fits in an SVG attribute. */
export const CHART_FONT_FAMILY =
  "'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif";

/** Colours with at least 4.5:1 against white, the portal's blue and red first. */
export const CHART_PALETTE = ['#0b4a8f', '#b5161b', '#8a5a00', '#237804', '#6b3fa0', '#00707a', '#8c3f2b', '#4d4d4d'];

export const CHART_LIMITS = { categories: 400, series: 8, pieSlices: 30, titleChars: 100 } as const;

export interface ChartSeries {
  name: string;
  /** One value per category; null leaves a gap. */
  values: (number | null)[];
}

export interface ChartSpec {
  kind: ChartKind;
  title: string;
  /** The x axis (bar, line) or the slices (pie). */
  categories: string[];
  /** A pie takes exactly one series. */
  series: ChartSeries[];
  /** Header of the category column in the data table (月份, 栏目 …). */
  categoryName?: string;
  /** Unit of the values (次, 件, 万元 …), shown on the axis, in the text and in the table caption. */
  unit?: string;
  /** Where the figures come from, printed under the chart. */
  source?: string;
}

export interface ChartRenderOptions {
  /** The figure's id: unique on the page; the table, caption and text ids derive from it. */
  id?: string;
  width?: number;
  height?: number;
  /** Show the data table open (a data set page) or folded in <details> (a chart inside an article). */
  tableOpen?: boolean;
}

export interface RenderedChart {
  /** A standalone SVG document (downloads, <img>): fixed size, with <title> and <desc>. */
  svg: string;
  /** The SVG for inline use: role="img" with a label, scales to the width of its container. */
  inlineSvg: string;
  /** The chart in words: what it shows and its highs, lows, trend or shares. */
  textAlternative: string;
  /** Every figure of the chart as an HTML table with caption and header cells. */
  tableHtml: string;
  /** <figure>: caption, inline SVG, the text alternative and the data table. */
  html: string;
}

const numberFormat = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 4 });
const percentFormat = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 1 });

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const formatValue = (v: number | null) => (v === null ? '—' : numberFormat.format(v));

/** The spec's problems in Chinese, or null when it can be drawn. */
export function chartSpecProblem(spec: ChartSpec): string | null {
  if (!(spec.kind in CHART_KINDS)) return `不支持的图表类型“${spec.kind}”`;
  if (!spec.title.trim()) return '图表须有标题';
  if (spec.title.length > CHART_LIMITS.titleChars) return `图表标题不能超过 ${CHART_LIMITS.titleChars} 个字`;
  if (spec.categories.length === 0) return '图表没有数据';
  if (spec.categories.length > CHART_LIMITS.categories)
    return `图表最多 ${CHART_LIMITS.categories} 个类别，当前 ${spec.categories.length} 个`;
  if (spec.series.length === 0) return '图表至少须有一个数据系列';
  if (spec.series.length > CHART_LIMITS.series) return `图表最多 ${CHART_LIMITS.series} 个数据系列`;
  for (const s of spec.series) {
    if (s.values.length !== spec.categories.length) return `数据系列“${s.name}”的数值个数与类别个数不一致`;
    if (s.values.some((v) => v !== null && !Number.isFinite(v))) return `数据系列“${s.name}”含有不是数字的值`;
  }
  if (spec.kind === 'pie') {
    if (spec.series.length !== 1) return '饼图只能有一个数据系列';
    if (spec.categories.length > CHART_LIMITS.pieSlices) return `饼图最多 ${CHART_LIMITS.pieSlices} 个扇区`;
    if (spec.series[0].values.some((v) => v !== null && v < 0)) return '饼图的数值不能为负数';
  }
  return null;
}

function echartsOption(spec: ChartSpec): Record<string, unknown> {
  const text = { fontFamily: CHART_FONT_FAMILY, color: '#1f1f1f' };
  const base = {
    animation: false,
    color: CHART_PALETTE,
    textStyle: text,
    title: { text: spec.title, left: 'center', top: 8, textStyle: { ...text, fontSize: 16 } },
  };
  if (spec.kind === 'pie') {
    const series = spec.series[0];
    return {
      ...base,
      legend: { type: 'plain', bottom: 4, textStyle: text },
      series: [
        {
          type: 'pie',
          name: series.name,
          radius: ['0%', '58%'],
          center: ['50%', '50%'],
          label: { formatter: '{b}\n{d}%', color: '#1f1f1f', fontFamily: CHART_FONT_FAMILY },
          data: spec.categories.map((name, i) => ({ name, value: series.values[i] ?? 0 })),
        },
      ],
    };
  }
  const crowded = spec.categories.length > 8 || spec.categories.some((c) => c.length > 6);
  return {
    ...base,
    legend: spec.series.length > 1 ? { top: 36, textStyle: text } : undefined,
    grid: { left: 16, right: 24, top: spec.series.length > 1 ? 84 : 60, bottom: 16 },
    xAxis: {
      type: 'category',
      data: spec.categories,
      axisLabel: { interval: 0, rotate: crowded ? 35 : 0, color: '#1f1f1f', hideOverlap: true },
    },
    yAxis: { type: 'value', name: spec.unit ?? '', axisLabel: { color: '#1f1f1f' }, nameTextStyle: text },
    series: spec.series.map((s) => ({
      type: spec.kind,
      name: s.name,
      data: s.values,
      ...(spec.kind === 'line' ? { symbolSize: 6, connectNulls: false } : { barMaxWidth: 48 }),
    })),
  };
}

/** ECharts' SVG, rid of what the portal's CSP or an HTML validator refuses. */
function cleanSvg(raw: string): string {
  return raw
    .replace(/<style\b[\s\S]*?<\/style>/g, '')
    .replace(/ (?:ecmeta_[a-z_]+|class)="[^"]*"/g, '')
    .replace(/ style="([^"]*)"/g, (_whole, css: string) => styleToAttributes(css))
    .replace(/\n{2,}/g, '\n');
}

const PRESENTATION = new Set(['font-size', 'font-family', 'font-weight', 'font-style', 'opacity', 'fill', 'stroke']);

/** `font-size:12px;font-family:…` → ` font-size="12" font-family="…"`: attributes are not styles under CSP. */
function styleToAttributes(css: string): string {
  let out = '';
  for (const declaration of css.split(';')) {
    const colon = declaration.indexOf(':');
    if (colon < 0) continue;
    const name = declaration.slice(0, colon).trim();
    const value = declaration
      .slice(colon + 1)
      .trim()
      .replace(/^(\d+(?:\.\d+)?)px$/, '$1');
    if (PRESENTATION.has(name) && value) out += ` ${name}="${value.replace(/"/g, "'")}"`;
  }
  return out;
}

function drawSvg(spec: ChartSpec, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(echartsOption(spec));
    return cleanSvg(chart.renderToSVGString());
  } finally {
    chart.dispose();
  }
}

/** The chart in words, as a reader of the table would sum it up. */
export function describeChart(spec: ChartSpec): string {
  const unit = spec.unit ?? '';
  const kind = CHART_KINDS[spec.kind];
  const n = spec.categories.length;
  if (spec.kind === 'pie') {
    const values = spec.series[0].values.map((v) => v ?? 0);
    const total = values.reduce((a, b) => a + b, 0);
    const ranked = spec.categories.map((c, i) => ({ c, v: values[i] })).sort((a, b) => b.v - a.v);
    const share = (v: number) => (total > 0 ? `${percentFormat.format((v / total) * 100)}%` : '0%');
    const top = ranked.slice(0, 5).map((r) => `${r.c}占${share(r.v)}（${formatValue(r.v)}${unit}）`);
    const rest = ranked.slice(5);
    const restText = rest.length ? `，其余 ${rest.length} 项合计占${share(rest.reduce((a, r) => a + r.v, 0))}` : '';
    return `${kind}“${spec.title}”，共 ${n} 项，合计 ${formatValue(total)}${unit}：${top.join('，')}${restText}。`;
  }
  const parts = spec.series.slice(0, 4).map((s) => describeSeries(spec, s, unit));
  const more = spec.series.length > 4 ? `；另有 ${spec.series.length - 4} 个系列见数据表` : '';
  const range = n > 1 ? `从“${spec.categories[0]}”到“${spec.categories[n - 1]}”共 ${n} 项` : `共 1 项`;
  return `${kind}“${spec.title}”，${range}。${parts.join('；')}${more}。`;
}

function describeSeries(spec: ChartSpec, s: ChartSeries, unit: string): string {
  const known = s.values.map((v, i) => ({ v, c: spec.categories[i] })).filter((x) => x.v !== null) as {
    v: number;
    c: string;
  }[];
  if (known.length === 0) return `${s.name}：无数据`;
  const max = known.reduce((a, b) => (b.v > a.v ? b : a));
  const min = known.reduce((a, b) => (b.v < a.v ? b : a));
  const total = known.reduce((a, b) => a + b.v, 0);
  let text = `${s.name}：最高为“${max.c}”${formatValue(max.v)}${unit}，最低为“${min.c}”${formatValue(min.v)}${unit}`;
  if (spec.kind === 'line' && known.length > 1) {
    const first = known[0].v;
    const last = known[known.length - 1].v;
    const change = first === 0 ? null : ((last - first) / Math.abs(first)) * 100;
    text += `，由${formatValue(first)}${unit}变为${formatValue(last)}${unit}`;
    if (change !== null && change !== 0)
      text += `（${change > 0 ? '增长' : '下降'}${percentFormat.format(Math.abs(change))}%）`;
  } else if (known.length > 1) {
    text += `，合计${formatValue(total)}${unit}`;
  }
  return text;
}

/** Every figure in a table: categories down, series across (a pie adds each slice's share). */
export function chartTable(spec: ChartSpec, id: string): string {
  const unit = spec.unit ? `（单位：${escapeHtml(spec.unit)}）` : '';
  const head = [spec.categoryName || '类别', ...spec.series.map((s) => s.name)];
  if (spec.kind === 'pie') head.push('占比');
  const total = spec.kind === 'pie' ? spec.series[0].values.reduce<number>((a, v) => a + (v ?? 0), 0) : 0;
  const rows = spec.categories.map((c, i) => {
    const cells = spec.series.map((s) => `<td>${formatValue(s.values[i])}</td>`).join('');
    const share =
      spec.kind === 'pie'
        ? `<td>${total > 0 ? `${percentFormat.format(((spec.series[0].values[i] ?? 0) / total) * 100)}%` : '—'}</td>`
        : '';
    return `<tr><th scope="row">${escapeHtml(c)}</th>${cells}${share}</tr>`;
  });
  return (
    `<table class="chart-table" id="${id}-table"><caption>${escapeHtml(spec.title)}${unit}</caption>` +
    `<thead><tr>${head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}

/** A stable id from the spec, for pages that do not name their charts. */
function specId(spec: ChartSpec): string {
  const text = JSON.stringify(spec);
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return `chart-${(h >>> 0).toString(36)}`;
}

/**
 * Draws a chart and its accessible companions. Throws CHART_INVALID (in Chinese) when the spec cannot be
 * drawn; text from the spec is escaped everywhere.
 */
export function renderChart(spec: ChartSpec, options: ChartRenderOptions = {}): RenderedChart {
  const problem = chartSpecProblem(spec);
  if (problem) throw new AppError('CHART_INVALID', { reason: problem });
  const id = options.id ?? specId(spec);
  if (!/^[A-Za-z][\w-]*$/.test(id)) throw new AppError('CHART_INVALID', { reason: '图表编号格式不正确' });
  const width = options.width ?? (spec.kind === 'pie' ? 640 : 720);
  const height = options.height ?? 400;
  const drawn = drawSvg(spec, width, height);
  const textAlternative = describeChart(spec);
  const label = `${CHART_KINDS[spec.kind]}：${spec.title}`;
  const body = drawn.replace(/^<svg[^>]*>/, '');
  const svg =
    `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="t d" font-family="${CHART_FONT_FAMILY}">` +
    `<title id="t">${escapeHtml(label)}</title><desc id="d">${escapeHtml(textAlternative)}</desc>` +
    `<rect width="${width}" height="${height}" fill="#fff"/>${body}`;
  const inlineSvg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" class="chart-svg" ` +
    `role="img" aria-label="${escapeHtml(label)}" focusable="false" font-family="${CHART_FONT_FAMILY}">${body}`;
  const tableHtml = chartTable(spec, id);
  const source = spec.source ? `<p class="chart-source">数据来源：${escapeHtml(spec.source)}</p>` : '';
  const region = `<div class="table-scroll" role="region" aria-labelledby="${id}-table" tabindex="0">${tableHtml}</div>`;
  const table = options.tableOpen
    ? region
    : `<details class="chart-data"><summary>查看图表数据</summary>${region}</details>`;
  const html =
    `<figure class="chart chart-${spec.kind}" id="${id}">` +
    // The drawing prints the title; the caption names the figure for assistive technology.
    `<figcaption id="${id}-caption" class="chart-caption visually-hidden">${escapeHtml(spec.title)}</figcaption>` +
    `${inlineSvg}<p class="chart-text" id="${id}-text">${escapeHtml(textAlternative)}</p>${source}${table}</figure>`;
  return { svg, inlineSvg, textAlternative, tableHtml, html };
}

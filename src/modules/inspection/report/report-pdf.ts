// The inspection report in print form: A4 portrait, Chinese (Noto Sans Hans, the fonts of the register
// export), with the summary box, the points per group, every indicator with its status and points, and the
// findings with their evidence. Lines are wrapped by wrapText (CJK per character, long URLs broken anywhere)
// and placed one by one, so pdfkit never breaks pages on its own; page numbers "第 N 页 共 M 页" at the end.
import { newPdf } from '../../../platform/pdf.ts';
import { chineseDate } from '../../../platform/time.ts';
import type { InspectionReport, ReportFinding, ReportIndicator } from '../engine.ts';
import {
  BASIS,
  BONUS_TOTAL,
  DEDUCTION_TOTAL,
  KIND_LABEL,
  REPORT_TITLE,
  SOURCE_LABEL,
  STOPPED_BY_LABEL,
  evidenceOf,
  findingPoints,
  fmt,
  groupTotals,
  indicatorPointsText,
  isVetoed,
  pointsText,
  runTime,
  scoreLines,
  sections,
  siteLabel,
  sourcesText,
  statusInfo,
  subRuleLabel,
  untestedNotes,
  untestedRows,
  untestedWarning,
  vetoLines,
  type GroupTotal,
} from './common.ts';
import { type Cell, COLOR, type Column, PAGE, PdfWriter, TONE_COLOR, WIDTH, lineHeight, BOTTOM } from './pdf-writer.ts';

// ───────────────────────────── parts ─────────────────────────────

function titleBlock(w: PdfWriter, report: InspectionReport): void {
  w.line(REPORT_TITLE, PAGE.left, w.y, { size: 20, bold: true, color: COLOR.brand }, 'center', WIDTH);
  w.y += lineHeight(20) + 2;
  w.line(siteLabel(report), PAGE.left, w.y, { size: 13, bold: true }, 'center', WIDTH);
  w.y += lineHeight(13);
  w.line(BASIS, PAGE.left, w.y, { size: 8.5, color: COLOR.muted }, 'center', WIDTH);
  w.y += lineHeight(8.5) + 10;
}

function summaryBox(w: PdfWriter, report: InspectionReport): void {
  const crawl = report.crawl;
  const rows: [string, string][] = [
    ['网站名称', report.target.siteName ?? '—'],
    ['网站地址', report.target.url],
    ['检查时间', runTime(report)],
    ['检查日期', chineseDate(report.startedAt)],
    [
      '检查范围',
      `抓取 ${crawl.pages} 个页面（上限 ${report.options.maxPages}），${STOPPED_BY_LABEL[crawl.stoppedBy] ?? crawl.stoppedBy}${crawl.skipped ? `；另有 ${crawl.skipped} 个页面未抓取` : ''}`,
    ],
    ...(report.options.noServices ? [['检查选项', '没有对外服务职能，不检查办事服务指标'] as [string, string]] : []),
    ['抽样种子', `${report.seed}（同一种子抽取相同的页面和事项，可复核）`],
  ];
  const verdictW = 138;
  const gap = 12;
  const kvW = WIDTH - verdictW - gap;
  const labelW = 56;
  const kvH = w.kvHeight(rows, kvW, labelW);
  const h = Math.max(kvH, 96);
  w.ensure(h);
  const top = w.y;
  w.kv(rows, PAGE.left, kvW, labelW);
  // the verdict: big, coloured, and spelt out (colour is never the only cue)
  const pass = report.verdict === '合格';
  const vx = PAGE.left + kvW + gap;
  w.doc
    .save()
    .lineWidth(2.2)
    .strokeColor(pass ? COLOR.ok : COLOR.bad)
    .fillColor(pass ? COLOR.okBg : COLOR.badBg)
    .roundedRect(vx, top, verdictW, h, 6)
    .fillAndStroke()
    .restore();
  const color = pass ? COLOR.ok : COLOR.bad;
  const mid = top + h / 2;
  w.line('检查结论', vx, mid - 38, { size: 9, color: COLOR.muted }, 'center', verdictW);
  w.line(`${pass ? '✓' : '×'} ${report.verdict}`, vx, mid - 22, { size: 26, bold: true, color }, 'center', verdictW);
  const sub = isVetoed(report) ? '存在单项否决情形' : pass ? '扣分指标得分不低于60分' : '扣分指标得分低于60分';
  w.line(sub, vx, mid + 18, { size: 8.5, color }, 'center', verdictW);
  w.y = top + h + 10;

  // the three scores
  const lines = scoreLines(report);
  const boxW = (WIDTH - 2 * 10) / 3;
  const boxH = 58;
  w.ensure(boxH);
  const by = w.y;
  lines.forEach((s, i) => {
    const x = PAGE.left + i * (boxW + 10);
    w.doc
      .save()
      .lineWidth(0.8)
      .strokeColor(COLOR.line)
      .fillColor('#fafbfc')
      .roundedRect(x, by, boxW, boxH, 4)
      .fillAndStroke()
      .restore();
    w.line(s.label, x + 8, by + 4, { size: 9, color: COLOR.muted });
    w.style({ size: 18, bold: true });
    const vw = w.doc.widthOfString(s.value);
    w.line(s.value, x + 8, by + 17, { size: 18, bold: true });
    if (s.of) w.line(s.of, x + 12 + vw, by + 22, { size: 9, color: COLOR.muted });
    if (s.note) {
      const note = w.lines(s.note, boxW - 16, { size: 7.5 });
      w.line(note[0] + (note.length > 1 ? '…' : ''), x + 8, by + 42, { size: 7.5, color: COLOR.muted });
    }
  });
  w.y = by + boxH + 10;
}

function vetoBox(w: PdfWriter, report: InspectionReport): void {
  const vetoes = vetoLines(report);
  if (!vetoes.length) return;
  const inner = WIDTH - 20;
  const texts = vetoes.map((v) => `${v.name}：${v.message}${v.rule ? `（${v.rule}）` : ''}`);
  const h =
    8 +
    lineHeight(11) +
    texts.reduce((s, t) => s + w.lines(`• ${t}`, inner, { size: 9.5 }).length * lineHeight(9.5), 0) +
    8;
  w.box(
    h,
    COLOR.bad,
    COLOR.badBg,
    (x, width) => {
      w.line('× 单项否决情形', x, w.y, { size: 11, bold: true, color: COLOR.bad });
      w.y += lineHeight(11);
      for (const t of texts) w.paragraph(`• ${t}`, { size: 9.5 }, x, width);
    },
    1.6,
  );
  w.space(10);
}

function untestedBox(w: PdfWriter, report: InspectionReport): void {
  const warning = untestedWarning(report);
  if (!warning) return;
  const notes = untestedNotes(report);
  const inner = WIDTH - 20;
  const h =
    8 + lineHeight(11) + notes.reduce((s, n) => s + w.lines(n, inner, { size: 9 }).length * lineHeight(9), 0) + 8;
  w.box(h, COLOR.cautionLine, COLOR.cautionBg, (x, width) => {
    w.line(`⚠ ${warning}`, x, w.y, { size: 11, bold: true, color: COLOR.caution });
    w.y += lineHeight(11);
    for (const n of notes) w.paragraph(n, { size: 9 }, x, width);
  });
  w.space(6);
  const rows = untestedRows(report);
  w.table(
    [
      { title: '未检测的指标', width: 120 },
      { title: '类别', width: 56 },
      { title: '分值', width: 36, align: 'right' },
      { title: '原因', width: WIDTH - 212 },
    ],
    rows.map((r) => [
      { text: r.name, bold: true },
      { text: KIND_LABEL[r.kind] },
      { text: r.maxPoints === null ? '—' : fmt(r.maxPoints) },
      { text: r.reason, size: 8.5 },
    ]),
  );
  w.space(4);
}

function groupTable(w: PdfWriter, report: InspectionReport): void {
  const vetoed = isVetoed(report);
  const deductions = groupTotals(report, 'deduction');
  const bonuses = groupTotals(report, 'bonus');
  const scored = (t: GroupTotal) => (t.unscored ? '未评分' : t.notInspected >= t.points ? '不检查' : fmt(t.scored));
  const row = (label: string, t: GroupTotal): Cell[] => [
    { text: label },
    { text: t.name, bold: true },
    { text: String(t.points) },
    { text: scored(t) },
    { text: t.unscored ? '—' : fmt(t.untested) },
    { text: t.unscored ? '—' : fmt(t.notInspected) },
  ];
  const rows: Cell[][] = [
    ...deductions.map((t) => row('扣分指标', t)),
    [
      { text: '扣分指标' },
      { text: '小计', bold: true },
      { text: String(DEDUCTION_TOTAL) },
      {
        text: vetoed ? '未评分' : fmt(report.score?.deductedPoints ?? sumOf(deductions.map((t) => t.scored ?? 0))),
        bold: true,
      },
      { text: vetoed ? '—' : fmt(sumOf(deductions.map((t) => t.untested))) },
      { text: vetoed ? '—' : fmt(sumOf(deductions.map((t) => t.notInspected))) },
    ],
    ...bonuses.map((t) => row('加分指标', t)),
    [
      { text: '加分指标' },
      { text: '小计（加分上限30分）', bold: true },
      { text: String(BONUS_TOTAL) },
      { text: report.bonusScore === null ? '未评分' : fmt(report.bonusScore), bold: true },
      { text: report.bonusScore === null ? '—' : fmt(sumOf(bonuses.map((t) => t.untested))) },
      { text: report.bonusScore === null ? '—' : fmt(sumOf(bonuses.map((t) => t.notInspected))) },
    ],
  ];
  w.table(
    [
      { title: '类别', width: 70 },
      { title: '分组', width: 140 },
      { title: '分值', width: 60, align: 'right' },
      { title: '扣分 / 加分', width: 80, align: 'right' },
      { title: '未检测分值', width: 80, align: 'right' },
      { title: '不检查分值', width: WIDTH - 430, align: 'right' },
    ],
    rows,
    { rowFill: (i) => (i === deductions.length || i === rows.length - 1 ? COLOR.rowHead : undefined) },
  );
  w.space(4);
  w.paragraph(
    vetoed
      ? '存在单项否决情形，按附件2不再对其他指标进行评分。'
      : '扣分为各指标封顶后的扣分之和（未按满分折算）；“未检测”的指标不计为通过，也不扣分。',
    { size: 8.5, color: COLOR.muted },
  );
}

const sumOf = (values: number[]) => Math.round(values.reduce((a, b) => a + b, 0) * 100) / 100;

function statusCell(status: string): Cell {
  const info = statusInfo(status);
  return { text: status, bold: true, color: TONE_COLOR[info.tone] };
}

function indicatorTables(w: PdfWriter, report: InspectionReport, outline: PDFKit.PDFOutline | undefined): void {
  const parent = w.heading('指标检查结果', 1, outline);
  for (const section of sections(report)) {
    const sectionOutline =
      section.kind === 'veto' ? w.heading(section.title, 2, parent) : w.heading(section.title, 2, parent);
    for (const group of section.groups) {
      if (group.name !== null) {
        const t =
          section.kind === 'veto' ? undefined : groupTotals(report, section.kind).find((x) => x.name === group.name);
        const figure = !t
          ? ''
          : t.unscored
            ? '：未评分'
            : `：${section.kind === 'bonus' ? '加' : '扣'} ${fmt(t.scored)} 分`;
        w.heading(`${group.name}（${group.points}分）${figure}`, 3, sectionOutline);
      }
      const cols: Column[] =
        section.kind === 'veto'
          ? [
              { title: '指标', width: 150 },
              { title: '状态', width: 56 },
              { title: '来源', width: 90 },
              { title: '说明', width: WIDTH - 296 },
            ]
          : [
              { title: '指标', width: 104 },
              { title: '状态', width: 46 },
              { title: section.kind === 'bonus' ? '加分' : '扣分', width: 38, align: 'right' },
              { title: '满分', width: 34, align: 'right' },
              { title: '来源', width: 96 },
              { title: '说明', width: WIDTH - 318 },
            ];
      const rows = group.indicators.map((i): Cell[] => {
        const note = [i.reason ?? '', i.findings.length ? `发现问题 ${i.findings.length} 处，见“问题清单与证据”` : '']
          .filter(Boolean)
          .join('；');
        return section.kind === 'veto'
          ? [
              { text: i.name, bold: true },
              statusCell(i.status),
              { text: sourcesText(i.sources), size: 8.5 },
              { text: note, size: 8.5 },
            ]
          : [
              { text: i.name, bold: true },
              statusCell(i.status),
              { text: i.points === null ? '—' : fmt(i.points) },
              { text: i.maxPoints === null ? '—' : fmt(i.maxPoints) },
              { text: sourcesText(i.sources), size: 8.5 },
              { text: note, size: 8.5 },
            ];
      });
      w.table(cols, rows);
    }
  }
}

function evidenceRows(f: ReportFinding): [string, string][] {
  const e = evidenceOf(f);
  return [
    ...(e.url ? [['网址', e.url] as [string, string]] : []),
    ...(e.expected ? [['应为', e.expected] as [string, string]] : []),
    ...(e.observed ? [['实为', e.observed] as [string, string]] : []),
    ...(e.at ? [['检查时间', `${e.at}（北京时间）`] as [string, string]] : []),
    ...(e.sha256 ? [['SHA-256', e.sha256] as [string, string]] : []),
    ...e.extras.map((x) => [x.label, x.value] as [string, string]),
    ...(e.screenshot ? [['页面截图', e.screenshot] as [string, string]] : []),
  ];
}

function findingBlocks(w: PdfWriter, report: InspectionReport, outline: PDFKit.PDFOutline | undefined): void {
  const withFindings = report.indicators.filter((i) => i.findings.length > 0);
  if (!withFindings.length) return;
  const parent = w.heading('问题清单与证据', 1, outline);
  const indent = 14;
  const labelW = 68;
  for (const indicator of withFindings) {
    const pts = indicatorPointsText(report, indicator);
    const first = findingLayout(w, indicator, indicator.findings[0], 1, indent, labelW).height;
    w.heading(
      `${indicator.name}（${KIND_LABEL[indicator.kind]}${indicator.group ? ` · ${indicator.group}` : ''}）  ${pts || indicator.status}`,
      3,
      parent,
      first,
    );
    for (const [n, f] of indicator.findings.entries()) findingBlock(w, indicator, f, n + 1, indent, labelW);
  }
}

function findingLayout(
  w: PdfWriter,
  indicator: ReportIndicator,
  f: ReportFinding,
  n: number,
  indent: number,
  labelW: number,
) {
  const width = WIDTH - indent;
  const title = `${n}. ${f.message}`;
  const meta = [
    subRuleLabel(indicator.id, f),
    pointsText(indicator.kind, findingPoints(indicator, f)),
    SOURCE_LABEL[f.source] ?? f.source,
  ]
    .filter(Boolean)
    .join(' · ');
  const rows = evidenceRows(f);
  const titleLines = w.lines(title, width, { size: 9.5, bold: true });
  const height = titleLines.length * lineHeight(9.5) + lineHeight(8.5) + w.kvHeight(rows, width, labelW) + 8;
  return { title, meta, rows, height, width };
}

function findingBlock(
  w: PdfWriter,
  indicator: ReportIndicator,
  f: ReportFinding,
  n: number,
  indent: number,
  labelW: number,
): void {
  const x = PAGE.left + indent;
  const { title, meta, rows, height, width } = findingLayout(w, indicator, f, n, indent, labelW);
  // keep a finding on one page when it fits on one
  if (height < BOTTOM - PAGE.top) w.ensure(height);
  w.paragraph(title, { size: 9.5, bold: true }, x, width);
  w.paragraph(meta, { size: 8.5, color: COLOR.muted }, x, width);
  w.kv(rows, x, width, labelW);
  w.space(8);
}

// ───────────────────────────── document ─────────────────────────────

export async function renderReportPdf(report: InspectionReport): Promise<Buffer> {
  const { doc, done } = newPdf({
    size: 'A4',
    layout: 'portrait',
    margin: 0,
    bufferPages: true,
    autoFirstPage: true,
    info: {
      Title: `${siteLabel(report)} 网站检查报告`,
      Subject: `${REPORT_TITLE}（${report.verdict}）`,
      Creator: 'govportal',
    },
    lang: 'zh-CN',
    displayTitle: true,
  } as PDFKit.PDFDocumentOptions);

  const w = new PdfWriter(doc, `${siteLabel(report)} 网站检查报告 · ${report.verdict} · ${runTime(report)}`);
  const outline = doc.outline;
  titleBlock(w, report);
  outline.addItem('检查概要');
  summaryBox(w, report);
  vetoBox(w, report);
  untestedBox(w, report);
  w.heading('各分组得分情况', 1, outline);
  groupTable(w, report);
  indicatorTables(w, report, outline);
  findingBlocks(w, report, outline);
  w.space(12);
  w.paragraph(
    '评分方式（附件2）：出现任一单项否决情形即判定为不合格网站，不再对其他指标评分；否则按扣分指标评分（满分100分，单项指标扣分之和不超过本项指标分值），低于60分为不合格，高于80分进入加分指标评分，最后得分为扣分指标得分与加分之和。证据中的时间为北京时间，SHA-256 为抓取到的页面内容摘要。',
    { size: 8, color: COLOR.muted },
  );
  w.paragraph(`报告格式 ${report.schema} · 由 govportal 生成`, { size: 8, color: COLOR.muted });
  w.pageNumbers();
  doc.end();
  return done;
}

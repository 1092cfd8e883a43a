// The inspection report as a workbook for sorting and filing: 汇总 (the figures and the points per group),
// 指标 (one row per indicator) and 问题清单 (one row per finding with its evidence). Frozen, filtered headers,
// fixed widths, wrapped text; points are numbers, times are Asia/Shanghai text (no time-zone guessing in Excel).
import ExcelJS from 'exceljs';
import type { InspectionReport } from '../engine.ts';
import {
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
  isHttpUrl,
  isVetoed,
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
  type GroupTotal,
  type Tone,
} from './common.ts';

export const XLSX_SHEETS = { summary: '汇总', indicators: '指标', findings: '问题清单' } as const;

export const INDICATOR_COLUMNS = [
  { header: '类别', width: 10 },
  { header: '分组', width: 10 },
  { header: '指标', width: 22 },
  { header: '状态', width: 9 },
  { header: '扣分/加分', width: 10 },
  { header: '满分', width: 7 },
  { header: '来源', width: 18 },
  { header: '原因', width: 50 },
  { header: '问题数', width: 8 },
] as const;

export const FINDING_COLUMNS = [
  { header: '指标', width: 16 },
  { header: '细则', width: 30 },
  { header: '扣分/加分', width: 10 },
  { header: '说明', width: 40 },
  { header: '网址', width: 42 },
  { header: '应为', width: 30 },
  { header: '实为', width: 30 },
  { header: '时间', width: 19 },
  { header: 'SHA-256', width: 30 },
  { header: '截图', width: 24 },
  { header: '来源', width: 10 },
] as const;

const FONT = '宋体';
const HEAD_FONT = '黑体';
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FFB9C0CA' } },
  left: { style: 'thin', color: { argb: 'FFB9C0CA' } },
  bottom: { style: 'thin', color: { argb: 'FFB9C0CA' } },
  right: { style: 'thin', color: { argb: 'FFB9C0CA' } },
};
const HEAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
const TONE: Record<Tone, { font: string; fill: string }> = {
  ok: { font: 'FF17663A', fill: 'FFE6F4EA' },
  bad: { font: 'FFB3261E', fill: 'FFFDECEA' },
  warn: { font: 'FF9A4B00', fill: 'FFFFF1E0' },
  good: { font: 'FF0B5C8C', fill: 'FFE3F1FB' },
  caution: { font: 'FF7A5A00', fill: 'FFFFF7D6' },
  muted: { font: 'FF525A66', fill: 'FFECEFF3' },
};

type Value = string | number | null | ExcelJS.CellHyperlinkValue;

const hyperlink = (url: string | undefined): Value =>
  url && isHttpUrl(url) ? { text: url, hyperlink: url } : (url ?? '');

function headerRow(ws: ExcelJS.Worksheet, headers: readonly string[]): ExcelJS.Row {
  const row = ws.addRow([...headers]);
  row.height = 22;
  row.eachCell((cell) => {
    cell.font = { name: HEAD_FONT, size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = HEAD_FILL;
    cell.border = THIN;
  });
  return row;
}

function bodyRow(ws: ExcelJS.Worksheet, values: Value[], numeric: readonly number[] = []): ExcelJS.Row {
  const row = ws.addRow(values);
  row.eachCell({ includeEmpty: true }, (cell, col) => {
    cell.font = { name: FONT, size: 10 };
    cell.alignment = { vertical: 'top', horizontal: numeric.includes(col) ? 'right' : 'left', wrapText: true };
    cell.border = THIN;
    const v = cell.value as Value;
    if (v && typeof v === 'object' && 'hyperlink' in v)
      cell.font = { name: FONT, size: 10, color: { argb: 'FF0B4F9C' }, underline: true };
  });
  return row;
}

function freeze(ws: ExcelJS.Worksheet, headerRowNo: number, columns: number): void {
  ws.views = [
    {
      state: 'frozen',
      xSplit: 0,
      ySplit: headerRowNo,
      topLeftCell: `A${headerRowNo + 1}`,
      activeCell: `A${headerRowNo + 1}`,
    },
  ];
  ws.autoFilter = { from: { row: headerRowNo, column: 1 }, to: { row: headerRowNo, column: columns } };
  ws.pageSetup.printTitlesRow = `${headerRowNo}:${headerRowNo}`;
}

function tone(cell: ExcelJS.Cell, status: string): void {
  const t = TONE[statusInfo(status).tone];
  cell.font = { name: FONT, size: 10, bold: true, color: { argb: t.font } };
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: t.fill } };
}

const pageSetup = (landscape: boolean): Partial<ExcelJS.PageSetup> => ({
  paperSize: 9,
  orientation: landscape ? 'landscape' : 'portrait',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  horizontalCentered: true,
});

// ───────────────────────────── 汇总 ─────────────────────────────

/** Columns of the summary sheet: 项目 | value (merged over B:F), and the group table below in A:E. */
const SUMMARY_WIDTHS = [22, 14, 14, 14, 14, 14];
/** Roughly how many CJK characters fit in the merged B:F value cells. */
const SUMMARY_VALUE_CHARS = Math.floor(SUMMARY_WIDTHS.slice(1).reduce((a, b) => a + b, 0) / 2);

function summarySheet(wb: ExcelJS.Workbook, report: InspectionReport): void {
  const ws = wb.addWorksheet(XLSX_SHEETS.summary, { pageSetup: pageSetup(false) });
  ws.columns = SUMMARY_WIDTHS.map((width) => ({ width }));
  const last = SUMMARY_WIDTHS.length;

  const title = ws.addRow([`${siteLabel(report)} ${REPORT_TITLE}`]);
  ws.mergeCells(title.number, 1, title.number, last);
  title.height = 30;
  title.getCell(1).font = { name: HEAD_FONT, size: 16, bold: true };
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };

  const head = headerRow(ws, ['项目', '内容', '', '', '', '']);
  ws.mergeCells(head.number, 2, head.number, last);

  const pair = (
    label: string,
    value: string | number | null,
    opts: { status?: string; bold?: boolean; link?: boolean } = {},
  ) => {
    const v: Value = value === null ? '—' : opts.link && typeof value === 'string' ? hyperlink(value) : value;
    const row = bodyRow(ws, [label, v, '', '', '', '']);
    ws.mergeCells(row.number, 2, row.number, last);
    row.getCell(1).font = { name: FONT, size: 10, bold: true };
    row.getCell(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF4F6F9' } };
    if (opts.status) tone(row.getCell(2), opts.status === '合格' ? '通过' : '否决');
    if (opts.bold) row.getCell(2).font = { name: FONT, size: 10, bold: true };
    const text = String(value ?? '');
    const lines = text.split('\n').reduce((n, l) => n + Math.max(1, Math.ceil(l.length / SUMMARY_VALUE_CHARS)), 0);
    if (lines > 1) row.height = 15 * lines;
    return row;
  };

  pair('网站名称', report.target.siteName ?? '—');
  pair('网站地址', report.target.url, { link: true });
  pair('检查时间', runTime(report));
  pair('检查结论', report.verdict, { status: report.verdict });
  for (const s of scoreLines(report)) {
    pair(s.label, s.value === '—' ? (s.note ?? '—') : Number(s.value), { bold: true });
  }
  if (!isVetoed(report) && report.score?.deductedPoints !== undefined && report.score.deductedPoints !== null)
    pair('扣分合计（未折算）', report.score.deductedPoints);
  const vetoes = vetoLines(report);
  if (vetoes.length)
    pair('单项否决情形', vetoes.map((v) => `${v.name}：${v.message}`).join('\n'), { status: '不合格' });
  pair('未检测的扣分指标分值', report.untested.deductionPoints);
  pair('未检测的加分指标分值', report.untested.bonusPoints);
  const warning = untestedWarning(report);
  if (warning) {
    pair('提示', [warning, ...untestedNotes(report)].join('\n'));
    pair(
      '未检测的指标',
      untestedRows(report)
        .map(
          (r) =>
            `${r.name}（${KIND_LABEL[r.kind]}${r.maxPoints === null ? '' : `，${fmt(r.maxPoints)}分`}）：${r.reason}`,
        )
        .join('\n'),
    );
  }
  pair(
    '检查范围',
    `抓取 ${report.crawl.pages} 个页面（上限 ${report.options.maxPages}），${STOPPED_BY_LABEL[report.crawl.stoppedBy] ?? report.crawl.stoppedBy}${report.crawl.skipped ? `；另有 ${report.crawl.skipped} 个页面未抓取` : ''}`,
  );
  if (report.options.noServices) pair('检查选项', '没有对外服务职能，不检查办事服务指标');
  pair('抽样种子', report.seed);
  pair('报告格式', report.schema);

  ws.addRow([]);
  const groups = ws.addRow(['各分组得分']);
  groups.getCell(1).font = { name: HEAD_FONT, size: 12, bold: true };
  headerRow(ws, ['分组', '分值', '扣分/加分', '未检测分值', '不检查分值']);
  const groupRow = (t: GroupTotal, label?: string) =>
    bodyRow(
      ws,
      [
        label ?? t.name,
        t.points,
        t.unscored ? '未评分' : t.notInspected >= t.points ? '不检查' : t.scored,
        t.unscored ? null : t.untested,
        t.unscored ? null : t.notInspected,
      ],
      [2, 3, 4, 5],
    );
  const subtotal = (label: string, points: number, scored: string | number | null) => {
    const row = bodyRow(ws, [label, points, scored ?? '未评分', null, null], [2, 3, 4, 5]);
    row.eachCell((cell) => {
      cell.font = { name: FONT, size: 10, bold: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF4F6F9' } };
    });
  };
  for (const t of groupTotals(report, 'deduction')) groupRow(t, `扣分指标 · ${t.name}`);
  subtotal(
    `扣分指标小计（${DEDUCTION_TOTAL}分）`,
    DEDUCTION_TOTAL,
    isVetoed(report) ? null : (report.score?.deductedPoints ?? null),
  );
  for (const t of groupTotals(report, 'bonus')) groupRow(t, `加分指标 · ${t.name}`);
  subtotal(`加分指标小计（上限${BONUS_TOTAL}分）`, BONUS_TOTAL, report.bonusScore);

  ws.views = [
    {
      state: 'frozen',
      xSplit: 0,
      ySplit: head.number,
      topLeftCell: `A${head.number + 1}`,
      activeCell: `A${head.number + 1}`,
    },
  ];
}

// ───────────────────────────── 指标 ─────────────────────────────

function indicatorSheet(wb: ExcelJS.Workbook, report: InspectionReport): void {
  const ws = wb.addWorksheet(XLSX_SHEETS.indicators, { pageSetup: pageSetup(true) });
  ws.columns = INDICATOR_COLUMNS.map((c) => ({ width: c.width }));
  const head = headerRow(
    ws,
    INDICATOR_COLUMNS.map((c) => c.header),
  );
  for (const section of sections(report)) {
    for (const group of section.groups) {
      for (const i of group.indicators) {
        const row = bodyRow(
          ws,
          [
            KIND_LABEL[i.kind],
            i.group ?? '—',
            i.name,
            i.status,
            i.points,
            i.maxPoints,
            sourcesText(i.sources),
            i.reason ?? '',
            i.findings.length,
          ],
          [5, 6, 9],
        );
        row.getCell(3).font = { name: FONT, size: 10, bold: true };
        tone(row.getCell(4), i.status);
        row.getCell(4).alignment = { vertical: 'top', horizontal: 'center' };
      }
    }
  }
  freeze(ws, head.number, INDICATOR_COLUMNS.length);
}

// ───────────────────────────── 问题清单 ─────────────────────────────

function findingSheet(wb: ExcelJS.Workbook, report: InspectionReport): void {
  const ws = wb.addWorksheet(XLSX_SHEETS.findings, { pageSetup: pageSetup(true) });
  ws.columns = FINDING_COLUMNS.map((c) => ({ width: c.width }));
  const head = headerRow(
    ws,
    FINDING_COLUMNS.map((c) => c.header),
  );
  for (const section of sections(report)) {
    for (const group of section.groups) {
      for (const i of group.indicators) {
        for (const f of i.findings) {
          const e = evidenceOf(f);
          const where = subRuleLabel(i.id, f);
          const rule = subRuleText(i.id, f);
          const extras = e.extras.map((x) => `${x.label}：${x.value}`);
          bodyRow(
            ws,
            [
              i.name,
              [where, rule].filter(Boolean).join('：'),
              findingPoints(i, f),
              [f.message, ...extras].join('\n'),
              hyperlink(e.url),
              e.expected ?? '',
              e.observed ?? '',
              e.at ?? '',
              e.sha256 ?? '',
              e.screenshot ?? '',
              SOURCE_LABEL[f.source] ?? f.source,
            ],
            [3],
          );
        }
      }
    }
  }
  freeze(ws, head.number, FINDING_COLUMNS.length);
}

export async function renderReportXlsx(report: InspectionReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'govportal';
  wb.title = `${siteLabel(report)} ${REPORT_TITLE}`;
  // a fixed date: the same report gives the same workbook contents
  wb.created = new Date(report.finishedAt);
  wb.modified = new Date(report.finishedAt);
  summarySheet(wb, report);
  indicatorSheet(wb, report);
  findingSheet(wb, report);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

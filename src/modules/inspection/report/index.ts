// The report documents of an inspection run: standalone HTML, print PDF and XLSX workbook.
export {
  renderReportHtml,
  escapeHtml,
  screenshotSrc,
  REPORT_CSS,
  REPORT_STYLE_HASH,
  type ReportHtmlOptions,
  type CompareWith,
  type CompareFinding,
} from './report-html.ts';
export { renderReportPdf } from './report-pdf.ts';
export { renderReportXlsx, XLSX_SHEETS, INDICATOR_COLUMNS, FINDING_COLUMNS } from './report-xlsx.ts';

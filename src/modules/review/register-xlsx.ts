// The register as an Excel workbook for filing and sorting: one row per submission, every opinion with who and
// when, frozen header, autofilter, A4 landscape print setup.
import ExcelJS from 'exceljs';
import { shanghaiDateTime } from '../../platform/time.ts';
import type { RegisterOpinion, RegisterRow } from './review.schema.ts';
import { FORM_TITLE, SHEET_NAME, extraOpinion } from './register-form.ts';

const XLSX_FONT = '宋体';
const XLSX_HEAD_FONT = '黑体';
const XLSX_COLUMNS: { header: string; width: number }[] = [
  { header: '序号', width: 11 },
  { header: '部门', width: 14 },
  { header: '信息名称', width: 34 },
  { header: '是否涉密', width: 8 },
  { header: '发布形式', width: 11 },
  { header: '网站发布栏目', width: 16 },
  { header: '工作机构或人员审查意见', width: 30 },
  { header: '分管领导意见', width: 30 },
  { header: '保密审查意见', width: 30 },
  { header: '承办人', width: 10 },
  { header: '提交时间', width: 19 },
  { header: '状态', width: 12 },
];

function xlsxOpinion(op: RegisterOpinion | null): string {
  if (!op) return '';
  const extra = extraOpinion(op);
  return [extra ? `${op.decision}：${extra}` : op.decision, `${op.name}  ${shanghaiDateTime(op.at)}`].join('\n');
}

function xlsxValues(row: RegisterRow): string[] {
  return [
    row.serialText,
    row.department,
    row.title,
    row.secret,
    row.releaseForm,
    row.column,
    xlsxOpinion(row.dept),
    xlsxOpinion(row.leader),
    xlsxOpinion(row.secrecy),
    row.submitter,
    shanghaiDateTime(row.submittedAt),
    row.stateName,
  ];
}

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

export async function registerXlsx(
  rows: RegisterRow[],
  meta: { unit: string; title?: string; period?: string },
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'govportal';
  wb.created = new Date();
  const ws = wb.addWorksheet(SHEET_NAME, {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
    },
  });
  const n = XLSX_COLUMNS.length;
  ws.columns = XLSX_COLUMNS.map((c) => ({ width: c.width }));

  const banner = (text: string, font: Partial<ExcelJS.Font>, height: number, horizontal: 'center' | 'left') => {
    const r = ws.addRow([text]);
    ws.mergeCells(r.number, 1, r.number, n);
    r.height = height;
    r.getCell(1).font = { name: XLSX_FONT, size: 11, ...font };
    r.getCell(1).alignment = { horizontal, vertical: 'middle' };
  };
  banner(meta.title ?? FORM_TITLE, { name: XLSX_HEAD_FONT, size: 18, bold: true }, 32, 'center');
  banner(`单位：${meta.unit}`, {}, 20, 'left');
  if (meta.period) banner(`期间：${meta.period}`, {}, 20, 'left');

  const head = ws.addRow(XLSX_COLUMNS.map((c) => c.header));
  head.height = 30;
  head.eachCell((cell) => {
    cell.font = { name: XLSX_HEAD_FONT, size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    cell.border = THIN;
  });
  ws.views = [
    {
      state: 'frozen',
      ySplit: head.number,
      xSplit: 0,
      topLeftCell: `A${head.number + 1}`,
      activeCell: `A${head.number + 1}`,
    },
  ];
  ws.autoFilter = { from: { row: head.number, column: 1 }, to: { row: head.number, column: n } };
  ws.pageSetup.printTitlesRow = `${head.number}:${head.number}`;

  for (const row of rows) {
    const r = ws.addRow(xlsxValues(row));
    r.eachCell({ includeEmpty: true }, (cell, col) => {
      cell.font = { name: XLSX_FONT, size: 10 };
      const centered = [1, 4, 5, 10, 12].includes(col);
      cell.alignment = { vertical: 'top', horizontal: centered ? 'center' : 'left', wrapText: true };
      cell.border = THIN;
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

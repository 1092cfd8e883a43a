// The raw answers of a survey as an XLSX workbook: one row per response (number, time, status), one column per
// question — an option's text, the chosen options joined, a rating, a matrix row per column, free text as typed.
// No personal data: an account survey's responses are not attributed to their accounts.
import ExcelJS from 'exceljs';
import type { Survey, SurveyResponse } from './surveys.tables.ts';
import { shanghaiDateTime } from '../../platform/time.ts';
import type { Answer, Question, SurveyDefinition } from './survey-definition.ts';

const STATUS: Record<string, string> = { counted: '有效', held: '待审核', rejected: '不予采用' };

function columnsOf(q: Question, no: number): { header: string; read: (a: Answer | undefined) => string | number }[] {
  const label = `${no}. ${q.title}`;
  if (q.type === 'matrix')
    return (q.rows ?? []).map((row, r) => ({
      header: `${label}｜${row}`,
      read: (a) => {
        const v = a === undefined ? undefined : (a as Record<string, number>)[String(r)];
        return v === undefined ? '' : (q.options?.[v] ?? '');
      },
    }));
  return [
    {
      header: label,
      read: (a) => {
        if (a === undefined) return '';
        if (q.type === 'text') return String(a);
        if (q.type === 'rating') return a as number;
        if (q.type === 'multiple') return (a as number[]).map((o) => q.options?.[o] ?? '').join('；');
        return q.options?.[a as number] ?? '';
      },
    },
  ];
}

export async function surveyXlsx(survey: Survey, def: SurveyDefinition, responses: SurveyResponse[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'govportal';
  const sheet = book.addWorksheet('原始答卷');
  const columns = def.questions.flatMap((q, i) => columnsOf(q, i + 1));
  sheet.addRow([survey.title]).font = { bold: true, size: 14 };
  sheet.addRow([`导出答卷 ${responses.length} 份（状态为“有效”的计入统计结果）`]);
  const head = sheet.addRow(['序号', '提交时间', '状态', ...columns.map((c) => c.header)]);
  head.font = { bold: true };
  head.eachCell((cell) => {
    cell.alignment = { wrapText: true, vertical: 'top' };
  });
  responses.forEach((r, i) => {
    const answers = JSON.parse(r.answers) as Record<string, Answer>;
    const byQuestion = def.questions.flatMap((q) => columnsOf(q, 0).map((c) => c.read(answers[q.id])));
    sheet.addRow([i + 1, shanghaiDateTime(r.submitted_at), STATUS[r.status] ?? r.status, ...byQuestion]);
  });
  sheet.columns.forEach((c, i) => {
    c.width = i < 3 ? (i === 1 ? 20 : 8) : 24;
  });
  sheet.views = [{ state: 'frozen', ySplit: 3 }];
  return Buffer.from(await book.xlsx.writeBuffer());
}

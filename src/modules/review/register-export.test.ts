import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import type { RegisterOpinion, RegisterRow } from './register.ts';
import { FONT_FILES, wrapText } from '../../platform/pdf.ts';
import { chineseDate } from '../../platform/time.ts';
import { FORM_NOTES, SHEET_NAME, registerPdf, registerXlsx } from './register-export.ts';

const BOXED = ['部门动态', '通知公告', '便民信息', '最多跑一次改革'];
// 2026-11-27T17:30Z is already 11月28日 in Shanghai: the export must use Shanghai dates.
const T0 = Date.parse('2026-11-27T17:30:00.000Z');
const at = (hours: number) => new Date(T0 + hours * 3_600_000).toISOString();
const op = (decision: RegisterOpinion['decision'], opinion: string, name: string, hours: number): RegisterOpinion => ({
  decision,
  opinion,
  name,
  at: at(hours),
});

function row(i: number, over: Partial<RegisterRow>): RegisterRow {
  const column = over.column ?? BOXED[i % 4];
  return {
    id: i,
    contentId: 100 + i,
    year: 2026,
    serial: i,
    serialText: `2026-${String(i).padStart(4, '0')}`,
    department: ['办公室', '政务服务管理科', '行政审批科', '信息化建设科'][i % 4],
    title: `关于做好第${i}批政务服务事项办理工作的通知`,
    secret: '否',
    releaseForm: '网站公开',
    column,
    columnBox: (BOXED.includes(column) ? column : '其他') as RegisterRow['columnBox'],
    submitter: '陈承办',
    submittedAt: at(i),
    state: 'approved',
    stateName: '已同意',
    outcome: '同意',
    secrecy: null,
    dept: op('同意', '同意', '王审核', i + 1),
    leader: op('同意', '同意', '李分管', i + 2),
    ...over,
  };
}

const LONG_TITLE =
  '关于进一步深化“最多跑一次”改革全面推进政务服务“一网通办”“一窗受理”“一次办好”以及优化营商环境若干措施的实施意见（征求意见稿）及其配套解读材料和办事指南汇编';

function buildRows(): RegisterRow[] {
  const rows: RegisterRow[] = [
    // 1 同意 at both steps, with a real leader opinion
    row(1, { leader: op('同意', '同意发布，请注意及时更新', '李分管', 3) }),
    // 2 不同意 at the dept step
    row(2, {
      state: 'rejected',
      stateName: '已退回',
      outcome: '不同意',
      dept: op('不同意', '附件中含有个人身份证号码，请删除后重新提交', '王审核', 3),
      leader: null,
    }),
    // 3 不同意 at the leader step
    row(3, {
      state: 'rejected',
      stateName: '已退回',
      outcome: '不同意',
      leader: op('不同意', '数据口径与统计局发布不一致，请核实', '李分管', 5),
    }),
    // 4 审查中, waiting for the dept reviewer
    row(4, { state: 'dept_review', stateName: '待工作机构审查', outcome: '审查中', dept: null, leader: null }),
    // 5 审查中, waiting for the leader
    row(5, { state: 'leader_review', stateName: '待分管领导审批', outcome: '审查中', leader: null }),
    // 6 涉密不发布, with the secrecy opinion
    row(6, {
      secret: '是',
      state: 'closed',
      stateName: '涉密不发布',
      outcome: '涉密不发布',
      dept: null,
      leader: null,
      secrecy: op('涉密', '经保密审查，属于涉密信息，不得公开发布', '赵保密', 2),
    }),
    // 7 依申请提供
    row(7, { releaseForm: '依申请提供' }),
    // 8 其他 release form and a column outside the four boxes
    row(8, { releaseForm: '其他', column: '政策解读', columnBox: '其他' }),
    // 9 不明确 → waiting for the secrecy review
    row(9, {
      secret: '不明确',
      state: 'secrecy_review',
      stateName: '待保密审查',
      outcome: '审查中',
      dept: null,
      leader: null,
    }),
    // 10 a long title, a long column name, secrecy reviewed as 不涉密
    row(10, {
      title: LONG_TITLE,
      column: '重点领域信息公开专栏',
      columnBox: '其他',
      secrecy: op('不涉密', '经保密审查，不涉密', '赵保密', 10.5),
    }),
  ];
  for (let i = rows.length + 1; i <= 25; i += 1) rows.push(row(i, {}));
  return rows;
}

const outDir = path.resolve('test-results');

function have(cmd: string): boolean {
  return spawnSync('which', [cmd]).status === 0;
}

test('registerXlsx: one row per submission with the 附件3 fields, opinions and names', async () => {
  const rows = buildRows();
  const buf = await registerXlsx(rows, { unit: '市政务办', period: '2026年11月' });
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'register.xlsx'), buf);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(SHEET_NAME);
  assert.ok(ws, 'sheet 信息发布审查登记');
  const text = (r: number, c: number) => String(ws.getRow(r).getCell(c).value ?? '');
  assert.equal(text(1, 1), '信息发布审查表');
  assert.equal(text(2, 1), '单位：市政务办');
  assert.match(text(3, 1), /2026年11月/);
  const header = (ws.getRow(4).values as unknown[]).slice(1);
  assert.deepEqual(header, [
    '序号',
    '部门',
    '信息名称',
    '是否涉密',
    '发布形式',
    '网站发布栏目',
    '工作机构或人员审查意见',
    '分管领导意见',
    '保密审查意见',
    '承办人',
    '提交时间',
    '状态',
  ]);
  assert.equal(ws.views[0]?.state, 'frozen');
  assert.equal(ws.rowCount, 4 + rows.length);
  assert.equal(ws.getRow(5).getCell(1).alignment?.wrapText, true);
  assert.equal(ws.getRow(5).getCell(3).border?.top?.style, 'thin');

  const byId = (serial: string) => {
    for (let r = 5; r <= ws.rowCount; r += 1) if (text(r, 1) === serial) return (c: number) => text(r, c);
    throw new Error(`row ${serial} missing`);
  };
  const r1 = byId('2026-0001');
  assert.equal(r1(2), '政务服务管理科');
  assert.equal(r1(3), '关于做好第1批政务服务事项办理工作的通知');
  assert.match(r1(7), /^同意\n王审核 {2}2026-11-28/);
  assert.match(r1(8), /同意：同意发布，请注意及时更新\n李分管/);
  assert.equal(r1(11), '2026-11-28 02:30:00'); // 18:30Z → next day in Shanghai
  const r2 = byId('2026-0002');
  assert.match(r2(7), /不同意：附件中含有个人身份证号码/);
  assert.match(r2(7), /王审核/);
  assert.equal(r2(12), '已退回');
  assert.match(byId('2026-0003')(8), /不同意：数据口径.*\n李分管/);
  const r6 = byId('2026-0006');
  assert.equal(r6(4), '是');
  assert.match(r6(9), /涉密：经保密审查，属于涉密信息，不得公开发布\n赵保密/);
  assert.equal(r6(12), '涉密不发布');
  assert.equal(byId('2026-0007')(5), '依申请提供');
  const r8 = byId('2026-0008');
  assert.equal(r8(5), '其他');
  assert.equal(r8(6), '政策解读');
  assert.equal(byId('2026-0004')(12), '待工作机构审查');
});

test('registerPdf: 附件3 layout, readable text, several pages with page numbers', async (t) => {
  const rows = buildRows();
  const buf = await registerPdf(rows, { unit: '市政务办', period: '2026年11月' });
  assert.equal(buf.subarray(0, 5).toString(), '%PDF-');
  fs.mkdirSync(outDir, { recursive: true });
  const pdfPath = path.join(outDir, 'register.pdf');
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
      path.join(outDir, 'register-page1'),
    ]);
    assert.ok(fs.existsSync(path.join(outDir, 'register-page1.png')));
  }
  if (!have('pdftotext')) {
    t.diagnostic('pdftotext (poppler-utils) is not installed: the PDF text assertions were skipped');
    t.skip('pdftotext unavailable');
    return;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'register-'));
  t.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const txtPath = path.join(tmp, 'register.txt');
  // Default mode keeps each cell's lines together (content checks); -layout keeps the page picture (page checks).
  execFileSync('pdftotext', [pdfPath, txtPath]);
  const flat = fs.readFileSync(txtPath, 'utf8').replace(/\s+/g, '');
  execFileSync('pdftotext', ['-layout', pdfPath, txtPath]);
  const raw = fs.readFileSync(txtPath, 'utf8');
  assert.ok(flat.includes('信息发布审查表'), 'heading');
  assert.match(flat, /单位：市政务办/);
  for (const h of [
    '序号',
    '部门',
    '信息名称',
    '是否涉密',
    '发布形式',
    '网站发布栏目',
    '工作机构或者人员审查意见',
    '分管领导意见',
  ])
    assert.ok(flat.includes(h), h);
  assert.ok(flat.includes('关于做好第1批政务服务事项办理工作的通知'));
  assert.ok(flat.includes('王审核') && flat.includes('李分管') && flat.includes('陈承办'));
  assert.ok(flat.includes(chineseDate(at(2))), chineseDate(at(2)));
  assert.ok(flat.includes('2026年11月28日'));
  assert.ok(flat.includes('附件中含有个人身份证号码'));
  assert.ok(flat.includes('政策解读'));
  assert.ok(flat.includes('承办人(签字)'));
  for (const note of FORM_NOTES) assert.ok(flat.includes(note.replace(/\s+/g, '')), note);
  const pages = [...raw.matchAll(/第\s*(\d+)\s*页\s*共\s*(\d+)\s*页/g)];
  assert.ok(pages.length >= 2, 'page numbers');
  const total = Number(pages[0][2]);
  assert.ok(total >= 2, `共 ${total} 页`);
  assert.equal(pages.length, total);
  // The notes are at the end of the last page.
  const lastPage =
    raw
      .split('\f')
      .filter((p) => p.trim())
      .pop() ?? '';
  assert.ok(lastPage.replace(/\s+/g, '').includes('5.其他发布栏目参照'));
  // The header repeats on every page.
  assert.equal(raw.split('\f').filter((p) => p.includes('网站发布栏目')).length, total);
});

test('wrapText: CJK wraps per character, punctuation never starts or ends a line wrongly, Latin words stay whole', () => {
  const doc = new PDFDocument({ autoFirstPage: false });
  doc.registerFont('cn', FONT_FILES.regular);
  doc.font('cn').fontSize(9);
  const width = doc.widthOfString('附件中含有个人身份证号码');
  const lines = wrapText(doc, '附件中含有个人身份证号码，请删除后重新提交（征求意见稿）及其配套解读材料', width);
  assert.equal(lines.join(''), '附件中含有个人身份证号码，请删除后重新提交（征求意见稿）及其配套解读材料');
  for (const line of lines) {
    assert.ok(doc.widthOfString(line) <= width + 0.01, line);
    assert.doesNotMatch(line, /^[，。、）]/, line);
    assert.doesNotMatch(line, /[（]$/, line);
  }
  assert.deepEqual(wrapText(doc, 'see https://www.example.gov.cn/a 第二行\n下一段', 400), [
    'see https://www.example.gov.cn/a 第二行',
    '下一段',
  ]);
  const narrow = wrapText(doc, 'alpha beta', doc.widthOfString('alpha') + 1);
  assert.deepEqual(narrow, ['alpha', 'beta']);
});

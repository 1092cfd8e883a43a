// The register as a PDF laid out like 附件3 信息发布审查表: boxes printed as on the paper form, the right one
// ticked, signatures under the opinions, the form's notes at the end, page numbers.
import { FONT, FONT_BOLD, newPdf, wrapText } from '../../platform/pdf.ts';
import { chineseDate } from '../../platform/time.ts';
import type { RegisterOpinion, RegisterRow } from './review.schema.ts';
import { COLUMN_BOXES, FORM_NOTES, FORM_TITLE, extraOpinion } from './register-form.ts';

type Doc = PDFKit.PDFDocument;

/** A4 landscape, in points. */
const PAGE = { width: 841.89, height: 595.28, margin: 28 };
const FOOTER_H = 22;
const PAD = 3.5;
const SIZE = 9;
const LINE = 11.5;
const BOX = 7.5;
/** Room a box takes in running text: the tick reaches beyond its right edge. */
const BOX_ADVANCE = BOX + 3;
const LINE_W = 0.6;

/** Column widths of 附件3; they sum to the printable width. */
const COLS = [
  { key: 'serial', title: '序号', width: 58 },
  { key: 'dept', title: '部 门', width: 82 },
  { key: 'title', title: '信 息 名 称', width: 144 },
  { key: 'secret', title: '是否\n涉密', width: 48 },
  { key: 'form', title: '发布形式', width: 82 },
  { key: 'column', title: '网站发布栏目', width: 150 },
  { key: 'deptOpinion', title: '工作机构或者\n人员审查意见', width: 110 },
  { key: 'leaderOpinion', title: '分管领导\n意    见', width: 111 },
] as const;
const TABLE_W = COLS.reduce((s, c) => s + c.width, 0);
const HEADER_H = 34;
/** x of each column's left edge. */
const COL_X = COLS.map((_, i) => PAGE.margin + COLS.slice(0, i).reduce((s, c) => s + c.width, 0));
const BOTTOM = PAGE.height - PAGE.margin - FOOTER_H;
/** Line limits per cell, so one record always fits on a page (longer text ends with …; the XLSX has it all). */
const MAX_LINES = { title: 24, department: 6, opinion: 14, secrecy: 4 } as const;

// ── text primitives (no pdfkit line wrapper: we place every line ourselves, so heights are exact) ──

function font(doc: Doc, bold = false, size = SIZE): Doc {
  return doc.font(bold ? FONT_BOLD : FONT).fontSize(size);
}

/** Draws one line at (x, y) where y is the top of a LINE-high slot. */
function textAt(doc: Doc, text: string, x: number, y: number): void {
  doc.text(text, x, y + (LINE - doc.currentLineHeight()) / 2 + 0.5, { lineBreak: false });
}

function clampLines(lines: string[], max: number): string[] {
  if (lines.length <= max) return lines;
  const kept = lines.slice(0, max);
  kept[max - 1] = `${kept[max - 1].slice(0, -1)}…`;
  return kept;
}

/** Draws wrapped lines from (x, y); returns the height used. */
function drawLines(
  doc: Doc,
  lines: string[],
  x: number,
  y: number,
  width: number,
  align: 'left' | 'center' = 'left',
): number {
  lines.forEach((line, i) => {
    const dx = align === 'center' ? (width - doc.widthOfString(line)) / 2 : 0;
    textAt(doc, line, x + dx, y + i * LINE);
  });
  return lines.length * LINE;
}

/** A cell's wrapped text: measure with `draw = false`. */
function textCell(
  doc: Doc,
  text: string,
  x: number,
  y: number,
  width: number,
  opts: { draw: boolean; align?: 'left' | 'center'; maxLines?: number },
): number {
  const lines = clampLines(wrapText(doc, text, width - 2 * PAD), opts.maxLines ?? Infinity);
  if (opts.draw) drawLines(doc, lines, x + PAD, y + PAD, width - 2 * PAD, opts.align);
  return lines.length * LINE + 2 * PAD;
}

// ── check boxes ──

/** A small square box whose left edge is x, vertically centred in the LINE slot starting at y; ticked with a drawn √. */
function checkbox(doc: Doc, x: number, y: number, checked: boolean): void {
  const top = y + (LINE - BOX) / 2 + 0.5;
  doc.save().lineWidth(0.7).strokeColor('#000').rect(x, top, BOX, BOX).stroke().restore();
  if (checked) {
    doc
      .save()
      .lineWidth(1.6)
      .lineCap('round')
      .lineJoin('round')
      .strokeColor('#000')
      .moveTo(x + 1.3, top + BOX * 0.5)
      .lineTo(x + BOX * 0.42, top + BOX - 1.1)
      .lineTo(x + BOX + 1.6, top - 2.2)
      .stroke()
      .restore();
  }
}

/** Options stacked one per line, as in the form: `label  □`, boxes aligned in one column at the right. */
function optionList(
  doc: Doc,
  options: { label: string; checked: boolean }[],
  x: number,
  y: number,
  width: number,
  draw: boolean,
): number {
  if (draw) {
    const labelW = Math.max(...options.map((o) => doc.widthOfString(o.label)));
    const gap = 5;
    const left = x + Math.max(PAD, (width - labelW - gap - BOX) / 2);
    options.forEach((o, i) => {
      textAt(doc, o.label, left, y + PAD + i * LINE);
      checkbox(doc, left + labelW + gap, y + PAD + i * LINE, o.checked);
    });
  }
  return options.length * LINE + 2 * PAD;
}

type Piece = { text: string; underline?: boolean } | { box: boolean };

/** Inline flow of `label□、label□…`: each group (label + box + separator) stays on one line when it can. */
function flowCell(doc: Doc, groups: Piece[][], x: number, y: number, width: number, draw: boolean): number {
  const left = x + PAD;
  const right = x + width - PAD;
  let cx = left;
  let line = 0;
  const pieceW = (p: Piece) => ('box' in p ? BOX_ADVANCE : doc.widthOfString(p.text));
  const newLine = () => {
    line += 1;
    cx = left;
  };
  for (const group of groups) {
    const groupW = group.reduce((s, p) => s + pieceW(p), 0);
    if (cx > left && cx + groupW > right) newLine();
    for (const p of group) {
      if ('box' in p) {
        if (cx + BOX > right + 0.5) newLine();
        if (draw) checkbox(doc, cx, y + PAD + line * LINE, p.box);
        cx += BOX_ADVANCE;
        continue;
      }
      // Text that does not fit is broken by characters.
      let rest = p.text;
      while (rest) {
        let take = rest.length;
        while (take > 1 && cx + doc.widthOfString(rest.slice(0, take)) > right) take -= 1;
        if (cx > left && cx + doc.widthOfString(rest.slice(0, take)) > right) {
          newLine();
          continue;
        }
        const part = rest.slice(0, take);
        const w = doc.widthOfString(part);
        if (draw) {
          textAt(doc, part, cx, y + PAD + line * LINE);
          if (p.underline) {
            const uy = y + PAD + line * LINE + LINE - 0.5;
            doc
              .save()
              .lineWidth(0.5)
              .moveTo(cx, uy)
              .lineTo(cx + w, uy)
              .stroke()
              .restore();
          }
        }
        cx += w;
        rest = rest.slice(take);
      }
    }
  }
  return (line + 1) * LINE + 2 * PAD;
}

// ── the cells of 附件3 ──

function secretCell(doc: Doc, row: RegisterRow, x: number, y: number, width: number, draw: boolean): number {
  let h = optionList(
    doc,
    [
      { label: '是', checked: row.secret === '是' },
      { label: '否', checked: row.secret === '否' },
    ],
    x,
    y,
    width,
    draw,
  );
  if (row.secret !== '是' && row.secret !== '否') {
    font(doc, false, 7.5);
    if (draw) doc.fillColor('#555');
    h +=
      textCell(doc, row.state === 'secrecy_review' ? '待保密审查' : row.secret, x, y + h - 2 * PAD, width, {
        draw,
        align: 'center',
      }) - PAD;
    if (draw) doc.fillColor('#000');
    font(doc);
  }
  return h;
}

function releaseFormCell(doc: Doc, row: RegisterRow, x: number, y: number, width: number, draw: boolean): number {
  const options = ['网站公开', '依申请提供', '其他'].map((label) => ({ label, checked: row.releaseForm === label }));
  return optionList(doc, options, x, y, width, draw);
}

function columnCell(doc: Doc, row: RegisterRow, x: number, y: number, width: number, draw: boolean): number {
  const other = row.columnBox === '其他';
  const groups: Piece[][] = COLUMN_BOXES.map((name) => [
    { text: name },
    { box: row.columnBox === name },
    { text: '、' },
  ]);
  groups.push(
    other
      ? [{ text: '其他' }, { text: ` ${row.column} `, underline: true }, { box: true }]
      : [{ text: '其他' }, { text: '　　　', underline: true }, { box: false }],
  );
  return flowCell(doc, groups, x, y, width, draw);
}

function opinionCell(
  doc: Doc,
  op: RegisterOpinion | null,
  pending: boolean,
  x: number,
  y: number,
  width: number,
  draw: boolean,
): number {
  let h = optionList(
    doc,
    [
      { label: '同  意', checked: op?.decision === '同意' },
      { label: '不同意', checked: op?.decision === '不同意' },
    ],
    x,
    y,
    width,
    draw,
  );
  const note = op
    ? (op.decision !== '同意' && op.decision !== '不同意' ? `${op.decision}：` : '') + extraOpinion(op)
    : pending
      ? '（审查中）'
      : '';
  if (note) {
    font(doc, false, 8);
    if (draw && !op) doc.fillColor('#777');
    h += textCell(doc, note, x, y + h - PAD, width, { draw, maxLines: MAX_LINES.opinion }) - PAD;
    if (draw) doc.fillColor('#000');
    font(doc);
  }
  return h;
}

function signature(op: RegisterOpinion | null): string {
  return op ? `(签字) ${op.name}\n${chineseDate(op.at)}` : '(签字)';
}

function secrecyLine(row: RegisterRow): string {
  const s = row.secrecy;
  if (!s) return '';
  return `保密审查：${s.decision}${s.opinion && s.opinion !== s.decision ? `，${s.opinion}` : ''}（${s.name} ${chineseDate(s.at)}）`;
}

/** Draws (or measures) one record: the main row and its signature row. Returns the two row heights. */
function recordRows(doc: Doc, row: RegisterRow, y: number, heights?: [number, number]): [number, number] {
  const draw = !!heights;
  const mainH = heights?.[0] ?? 0;
  const w = (i: number) => COLS[i].width;
  font(doc);
  const main = [
    textCell(doc, row.serialText, COL_X[0], y, w(0), { draw, align: 'center' }),
    textCell(doc, row.department, COL_X[1], y, w(1), { draw, maxLines: MAX_LINES.department }),
    textCell(doc, row.title, COL_X[2], y, w(2), { draw, maxLines: MAX_LINES.title }),
    secretCell(doc, row, COL_X[3], y, w(3), draw),
    releaseFormCell(doc, row, COL_X[4], y, w(4), draw),
    columnCell(doc, row, COL_X[5], y, w(5), draw),
    opinionCell(doc, row.dept, row.state === 'dept_review', COL_X[6], y, w(6), draw),
    opinionCell(doc, row.leader, row.state === 'leader_review', COL_X[7], y, w(7), draw),
  ];
  // The form's bottom row: 承办人(签字) 年 月 日 | (blank: here the secrecy review, if any) | (签字) | (签字)
  const sy = y + mainH;
  const submitterW = w(0) + w(1) + w(2);
  const middleW = w(3) + w(4) + w(5);
  font(doc, false, 8.5);
  const sign = [
    textCell(doc, `承办人(签字) ${row.submitter}　　${chineseDate(row.submittedAt)}`, COL_X[0], sy, submitterW, {
      draw,
    }),
    textCell(doc, secrecyLine(row), COL_X[3], sy, middleW, { draw, maxLines: MAX_LINES.secrecy }),
    textCell(doc, signature(row.dept), COL_X[6], sy, w(6), { draw }),
    textCell(doc, signature(row.leader), COL_X[7], sy, w(7), { draw }),
  ];
  font(doc);
  return [Math.max(...main, 3 * LINE + 2 * PAD), Math.max(...sign, 2 * LINE + 2 * PAD)];
}

/** Grid lines of one record: a full-width main row and a signature row merged as in the form. */
function recordGrid(doc: Doc, y: number, [mainH, signH]: [number, number]): void {
  const left = PAGE.margin;
  doc.save().lineWidth(LINE_W).strokeColor('#000');
  doc.rect(left, y, TABLE_W, mainH + signH).stroke();
  doc
    .moveTo(left, y + mainH)
    .lineTo(left + TABLE_W, y + mainH)
    .stroke();
  COL_X.slice(1).forEach((x, i) => {
    const merged = i + 1 === 1 || i + 1 === 2 || i + 1 === 4 || i + 1 === 5; // merged in the signature row
    doc
      .moveTo(x, y)
      .lineTo(x, y + mainH + (merged ? 0 : signH))
      .stroke();
  });
  doc.restore();
}

/** The table header: the column names of 附件3, centred, bold. Returns its height. */
function tableHeader(doc: Doc, y: number): number {
  doc.save().rect(PAGE.margin, y, TABLE_W, HEADER_H).fill('#EEF1F6').restore();
  doc.save().lineWidth(LINE_W).strokeColor('#000').rect(PAGE.margin, y, TABLE_W, HEADER_H).stroke();
  for (const x of COL_X.slice(1))
    doc
      .moveTo(x, y)
      .lineTo(x, y + HEADER_H)
      .stroke();
  doc.restore();
  font(doc, true, 9.5);
  COLS.forEach((c, i) => {
    const lines = c.title.split('\n');
    drawLines(doc, lines, COL_X[i], y + (HEADER_H - lines.length * LINE) / 2, c.width, 'center');
  });
  font(doc);
  return HEADER_H;
}

/** The heading of the form on the first page. Returns the y below it. */
function formHeading(doc: Doc, unit: string, period: string | undefined): number {
  let y = PAGE.margin;
  font(doc, true, 18);
  const heading = FORM_TITLE.split('').join(' ');
  doc.text(heading, (PAGE.width - doc.widthOfString(heading)) / 2, y, { lineBreak: false });
  y += 30;
  font(doc, false, 11);
  doc.text(`单 位：${unit}`, PAGE.margin + 2, y, { lineBreak: false });
  if (period) {
    const p = `期间：${period}`;
    doc.text(p, PAGE.margin + TABLE_W - doc.widthOfString(p) - 2, y, { lineBreak: false });
  }
  font(doc);
  return y + 20;
}

function notesHeight(): number {
  return FORM_NOTES.length * 14 + 8;
}

function drawNotes(doc: Doc, y: number): void {
  font(doc, false, 9);
  const indent = doc.widthOfString('注：');
  for (const [i, note] of FORM_NOTES.entries())
    doc.text(note, PAGE.margin + 2 + (i === 0 ? 0 : indent), y + 8 + i * 14, { lineBreak: false });
  font(doc);
}

function pageNumbers(doc: Doc): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i += 1) {
    doc.switchToPage(i);
    font(doc, false, 9);
    const label = `第 ${i - start + 1} 页 共 ${count} 页`;
    doc.text(label, (PAGE.width - doc.widthOfString(label)) / 2, PAGE.height - PAGE.margin - 10, { lineBreak: false });
  }
}

export async function registerPdf(rows: RegisterRow[], meta: { unit: string; period?: string }): Promise<Buffer> {
  // Margins 0: every line is placed explicitly, so pdfkit never breaks pages on its own.
  const { doc, done } = newPdf({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    bufferPages: true,
    info: { Title: `${FORM_TITLE}（${meta.unit}）`, Creator: 'govportal' },
  });
  font(doc);

  let y = formHeading(doc, meta.unit, meta.period);
  y += tableHeader(doc, y);
  const newPage = () => {
    doc.addPage({ size: 'A4', layout: 'landscape', margin: 0 });
    y = PAGE.margin + tableHeader(doc, PAGE.margin);
  };
  if (rows.length === 0) {
    font(doc, false, 10);
    doc.save().lineWidth(LINE_W).rect(PAGE.margin, y, TABLE_W, 30).stroke().restore();
    textAt(doc, '（本期无登记记录）', PAGE.margin + TABLE_W / 2 - 45, y + 9);
    y += 30;
  }
  for (const row of rows) {
    const heights = recordRows(doc, row, y);
    if (y + heights[0] + heights[1] > BOTTOM) newPage();
    recordRows(doc, row, y, heights);
    recordGrid(doc, y, heights);
    y += heights[0] + heights[1];
  }
  if (y + notesHeight() > BOTTOM) {
    doc.addPage({ size: 'A4', layout: 'landscape', margin: 0 });
    y = PAGE.margin;
  }
  drawNotes(doc, y);
  pageNumbers(doc);
  doc.end();
  return done;
}

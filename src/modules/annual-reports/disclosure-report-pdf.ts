// The 政府信息公开工作年度报告 as a PDF laid out like the official format: the title, the six sections, and the
// three tables drawn as ruled grids with their merged header and label cells (A4, Chinese fonts embedded).
import { FONT, FONT_BOLD, newPdf, wrapText } from '../../platform/pdf.ts';
import { chineseDate } from '../../platform/time.ts';
import {
  APPLICANT_TYPE_KEYS,
  APPLICANT_TYPES,
  DISPOSITIONS,
  DISPOSITION_GROUPS,
  DISPOSITION_KEYS,
  type DispositionGroup,
} from '../disclosure/disclosure-rules.ts';
import {
  type DisclosureNarrative,
  type DisclosureReportData,
  TABLE4_COLUMNS,
  type Table3Row,
} from './disclosure-report.ts';

type Doc = PDFKit.PDFDocument;
const MARGIN = 56;
const WIDTH = 595.28 - 2 * MARGIN;
const ROW = 17;

function cell(doc: Doc, x: number, y: number, w: number, h: number, text: string, bold = false, size = 8.5) {
  doc.lineWidth(0.6).rect(x, y, w, h).stroke();
  doc.font(bold ? FONT_BOLD : FONT).fontSize(size);
  const lines = wrapText(doc, text, w - 6);
  const lineHeight = size * 1.3;
  let ty = y + (h - lines.length * lineHeight) / 2 + 1;
  for (const line of lines) {
    doc.text(line, x + 3, ty, { width: w - 6, align: 'center', lineBreak: false });
    ty += lineHeight;
  }
}

function ensureRoom(doc: Doc, height: number) {
  if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
}

function heading(doc: Doc, text: string) {
  ensureRoom(doc, 40);
  doc.moveDown(0.6).font(FONT_BOLD).fontSize(13).text(text, MARGIN, doc.y, { width: WIDTH });
  doc.moveDown(0.3);
}

function paragraph(doc: Doc, text: string) {
  doc.font(FONT).fontSize(11);
  for (const para of text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)) {
    for (const line of wrapText(doc, `　　${para}`, WIDTH)) {
      ensureRoom(doc, 18);
      doc.text(line, MARGIN, doc.y, { width: WIDTH, lineBreak: false });
      doc.y += 17;
    }
  }
}

function tableTitle(doc: Doc, text: string, height: number) {
  ensureRoom(doc, height + 24);
  doc.font(FONT_BOLD).fontSize(10.5).text(text, MARGIN, doc.y, { width: WIDTH, align: 'center' });
  doc.moveDown(0.3);
}

function table2(doc: Doc, data: DisclosureReportData) {
  const t = data.table2;
  const w = [WIDTH * 0.34, WIDTH * 0.22, WIDTH * 0.22, WIDTH * 0.22];
  tableTitle(doc, '表二　主动公开政府信息情况', ROW * 13);
  let y = doc.y;
  const x = MARGIN;
  const full = (text: string) => {
    cell(doc, x, y, WIDTH, ROW, text, true);
    y += ROW;
  };
  const row = (values: string[], bold = false) => {
    let cx = x;
    values.forEach((v, i) => {
      cell(doc, cx, y, w[i]!, ROW, v, bold || i === 0);
      cx += w[i]!;
    });
    y += ROW;
  };
  const pair = (label: string, head: string | null, value: string) => {
    const rest = WIDTH - w[0]!;
    cell(doc, x, y, w[0]!, ROW, label, true);
    cell(doc, x + w[0]!, y, rest, ROW, head ?? value, head !== null);
    y += ROW;
  };
  full('第二十条第（一）项');
  row(['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'], true);
  row(['规章', String(t.rules.made), String(t.rules.repealed), String(t.rules.inForce)]);
  row(['行政规范性文件', String(t.normative.made), String(t.normative.repealed), String(t.normative.inForce)]);
  full('第二十条第（五）项');
  pair('信息内容', '本年处理决定数量', '');
  pair('行政许可', null, String(t.licensing));
  full('第二十条第（六）项');
  pair('信息内容', '本年处理决定数量', '');
  pair('行政处罚', null, String(t.penalties));
  pair('行政强制', null, String(t.enforcement));
  full('第二十条第（八）项');
  pair('信息内容', '本年收费金额（单位：万元）', '');
  pair('行政事业性收费', null, String(t.feesTenThousand));
  doc.y = y + 8;
}

const GROUPS: DispositionGroup[] = ['public', 'partial', 'withheld', 'unavailable', 'not_processed', 'other'];

function table3(doc: Doc, data: DisclosureReportData) {
  const t = data.table3;
  const labelW = [40, 92, 150];
  const numW = (WIDTH - labelW.reduce((a, b) => a + b, 0)) / 7;
  const x0 = MARGIN;
  const xNum = x0 + labelW[0]! + labelW[1]! + labelW[2]!;
  const bodyRows =
    2 + GROUPS.reduce((n, g) => n + DISPOSITION_KEYS.filter((d) => DISPOSITIONS[d].group === g).length, 0) + 2;
  tableTitle(doc, '表三　收到和处理政府信息公开申请情况', ROW * (bodyRows + 3) + 10);
  let y = doc.y;
  const h1 = ROW * 1.6;
  cell(
    doc,
    x0,
    y,
    xNum - x0,
    h1 + ROW * 1.6 + ROW * 2,
    '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
    true,
  );
  cell(doc, xNum, y, numW * 7, h1, '申请人情况', true);
  cell(doc, xNum, y + h1, numW, ROW * 1.6 + ROW * 2, '自然人', true);
  cell(doc, xNum + numW, y + h1, numW * 5, ROW * 1.6, '法人或其他组织', true);
  cell(doc, xNum + numW * 6, y + h1, numW, ROW * 1.6 + ROW * 2, '总计', true);
  for (const [i, k] of APPLICANT_TYPE_KEYS.filter((x) => x !== 'person').entries())
    cell(doc, xNum + numW * (i + 1), y + h1 + ROW * 1.6, numW, ROW * 2, APPLICANT_TYPES[k], true, 7.5);
  y += h1 + ROW * 1.6 + ROW * 2;
  const numbers = (row: Table3Row) => {
    for (const [i, n] of t[row].entries()) cell(doc, xNum + numW * i, y, numW, ROW, String(n));
  };
  const wide = (label: string, row: Table3Row, from: number) => {
    const x = x0 + labelW.slice(0, from).reduce((a, b) => a + b, 0);
    cell(doc, x, y, xNum - x, ROW, label, true);
    numbers(row);
    y += ROW;
  };
  wide('一、本年新收政府信息公开申请数量', 'new', 0);
  wide('二、上年结转政府信息公开申请数量', 'carried', 0);
  const resultsTop = y;
  for (const group of GROUPS) {
    const codes = DISPOSITION_KEYS.filter((d) => DISPOSITIONS[d].group === group);
    if (group === 'public' || group === 'partial') {
      wide(DISPOSITION_GROUPS[group], codes[0]!, 1);
      continue;
    }
    cell(doc, x0 + labelW[0]!, y, labelW[1]!, ROW * codes.length, DISPOSITION_GROUPS[group], true);
    for (const code of codes) {
      cell(doc, x0 + labelW[0]! + labelW[1]!, y, labelW[2]!, ROW, DISPOSITIONS[code].label, false, 7);
      numbers(code);
      y += ROW;
    }
  }
  wide('（七）总计', 'handled', 1);
  cell(doc, x0, resultsTop, labelW[0]!, y - resultsTop, '三、本年度办理结果', true);
  wide('四、结转下年度继续办理', 'forward', 0);
  doc.y = y + 8;
}

function table4(doc: Doc, data: DisclosureReportData) {
  const w = WIDTH / 15;
  tableTitle(doc, '表四　政府信息公开行政复议、行政诉讼情况', ROW * 6);
  let y = doc.y;
  const x = MARGIN;
  cell(doc, x, y, w * 5, ROW * 2, '行政复议', true);
  cell(doc, x + w * 5, y, w * 10, ROW, '行政诉讼', true);
  cell(doc, x + w * 5, y + ROW, w * 5, ROW, '未经复议直接起诉', true);
  cell(doc, x + w * 10, y + ROW, w * 5, ROW, '复议后起诉', true);
  y += ROW * 2;
  for (let i = 0; i < 15; i++) cell(doc, x + w * i, y, w, ROW * 2.4, TABLE4_COLUMNS[i % 5]!, true, 7.5);
  y += ROW * 2.4;
  const values = [...data.table4.review, ...data.table4.litigationDirect, ...data.table4.litigationAfterReview];
  for (const [i, v] of values.entries()) cell(doc, x + w * i, y, w, ROW, String(v));
  doc.y = y + ROW + 8;
}

export async function disclosureReportPdf(
  data: DisclosureReportData,
  narrative: DisclosureNarrative,
  publishedAt: string | null,
): Promise<Buffer> {
  const { doc, done } = newPdf({
    size: 'A4',
    margin: MARGIN,
    info: { Title: `${data.organ}${data.year}年政府信息公开工作年度报告` },
  });
  doc.font(FONT_BOLD).fontSize(18).text(`${data.organ}`, { align: 'center' });
  doc.text(`${data.year}年政府信息公开工作年度报告`, { align: 'center' });
  doc.moveDown(0.8);
  paragraph(
    doc,
    `本报告由${data.organ}根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）要求编制。报告中所列数据的统计期限自${data.year}年1月1日起至${data.year}年12月31日止。`,
  );
  heading(doc, '一、总体情况');
  paragraph(doc, narrative.overview);
  heading(doc, '二、主动公开政府信息情况');
  table2(doc, data);
  heading(doc, '三、收到和处理政府信息公开申请情况');
  table3(doc, data);
  heading(doc, '四、政府信息公开行政复议、行政诉讼情况');
  table4(doc, data);
  heading(doc, '五、存在的主要问题及改进情况');
  paragraph(doc, narrative.problems);
  heading(doc, '六、其他需要报告的事项');
  paragraph(
    doc,
    data.feesCollected > 0 ? `本年度共收取信息处理费${data.feesCollected}元。` : '本年度未收取信息处理费。',
  );
  paragraph(doc, narrative.other);
  doc.moveDown(1);
  doc.font(FONT).fontSize(11).text(data.organ, MARGIN, doc.y, { width: WIDTH, align: 'right' });
  if (publishedAt) doc.text(chineseDate(publishedAt), MARGIN, doc.y, { width: WIDTH, align: 'right' });
  doc.end();
  return done;
}

// Reading the national 我为政府网站找错 platform's exports (CSV in UTF-8 or GBK, or XLSX) into rows: the columns are
// found by their Chinese headers (the platform's wording has varied: 留言编号/问题编号, 问题描述/留言内容 …), dates are
// read as Asia/Shanghai wall-clock times or Excel dates. Bad files and rows are refused with the row and reason.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { AppError } from '../../platform/errors.ts';

export interface ImportedReport {
  row: number;
  externalId: string;
  siteCode: string | null;
  siteName: string;
  problemType: string;
  description: string;
  pageUrl: string | null;
  receivedAt: string;
  reporter: string;
  repliedAt: string | null;
  replyText: string;
  closedAt: string | null;
}

const HEADERS: Record<keyof Omit<ImportedReport, 'row'>, string[]> = {
  externalId: ['留言编号', '问题编号', '工单编号', '信件编号', '编号', '留言id', 'id'],
  siteCode: ['网站标识码', '标识码', '站点标识码'],
  siteName: ['网站名称', '站点名称'],
  problemType: ['问题类型', '错误类型', '留言类型', '类型'],
  description: ['问题描述', '留言内容', '详细描述', '描述', '内容'],
  pageUrl: ['问题页面', '页面地址', '错误页面', '页面链接', '问题链接', '网址', 'url'],
  receivedAt: ['留言时间', '提交时间', '反映时间', '创建时间', '时间'],
  reporter: ['留言人', '提交人', '网民', '昵称'],
  repliedAt: ['回复时间', '答复时间', '反馈时间'],
  replyText: ['回复内容', '答复内容', '反馈内容', '处理结果'],
  closedAt: ['办结时间', '完成时间', '处理完成时间'],
};
const REQUIRED: (keyof typeof HEADERS)[] = ['externalId', 'description', 'receivedAt'];
const LABEL: Record<string, string> = { externalId: '留言编号', description: '问题描述', receivedAt: '留言时间' };
export const MAX_IMPORT_ROWS = 5000;

/** RFC 4180: quoted fields with doubled quotes and line breaks, comma separated. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (quoted) throw new AppError('ERROR_REPORT_IMPORT_FORMAT', { reason: 'CSV 文件中的引号没有闭合' });
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

/** UTF-8 (with or without BOM) when the bytes are valid UTF-8, otherwise GBK (Excel's Chinese CSV). */
export function decodeCsv(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  try {
    return utf8.decode(bytes);
  } catch {
    return iconv.decode(bytes, 'gbk');
  }
}

const isZip = (bytes: Buffer) => bytes.length > 4 && bytes.readUInt32LE(0) === 0x04034b50;

async function xlsxRows(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError('ERROR_REPORT_IMPORT_FORMAT', { reason: '不是有效的 XLSX 文件' });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (r) => {
    const values: string[] = [];
    for (let c = 1; c <= r.cellCount; c++) values.push(cellText(r.getCell(c).value));
    rows.push(values);
  });
  return rows;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // Excel keeps wall-clock times; exceljs hands them over as if they were UTC.
    return value.toISOString().slice(0, 19).replace('T', ' ');
  }
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('hyperlink' in value) return String(value.hyperlink);
    return '';
  }
  return String(value);
}

/** An Asia/Shanghai wall-clock date-time in common spellings → ISO UTC; null when unreadable. */
export function shanghaiTime(text: string): string | null {
  const t = text.trim();
  if (!t) return null;
  if (/^\d{5}(\.\d+)?$/.test(t)) {
    // An Excel serial day number (1900 date system).
    const ms = Math.round((Number(t) - 25569) * 86_400_000);
    return new Date(ms - 8 * 3_600_000).toISOString();
  }
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2})[:时](\d{1,2})(?:[:分](\d{1,2}))?秒?)?$/.exec(
    t,
  );
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) - 8 * 3_600_000;
  const date = new Date(ms);
  if (Number.isNaN(ms) || Number(mo) > 12 || Number(d) > 31 || Number(h) > 23 || Number(mi) > 59) return null;
  return date.toISOString();
}

const norm = (h: string) =>
  h
    .replace(/\s+/g, '')
    .replace(/[（(].*?[）)]/g, '')
    .toLowerCase();

export async function readImport(bytes: Buffer, fileName: string): Promise<ImportedReport[]> {
  const table = isZip(bytes) || /\.xlsx$/i.test(fileName) ? await xlsxRows(bytes) : parseCsv(decodeCsv(bytes));
  if (table.length < 2) throw new AppError('ERROR_REPORT_IMPORT_EMPTY');
  if (table.length - 1 > MAX_IMPORT_ROWS)
    throw new AppError('ERROR_REPORT_IMPORT_FORMAT', { reason: `一次最多导入 ${MAX_IMPORT_ROWS} 条` });
  const header = table[0]!.map(norm);
  const index = {} as Record<keyof typeof HEADERS, number>;
  for (const [key, names] of Object.entries(HEADERS) as [keyof typeof HEADERS, string[]][]) {
    index[key] = names.map((n) => header.indexOf(norm(n))).find((i) => i >= 0) ?? -1;
  }
  const missing = REQUIRED.filter((k) => index[k] < 0).map((k) => LABEL[k]);
  if (missing.length) throw new AppError('ERROR_REPORT_IMPORT_COLUMNS', { columns: missing.join('、') });
  const out: ImportedReport[] = [];
  for (let i = 1; i < table.length; i++) {
    const cells = table[i]!;
    const get = (k: keyof typeof HEADERS) => (index[k] >= 0 ? (cells[index[k]] ?? '').trim() : '');
    const rowNo = i + 1;
    const externalId = get('externalId');
    const description = get('description');
    const receivedAt = shanghaiTime(get('receivedAt'));
    if (!externalId) throw new AppError('ERROR_REPORT_IMPORT_ROW', { row: rowNo, reason: '留言编号为空' });
    if (!description) throw new AppError('ERROR_REPORT_IMPORT_ROW', { row: rowNo, reason: '问题描述为空' });
    if (!receivedAt)
      throw new AppError('ERROR_REPORT_IMPORT_ROW', { row: rowNo, reason: `留言时间“${get('receivedAt')}”无法识别` });
    const repliedRaw = get('repliedAt');
    const closedRaw = get('closedAt');
    const repliedAt = repliedRaw ? shanghaiTime(repliedRaw) : null;
    const closedAt = closedRaw ? shanghaiTime(closedRaw) : null;
    if (repliedRaw && !repliedAt)
      throw new AppError('ERROR_REPORT_IMPORT_ROW', { row: rowNo, reason: `回复时间“${repliedRaw}”无法识别` });
    if (closedRaw && !closedAt)
      throw new AppError('ERROR_REPORT_IMPORT_ROW', { row: rowNo, reason: `办结时间“${closedRaw}”无法识别` });
    const pageUrl = get('pageUrl');
    out.push({
      row: rowNo,
      externalId: externalId.slice(0, 64),
      siteCode: get('siteCode') || null,
      siteName: get('siteName'),
      problemType: get('problemType'),
      description: description.slice(0, 3000),
      pageUrl: /^https?:\/\//i.test(pageUrl) ? pageUrl.slice(0, 1000) : null,
      receivedAt,
      reporter: get('reporter').slice(0, 100),
      repliedAt,
      replyText: get('replyText').slice(0, 5000),
      closedAt,
    });
  }
  return out;
}

// Reading an uploaded table: CSV (UTF-8 with or without BOM, UTF-16 with BOM, or GBK/GB18030 as Chinese Excel
// saves it) or XLSX (the first worksheet). The first row is the header. Whatever cannot be read faithfully is
// refused with a Chinese message naming the line or the cells: a merged header, an unclosed quote, a row with
// more cells than the header. Nothing is guessed silently.
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { AppError } from '../../platform/errors.ts';

/** The largest data file accepted; larger ones are refused before their body is read. */
export const MAX_DATA_FILE_BYTES = 20 * 1024 * 1024;
export const MAX_ROWS = 200_000;
export const MAX_COLUMNS = 100;
export const MAX_CELL_CHARS = 10_000;
export const MAX_NAME_CHARS = 60;

export type SourceKind = 'csv' | 'xlsx';

export interface ReadTable {
  kind: SourceKind;
  /** utf-8, utf-8-bom, utf-16le, utf-16be, gb18030 or xlsx. */
  encoding: string;
  header: string[];
  /** Data rows, trimmed; an empty cell is null. Rows with nothing in them are left out. */
  rows: (string | null)[][];
}

export const sizeLabel = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;

export function assertSize(bytes: number): void {
  if (bytes > MAX_DATA_FILE_BYTES)
    throw new AppError('DATASET_FILE_TOO_LARGE', { size: sizeLabel(bytes), limit: sizeLabel(MAX_DATA_FILE_BYTES) });
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const CFB = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/** Decides the kind by the bytes and the extension together, so a renamed file is not misread. */
export function kindOf(bytes: Buffer, name: string): SourceKind {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  const zip = bytes.subarray(0, 4).equals(ZIP);
  if (ext === 'xlsx' && zip) return 'xlsx';
  if ((ext === 'csv' || ext === 'txt') && !zip && !bytes.subarray(0, 4).equals(CFB)) return 'csv';
  throw new AppError('DATASET_FILE_TYPE', { name });
}

export async function readTable(bytes: Buffer, name: string): Promise<ReadTable> {
  assertSize(bytes.length);
  if (bytes.length === 0) throw new AppError('DATASET_EMPTY', { reason: '文件是空的' });
  return kindOf(bytes, name) === 'xlsx' ? readXlsx(bytes) : readCsv(bytes);
}

// ───────────── encodings ─────────────

/** The text of a CSV file and the encoding it was written in. */
export function decodeText(bytes: Buffer): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: utf8(bytes.subarray(3), 'utf-8-bom'), encoding: 'utf-8-bom' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: iconv.decode(bytes.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: iconv.decode(bytes.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  if (bytes.includes(0)) throw new AppError('DATASET_ENCODING', { reason: '文件含有二进制内容，不是文本表格' });
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: Chinese Excel and WPS save CSV in GBK; GB18030 is its superset and decodes it the same.
  }
  const text = iconv.decode(bytes, 'gb18030');
  const replaced = (text.match(/\uFFFD/g) ?? []).length;
  if (replaced > 0)
    throw new AppError('DATASET_ENCODING', {
      reason: `既不是 UTF-8 也不是 GBK 编码（有 ${replaced} 处无法识别的字符）`,
    });
  return { text, encoding: 'gb18030' };
}

function utf8(bytes: Buffer, label: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new AppError('DATASET_ENCODING', { reason: `文件标明为 ${label} 编码，但内容不是有效的 UTF-8` });
  }
}

// ───────────── CSV (RFC 4180) ─────────────

/** The separator of the header line: comma, else tab or semicolon when the header has those and no comma. */
function separatorOf(text: string): string {
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  if (firstLine.includes(',')) return ',';
  if (firstLine.includes('\t')) return '\t';
  if (firstLine.includes(';')) return ';';
  return ',';
}

/** Parses CSV text into records of raw fields, with the 1-based line each record starts on. */
export function parseCsv(text: string): { line: number; fields: string[] }[] {
  const sep = separatorOf(text);
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const n = text.length;
  const endRecord = () => {
    fields.push(field);
    records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };
  while (i < n) {
    const c = text[i];
    if (c === '"' && field === '') {
      // A quoted field: runs to the next lone quote; "" is a quote; newlines inside belong to the field.
      const start = line;
      i += 1;
      for (;;) {
        if (i >= n) throw new AppError('DATASET_CSV_MALFORMED', { line: start, reason: '的引号没有闭合' });
        const q = text[i];
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        if (q === '\n' || (q === '\r' && text[i + 1] !== '\n')) line += 1;
        field += q;
        i += 1;
      }
      const next = text[i];
      if (i < n && next !== sep && next !== '\n' && next !== '\r')
        throw new AppError('DATASET_CSV_MALFORMED', {
          line,
          reason: '引号后有多余的字符（含引号的单元格须整格用引号括起，内部引号写成两个引号）',
        });
      continue;
    }
    if (c === sep) {
      fields.push(field);
      field = '';
      i += 1;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line += 1;
      recordLine = line;
      continue;
    }
    if (c === '"')
      throw new AppError('DATASET_CSV_MALFORMED', {
        line,
        reason: '的单元格中间出现引号（含引号的单元格须整格用引号括起，内部引号写成两个引号）',
      });
    field += c;
    i += 1;
  }
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}

function readCsv(bytes: Buffer): ReadTable {
  const { text, encoding } = decodeText(bytes);
  const records = parseCsv(text).filter((r) => r.fields.some((f) => f.trim() !== ''));
  if (records.length === 0) throw new AppError('DATASET_EMPTY', { reason: '文件中没有任何内容' });
  const [head, ...data] = records;
  const header = checkHeader(head.fields);
  const rows = data.map((r) => {
    if (r.fields.length > header.length) {
      const extra = r.fields.slice(header.length);
      if (extra.some((f) => f.trim() !== ''))
        throw new AppError('DATASET_CSV_MALFORMED', {
          line: r.line,
          reason: `有 ${r.fields.length} 个单元格，比表头的 ${header.length} 列多（可能是单元格中的逗号未加引号）`,
        });
    }
    return cells(r.fields.slice(0, header.length), header.length, r.line);
  });
  return { kind: 'csv', encoding, header, rows: checkRows(rows) };
}

// ───────────── XLSX ─────────────

type CellValue = ExcelJS.CellValue;

function cellText(value: CellValue): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return cellText((value as ExcelJS.CellFormulaValue).result as CellValue);
    if ('richText' in value) return (value as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
    if ('text' in value) return String((value as ExcelJS.CellHyperlinkValue).text);
    if ('error' in value) return null;
    return null;
  }
  return String(value);
}

async function readXlsx(bytes: Buffer): Promise<ReadTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw new AppError('DATASET_XLSX_UNREADABLE', {
      reason: `文件已损坏或不是 Excel 2007 及以上版本的格式（${(error as Error).message.slice(0, 80)}）`,
    });
  }
  const sheet = workbook.worksheets.find((s) => s.actualRowCount > 0);
  if (!sheet) throw new AppError('DATASET_EMPTY', { reason: '工作簿中没有任何内容' });
  let headerRow = 0;
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (headerRow === 0 && (row.values as CellValue[]).some((v) => cellText(v)?.trim())) headerRow = number;
  });
  const merges = ((sheet.model as { merges?: string[] }).merges ?? []).filter((range) => {
    const rows = [...range.matchAll(/[A-Z]+(\d+)/g)].map((m) => Number(m[1]));
    return Math.min(...rows) <= headerRow && Math.max(...rows) >= headerRow;
  });
  if (merges.length > 0) throw new AppError('DATASET_XLSX_MERGED', { cells: merges.slice(0, 5).join('、') });
  const width = sheet.columnCount;
  if (width > MAX_COLUMNS)
    throw new AppError('DATASET_HEADER_INVALID', { reason: `最多 ${MAX_COLUMNS} 列，文件有 ${width} 列` });
  const read = (n: number) => {
    const row = sheet.getRow(n);
    return Array.from({ length: width }, (_, i) => cellText(row.getCell(i + 1).value));
  };
  const headCells = read(headerRow);
  // Trailing columns without a name and without data are the sheet's blank margin, not columns.
  let last = headCells.length;
  while (last > 0 && !headCells[last - 1]?.trim()) last -= 1;
  const header = checkHeader(headCells.slice(0, last).map((c) => c ?? ''));
  const rows: (string | null)[][] = [];
  for (let n = headerRow + 1; n <= sheet.rowCount; n++) {
    const values = read(n);
    if (values.slice(last).some((v) => v?.trim()))
      throw new AppError('DATASET_HEADER_INVALID', { reason: `第 ${n} 行在表头之外的列有数据，请为这些列填写列名` });
    const own = values.slice(0, last);
    if (own.every((v) => !v?.trim())) continue;
    rows.push(
      cells(
        own.map((v) => v ?? ''),
        header.length,
        n,
      ),
    );
    if (rows.length > MAX_ROWS) break;
  }
  return { kind: 'xlsx', encoding: 'xlsx', header, rows: checkRows(rows) };
}

// ───────────── shared checks ─────────────

function checkHeader(raw: string[]): string[] {
  const header = raw.map((h) => h.replace(/\s+/g, ' ').trim());
  if (header.length > MAX_COLUMNS)
    throw new AppError('DATASET_HEADER_INVALID', { reason: `最多 ${MAX_COLUMNS} 列，文件有 ${header.length} 列` });
  header.forEach((name, i) => {
    if (!name) throw new AppError('DATASET_HEADER_INVALID', { reason: `第 ${i + 1} 列没有列名（第一行须是表头）` });
    if (name.length > MAX_NAME_CHARS)
      throw new AppError('DATASET_HEADER_INVALID', { reason: `第 ${i + 1} 列的列名超过 ${MAX_NAME_CHARS} 个字` });
  });
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name)) throw new AppError('DATASET_HEADER_INVALID', { reason: `列名“${name}”重复` });
    seen.add(name);
  }
  return header;
}

function cells(fields: string[], width: number, line: number): (string | null)[] {
  const out: (string | null)[] = [];
  for (let i = 0; i < width; i++) {
    const v = (fields[i] ?? '').trim();
    if (v.length > MAX_CELL_CHARS)
      throw new AppError('DATASET_CSV_MALFORMED', { line, reason: `第 ${i + 1} 列超过 ${MAX_CELL_CHARS} 个字` });
    out.push(v === '' ? null : v);
  }
  return out;
}

function checkRows(rows: (string | null)[][]): (string | null)[][] {
  if (rows.length === 0) throw new AppError('DATASET_EMPTY', { reason: '只有表头，没有数据行' });
  if (rows.length > MAX_ROWS)
    throw new AppError('DATASET_TOO_MANY_ROWS', { rows: `超过 ${MAX_ROWS}`, limit: MAX_ROWS });
  return rows;
}

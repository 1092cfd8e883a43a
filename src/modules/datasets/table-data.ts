// A version's rows as typed values, and what readers do with them: filter, sort and page (the preview table
// and the open API), aggregate into a chart, and export as CSV, XLSX and JSON. Versions never change once
// confirmed, so their typed rows are cached in memory by version id.
import ExcelJS from 'exceljs';
import { AppError } from '../../platform/errors.ts';
import type { ChartSpec } from '../../platform/charts.ts';
import { isNumeric, isTemporal, parseCell, type Cell, type DataColumn } from './column-types.ts';
import type { ChartDefinition } from './datasets.schema.ts';

export interface TypedTable {
  columns: DataColumn[];
  rows: Cell[][];
}

/** Typed rows from the raw cells and the confirmed columns (a cell that does not fit stays as text). */
export function typeRows(columns: DataColumn[], raw: (string | null)[][]): Cell[][] {
  return raw.map((r) =>
    columns.map((c, i) => {
      const v = parseCell(r[i] ?? null, c.type);
      return v === undefined ? (r[i] ?? null) : v;
    }),
  );
}

/** Keeps the typed tables of the most recently used versions, up to a number of cells. */
export class TableCache {
  private readonly entries = new Map<number, TypedTable>();
  private cells = 0;
  constructor(private readonly maxCells = 4_000_000) {}

  async get(versionId: number, load: () => Promise<TypedTable>): Promise<TypedTable> {
    const hit = this.entries.get(versionId);
    if (hit) {
      this.entries.delete(versionId);
      this.entries.set(versionId, hit);
      return hit;
    }
    const table = await load();
    const size = table.rows.length * Math.max(1, table.columns.length);
    this.entries.set(versionId, table);
    this.cells += size;
    for (const [id, t] of this.entries) {
      if (this.cells <= this.maxCells || id === versionId) break;
      this.entries.delete(id);
      this.cells -= t.rows.length * Math.max(1, t.columns.length);
    }
    return table;
  }
}

// ───────────── filter, sort, page ─────────────

export type Operator = '=' | '!=' | '>=' | '<=' | '>' | '<' | '~';
export interface Condition {
  column: number;
  op: Operator;
  value: Cell;
  text: string;
}

const CONDITION = /^(.+?)(!=|>=|<=|=|>|<|~)(.*)$/s;

/** `列名=值` … into conditions on the table's columns; a value is read with its column's type. */
export function parseConditions(columns: DataColumn[], filters: readonly string[]): Condition[] {
  return filters.map((f) => {
    const m = CONDITION.exec(f);
    if (!m) throw new AppError('DATASET_FILTER_INVALID', { reason: `“${f}”应写成 列名=值（或 != >= <= > < ~）` });
    const name = m[1].trim();
    const index = columns.findIndex((c) => c.name === name);
    if (index < 0) throw new AppError('DATASET_COLUMN_UNKNOWN', { column: name });
    const op = m[2] as Operator;
    const text = m[3].trim();
    if (op === '~') return { column: index, op, value: text, text };
    const value = text === '' ? null : parseCell(text, columns[index].type);
    if (value === undefined)
      throw new AppError('DATASET_FILTER_INVALID', { reason: `“${text}”不是“${name}”列的有效值` });
    if ((op === '>' || op === '<' || op === '>=' || op === '<=') && value === null)
      throw new AppError('DATASET_FILTER_INVALID', { reason: `“${f}”缺少比较的值` });
    return { column: index, op, value, text };
  });
}

const compare = (a: Cell, b: Cell): number => {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), 'zh-CN');
};

function matches(row: Cell[], c: Condition): boolean {
  const v = row[c.column];
  switch (c.op) {
    case '=':
      return v === c.value;
    case '!=':
      return v !== c.value;
    case '~':
      return v !== null && String(v).includes(c.text);
    default: {
      if (v === null) return false;
      const d = compare(v, c.value);
      return c.op === '>' ? d > 0 : c.op === '<' ? d < 0 : c.op === '>=' ? d >= 0 : d <= 0;
    }
  }
}

export interface RowQuery {
  conditions: Condition[];
  q?: string;
  sort?: number;
  order?: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

/** The rows a query selects: filtered, sorted (stable: ties keep the file's order) and cut to one page. */
export function selectRows(table: TypedTable, query: RowQuery): { total: number; rows: Cell[][] } {
  const q = query.q?.trim();
  let rows = table.rows.filter(
    (r) => query.conditions.every((c) => matches(r, c)) && (!q || r.some((v) => v !== null && String(v).includes(q))),
  );
  if (query.sort !== undefined) {
    const i = query.sort;
    const sign = query.order === 'desc' ? -1 : 1;
    rows = rows
      .map((r, at) => ({ r, at }))
      .sort((a, b) => {
        const x = a.r[i];
        const y = b.r[i];
        if (x === null || y === null) return x === y ? a.at - b.at : x === null ? 1 : -1;
        return sign * compare(x, y) || a.at - b.at;
      })
      .map((e) => e.r);
  }
  const start = (query.page - 1) * query.pageSize;
  return { total: rows.length, rows: rows.slice(start, start + query.pageSize) };
}

export function rowObjects(columns: DataColumn[], rows: Cell[][]): Record<string, Cell>[] {
  return rows.map((r) => Object.fromEntries(columns.map((c, i) => [c.name, r[i]])));
}

// ───────────── charts ─────────────

/** Problems of a chart definition against the columns, in Chinese; null when it can be drawn. */
export function chartDefinitionProblem(columns: DataColumn[], d: ChartDefinition): string | null {
  const byName = new Map(columns.map((c) => [c.name, c]));
  if (!byName.has(d.categoryColumn)) return `数据集没有“${d.categoryColumn}”列`;
  for (const v of d.valueColumns) {
    const c = byName.get(v);
    if (!c) return `数据集没有“${v}”列`;
    if (d.aggregate !== 'count' && !isNumeric(c.type))
      return `“${v}”列是${c.type === 'text' ? '文本' : '非数值'}，不能作为数值`;
  }
  if (d.kind === 'pie' && d.valueColumns.length !== 1) return '饼图只能选一个数值列';
  if (d.filter && !byName.has(d.filter.column)) return `数据集没有“${d.filter.column}”列`;
  return null;
}

/** The chart of a definition over a table: categories in the file's order (time columns in time order). */
export function buildChartSpec(table: TypedTable, d: ChartDefinition, source: string): ChartSpec {
  const problem = chartDefinitionProblem(table.columns, d);
  if (problem) throw new AppError('CHART_INVALID', { reason: problem });
  const index = (name: string) => table.columns.findIndex((c) => c.name === name);
  const cat = index(d.categoryColumn);
  const values = d.valueColumns.map(index);
  let rows = table.rows;
  if (d.filter) {
    const f = index(d.filter.column);
    const wanted = parseCell(d.filter.value, table.columns[f].type) ?? d.filter.value;
    rows = rows.filter((r) => r[f] === (wanted === null ? null : wanted));
  }
  const groups = new Map<string, Cell[][]>();
  for (const r of rows) {
    const key = r[cat] === null ? '（空）' : String(r[cat]);
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  let categories = [...groups.keys()];
  if (isTemporal(table.columns[cat].type)) categories = categories.sort();
  const reduce = (list: Cell[][], i: number): number | null => {
    const nums = list.map((r) => r[i]).filter((v): v is number => typeof v === 'number');
    switch (d.aggregate) {
      case 'count':
        return list.filter((r) => r[i] !== null).length;
      case 'sum':
        return nums.length ? round(nums.reduce((a, b) => a + b, 0)) : null;
      case 'avg':
        return nums.length ? round(nums.reduce((a, b) => a + b, 0) / nums.length) : null;
      case 'max':
        return nums.length ? Math.max(...nums) : null;
      case 'last':
        return nums.length ? nums[nums.length - 1] : null;
    }
  };
  let series = values.map((i) => ({
    name: table.columns[i].name,
    values: categories.map((c) => reduce(groups.get(c)!, i)),
  }));
  if (d.kind === 'pie' && categories.length > PIE_SLICES) {
    // A pie of many small slices says nothing: the largest keep their slice, the rest are summed as 其他.
    const ranked = categories.map((c, i) => ({ c, v: series[0].values[i] ?? 0 })).sort((a, b) => b.v - a.v);
    const kept = ranked.slice(0, PIE_SLICES - 1);
    const rest = round(ranked.slice(PIE_SLICES - 1).reduce((a, r) => a + r.v, 0));
    categories = [...kept.map((r) => r.c), '其他'];
    series = [{ name: series[0].name, values: [...kept.map((r) => r.v), rest] }];
  }
  return {
    kind: d.kind,
    title: d.title,
    categories,
    series,
    categoryName: d.categoryColumn,
    unit: d.unit || table.columns[values[0]].unit || undefined,
    source,
  };
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;
/** Slices of a pie before the smallest are summed as 其他. */
export const PIE_SLICES = 12;

// ───────────── exports ─────────────

/**
 * A text cell a spreadsheet would take for a formula (= + - @, or a leading tab or carriage return) is prefixed
 * with an apostrophe, so opening a downloaded file never runs anything (CSV injection). Numbers stay numbers.
 */
export function neutralise(value: Cell): Cell {
  if (typeof value !== 'string') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvField(value: Cell): string {
  const text = value === null ? '' : String(neutralise(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** UTF-8 with a BOM and CRLF: what Excel on a Chinese Windows opens correctly. */
export function toCsv(table: TypedTable): Buffer {
  const lines = [table.columns.map((c) => csvField(c.name)), ...table.rows.map((r) => r.map(csvField))];
  return Buffer.concat([
    Buffer.from([0xef, 0xbb, 0xbf]),
    Buffer.from(`${lines.map((l) => l.join(',')).join('\r\n')}\r\n`),
  ]);
}

export async function toXlsx(table: TypedTable, sheetName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'govportal';
  const sheet = workbook.addWorksheet(sheetName.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'data');
  sheet.addRow(table.columns.map((c) => neutralise(c.name)));
  sheet.getRow(1).font = { bold: true };
  for (const r of table.rows) sheet.addRow(r.map(neutralise));
  sheet.columns.forEach((col, i) => {
    col.width = Math.min(40, Math.max(8, (table.columns[i]?.name.length ?? 4) * 2 + 2));
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function toJson(meta: Record<string, unknown>, table: TypedTable): Buffer {
  return Buffer.from(JSON.stringify({ ...meta, columns: table.columns, rows: rowObjects(table.columns, table.rows) }));
}

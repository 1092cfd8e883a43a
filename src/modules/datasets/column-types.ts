// The types a data set's column can have, how a cell is read as each of them, and how a column's type is
// guessed from its cells. The editor confirms (or corrects) the guess before a version can be released; cells
// are kept as read, and the typed value is derived from the confirmed type whenever the data is used.
import { AppError } from '../../platform/errors.ts';

export const COLUMN_TYPES = {
  text: '文本',
  integer: '整数',
  number: '数值',
  date: '日期',
  month: '年月',
  year: '年份',
} as const;
export type ColumnType = keyof typeof COLUMN_TYPES;
export const COLUMN_TYPE_NAMES = Object.keys(COLUMN_TYPES) as ColumnType[];

export interface DataColumn {
  name: string;
  type: ColumnType;
  /** 说明: what the column holds, for the catalogue and the API. */
  description: string;
  /** 计量单位 (件, 次, 万元 …). */
  unit: string;
}

export type Cell = string | number | null;

const INTEGER = /^[+-]?(?:0|[1-9]\d{0,14}|[1-9]\d{0,2}(?:,\d{3}){1,4})$/;
const DECIMAL = /^[+-]?(?:\d{1,15}|\d{1,3}(?:,\d{3}){1,4})?\.\d{1,10}$/;
const DATE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;
const MONTH = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/;
const YEAR = /^(\d{4})\s*年$/;
const pad = (n: string) => n.padStart(2, '0');

function validDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A cell read as `type`: the typed value, or undefined when the cell is not of that type. Empty → null. */
export function parseCell(raw: string | null, type: ColumnType): Cell | undefined {
  if (raw === null) return null;
  const text = raw.trim();
  if (text === '') return null;
  switch (type) {
    case 'text':
      return text;
    case 'integer':
      return INTEGER.test(text) ? Number(text.replace(/,/g, '')) : undefined;
    case 'number':
      return INTEGER.test(text) || DECIMAL.test(text) ? Number(text.replace(/,/g, '')) : undefined;
    case 'date': {
      const m = DATE.exec(text);
      if (!m || !validDate(Number(m[1]), Number(m[2]), Number(m[3]))) return undefined;
      return `${m[1]}-${pad(m[2])}-${pad(m[3])}`;
    }
    case 'month': {
      const m = MONTH.exec(text);
      if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return undefined;
      return `${m[1]}-${pad(m[2])}`;
    }
    case 'year': {
      const m = YEAR.exec(text) ?? /^(\d{4})$/.exec(text);
      return m ? m[1] : undefined;
    }
  }
}

/** The narrowest type every non-empty cell of the column fits; a header naming a year makes 2026 a year. */
export function inferType(name: string, cells: readonly (string | null)[]): ColumnType {
  const values = cells.filter((c): c is string => c !== null && c.trim() !== '');
  if (values.length === 0) return 'text';
  const all = (type: ColumnType) => values.every((v) => parseCell(v, type) !== undefined);
  if (values.every((v) => YEAR.test(v.trim()))) return 'year';
  if (/年份|年度/.test(name) && all('year')) return 'year';
  if (all('integer')) return 'integer';
  if (all('number')) return 'number';
  if (all('month')) return 'month';
  if (all('date')) return 'date';
  return 'text';
}

/** The first cell that does not fit `type`, as a 1-based data row number and the value, or null. */
export function firstMisfit(
  rows: readonly (readonly (string | null)[])[],
  index: number,
  type: ColumnType,
): { row: number; value: string } | null {
  for (let r = 0; r < rows.length; r++) {
    const raw = rows[r][index];
    if (parseCell(raw, type) === undefined) return { row: r + 1, value: raw ?? '' };
  }
  return null;
}

/** Numeric types: what a chart can draw as values. */
export const isNumeric = (type: ColumnType) => type === 'integer' || type === 'number';
/** Types whose values sort in time order as text. */
export const isTemporal = (type: ColumnType) => type === 'date' || type === 'month' || type === 'year';

/** A later version must have the earlier versions' columns, in the same order. */
export function assertSameColumns(before: string[], after: string[]): void {
  const missing = before.filter((n) => !after.includes(n));
  const added = after.filter((n) => !before.includes(n));
  if (missing.length || added.length) {
    const parts = [
      ...(missing.length ? [`缺少${missing.map((n) => `“${n}”`).join('、')}列`] : []),
      ...(added.length ? [`多出${added.map((n) => `“${n}”`).join('、')}列`] : []),
    ];
    throw new AppError('DATASET_COLUMNS_MISMATCH', { reason: parts.join('，') });
  }
  const moved = before.findIndex((n, i) => after[i] !== n);
  if (moved >= 0)
    throw new AppError('DATASET_COLUMNS_MISMATCH', {
      reason: `列的顺序不同（第 ${moved + 1} 列应为“${before[moved]}”）`,
    });
}

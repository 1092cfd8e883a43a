// The catalogue as an XLSX workbook with the columns an office keeps in its 事项清单: 事项编码, 事项名称, 事项类型,
// 服务对象, 主题分类, 实施部门, 人生/企业事件, 搜索关键词, 排序, 状态. The export adds the published guide's 是否网办,
// 法定时限, 承诺时限 and 指南状态 for reading; the import ignores them. An import is checked whole before anything
// is written: one bad row and nothing is imported, with every problem listed by row.
import ExcelJS from 'exceljs';
import { AppError } from '../../platform/errors.ts';
import type { ItemInput, ItemView } from './catalogue.schema.ts';
import { AUDIENCES, ITEM_STATUS_NAMES, ITEM_TYPES, type ItemStatus, SERVICE_THEMES } from './service-types.ts';
import { ITEM_CODE } from './catalogue.presenter.ts';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The columns the import reads, in the order the export writes them. */
export const CATALOGUE_COLUMNS = [
  '事项编码',
  '事项名称',
  '事项类型',
  '服务对象',
  '主题分类',
  '实施部门',
  '人生/企业事件',
  '搜索关键词',
  '排序',
  '状态',
] as const;
const READ_ONLY_COLUMNS = ['是否网办', '法定时限（工作日）', '承诺时限（工作日）', '指南状态'] as const;

const GUIDE_STATE_NAMES: Record<string, string> = {
  none: '未编写',
  draft: '草稿',
  reviewing: '审查中',
  returned: '已退回',
  published: '已发布',
  changed: '已发布（有修改待审）',
  withdrawn: '已撤稿',
};

const join = (list: string[]) => list.join('、');
const split = (text: string) =>
  text
    .split(/[、，,；;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

export async function exportCatalogue(siteName: string, items: ItemView[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = siteName;
  const sheet = book.addWorksheet('事项目录');
  sheet.columns = [...CATALOGUE_COLUMNS, ...READ_ONLY_COLUMNS].map((header) => ({
    header,
    key: header,
    width: header === '事项名称' ? 36 : header === '事项编码' ? 22 : 16,
  }));
  sheet.getRow(1).font = { bold: true };
  for (const i of items)
    sheet.addRow([
      i.code,
      i.name,
      i.type,
      join(i.audiences),
      i.theme,
      i.departmentName,
      join(i.events),
      join(i.keywords),
      i.sort,
      ITEM_STATUS_NAMES[i.status],
      i.guideState === 'published' || i.guideState === 'changed' ? (i.online ? '是' : '否') : '',
      i.statutoryDays ?? '',
      i.promisedDays ?? '',
      GUIDE_STATE_NAMES[i.guideState] ?? '',
    ]);
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await book.xlsx.writeBuffer());
}

export interface ImportedRow {
  row: number;
  input: ItemInput;
  status: ItemStatus;
}

const cellText = (value: ExcelJS.CellValue): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('text' in value) return String(value.text).trim();
    if ('result' in value) return String(value.result ?? '').trim();
    if (value instanceof Date) return value.toISOString().slice(0, 10);
  }
  return String(value).trim();
};

/**
 * Reads a catalogue workbook: every row checked (types, objects, themes, departments by name, codes unique in the
 * file). Throws SERVICE_IMPORT_INVALID listing every problem (at most 20) when any row is wrong.
 */
export async function readCatalogue(bytes: Buffer, departments: Map<string, number>): Promise<ImportedRow[]> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError('SERVICE_IMPORT_INVALID', { problems: '文件不是有效的 Excel（.xlsx）工作簿' });
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw new AppError('SERVICE_IMPORT_INVALID', { problems: '工作簿中没有工作表' });
  const header = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => header.set(cellText(cell.value), col));
  const absent = CATALOGUE_COLUMNS.filter((c) => !header.has(c) && c !== '排序' && c !== '状态');
  if (absent.length) throw new AppError('SERVICE_IMPORT_INVALID', { problems: `缺少列：${absent.join('、')}` });
  const problems: string[] = [];
  const rows: ImportedRow[] = [];
  const seen = new Set<string>();
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const get = (name: string) => (header.has(name) ? cellText(row.getCell(header.get(name)!).value) : '');
    if (CATALOGUE_COLUMNS.every((c) => !get(c))) continue;
    const bad = (text: string) => problems.push(`第 ${r} 行${text}`);
    const code = get('事项编码');
    const type = get('事项类型');
    const audiences = split(get('服务对象'));
    const theme = get('主题分类');
    const departmentId = departments.get(get('实施部门'));
    const sortText = get('排序');
    const statusText = get('状态') || '在用';
    const status = (Object.entries(ITEM_STATUS_NAMES).find(([, n]) => n === statusText)?.[0] ??
      null) as ItemStatus | null;
    if (!ITEM_CODE.test(code)) bad(`事项编码“${code}”格式不正确`);
    else if (seen.has(code)) bad(`事项编码“${code}”重复`);
    seen.add(code);
    const name = get('事项名称');
    if (name.length < 2 || name.length > 200) bad('事项名称应为 2 至 200 个字');
    if (!(ITEM_TYPES as readonly string[]).includes(type)) bad(`事项类型“${type}”应为：${ITEM_TYPES.join('、')}`);
    if (audiences.length === 0 || audiences.some((a) => !(AUDIENCES as readonly string[]).includes(a)))
      bad(`服务对象“${get('服务对象')}”应为：自然人、法人（可同时填写）`);
    if (!(SERVICE_THEMES as readonly string[]).includes(theme)) bad(`主题分类“${theme}”不在主题分类中`);
    if (departmentId === undefined) bad(`实施部门“${get('实施部门')}”不是本站点的部门`);
    if (sortText && !/^\d{1,6}$/.test(sortText)) bad(`排序“${sortText}”应为非负整数`);
    if (!status) bad(`状态“${statusText}”应为：在用、已取消`);
    if (problems.length >= 20) break;
    rows.push({
      row: r,
      input: {
        code,
        name,
        type: type as ItemInput['type'],
        audiences: [...new Set(audiences)] as ItemInput['audiences'],
        theme: theme as ItemInput['theme'],
        departmentId: departmentId ?? 0,
        events: split(get('人生/企业事件')).slice(0, 10),
        keywords: split(get('搜索关键词')).slice(0, 20),
        sort: sortText ? Number(sortText) : 0,
      },
      status: status ?? 'active',
    });
  }
  if (problems.length) throw new AppError('SERVICE_IMPORT_INVALID', { problems: problems.join('；') });
  return rows;
}

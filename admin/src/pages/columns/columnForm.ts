// The column dialog's values, to and from the API: the update cycle is 不要求 / 14 天 / 183 天 / 自定义 in the
// form and `maxUpdateDays` on the wire.
import type { ColumnKind, ColumnType } from '../../../../src/modules/columns/column-types.ts';
import type { ColumnNode, ColumnUpdate } from '../../../../src/modules/columns/columns.schema.ts';

export type Cycle = 'none' | '14' | '183' | 'custom';

export interface ColumnValues {
  name: string;
  fullName: string;
  slug: string;
  columnType: ColumnType;
  kind: ColumnKind;
  linkUrl: string;
  description: string;
  keywords: string;
  visible: boolean;
  leadDepartmentId: number | undefined;
  cooperatingDepartmentIds: number[];
  openCooperation: boolean;
  cycle: Cycle;
  customDays: number | null;
}

const cycleOf = (days: number | null): Pick<ColumnValues, 'cycle' | 'customDays'> =>
  days === null
    ? { cycle: 'none', customDays: null }
    : days === 14 || days === 183
      ? { cycle: String(days) as Cycle, customDays: null }
      : { cycle: 'custom', customDays: days };

// The column view names its type and kind as plain strings; they are the server's ColumnType and ColumnKind.
export const valuesOf = (n: ColumnNode): ColumnValues => ({
  name: n.name,
  fullName: n.fullName ?? '',
  slug: n.slug,
  columnType: n.columnType as ColumnType,
  kind: n.kind as ColumnKind,
  linkUrl: n.linkUrl ?? '',
  description: n.description ?? '',
  keywords: Array.isArray(n.keywords) ? (n.keywords as string[]).join('，') : (n.keywords ?? ''),
  visible: n.visible,
  leadDepartmentId: n.leadDepartmentId ?? undefined,
  cooperatingDepartmentIds: n.cooperatingDepartmentIds ?? [],
  openCooperation: n.openCooperation,
  ...cycleOf(n.maxUpdateDays),
});

export function inputOf(v: ColumnValues): ColumnUpdate {
  const maxUpdateDays = v.cycle === 'none' ? null : v.cycle === 'custom' ? (v.customDays ?? null) : Number(v.cycle);
  return {
    name: v.name.trim(),
    fullName: v.fullName.trim() || null,
    slug: v.slug.trim(),
    columnType: v.columnType,
    kind: v.kind,
    ...(v.kind === 'link' ? { linkUrl: v.linkUrl.trim() } : { linkUrl: null }),
    description: v.description.trim(),
    keywords: v.keywords.trim(),
    visible: v.visible,
    leadDepartmentId: v.leadDepartmentId ?? null,
    cooperatingDepartmentIds: v.cooperatingDepartmentIds.filter((id) => id !== v.leadDepartmentId),
    openCooperation: v.openCooperation,
    maxUpdateDays,
  };
}

/** A new column: type 其他, a list, shown, under its parent's lead department. */
export const newColumn = (types: { value: string }[], parent: ColumnNode | null): ColumnValues => ({
  name: '',
  fullName: '',
  slug: '',
  columnType: ((types.find((t) => t.value === '其他') ?? types[0])?.value ?? '其他') as ColumnType,
  kind: 'list',
  linkUrl: '',
  description: '',
  keywords: '',
  visible: true,
  leadDepartmentId: parent?.leadDepartmentId ?? undefined,
  cooperatingDepartmentIds: [],
  openCooperation: false,
  cycle: 'none',
  customDays: null,
});

/** Public URL of a column: always site-relative, never `//host`. */
export const publicUrl = (path: string) => `/${path.replace(/^\/+/, '')}`;

/** The 附件1 markers of key columns and what they mean. */
export const MARKERS: Record<string, string> = {
  '*': '重点栏目：更新周期最长 2 周',
  '★': '重点栏目：更新周期最长 6 个月',
};

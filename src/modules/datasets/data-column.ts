// The 数据发布 column: 附件1 has none, so a site that releases data adds one (under 政务公开 by default)
// through the columns service, with the column type the inspection engine recognises.
import type { AppContext } from '../../context.ts';
import { SYSTEM_ACTOR, type Actor } from '../../platform/audit/audit.service.ts';
import type { ColumnNode } from '../columns/columns.schema.ts';

export const DATA_COLUMN = {
  name: '数据发布',
  slug: 'sjfb',
  description: '统计数据、业务数据和本网站运行数据的数据集，提供图表、下载和数据接口',
  keywords: '数据发布,数据集,开放数据,统计数据,图表',
  /** 附件2: updated within 3 months earns the full points. */
  maxUpdateDays: 90,
} as const;

/** The site's 数据发布 column, created under 政务公开 (or at the top) when the site has none. */
export async function ensureDataColumn(
  ctx: Pick<AppContext, 'columns' | 'departments'>,
  siteId: number,
  options: { lead?: string; cooperating?: string[]; actor?: Actor } = {},
): Promise<ColumnNode> {
  const tree = await ctx.columns.tree(siteId);
  const existing = tree.flat.find((c) => c.columnType === '数据发布');
  if (existing) return existing;
  const parent = tree.flat.find((c) => c.name === '政务公开' && c.parentId === null) ?? null;
  const departments = await ctx.departments.list(siteId);
  const idOf = (name: string) => departments.find((d) => d.name === name)?.id;
  return ctx.columns.create(options.actor ?? SYSTEM_ACTOR, siteId, {
    parentId: parent?.id ?? null,
    name: DATA_COLUMN.name,
    fullName: null,
    slug: DATA_COLUMN.slug,
    columnType: '数据发布',
    kind: 'list',
    linkUrl: null,
    description: DATA_COLUMN.description,
    keywords: DATA_COLUMN.keywords,
    visible: true,
    leadDepartmentId: options.lead ? (idOf(options.lead) ?? null) : null,
    cooperatingDepartmentIds: (options.cooperating ?? []).map(idOf).filter((id): id is number => id !== undefined),
    openCooperation: false,
    maxUpdateDays: DATA_COLUMN.maxUpdateDays,
  });
}

// The 互动交流 columns of a site: the message board's public list (网上留言, the replies the office published), and
// links to the submission form, the statistics (受理反馈情况统计) and the smart Q&A. A site administrator opens them
// once from the console (or the demo does); they are ordinary columns afterwards (renamed, hidden, moved).
import type { ColumnNode } from '../columns/columns.schema.ts';
import type { ColumnsService } from '../columns/columns.service.ts';
import type { Actor } from '../../platform/audit/audit.service.ts';

export const BOARD_GROUP_SLUG = 'hdjl';
export const BOARD_LIST_SLUG = 'wsly';
/** Registered public pages (see interaction.pages.tsx). */
export const SUBMIT_PATH = '/user/messages/new';
export const STATS_PATH = '/hudong/tongji/';
export const QA_PATH = '/qa';
export const JIUCUO_PATH = '/user/jiucuo';

interface BoardColumnSpec {
  slug: string;
  name: string;
  kind: 'list' | 'link';
  linkUrl: string | null;
  description: string;
}

const CHILDREN: BoardColumnSpec[] = [
  {
    slug: BOARD_LIST_SLUG,
    name: '网上留言',
    kind: 'list',
    linkUrl: null,
    description: '网民咨询、建议、投诉及答复：留言时间、答复时间、答复单位和答复内容',
  },
  { slug: 'wyly', name: '我要留言', kind: 'link', linkUrl: SUBMIT_PATH, description: '提交咨询、建议或投诉' },
  {
    slug: 'lytj',
    name: '留言统计',
    kind: 'link',
    linkUrl: STATS_PATH,
    description: '留言受理反馈情况统计：受理量、答复量、按时答复率、平均答复用时',
  },
  { slug: 'znwd', name: '智能问答', kind: 'link', linkUrl: QA_PATH, description: '常见问题实时智能答问' },
];

/** The column whose list shows the published messages (网上留言), if the site has it. */
export function boardListColumn(flat: readonly ColumnNode[]): ColumnNode | null {
  return flat.find((c) => c.columnType === '互动交流' && c.slug === BOARD_LIST_SLUG && c.kind === 'list') ?? null;
}

export const isBoardList = (c: Pick<ColumnNode, 'columnType' | 'slug' | 'kind'>) =>
  c.columnType === '互动交流' && c.slug === BOARD_LIST_SLUG && c.kind === 'list';

/** Opens the 互动交流 columns that are missing; the lead department is the dispatcher's. */
export async function ensureBoardColumns(
  columns: ColumnsService,
  actor: Actor,
  siteId: number,
  leadDepartmentId: number | null,
): Promise<{ columns: ColumnNode[]; created: number }> {
  let tree = await columns.tree(siteId);
  let created = 0;
  let group =
    tree.flat.find((c) => c.parentId === null && c.slug === BOARD_GROUP_SLUG) ??
    tree.flat.find((c) => c.parentId === null && c.columnType === '互动交流' && c.name === '互动交流');
  const base = {
    fullName: null,
    columnType: '互动交流' as const,
    keywords: '互动交流,网上留言,咨询,建议,投诉',
    visible: true,
    leadDepartmentId,
    cooperatingDepartmentIds: [],
    openCooperation: true,
    maxUpdateDays: null,
  };
  if (!group) {
    group = await columns.create(actor, siteId, {
      ...base,
      parentId: null,
      name: '互动交流',
      slug: BOARD_GROUP_SLUG,
      kind: 'list',
      linkUrl: null,
      description: '网上留言、留言统计和智能问答',
    });
    created += 1;
  }
  for (const spec of CHILDREN) {
    tree = await columns.tree(siteId);
    if (tree.flat.some((c) => c.parentId === group!.id && c.slug === spec.slug)) continue;
    await columns.create(actor, siteId, { ...base, ...spec, parentId: group.id });
    created += 1;
  }
  tree = await columns.tree(siteId);
  return { columns: tree.flat.filter((c) => c.id === group!.id || c.parentId === group!.id), created };
}

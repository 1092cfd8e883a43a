// Column types: what the inspection engine looks for (动态要闻 must be updated within 2 weeks, 通知公告 and
// 政策文件 within 6 months, 概况/机构职能/领导信息 must exist …). Values are the Chinese names used in the
// ColumnType meta tag.
export const COLUMN_TYPES = [
  '动态要闻',
  '通知公告',
  '政策文件',
  '政策解读',
  '概况信息',
  '机构职能',
  '领导信息',
  '办事服务',
  '互动交流',
  '信息公开',
  '数据发布',
  '其他',
] as const;

export type ColumnType = (typeof COLUMN_TYPES)[number];

export const COLUMN_KINDS = {
  list: '信息列表',
  page: '单页',
  link: '外部链接',
} as const;

export type ColumnKind = keyof typeof COLUMN_KINDS;
export const COLUMN_KIND_VALUES = ['list', 'page', 'link'] as const satisfies readonly ColumnKind[];

// The kinds of content, their statuses and their own fields. Imports nothing, so the admin console imports it.
export const CONTENT_TYPES = {
  article: '文章',
  policy: '政策文件',
  interpretation: '政策解读',
  page: '单页',
  leader: '领导信息',
  // A data set's release: written by the datasets module, its fields name the frozen release under review.
  dataset: '数据集',
} as const;
export type ContentType = keyof typeof CONTENT_TYPES;
export const CONTENT_TYPE_VALUES = Object.keys(CONTENT_TYPES) as [ContentType, ...ContentType[]];

/** Where an item stands: its working copy's state, separate from any review of it. */
export const CONTENT_STATUSES = {
  draft: '草稿',
  scheduled: '待发布',
  published: '已发布',
  withdrawn: '已撤稿',
  classified: '涉密不发布',
} as const;
export type ContentStatus = keyof typeof CONTENT_STATUSES;
export const CONTENT_STATUS_VALUES = Object.keys(CONTENT_STATUSES) as [ContentStatus, ...ContentStatus[]];

export const VALIDITY = ['有效', '失效', '废止', '修订'] as const;
export const INTERPRETATION_FORMS = ['文字', '图解', '音视频', '新闻发布会', '动漫'] as const;
export const DISCLOSURE_METHODS = ['主动公开', '依申请公开'] as const;
export const DISCLOSURE_SCOPES = ['面向社会', '面向特定对象'] as const;

// 国务院公文主题分类 (first level), used by the 主动公开目录.
export const THEMES = [
  '综合政务',
  '国民经济管理、国有资产监管',
  '财政、金融、审计',
  '国土资源、能源',
  '农业、林业、水利',
  '工业、交通',
  '商贸、海关、旅游',
  '市场监管、安全生产监管',
  '城乡建设、环境保护',
  '科技、教育',
  '文化、广电、新闻出版',
  '卫生、体育',
  '人口与计划生育、妇女儿童工作',
  '劳动、人事、监察',
  '公安、安全、司法',
  '民政、扶贫、救灾',
  '民族、宗教',
  '对外事务',
  '港澳台侨工作',
  '国防',
  '其他',
] as const;

// The shapes of a type's fields and of a whole snapshot are defined by their schemas (content.schema.ts).
export type { ContentSnapshot, TypeFields } from './content.schema.ts';

// Chinese labels and tag colours of the content pages.
import { CONTENT_TYPES, type ContentType } from '../../../../src/modules/content/content-types.ts';
import type { ContentStatus } from '../../../../src/modules/content/content.schema.ts';

/** 文章 / 政策文件 / 政策解读 / 单页 / 领导信息, as the server names the content types. */
export const TYPE_NAMES: Record<ContentType, string> = CONTENT_TYPES;

export const STATUS_COLORS: Record<ContentStatus, string> = {
  draft: 'default',
  scheduled: 'processing',
  published: 'success',
  withdrawn: 'warning',
  classified: 'error',
};

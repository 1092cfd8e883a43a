// Catalogue rows → API views, and the public paths of items and themes.
import type { ServiceItemRow, ServiceThemeRow } from './services.tables.ts';
import type { GuideData } from './guide.ts';
import type { GuideState, ItemView, ThemeView } from './catalogue.schema.ts';
import { kindOfType, type ItemStatus } from './service-types.ts';

/** Public paths inside a site (the site prefix is added when rendering). */
export const SERVICES_PATH = '/bsfw/';
export const itemPath = (code: string) => `/bsfw/item/${encodeURIComponent(code)}.html`;
export const themePath = (slug: string) => `/bsfw/yjs/${slug}.html`;
export const STATS_PATH = '/bsfw/tongji/';
export const RATINGS_PATH = '/bsfw/pingjia/';
export const applyPath = (itemId: number) => `/user/bsfw/apply/${itemId}`;
export const themeApplyPath = (themeId: number) => `/user/bsfw/yjs/${themeId}`;
export const applicationPath = (id: number) => `/user/bsfw/applications/${id}`;

export const ITEM_CODE = /^[A-Za-z0-9][A-Za-z0-9-]{3,59}$/;

export const parseList = (json: string): string[] => {
  try {
    const value = JSON.parse(json);
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
};
export const parseIds = (json: string): number[] => parseList(json).map(Number).filter(Number.isInteger);

export interface ItemFacts {
  departmentName: string;
  guideState: GuideState;
  /** The published guide, when there is one. */
  published: GuideData | null;
}

export function toItemView(row: ServiceItemRow, facts: ItemFacts): ItemView {
  return {
    id: row.id,
    siteId: row.site_id,
    code: row.code,
    name: row.name,
    type: row.item_type,
    kind: kindOfType(row.item_type),
    audiences: parseList(row.audiences),
    theme: row.theme,
    departmentId: row.department_id,
    departmentName: facts.departmentName,
    events: parseList(row.events),
    keywords: parseList(row.keywords),
    sort: row.sort,
    status: row.status as ItemStatus,
    contentId: row.content_id,
    guideState: facts.guideState,
    online: facts.published?.online ?? false,
    promisedDays: facts.published?.promisedDays ?? null,
    statutoryDays: facts.published?.statutoryDays ?? null,
    publicPath: itemPath(row.code),
    updatedAt: row.updated_at,
  };
}

export function toThemeView(row: ServiceThemeRow): ThemeView {
  let flow: ThemeView['flow'] = [];
  try {
    flow = JSON.parse(row.flow);
  } catch {
    flow = [];
  }
  return {
    id: row.id,
    siteId: row.site_id,
    slug: row.slug,
    name: row.name,
    audience: row.audience,
    description: row.description,
    itemIds: parseIds(row.item_ids),
    flow,
    keywords: parseList(row.keywords),
    status: row.status,
    publishedAt: row.published_at,
    publicPath: themePath(row.slug),
    updatedAt: row.updated_at,
  };
}

/**
 * Where a guide stands, from its content item and newest review: none yet, a draft, in review, returned,
 * published, published with a newer draft, or withdrawn.
 */
export function guideState(
  content: { version: number; published_version: number | null; status: string } | undefined,
  review: { state: string; content_version: number } | undefined,
): GuideState {
  if (!content) return 'none';
  if (review && ['secrecy_review', 'dept_review', 'leader_review'].includes(review.state)) return 'reviewing';
  if (content.status === 'withdrawn') return 'withdrawn';
  if (content.published_version !== null && content.status !== 'withdrawn')
    return content.published_version === content.version ? 'published' : 'changed';
  if (review?.state === 'rejected' && review.content_version === content.version) return 'returned';
  return 'draft';
}

// Link building: every internal link goes through here, so pages of a cluster site served under
// /site/<code>/ keep that prefix.
import type { PublicColumn, ViewContext } from './types.ts';

export function href(view: Pick<ViewContext, 'prefix'>, path: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('//')) return path;
  return `${view.prefix}${path.startsWith('/') ? path : `/${path}`}`;
}

export const homeHref = (view: Pick<ViewContext, 'prefix'>) => href(view, '/');

/** A link column points straight at its target; other columns at their page. */
export function columnHref(
  view: Pick<ViewContext, 'prefix'>,
  column: Pick<PublicColumn, 'kind' | 'linkUrl' | 'path'>,
): string {
  if (column.kind === 'link' && column.linkUrl)
    return column.linkUrl.startsWith('/') ? href(view, column.linkUrl) : column.linkUrl;
  return href(view, column.path);
}

export const careToggleHref = (view: Pick<ViewContext, 'currentPath'>) =>
  `/accessibility/toggle?back=${encodeURIComponent(view.currentPath)}`;

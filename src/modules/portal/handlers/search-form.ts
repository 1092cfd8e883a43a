// /search when no search module registered its results page: the search form with the query kept.
import { createElement } from 'react';
import { siteMeta } from '../meta.ts';
import type { PageContext, PageResult } from '../page-context.ts';
import { pageFrame, pageTitle } from '../page-kit.ts';
import { SearchPage } from '../views/pages.tsx';

export async function searchFormPage(page: PageContext): Promise<PageResult> {
  const q = (page.query.get('q') ?? '').trim().slice(0, 100);
  const frame = pageFrame(page, pageTitle(page.site, '站内搜索'), siteMeta(page.site));
  // Not cached, so the care-mode switch can return to the same query.
  if (q) frame.view = { ...frame.view, currentPath: `${frame.view.currentPath}?q=${encodeURIComponent(q)}` };
  return page.html(createElement(SearchPage, { frame, q }));
}

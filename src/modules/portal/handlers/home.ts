// The home page: entries to the main service areas, the top-level columns, and the newest items of each
// dynamic column without dynamic descendants.
import { createElement } from 'react';
import { siteMeta } from '../meta.ts';
import type { PageContext, PageResult } from '../page-context.ts';
import type { PortalRegistry } from '../portal-registry.ts';
import { HOME_NEWS_SIZE, pageFrame, summaryOf } from '../page-kit.ts';
import { HomePage } from '../views/pages.tsx';
import type { ItemGroup } from '../views/types.ts';

export async function homePage(page: PageContext, registry: PortalRegistry): Promise<PageResult> {
  const { site, model } = page;
  const index = await page.index();
  const frame = pageFrame(page, site.name, siteMeta(site));
  const blocks = model.roots.map((column) => ({ column }));
  const news: ItemGroup[] = model.news.map((column) => ({
    column,
    items: index
      .inSubtree(column)
      .slice(0, HOME_NEWS_SIZE)
      .map((i) => summaryOf(i, index)),
  }));
  // Links other modules place prominently (the 政府网站工作年度报表 of the last year …).
  const notices = await registry.homeNotices(site.id);
  return page.html(createElement(HomePage, { frame, entries: model.entries, blocks, news, notices }));
}

// The 主动公开目录 at `${政务公开.path}catalog/`: every catalogued item, filtered by 索引号, 主题分类, 发文机关,
// year and validity through a GET form, paginated. Pages with the common filters are cached; free-text
// searches are rendered each time so they cannot fill the cache.
import { createElement } from 'react';
import { shanghaiDate } from '../../../platform/time.ts';
import { columnMeta, siteMeta } from '../meta.ts';
import type { PageContext, PageResult } from '../page-context.ts';
import { pageFrame, pageTitle } from '../page-kit.ts';
import {
  PAGE_SIZE,
  cacheableCatalogue,
  catalogueFilters,
  catalogueOptions,
  catalogueQuery,
  filterCatalogue,
  pageCount,
  pageParam,
} from '../public-pages.ts';
import { CataloguePage } from '../views/content.tsx';
import type { HeadLink } from '../views/types.ts';

export async function cataloguePage(page: PageContext): Promise<PageResult> {
  const { site, model } = page;
  const zwgk = model.zwgk!;
  const path = model.catalogPath!;
  const pageNo = pageParam(page.query.get('page'));
  if (pageNo === null) return { type: 'not-found' };
  const index = await page.index();
  const all = index.catalogue();
  const filters = catalogueFilters(page.query);
  const options = catalogueOptions(all);
  const found = filterCatalogue(all, filters);
  const pages = pageCount(found.length);
  if (pageNo > pages) return { type: 'not-found' };
  const render = async (): Promise<PageResult> => {
    const url = (n: number) => `${path}${catalogueQuery(filters, n)}`;
    const rows = found.slice((pageNo - 1) * PAGE_SIZE, pageNo * PAGE_SIZE).map((e) => ({
      title: e.title,
      url: index.path(e),
      indexNo: e.indexNo ?? '',
      organ: e.issuingOrgan ?? '',
      docNumber: e.docNumber ?? '',
      writtenDate: e.writtenDate ?? '',
      pubDate: shanghaiDate(e.pubDate),
      validity: e.validity ?? '',
    }));
    const meta = [
      ...siteMeta(site),
      ...columnMeta({
        name: '主动公开目录',
        description: `${site.name}主动公开的政府信息目录，可按索引号、主题分类、发文机关、年份和有效性检索`,
        keywords: '主动公开目录,政府信息公开,索引号',
        columnType: '信息公开',
      }),
    ];
    const links: HeadLink[] = [
      ...(pageNo > 1 ? [{ rel: 'prev', href: url(pageNo - 1) }] : []),
      ...(pageNo < pages ? [{ rel: 'next', href: url(pageNo + 1) }] : []),
    ];
    const frame = pageFrame(page, pageTitle(site, '主动公开目录', zwgk.name), meta, links);
    // The care-mode switch returns to the same filtered page.
    frame.view = { ...frame.view, currentPath: `${frame.view.currentPath}${catalogueQuery(filters, pageNo)}` };
    return page.html(
      createElement(CataloguePage, {
        frame,
        zwgk,
        path,
        filters,
        options,
        rows,
        pagination: { page: pageNo, pageCount: pages, total: found.length, pageUrl: url },
      }),
    );
  };
  return cacheableCatalogue(filters, options) ? page.cached(render, catalogueQuery(filters, pageNo)) : render();
}

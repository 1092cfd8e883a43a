// The 政务公开 column: the entrance of the 政府信息公开 platform (指南, 制度, 年度报告, 主动公开目录,
// 依申请公开) with the newest items published below it.
import { createElement } from 'react';
import type { MetaTag } from '../meta.ts';
import type { PageContext, PageResult } from '../page-context.ts';
import { pageFrame, pageTitle, summaryOf } from '../page-kit.ts';
import { PLATFORM_ENTRIES, descendants } from '../site-model.ts';
import { type PlatformEntry, ZwgkPage } from '../views/content.tsx';
import type { PublicColumn } from '../views/types.ts';

/** How many newest items the entrance lists. */
const LATEST_SIZE = 10;

export async function zwgkPage(
  page: PageContext,
  column: PublicColumn,
  meta: MetaTag[],
  names: string[],
): Promise<PageResult> {
  const { site, model } = page;
  const index = await page.index();
  const below = descendants(column);
  const entries: PlatformEntry[] = [];
  for (const label of PLATFORM_ENTRIES) {
    if (label === '主动公开目录') {
      if (model.catalogPath)
        entries.push({
          label,
          path: model.catalogPath,
          description: '按索引号、主题分类、发文机关、年份和有效性检索',
        });
      continue;
    }
    const found = below.find((c) => c.name === label);
    if (found)
      entries.push({
        label,
        path: found.kind === 'link' && found.linkUrl ? found.linkUrl : found.path,
        description: found.description,
      });
  }
  const latest = index
    .inSubtree(column)
    .slice(0, LATEST_SIZE)
    .map((i) => summaryOf(i, index));
  return page.html(
    createElement(ZwgkPage, { frame: pageFrame(page, pageTitle(site, ...names), meta), column, entries, latest }),
  );
}

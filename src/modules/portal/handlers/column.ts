// A column's page. Link columns redirect; a column whose content a module supplies (portal registry) shows
// that; 政务公开 is the platform entrance (zwgk.ts); a single-page column shows its page item; 领导信息 lists
// the leaders; a column with children but no items of its own shows each child's newest items; any other list
// column lists its items, paginated, with its RSS feed when it is dynamic.
import { createElement } from 'react';
import type { Db } from '../../../platform/db/database.ts';
import { columnMeta, siteMeta, type MetaTag } from '../meta.ts';
import type { PageContext, PageResult } from '../page-context.ts';
import {
  GROUP_SIZE,
  RSS_FILE,
  ancestry as ancestryOf,
  feedLink,
  pageFrame,
  pageTitle,
  summaryOf,
} from '../page-kit.ts';
import type { PortalRegistry } from '../portal-registry.ts';
import * as repo from '../public-content.repository.ts';
import type { IndexedItem } from '../public-content.repository.ts';
import { type PublicIndex, isDynamic, isLeaderColumn } from '../public-index.ts';
import { PAGE_SIZE, attachmentLinks, pageCount, pageParam, photoUrl } from '../public-pages.ts';
import { ColumnPage } from '../views/pages.tsx';
import { FileList } from '../views/parts.tsx';
import type { ColumnContent, HeadLink, PublicColumn } from '../views/types.ts';
import { zwgkPage } from './zwgk.ts';

export interface ColumnPageDeps {
  db: Db;
  registry: PortalRegistry;
  /** Whether a registered page answers this exact path (for the trailing-slash redirect). */
  hasPage(path: string): boolean;
}

/** What every kind of column page needs about the column. */
interface ColumnFrame {
  page: PageContext;
  column: PublicColumn;
  ancestry: PublicColumn[];
  /** Column names from the column up, for the title. */
  names: string[];
  meta: MetaTag[];
}

const withQuery = (path: string, rawQuery: string) => (rawQuery ? `${path}?${rawQuery}` : path);

export async function columnPage(page: PageContext, rawQuery: string, deps: ColumnPageDeps): Promise<PageResult> {
  const { site, model, match } = page;
  const column = model.byPath.get(match.path);
  if (!column) {
    // `/gzdt/bmdt` → `/gzdt/bmdt/` (and `/sitemap` → `/sitemap/`).
    const slashed = `${match.path}/`;
    if (
      !match.path.endsWith('/') &&
      (model.byPath.has(slashed) || slashed === model.catalogPath || deps.hasPage(slashed))
    ) {
      return { type: 'redirect', status: 301, location: withQuery(`${match.prefix}${slashed}`, rawQuery) };
    }
    return { type: 'not-found' };
  }
  if (column.kind === 'link') {
    if (!column.linkUrl) return { type: 'not-found' };
    const location = column.linkUrl.startsWith('/') ? `${match.prefix}${column.linkUrl}` : column.linkUrl;
    return { type: 'redirect', status: 302, location };
  }
  const pageNo = pageParam(page.query.get('page'));
  if (pageNo === null) return { type: 'not-found' };
  const ancestry = ancestryOf(model, column);
  const names = [...ancestry].reverse().map((c) => c.name);
  const frame: ColumnFrame = { page, column, ancestry, names, meta: [...siteMeta(site), ...columnMeta(column)] };

  if (deps.registry.contentFor(column)) return moduleContent(frame, pageNo, deps.registry);
  if (model.zwgk && column.id === model.zwgk.id) {
    if (pageNo !== 1) return { type: 'not-found' };
    return page.cached(async () => zwgkPage(page, column, frame.meta, names));
  }
  const index = await page.index();
  const own = index.inColumn(column.id);
  if (column.kind === 'page') {
    if (pageNo !== 1) return { type: 'not-found' };
    return page.cached(async () =>
      render(frame, { items: [], body: await pageBody(page, deps, own.find((i) => i.type === 'page') ?? own[0]) }),
    );
  }
  if (isLeaderColumn(column)) {
    if (pageNo !== 1) return { type: 'not-found' };
    return page.cached(async () => render(frame, await leaderContent(page, deps.db, index, own)));
  }
  if (own.length === 0 && column.children.length > 0) {
    if (pageNo !== 1) return { type: 'not-found' };
    return page.cached(async () => render(frame, groupedContent(index, column)));
  }
  return itemList(frame, index, own, pageNo);
}

function render(frame: ColumnFrame, content: ColumnContent, title?: string, links?: HeadLink[]): PageResult {
  const { page, column, ancestry, names } = frame;
  const feedLinks: HeadLink[] = isDynamic(column) ? [feedLink(column)] : [];
  return page.html(
    createElement(ColumnPage, {
      frame: pageFrame(page, title ?? pageTitle(page.site, ...names), frame.meta, links ?? feedLinks),
      column,
      ancestry,
      content,
    }),
  );
}

/** A column whose content a module supplies, cached per page unless the module says otherwise. */
function moduleContent(frame: ColumnFrame, pageNo: number, registry: PortalRegistry): Promise<PageResult> {
  const { page, column, ancestry } = frame;
  const provided = registry.contentFor(column)!;
  const request = { page, column, ancestry, pageNo };
  const variant = provided.options.variant ? provided.options.variant(request) : `page=${pageNo}`;
  const run = async (): Promise<PageResult> => {
    const result = await provided.source(request);
    if (result === 'not-found') return { type: 'not-found' };
    const { links, ...content } = result;
    return render(frame, content, undefined, links ?? []);
  };
  return variant === null ? run() : page.cached(run, variant);
}

/** The body of a single-page column: its newest published page item, with its attachments. */
async function pageBody(page: PageContext, deps: ColumnPageDeps, item: IndexedItem | undefined) {
  if (!item) return undefined;
  const detail = await repo.findPublished(deps.db, page.site.id, item.id);
  if (!detail?.bodyPublic) return undefined;
  const files = attachmentLinks(detail.snapshot, await repo.publicFiles(deps.db, [item.id]));
  if (!detail.snapshot.bodyHtml && files.length === 0) return undefined;
  return createElement(
    'div',
    { className: 'page-content', 'data-content-id': item.id },
    // The body was sanitised against the allow-list when it was saved (content/sanitize.ts).
    detail.snapshot.bodyHtml
      ? createElement('div', {
          className: 'article-body',
          // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised against the allow-list when saved
          dangerouslySetInnerHTML: { __html: await deps.registry.filterBody(page.site, detail.snapshot.bodyHtml) },
        })
      : null,
    createElement(FileList, { view: page.view, files, headingId: 'page-attachments-title' }),
  );
}

/** 领导信息: each leader's name, post, duties and photo, in the editors' order. */
async function leaderContent(
  page: PageContext,
  db: Db,
  index: PublicIndex,
  own: IndexedItem[],
): Promise<ColumnContent> {
  const leaders = own.filter((i) => i.type === 'leader');
  const ids = leaders.map((l) => l.id);
  const [snapshots, files] = await Promise.all([
    repo.publishedSnapshots(db, page.site.id, ids),
    repo.publicFiles(db, ids),
  ]);
  return {
    items: [],
    leaders: leaders.map((l) => {
      const s = snapshots.get(l.id);
      return {
        name: l.title,
        url: index.path(l),
        post: s?.fields.post ?? '',
        duties: s?.fields.duties ?? '',
        photo: s
          ? photoUrl(
              s,
              files.filter((f) => f.contentId === l.id),
            )
          : null,
      };
    }),
  };
}

/** A column with children but no items of its own: each child's newest items. */
function groupedContent(index: PublicIndex, column: PublicColumn): ColumnContent {
  const groups = column.children
    .filter((c) => c.kind !== 'link')
    .map((c) => ({
      column: c,
      items: index
        .inSubtree(c)
        .slice(0, GROUP_SIZE)
        .map((i) => summaryOf(i, index)),
    }))
    .filter((g) => g.items.length > 0);
  return { items: [], groups, ...(isDynamic(column) ? { feed: `${column.path}${RSS_FILE}` } : {}) };
}

/** A list column's own items, a page at a time, with rel prev/next. */
async function itemList(
  frame: ColumnFrame,
  index: PublicIndex,
  own: IndexedItem[],
  pageNo: number,
): Promise<PageResult> {
  const { page, column, names } = frame;
  const pages = pageCount(own.length);
  if (pageNo > pages) return { type: 'not-found' };
  return page.cached(async () => {
    const url = (n: number) => (n === 1 ? column.path : `${column.path}?page=${n}`);
    const items = own.slice((pageNo - 1) * PAGE_SIZE, pageNo * PAGE_SIZE).map((i) => summaryOf(i, index));
    const links = [
      ...(isDynamic(column) ? [feedLink(column)] : []),
      ...(pageNo > 1 ? [{ rel: 'prev', href: url(pageNo - 1) }] : []),
      ...(pageNo < pages ? [{ rel: 'next', href: url(pageNo + 1) }] : []),
    ];
    const title =
      pageNo > 1
        ? pageTitle(page.site, `${column.name}（第${pageNo}页）`, ...names.slice(1))
        : pageTitle(page.site, ...names);
    const content: ColumnContent = {
      items,
      pagination: { page: pageNo, pageCount: pages, total: own.length, pageUrl: url },
      ...(isDynamic(column) ? { feed: `${column.path}${RSS_FILE}` } : {}),
    };
    return render(frame, content, title, links);
  }, `page=${pageNo}`);
}

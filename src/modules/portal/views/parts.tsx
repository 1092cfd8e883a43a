// Small building blocks shared by the pages.
import type { ReactNode } from 'react';
import { shanghaiDate } from '../../../platform/time.ts';
import type { Crumb, FileLink, ItemSummary, Pagination, PublicColumn, ViewContext } from './types.ts';
import { columnHref, homeHref, href } from './links.ts';

export const EMPTY_COLUMN_TEXT = '本栏目暂无信息';

export function Breadcrumbs({ view, trail }: { view: ViewContext; trail: Crumb[] }) {
  const crumbs: Crumb[] = [{ label: '首页', href: homeHref(view) }, ...trail];
  return (
    <nav className="breadcrumbs" aria-label="当前位置">
      <span className="breadcrumbs-label">当前位置：</span>
      <ol>
        {crumbs.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rendered once to static HTML, never reconciled
          <li key={i}>
            {i > 0 ? (
              <span className="sep" aria-hidden="true">
                {' '}
                &gt;{' '}
              </span>
            ) : null}
            {c.href ? <a href={c.href}>{c.label}</a> : <span aria-current="page">{c.label}</span>}
          </li>
        ))}
      </ol>
    </nav>
  );
}

export function EmptyState({ children = EMPTY_COLUMN_TEXT }: { children?: ReactNode }) {
  return <p className="empty-state">{children}</p>;
}

/** The list area of a kind=list column: the <ul> is always there; an empty state follows when it is empty. */
export function ItemList({
  view,
  items,
  labelledBy,
}: {
  view: ViewContext;
  items: ItemSummary[];
  labelledBy?: string;
}) {
  return (
    <section className="item-list" aria-labelledby={labelledBy ?? 'item-list-title'}>
      {labelledBy ? null : (
        <h2 id="item-list-title" className="visually-hidden">
          信息列表
        </h2>
      )}
      <ul className="items">
        {items.map((item, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rendered once to static HTML, never reconciled
          <li key={i}>
            <a href={href(view, item.url)}>{item.title}</a>
            <time dateTime={item.publishedAt}>{shanghaiDate(item.publishedAt)}</time>
          </li>
        ))}
      </ul>
      {items.length === 0 ? <EmptyState /> : null}
    </section>
  );
}

/** The side navigation of a column page: the section's columns, expanded along the way to the current one. */
export function ColumnNav({
  view,
  section,
  current,
  trailIds,
  onColumnPage = true,
}: {
  view: ViewContext;
  section: PublicColumn;
  current: PublicColumn;
  trailIds: Set<number>;
  /** On a content page the current column is marked as the current section, not as this page. */
  onColumnPage?: boolean;
}) {
  const mark = onColumnPage ? ('page' as const) : ('true' as const);
  const tree = (nodes: PublicColumn[]): ReactNode => (
    <ul>
      {nodes.map((n) => (
        <li key={n.id} className={trailIds.has(n.id) ? 'in-trail' : undefined}>
          <a href={columnHref(view, n)} aria-current={n.id === current.id ? mark : undefined}>
            {n.name}
          </a>
          {trailIds.has(n.id) && n.children.length > 0 ? tree(n.children) : null}
        </li>
      ))}
    </ul>
  );
  return (
    <aside className="column-aside">
      <nav className="column-nav" aria-label="栏目导航">
        <h2>
          <a href={columnHref(view, section)} aria-current={section.id === current.id ? mark : undefined}>
            {section.name}
          </a>
        </h2>
        {section.children.length > 0 ? tree(section.children) : null}
      </nav>
    </aside>
  );
}

/** Nested lists of columns (网站地图). */
export function ColumnTreeList({
  view,
  nodes,
  className,
}: {
  view: ViewContext;
  nodes: PublicColumn[];
  className?: string;
}) {
  return (
    <ul className={className}>
      {nodes.map((n) => (
        <li key={n.id}>
          <a href={columnHref(view, n)}>{n.name}</a>
          {n.children.length > 0 ? <ColumnTreeList view={view} nodes={n.children} /> : null}
        </li>
      ))}
    </ul>
  );
}

/** Page numbers around the current one, with null for a gap: 1 … 4 5 [6] 7 8 … 20. */
export function pageWindow(page: number, pageCount: number, radius = 2): (number | null)[] {
  const out: (number | null)[] = [];
  for (let n = 1; n <= pageCount; n++) {
    if (n === 1 || n === pageCount || Math.abs(n - page) <= radius) out.push(n);
    else if (out[out.length - 1] !== null) out.push(null);
  }
  return out;
}

/** Pagination of a list: works without JavaScript, rel prev/next on the links, and the page count. */
export function PaginationNav({
  view,
  pagination,
  label = '分页',
}: {
  view: ViewContext;
  pagination: Pagination;
  label?: string;
}) {
  const { page, pageCount, total, pageUrl } = pagination;
  return (
    <nav className="pagination" aria-label={label}>
      <p className="page-count">
        共 {total} 条，第 {page} / {pageCount} 页
      </p>
      {pageCount > 1 ? (
        <ul>
          {page > 1 ? (
            <li>
              <a href={href(view, pageUrl(page - 1))} rel="prev">
                上一页
              </a>
            </li>
          ) : null}
          {pageWindow(page, pageCount).map((n, i) =>
            n === null ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: rendered once to static HTML, never reconciled
              <li key={`gap-${i}`} className="gap" aria-hidden="true">
                …
              </li>
            ) : (
              <li key={n}>
                <a href={href(view, pageUrl(n))} aria-label={`第${n}页`} aria-current={n === page ? 'page' : undefined}>
                  {n}
                </a>
              </li>
            ),
          )}
          {page < pageCount ? (
            <li>
              <a href={href(view, pageUrl(page + 1))} rel="next">
                下一页
              </a>
            </li>
          ) : null}
        </ul>
      ) : null}
    </nav>
  );
}

/** Downloadable attachments: name, type in words and size. */
export function FileList({ view, files, headingId }: { view: ViewContext; files: FileLink[]; headingId: string }) {
  if (files.length === 0) return null;
  return (
    <section className="attachments" aria-labelledby={headingId}>
      <h2 id={headingId}>附件</h2>
      <ul>
        {files.map((f, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rendered once to static HTML, never reconciled
          <li key={i}>
            <a href={href(view, f.url)}>{f.name}</a>
            <span className="file-meta">
              （{f.typeLabel}，{f.sizeLabel}）
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

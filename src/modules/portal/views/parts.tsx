// Small building blocks shared by the pages.
import type { ReactNode } from 'react';
import { shanghaiDate } from '../../../platform/time.ts';
import type { Crumb, ItemSummary, PublicColumn, ViewContext } from './types.ts';
import { columnHref, homeHref, href } from './links.ts';

export const EMPTY_COLUMN_TEXT = '本栏目暂无信息';

export function Breadcrumbs({ view, trail }: { view: ViewContext; trail: Crumb[] }) {
  const crumbs: Crumb[] = [{ label: '首页', href: homeHref(view) }, ...trail];
  return (
    <nav className="breadcrumbs" aria-label="当前位置">
      <span className="breadcrumbs-label">当前位置：</span>
      <ol>
        {crumbs.map((c, i) => (
          <li key={i}>
            {i > 0 ? <span className="sep" aria-hidden="true"> &gt; </span> : null}
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
export function ItemList({ view, items, labelledBy }: { view: ViewContext; items: ItemSummary[]; labelledBy?: string }) {
  return (
    <section className="item-list" aria-labelledby={labelledBy ?? 'item-list-title'}>
      {labelledBy ? null : <h2 id="item-list-title" className="visually-hidden">信息列表</h2>}
      <ul className="items">
        {items.map((item, i) => (
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
export function ColumnNav({ view, section, current, trailIds }: {
  view: ViewContext;
  section: PublicColumn;
  current: PublicColumn;
  trailIds: Set<number>;
}) {
  const tree = (nodes: PublicColumn[]): ReactNode => (
    <ul>
      {nodes.map((n) => (
        <li key={n.id} className={trailIds.has(n.id) ? 'in-trail' : undefined}>
          <a href={columnHref(view, n)} aria-current={n.id === current.id ? 'page' : undefined}>{n.name}</a>
          {trailIds.has(n.id) && n.children.length > 0 ? tree(n.children) : null}
        </li>
      ))}
    </ul>
  );
  return (
    <aside className="column-aside">
      <nav className="column-nav" aria-label="栏目导航">
        <h2><a href={columnHref(view, section)} aria-current={section.id === current.id ? 'page' : undefined}>{section.name}</a></h2>
        {section.children.length > 0 ? tree(section.children) : null}
      </nav>
    </aside>
  );
}

/** Nested lists of columns (网站地图). */
export function ColumnTreeList({ view, nodes, className }: { view: ViewContext; nodes: PublicColumn[]; className?: string }) {
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

// The public pages. Each takes the frame (view, title, meta tags) composed by PortalService and the data
// it lays out.
import type { ReactNode } from 'react';
import type { MetaTag } from '../meta.ts';
import type {
  ColumnContent,
  Crumb,
  HeadLink,
  HomeBlock,
  HomeEntry,
  ItemGroup,
  LeaderCard,
  PublicColumn,
  ViewContext,
} from './types.ts';
import type { HomeNotice } from '../portal-registry.ts';
import { Layout } from './Layout.tsx';
import { SearchForm } from './Header.tsx';
import { Breadcrumbs, ColumnNav, ColumnTreeList, EmptyState, ItemList, PaginationNav } from './parts.tsx';
import { columnHref, homeHref, href } from './links.ts';

export interface PageFrame {
  view: ViewContext;
  title: string;
  meta: MetaTag[];
  links?: HeadLink[];
}

/** Where a leader without a photo shows the neutral placeholder. */
export const LEADER_PLACEHOLDER_ALT = '暂无照片';

export function HomePage({
  frame,
  entries,
  blocks,
  news = [],
  notices = [],
}: {
  frame: PageFrame;
  entries: HomeEntry[];
  blocks: HomeBlock[];
  news?: ItemGroup[];
  /** Links other modules place prominently (portal-registry.ts registerHomeNotices). */
  notices?: HomeNotice[];
}) {
  const { view } = frame;
  return (
    <Layout {...frame} isHome>
      <div className="container home">
        {notices.length > 0 ? (
          <section className="home-notices" aria-labelledby="home-notices-title">
            <h2 id="home-notices-title" className="visually-hidden">
              重要发布
            </h2>
            <ul>
              {notices.map((n) => (
                <li key={n.url}>
                  <span className="home-notice-label">{n.label}</span> <a href={href(view, n.url)}>{n.title}</a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {entries.length > 0 ? (
          <section className="entries" aria-labelledby="entries-title">
            <h2 id="entries-title">快捷入口</h2>
            <ul className="entry-grid">
              {entries.map((e) => (
                <li key={e.label}>
                  <a className="entry" href={columnHref(view, e.column)} data-entry={e.label}>
                    <span className="entry-label">{e.label}</span>
                    {e.column.name !== e.label ? <span className="entry-sub">{e.column.name}</span> : null}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {news.length > 0 ? (
          <section className="news" aria-labelledby="news-title">
            <h2 id="news-title">最新信息</h2>
            <div className="news-blocks">
              {news.map(({ column, items }) => (
                <section key={column.id} className="news-block" aria-labelledby={`news-${column.id}`}>
                  <h3 id={`news-${column.id}`}>
                    <a href={columnHref(view, column)}>{column.name}</a>
                  </h3>
                  <ItemList view={view} items={items} labelledBy={`news-${column.id}`} />
                  <p className="more">
                    <a href={columnHref(view, column)} aria-label={`更多${column.name}`}>
                      更多
                    </a>
                  </p>
                </section>
              ))}
            </div>
          </section>
        ) : null}
        <div className="column-blocks">
          {blocks.map(({ column, items }) => (
            <section key={column.id} className="column-block" aria-labelledby={`block-${column.id}`}>
              <h2 id={`block-${column.id}`}>
                <a href={columnHref(view, column)}>{column.name}</a>
              </h2>
              {column.children.length > 0 ? (
                <ul className="block-links">
                  {column.children.map((c) => (
                    <li key={c.id}>
                      <a href={columnHref(view, c)}>{c.name}</a>
                    </li>
                  ))}
                </ul>
              ) : column.description ? (
                <p className="block-desc">{column.description}</p>
              ) : null}
              {items ? <ItemList view={view} items={items} labelledBy={`block-${column.id}`} /> : null}
            </section>
          ))}
        </div>
        {blocks.length === 0 ? <EmptyState>网站栏目正在建设中</EmptyState> : null}
      </div>
    </Layout>
  );
}

export interface ColumnPageProps {
  frame: PageFrame;
  column: PublicColumn;
  /** From the top-level column down to this one. */
  ancestry: PublicColumn[];
  content: ColumnContent;
}

export function ColumnPage({ frame, column, ancestry, content }: ColumnPageProps) {
  const { view } = frame;
  const section = ancestry[0] ?? column;
  const trail: Crumb[] = ancestry.map((c) =>
    c.id === column.id ? { label: c.name } : { label: c.name, href: columnHref(view, c) },
  );
  return (
    <Layout {...frame} section={{ topId: section.id, isTopPage: section.id === column.id }}>
      <div className="container">
        <Breadcrumbs view={view} trail={trail} />
        <div className="column-layout">
          <div className="column-main">
            <h1>{column.name}</h1>
            {column.description ? <p className="column-desc">{column.description}</p> : null}
            {column.children.length > 0 ? (
              <section className="subcolumns" aria-labelledby="subcolumns-title">
                <h2 id="subcolumns-title">下级栏目</h2>
                <ul>
                  {column.children.map((c) => (
                    <li key={c.id}>
                      <a href={columnHref(view, c)}>{c.name}</a>
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
            {content.feed ? (
              <p className="feed-link">
                <a href={href(view, content.feed)} type="application/rss+xml">
                  RSS订阅
                </a>
              </p>
            ) : null}
            {column.kind === 'page' ? (
              <section className="page-body" aria-label={column.name}>
                {content.body ?? <EmptyState />}
              </section>
            ) : content.body ? (
              <>
                {content.body}
                {content.pagination && content.pagination.total > 0 ? (
                  <PaginationNav view={view} pagination={content.pagination} />
                ) : null}
              </>
            ) : content.leaders ? (
              <LeaderList view={view} leaders={content.leaders} />
            ) : content.groups && content.items.length === 0 ? (
              <ItemGroups view={view} groups={content.groups} />
            ) : (
              <>
                <ItemList view={view} items={content.items} />
                {content.pagination && content.pagination.total > 0 ? (
                  <PaginationNav view={view} pagination={content.pagination} />
                ) : null}
              </>
            )}
          </div>
          <ColumnNav view={view} section={section} current={column} trailIds={new Set(ancestry.map((c) => c.id))} />
        </div>
      </div>
    </Layout>
  );
}

/** The children's newest items, grouped by child column. */
export function ItemGroups({ view, groups }: { view: ViewContext; groups: ItemGroup[] }) {
  if (groups.length === 0) return <EmptyState />;
  return (
    <div className="item-groups">
      {groups.map(({ column, items }) => (
        <section key={column.id} className="item-group" aria-labelledby={`group-${column.id}`}>
          <h2 id={`group-${column.id}`}>
            <a href={columnHref(view, column)}>{column.name}</a>
          </h2>
          <ItemList view={view} items={items} labelledBy={`group-${column.id}`} />
          <p className="more">
            <a href={columnHref(view, column)} aria-label={`更多${column.name}`}>
              更多
            </a>
          </p>
        </section>
      ))}
    </div>
  );
}

/** 领导信息: photo (or the placeholder), name, post and duties, in the editors' order. */
export function LeaderList({ view, leaders }: { view: ViewContext; leaders: LeaderCard[] }) {
  return (
    <section className="leaders" aria-labelledby="leaders-title">
      <h2 id="leaders-title" className="visually-hidden">
        领导名单
      </h2>
      <ul className="leader-list">
        {leaders.map((l, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rendered once to static HTML, never reconciled
          <li key={i} className="leader-card">
            <img
              className="leader-photo"
              src={l.photo ? href(view, l.photo) : view.assets.leaderPlaceholder}
              alt={l.photo ? `${l.name}照片` : LEADER_PLACEHOLDER_ALT}
              width={120}
              height={160}
              loading="lazy"
            />
            <div className="leader-text">
              <h3 className="leader-name">
                <a href={href(view, l.url)}>{l.name}</a>
              </h3>
              {l.post ? <p className="leader-post">{l.post}</p> : null}
              {l.duties ? (
                <p className="leader-duties">
                  <span className="label">分工：</span>
                  {l.duties}
                </p>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
      {leaders.length === 0 ? <EmptyState /> : null}
    </section>
  );
}

export function SitemapPage({ frame, roots }: { frame: PageFrame; roots: PublicColumn[] }) {
  const { view } = frame;
  return (
    <Layout {...frame}>
      <div className="container">
        <Breadcrumbs view={view} trail={[{ label: '网站地图' }]} />
        <h1>网站地图</h1>
        {roots.length > 0 ? (
          <ColumnTreeList view={view} nodes={roots} className="sitemap-tree" />
        ) : (
          <EmptyState>网站栏目正在建设中</EmptyState>
        )}
      </div>
    </Layout>
  );
}

export function SearchPage({ frame, q, results }: { frame: PageFrame; q: string; results?: ReactNode }) {
  const { view } = frame;
  return (
    <Layout {...frame} noindex>
      <div className="container">
        <Breadcrumbs view={view} trail={[{ label: '站内搜索' }]} />
        <h1>站内搜索</h1>
        <SearchForm view={view} id="search-page-q" q={q} visibleLabel formLabel="搜索本站信息" />
        <section className="search-results" aria-live="polite" aria-label="搜索结果">
          {results ??
            (q ? <EmptyState>未找到与“{q}”相关的信息</EmptyState> : <EmptyState>请输入要搜索的关键词。</EmptyState>)}
        </section>
      </div>
    </Layout>
  );
}

export function NotFoundPage({ frame }: { frame: PageFrame }) {
  const { view } = frame;
  return (
    <Layout {...frame} noindex>
      <div className="container not-found">
        <h1>抱歉，您访问的页面不存在</h1>
        <p>页面可能已被删除、更名或暂时不可用，也可能是网址输入有误。您可以：</p>
        <ul className="not-found-links">
          <li>
            <a href={homeHref(view)}>返回首页</a>
          </li>
          <li>
            <a href={href(view, '/sitemap/')}>查看网站地图</a>
          </li>
        </ul>
        <SearchForm view={view} id="not-found-q" visibleLabel formLabel="搜索本站信息" />
      </div>
    </Layout>
  );
}

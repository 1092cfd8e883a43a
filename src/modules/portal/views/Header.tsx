import type { PublicColumn, ViewContext } from './types.ts';
import { careToggleHref, columnHref, homeHref, href } from './links.ts';

export interface SearchFormProps {
  view: ViewContext;
  /** Unique per page. */
  id: string;
  q?: string;
  /** Show the label on screen (the search page); otherwise the field is named by aria-label. */
  visibleLabel?: boolean;
  /** Names the search landmark; must differ between the forms of one page. */
  formLabel?: string;
}

export function SearchForm({ view, id, q, visibleLabel, formLabel = '站内搜索' }: SearchFormProps) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a form with role=search is the search landmark every reader supports; <search> is not yet
    <form className="search-form" role="search" action={href(view, '/search')} method="get" aria-label={formLabel}>
      {visibleLabel ? <label htmlFor={id}>搜索关键词</label> : null}
      <input
        id={id}
        type="search"
        name="q"
        defaultValue={q}
        maxLength={100}
        placeholder="请输入关键词"
        aria-label={visibleLabel ? undefined : '站内搜索'}
      />
      <button type="submit">搜索</button>
    </form>
  );
}

export interface HeaderProps {
  view: ViewContext;
  /** The home page shows the site name as its <h1>; elsewhere the page has its own <h1>. */
  siteNameIsHeading: boolean;
}

export function Header({ view, siteNameIsHeading }: HeaderProps) {
  const name = <a href={homeHref(view)}>{view.site.name}</a>;
  return (
    <header className="site-header">
      <div className="topbar">
        <div className="container topbar-inner">
          <ul className="topbar-links">
            <li>
              <a className="care-toggle" href={careToggleHref(view)} data-care={view.care ? '1' : '0'}>
                {view.care ? '退出长者模式' : '长者模式'}
              </a>
            </li>
            <li>
              <a href={href(view, '/sitemap/')}>网站地图</a>
            </li>
            <li>
              {/* Static: cached pages are shared by every visitor, so the header never shows who is signed in. */}
              <a href="/user/">登录 / 用户空间</a>
            </li>
          </ul>
        </div>
      </div>
      <div className="banner">
        <div className="container banner-inner">
          {siteNameIsHeading ? <h1 className="site-name">{name}</h1> : <p className="site-name">{name}</p>}
          <SearchForm view={view} id="header-search-q" />
        </div>
      </div>
    </header>
  );
}

export interface MainNavProps {
  view: ViewContext;
  isHome: boolean;
  /** The top-level column whose section the page is in, and whether the page is that column itself. */
  section?: { topId: number; isTopPage: boolean };
}

export function MainNav({ view, isHome, section }: MainNavProps) {
  const current = (c: PublicColumn) => {
    if (!section || section.topId !== c.id) return undefined;
    return section.isTopPage ? ('page' as const) : ('true' as const);
  };
  return (
    <nav className="main-nav" aria-label="主导航">
      <div className="container">
        <ul>
          <li>
            <a href={homeHref(view)} aria-current={isHome ? 'page' : undefined}>
              首页
            </a>
          </li>
          {view.nav.map((c) => (
            <li key={c.id}>
              <a href={columnHref(view, c)} aria-current={current(c)}>
                {c.name}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </nav>
  );
}

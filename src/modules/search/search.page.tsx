// The public results page at /search (and /site/<code>/search): the query kept in the box, service cards,
// tabs by kind with counts, filters as a GET form, highlighted results, pagination, help when nothing is
// found, hot words. Everything works without JavaScript; search-suggest.js only adds as-you-type suggestions.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PageContext, PageResult, PortalPage } from '../portal/page-context.ts';
import type { PortalRegistry } from '../portal/portal-registry.ts';
import { pageTitle } from '../portal/page-kit.ts';
import { siteMeta } from '../portal/meta.ts';
import { AssetManifest } from '../portal/assets.ts';
import { Layout } from '../portal/views/Layout.tsx';
import { Breadcrumbs } from '../portal/views/parts.tsx';
import { SearchForm } from '../portal/views/Header.tsx';
import { href } from '../portal/views/links.ts';
import type { ViewContext } from '../portal/views/types.ts';
import { shanghaiDate } from '../../platform/time.ts';
import { AppError } from '../../platform/errors.ts';
import type { CachedSearchPage, SearchInput, SearchResult, SearchService, SortOrder } from './search.service.ts';
import type { Rendered } from './search-page-cache.ts';
import { KIND_NAMES, type Kind } from './kinds.ts';

const ASSET_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets');
export const SEARCH_ASSET_PREFIX = '/search/assets/';
let manifest: AssetManifest | null = null;

/** search-suggest.js and search.css, served at /search/assets/<name>.<hash>.<ext>. */
export function searchAssets(): AssetManifest {
  manifest ??= AssetManifest.load(ASSET_DIR);
  return manifest;
}

const assetUrl = (name: string) => {
  const asset = searchAssets()
    .list()
    .find((a) => a.name === name);
  if (!asset) throw new Error(`unknown search asset: ${name}`);
  return `${SEARCH_ASSET_PREFIX}${asset.fileName}`;
};

/** What the page was asked for, read leniently from the query string (unknown values are ignored). */
export interface PageQuery {
  q: string;
  input: SearchInput;
}

export function readPageQuery(query: URLSearchParams): PageQuery {
  const q = (query.get('q') ?? '').trim().slice(0, 100);
  const int = (name: string) => (/^[1-9]\d{0,8}$/.test(query.get(name) ?? '') ? Number(query.get(name)) : undefined);
  const day = (name: string) => (/^\d{4}-\d{2}-\d{2}$/.test(query.get(name) ?? '') ? query.get(name)! : undefined);
  const kind = query.get('kind') ?? 'all';
  return {
    q,
    input: {
      q,
      kind: (KIND_NAMES as string[]).includes(kind) ? (kind as Kind) : 'all',
      from: day('from'),
      to: day('to'),
      column: int('column'),
      site: int('site'),
      sort: query.get('sort') === 'date' ? 'date' : 'relevance',
      page: Math.min(int('page') ?? 1, 100),
    },
  };
}

function searchHref(view: ViewContext, input: SearchInput, change: Partial<SearchInput> = {}): string {
  const merged = { ...input, ...change };
  const params = new URLSearchParams({ q: merged.q });
  if (merged.kind && merged.kind !== 'all') params.set('kind', merged.kind);
  if (merged.from) params.set('from', merged.from);
  if (merged.to) params.set('to', merged.to);
  if (merged.column !== undefined) params.set('column', String(merged.column));
  if (merged.site !== undefined) params.set('site', String(merged.site));
  if (merged.sort === 'date') params.set('sort', 'date');
  if (merged.page && merged.page > 1) params.set('page', String(merged.page));
  return `${href(view, '/search')}?${params.toString()}`;
}

const html = (markup: string) => ({ __html: markup });

function Cards({ view, result }: { view: ViewContext; result: SearchResult }) {
  if (result.serviceCards.length === 0) return null;
  return (
    <section className="search-cards" aria-labelledby="search-cards-title">
      <h2 id="search-cards-title">服务直达</h2>
      <ul>
        {result.serviceCards.map((card) => (
          <li key={card.id} className="search-card">
            <h3>{card.title}</h3>
            {card.description ? <p>{card.description}</p> : null}
            <ul className="search-card-links">
              {card.links.map((l, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rendered once to static HTML, never reconciled
                <li key={i}>
                  <a href={href(view, l.url)}>{l.title}</a>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Tabs({ view, result, input }: { view: ViewContext; result: SearchResult; input: SearchInput }) {
  return (
    <nav className="search-tabs" aria-label="结果分类">
      <ul>
        {result.kinds.map((k) => (
          <li key={k.kind}>
            <a
              href={searchHref(view, input, { kind: k.kind, page: 1 })}
              aria-current={k.kind === result.kind ? 'page' : undefined}
              data-kind={k.kind}
            >
              {k.label}
              <span className="search-count">
                （{result.approximate && k.kind !== 'all' && k.kind !== result.kind ? '约' : ''}
                {k.count}）
              </span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Filters({
  view,
  result,
  input,
  columns,
}: {
  view: ViewContext;
  result: SearchResult;
  input: SearchInput;
  columns: { id: number; name: string; depth: number }[];
}) {
  return (
    <form className="search-filters" method="get" action={href(view, '/search')} aria-label="筛选搜索结果">
      <input type="hidden" name="q" value={input.q} />
      {input.kind && input.kind !== 'all' ? <input type="hidden" name="kind" value={input.kind} /> : null}
      <fieldset>
        <legend>筛选与排序</legend>
        <label htmlFor="search-from">发布时间从</label>
        <input id="search-from" type="date" name="from" defaultValue={input.from} />
        <label htmlFor="search-to">至</label>
        <input id="search-to" type="date" name="to" defaultValue={input.to} />
        <label htmlFor="search-column">栏目</label>
        <select id="search-column" name="column" defaultValue={input.column === undefined ? '' : String(input.column)}>
          <option value="">全部栏目</option>
          {columns.map((c) => (
            <option key={c.id} value={c.id}>
              {'　'.repeat(c.depth)}
              {c.name}
            </option>
          ))}
        </select>
        {result.sites.length > 1 ? (
          <>
            <label htmlFor="search-site">站点</label>
            <select id="search-site" name="site" defaultValue={input.site === undefined ? '' : String(input.site)}>
              <option value="">全部站点</option>
              {result.sites.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                  {s.count === null ? '' : `（${s.count}）`}
                </option>
              ))}
            </select>
          </>
        ) : null}
        <label htmlFor="search-sort">排序</label>
        <select id="search-sort" name="sort" defaultValue={input.sort ?? 'relevance'}>
          <option value="relevance">按相关度</option>
          <option value="date">按发布时间</option>
        </select>
        <button type="submit">筛选</button>
      </fieldset>
    </form>
  );
}

function Pages({ view, result, input }: { view: ViewContext; result: SearchResult; input: SearchInput }) {
  if (result.pages <= 1) return null;
  const current = result.page;
  const numbers: number[] = [];
  for (let n = Math.max(1, current - 3); n <= Math.min(result.pages, current + 3); n++) numbers.push(n);
  return (
    <nav className="search-pagination" aria-label="搜索结果分页">
      <ul>
        {current > 1 ? (
          <li>
            <a href={searchHref(view, input, { page: current - 1 })} rel="prev">
              上一页
            </a>
          </li>
        ) : null}
        {numbers.map((n) => (
          <li key={n}>
            {n === current ? (
              <span aria-current="page">{n}</span>
            ) : (
              <a href={searchHref(view, input, { page: n })}>{n}</a>
            )}
          </li>
        ))}
        {current < result.pages ? (
          <li>
            <a href={searchHref(view, input, { page: current + 1 })} rel="next">
              下一页
            </a>
          </li>
        ) : null}
      </ul>
      <p className="search-page-info">
        第 {current} 页，共 {result.pages} 页
      </p>
    </nav>
  );
}

function NoResults({ view, result, input }: { view: ViewContext; result: SearchResult; input: SearchInput }) {
  const filtered =
    (input.kind && input.kind !== 'all') ||
    input.from ||
    input.to ||
    input.column !== undefined ||
    input.site !== undefined;
  return (
    <section className="search-empty" aria-labelledby="search-empty-title">
      <h2 id="search-empty-title">未找到与“{result.query}”相关的信息</h2>
      {result.suggestions.length ? (
        <p>
          您是不是要找：
          {result.suggestions.map((s, i) => (
            <span key={s}>
              {i > 0 ? '、' : null}
              <a href={searchHref(view, { q: s })}>{s}</a>
            </span>
          ))}
        </p>
      ) : null}
      <ul>
        <li>请检查输入的文字是否有误，或换用意思相近的词语；</li>
        <li>尝试更简短、更常用的关键词，如“社保”“公积金”“营业执照”；</li>
        <li>可以输入拼音或拼音首字母，如 shebao、gjj；</li>
        {filtered ? (
          <li>
            <a href={searchHref(view, { q: input.q })}>取消分类和筛选条件，重新搜索</a>
          </li>
        ) : null}
      </ul>
    </section>
  );
}

function HotWords({ view, words }: { view: ViewContext; words: string[] }) {
  if (words.length === 0) return null;
  return (
    <section className="search-hot" aria-labelledby="search-hot-title">
      <h2 id="search-hot-title">热门搜索</h2>
      <ul>
        {words.map((w) => (
          <li key={w}>
            <a href={searchHref(view, { q: w })}>{w}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}

export interface SearchPageProps {
  page: PageContext;
  query: PageQuery;
  result: SearchResult | null;
  error?: string;
}

export function SearchResultsPage({ page, query, result, error }: SearchPageProps) {
  const view: ViewContext = {
    ...page.view,
    currentPath: query.q
      ? `${page.view.currentPath}?${new URLSearchParams({ q: query.q }).toString()}`
      : page.view.currentPath,
  };
  const { input } = query;
  const cluster = (result?.sites.length ?? 0) > 1;
  const offset = result ? (result.page - 1) * result.pageSize : 0;
  const columns = page.model.flat
    .filter((c) => c.kind !== 'link')
    .map((c) => ({ id: c.id, name: c.name, depth: c.depth }));
  return (
    <Layout
      view={view}
      title={pageTitle(page.site, query.q ? `“${query.q}”的搜索结果` : '站内搜索')}
      meta={siteMeta(page.site)}
      noindex
    >
      <link rel="stylesheet" href={assetUrl('search.css')} />
      <div className="container search-page">
        <Breadcrumbs view={view} trail={[{ label: '站内搜索' }]} />
        <h1>站内搜索</h1>
        <SearchForm view={view} id="search-page-q" q={query.q} visibleLabel formLabel="搜索本站信息" />
        {error ? (
          <p className="search-error" role="alert">
            {error}
          </p>
        ) : null}
        {!query.q ? <p className="search-hint">请输入要搜索的关键词，支持拼音和拼音首字母。</p> : null}
        {result ? (
          <>
            <Cards view={view} result={result} />
            {result.correctedQuery ? (
              <p className="search-correction">
                未找到与“{result.query}”相关的结果，以下是“<strong>{result.correctedQuery}</strong>”的搜索结果。
              </p>
            ) : null}
            {result.fuzzy ? (
              <p className="search-correction">未找到与“{result.query}”完全一致的结果，以下是相近的结果。</p>
            ) : null}
            <Tabs view={view} result={result} input={input} />
            <Filters view={view} result={result} input={input} columns={columns} />
            <section className="search-results" aria-labelledby="search-results-title">
              <h2 id="search-results-title" className="search-summary">
                {result.total > 0
                  ? `找到${result.approximate ? '约' : ''} ${result.total} 条相关结果`
                  : '没有找到相关结果'}
              </h2>
              {result.expanded.length ? (
                <p className="search-expanded">已同时搜索：{result.expanded.slice(0, 8).join('、')}</p>
              ) : null}
              {result.items.length ? (
                <ol className="search-result-list" start={offset + 1}>
                  {result.items.map((item) => (
                    <li key={item.id} className="search-result">
                      <h3 className="search-result-title">
                        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: escaped by highlight() in text.ts, only <em> added */}
                        <a href={item.url} dangerouslySetInnerHTML={html(item.title)} />
                      </h3>
                      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: escaped by snippet() in text.ts, only <em> added */}
                      <p className="search-result-snippet" dangerouslySetInnerHTML={html(item.snippet)} />
                      <p className="search-result-meta">
                        <span className="search-kind">{item.kindLabel}</span>
                        {cluster ? <span className="search-site">{item.site.name}</span> : null}
                        {item.column ? <span className="search-column">{item.column.name}</span> : null}
                        {item.docNumber ? <span className="search-doc-number">{item.docNumber}</span> : null}
                        <time dateTime={item.pubDate}>{shanghaiDate(item.pubDate)}</time>
                      </p>
                    </li>
                  ))}
                </ol>
              ) : result.total === 0 ? (
                <NoResults view={view} result={result} input={input} />
              ) : null}
              {result.total > 0 && result.suggestions.length ? (
                <p className="search-related">
                  相关搜索：
                  {result.suggestions.map((s, i) => (
                    <span key={s}>
                      {i > 0 ? '、' : null}
                      <a href={searchHref(view, { q: s })}>{s}</a>
                    </span>
                  ))}
                </p>
              ) : null}
            </section>
            <Pages view={view} result={result} input={input} />
          </>
        ) : null}
        <HotWords view={view} words={result?.hotWords ?? []} />
      </div>
      <script src={assetUrl('search-suggest.js')} defer></script>
    </Layout>
  );
}

/** The page for a portal page context and a search result (null: nothing searched yet). */
export function searchPage(
  page: PageContext,
  result: SearchResult | null,
  error?: string,
  status = error ? 400 : 200,
): PageResult {
  return page.html(
    <SearchResultsPage page={page} query={readPageQuery(page.query)} result={result} error={error} />,
    status,
  );
}

/**
 * The page for a portal request. Anonymous requests share the results-page cache of the worker (keyed by the
 * normalised query, filters and page, with the origin, prefix and care mode the page is drawn for); a request
 * with a session is searched and rendered for itself alone. Bad input answers 400 with the reason on the page.
 */
export async function renderSearchPage(page: PageContext, search: SearchService): Promise<PageResult> {
  const query = readPageQuery(page.query);
  if (!query.q) return searchPage(page, null);
  const scope = { siteId: page.site.id, prefix: page.match.prefix };
  const render = async (): Promise<Rendered<CachedSearchPage>> => {
    try {
      const result = await search.search(scope, query.input);
      const total = result.kinds[0]?.count ?? result.total;
      return { value: { page: searchPage(page, result), total }, contentIds: result.items.map((i) => i.id) };
    } catch (error) {
      if (error instanceof AppError && error.status === 400)
        return { value: { page: searchPage(page, null, error.message), total: null }, contentIds: null };
      throw error;
    }
  };
  if (page.personal) return (await render()).value.page;
  const { value, hit } = await search.pages.page(pageKey(page, query.input), render);
  // Served from the cache, the search still counts for hot words and the report (a render has counted it).
  if (hit && value.total !== null) search.query.logSearch(scope.siteId, query.input, value.total);
  return value.page;
}

/** The cache key of an anonymous results page: what the page is drawn for, then the normalised search. */
function pageKey(page: PageContext, input: SearchInput): string {
  const { q, kind, from, to, column, site, sort, page: n } = input;
  return JSON.stringify([
    page.site.id,
    page.origin,
    page.match.prefix,
    page.view.care,
    q,
    kind,
    from ?? '',
    to ?? '',
    column ?? '',
    site ?? '',
    sort,
    n,
  ]);
}

/** Registers /search with the public site; it takes the place of the portal's plain search form. */
export function registerSearchPage(portal: PortalRegistry, search: SearchService): PortalPage {
  const page: PortalPage = { path: '/search', render: (p) => renderSearchPage(p, search) };
  portal.registerPage(page);
  return page;
}

export type { SortOrder };

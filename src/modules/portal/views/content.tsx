// Content pages, the 政务公开 platform entrance and the 主动公开目录.
import { shanghaiDate, shanghaiDateTime } from '../../../platform/time.ts';
import type { Crumb, FileLink, ItemSummary, Pagination, PublicColumn, ViewContext } from './types.ts';
import { Layout } from './Layout.tsx';
import { Breadcrumbs, ColumnNav, ColumnTreeList, EmptyState, FileList, ItemList, PaginationNav } from './parts.tsx';
import type { PageFrame } from './pages.tsx';
import { LEADER_PLACEHOLDER_ALT } from './pages.tsx';
import { columnHref, href } from './links.ts';

export interface MetaRow {
  label: string;
  value: string;
}

export interface RelatedList {
  /** 相关解读 on a policy document, 解读的文件 on an interpretation. */
  heading: string;
  items: ItemSummary[];
}

export interface LeaderProfile {
  post: string;
  duties: string;
  resume: string;
  photo: string | null;
}

export interface ContentView {
  id: number;
  title: string;
  subtitle: string;
  /** The item's source, else the site's sponsor. */
  source: string;
  author: string;
  pubDate: string;
  updatedAt: string | null;
  /** The stored, already sanitised body; null for 依申请提供 items (catalogue entry only). */
  bodyHtml: string | null;
  attachments: FileLink[];
  /** The policy document's metadata block, or the catalogue entry of an item published for application only. */
  docMeta: MetaRow[] | null;
  related: RelatedList[];
  prev: ItemSummary | null;
  next: ItemSummary | null;
  leader: LeaderProfile | null;
  /** For 依申请提供 items: where to apply (the 依申请公开 column), or null when the site has none. */
  apply: { href: string | null } | null;
}

export interface ContentPageProps {
  frame: PageFrame;
  column: PublicColumn;
  /** From the top-level column down to the item's column. */
  ancestry: PublicColumn[];
  item: ContentView;
}

const paragraphs = (text: string) =>
  text
    .split(/\n+/)
    .map((l) => l.trim())
    .filter(Boolean);

export function ContentPage({ frame, column, ancestry, item }: ContentPageProps) {
  const { view } = frame;
  const section = ancestry[0] ?? column;
  const trail: Crumb[] = [...ancestry.map((c) => ({ label: c.name, href: columnHref(view, c) })), { label: '正文' }];
  return (
    <Layout {...frame} section={{ topId: section.id, isTopPage: false }}>
      <div className="container">
        <Breadcrumbs view={view} trail={trail} />
        <div className="column-layout">
          <article className="article" aria-labelledby="article-title" data-content-id={item.id}>
            <header className="article-header">
              <h1 id="article-title">{item.title}</h1>
              {item.subtitle ? <p className="article-subtitle">{item.subtitle}</p> : null}
              <p className="article-info">
                <span className="pub-date">
                  发布时间：<time dateTime={item.pubDate}>{shanghaiDateTime(item.pubDate)}</time>
                </span>
                {item.updatedAt ? (
                  <span className="updated-at">
                    更新时间：<time dateTime={item.updatedAt}>{shanghaiDateTime(item.updatedAt)}</time>
                  </span>
                ) : null}
                <span className="source">来源：{item.source}</span>
                {item.author ? <span className="author">作者：{item.author}</span> : null}
              </p>
            </header>
            {item.docMeta ? (
              <table className="doc-meta">
                <caption>{item.apply ? '信息目录' : '文件信息'}</caption>
                <tbody>
                  {item.docMeta.map((row) => (
                    <tr key={row.label}>
                      <th scope="row">{row.label}</th>
                      <td>{row.value}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            {item.leader ? <LeaderProfileView view={view} name={item.title} leader={item.leader} /> : null}
            {item.apply ? (
              <section className="apply-notice" aria-labelledby="apply-title">
                <h2 id="apply-title">依申请公开</h2>
                <p>
                  本信息属于依申请公开的政府信息，网站仅公开其目录信息，不公开全文。如需获取，请按照
                  {item.apply.href ? <a href={href(view, item.apply.href)}>依申请公开</a> : '依申请公开'}
                  的说明，向本机关提出政府信息公开申请。
                </p>
              </section>
            ) : item.bodyHtml ? (
              // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised against the allow-list when saved (content/sanitize.ts)
              <div className="article-body" dangerouslySetInnerHTML={{ __html: item.bodyHtml }} />
            ) : null}
            <FileList view={view} files={item.attachments} headingId="attachments-title" />
            {item.related.map((r, i) => (
              <section key={r.heading} className="related" aria-labelledby={`related-${i}`}>
                <h2 id={`related-${i}`}>{r.heading}</h2>
                <ul className="items">
                  {r.items.map((link) => (
                    <li key={link.url}>
                      <a href={href(view, link.url)}>{link.title}</a>
                      <time dateTime={link.publishedAt}>{shanghaiDate(link.publishedAt)}</time>
                    </li>
                  ))}
                </ul>
              </section>
            ))}
            <nav className="prev-next" aria-label="上一篇和下一篇">
              <ul>
                <li>
                  上一篇：
                  {item.prev ? (
                    <a href={href(view, item.prev.url)} rel="prev">
                      {item.prev.title}
                    </a>
                  ) : (
                    '没有了'
                  )}
                </li>
                <li>
                  下一篇：
                  {item.next ? (
                    <a href={href(view, item.next.url)} rel="next">
                      {item.next.title}
                    </a>
                  ) : (
                    '没有了'
                  )}
                </li>
              </ul>
            </nav>
          </article>
          <ColumnNav
            view={view}
            section={section}
            current={column}
            trailIds={new Set(ancestry.map((c) => c.id))}
            onColumnPage={false}
          />
        </div>
      </div>
    </Layout>
  );
}

function LeaderProfileView({ view, name, leader }: { view: ViewContext; name: string; leader: LeaderProfile }) {
  const resume = paragraphs(leader.resume);
  return (
    <div className="leader-profile">
      <img
        className="leader-photo"
        src={leader.photo ? href(view, leader.photo) : view.assets.leaderPlaceholder}
        alt={leader.photo ? `${name}照片` : LEADER_PLACEHOLDER_ALT}
        width={180}
        height={240}
      />
      <div className="leader-text">
        <dl className="leader-facts">
          <dt>姓名</dt>
          <dd>{name}</dd>
          <dt>职务</dt>
          <dd>{leader.post}</dd>
          {leader.duties ? (
            <>
              <dt>分工</dt>
              <dd>{leader.duties}</dd>
            </>
          ) : null}
        </dl>
        {resume.length > 0 ? (
          <section className="leader-resume" aria-labelledby="resume-title">
            <h2 id="resume-title">简历</h2>
            {resume.map((line, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rendered once to static HTML, never reconciled
              <p key={i}>{line}</p>
            ))}
          </section>
        ) : null}
      </div>
    </div>
  );
}

// ---------- 政务公开: the 政府信息公开 platform ----------

export interface PlatformEntry {
  label: string;
  /** Site-internal path. */
  path: string;
  description: string;
}

export interface ZwgkPageProps {
  frame: PageFrame;
  column: PublicColumn;
  entries: PlatformEntry[];
  latest: ItemSummary[];
}

export function ZwgkPage({ frame, column, entries, latest }: ZwgkPageProps) {
  const { view } = frame;
  return (
    <Layout {...frame} section={{ topId: column.id, isTopPage: true }}>
      <div className="container">
        <Breadcrumbs view={view} trail={[{ label: column.name }]} />
        <div className="column-layout">
          <div className="column-main zwgk">
            <h1>{column.name}</h1>
            {column.description ? <p className="column-desc">{column.description}</p> : null}
            <section className="platform" aria-labelledby="platform-title">
              <h2 id="platform-title">政府信息公开</h2>
              <ul className="entry-grid platform-entries">
                {entries.map((e) => (
                  <li key={e.label}>
                    <a className="entry" href={href(view, e.path)} data-platform={e.label}>
                      <span className="entry-label">{e.label}</span>
                      {e.description ? <span className="entry-sub">{e.description}</span> : null}
                    </a>
                  </li>
                ))}
              </ul>
            </section>
            <section className="statutory" aria-labelledby="statutory-title">
              <h2 id="statutory-title">法定主动公开内容</h2>
              {column.children.length > 0 ? (
                <ColumnTreeList view={view} nodes={column.children} className="statutory-tree" />
              ) : (
                <EmptyState />
              )}
            </section>
            <section aria-labelledby="latest-title">
              <h2 id="latest-title">最新公开信息</h2>
              <ItemList view={view} items={latest} labelledBy="latest-title" />
            </section>
          </div>
          <ColumnNav view={view} section={column} current={column} trailIds={new Set([column.id])} />
        </div>
      </div>
    </Layout>
  );
}

// ---------- 主动公开目录 ----------

export interface CatalogueFilters {
  title: string;
  indexNo: string;
  theme: string;
  organ: string;
  year: string;
  validity: string;
}

export interface CatalogueRow {
  title: string;
  url: string;
  indexNo: string;
  organ: string;
  docNumber: string;
  writtenDate: string;
  pubDate: string;
  validity: string;
}

export interface CataloguePageProps {
  frame: PageFrame;
  zwgk: PublicColumn;
  /** Site-internal path of the catalogue (the form's action). */
  path: string;
  filters: CatalogueFilters;
  options: { themes: string[]; organs: string[]; years: string[]; validity: string[] };
  rows: CatalogueRow[];
  pagination: Pagination;
}

function Select({
  id,
  name,
  label,
  value,
  options,
}: {
  id: string;
  name: string;
  label: string;
  value: string;
  options: string[];
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value}>
        <option value="">全部</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </div>
  );
}

export function CataloguePage({ frame, zwgk, path, filters, options, rows, pagination }: CataloguePageProps) {
  const { view } = frame;
  const filtered = Object.values(filters).some(Boolean);
  return (
    <Layout {...frame} section={{ topId: zwgk.id, isTopPage: false }}>
      <div className="container">
        <Breadcrumbs
          view={view}
          trail={[{ label: zwgk.name, href: columnHref(view, zwgk) }, { label: '主动公开目录' }]}
        />
        <h1>主动公开目录</h1>
        <form className="catalog-form" method="get" action={href(view, path)} aria-label="检索主动公开目录">
          <div className="field">
            <label htmlFor="catalog-title">名称</label>
            <input id="catalog-title" type="text" name="title" defaultValue={filters.title} maxLength={100} />
          </div>
          <div className="field">
            <label htmlFor="catalog-index">索引号</label>
            <input id="catalog-index" type="text" name="indexNo" defaultValue={filters.indexNo} maxLength={100} />
          </div>
          <Select id="catalog-theme" name="theme" label="主题分类" value={filters.theme} options={options.themes} />
          <Select id="catalog-organ" name="organ" label="发文机关" value={filters.organ} options={options.organs} />
          <Select id="catalog-year" name="year" label="年份" value={filters.year} options={options.years} />
          <Select
            id="catalog-validity"
            name="validity"
            label="有效性"
            value={filters.validity}
            options={options.validity}
          />
          <div className="actions">
            <button type="submit">查询</button>
            {filtered ? <a href={href(view, path)}>清除条件</a> : null}
          </div>
        </form>
        {/* A scrolling region must be reachable by keyboard and named (axe scrollable-region-focusable). */}
        {/* biome-ignore lint/a11y/useSemanticElements: a <section> would add a heading-less landmark; role=region names the scroller */}
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users scroll the wide table */}
        <div className="table-scroll" role="region" aria-labelledby="catalog-caption" tabIndex={0}>
          <table className="catalog-table">
            <caption id="catalog-caption">
              {filtered ? '检索结果' : '主动公开目录'}（共 {pagination.total} 条）
            </caption>
            <thead>
              <tr>
                {['索引号', '名称', '发文机关', '文号', '成文日期', '发布日期', '有效性'].map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.url}>
                  <td className="index-no">{r.indexNo}</td>
                  <td>
                    <a href={href(view, r.url)}>{r.title}</a>
                  </td>
                  <td>{r.organ}</td>
                  <td>{r.docNumber}</td>
                  <td>{r.writtenDate}</td>
                  <td>{r.pubDate}</td>
                  <td>{r.validity}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {rows.length === 0 ? <EmptyState>{filtered ? '没有符合条件的信息' : undefined}</EmptyState> : null}
        {pagination.total > 0 ? <PaginationNav view={view} pagination={pagination} label="目录分页" /> : null}
      </div>
    </Layout>
  );
}

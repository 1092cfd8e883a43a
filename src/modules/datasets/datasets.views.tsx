// The public pages of data release, laid out in the portal's frame: the 数据发布 column (data sets with
// filters by theme and department) and a data set's page (metadata, charts, a preview table paged and sorted
// by links, downloads of every version, the API). Everything works without JavaScript.
import type { ReactNode } from 'react';
import { Layout } from '../portal/views/Layout.tsx';
import { Breadcrumbs, ColumnNav, EmptyState, PaginationNav } from '../portal/views/parts.tsx';
import { columnHref, href } from '../portal/views/links.ts';
import type { Crumb, Pagination, PublicColumn, ViewContext } from '../portal/views/types.ts';
import type { MetaTag } from '../portal/meta.ts';
import { shanghaiDate } from '../../platform/time.ts';
import type { RenderedChart } from '../../platform/charts.ts';
import { COLUMN_TYPES, isNumeric, type Cell, type DataColumn } from './column-types.ts';
import type { PublicDataset, PublicVersion } from './datasets.public.ts';
import { OPEN_API, chartSvgUrl, downloadUrl } from './datasets.open.ts';

export interface Frame {
  view: ViewContext;
  title: string;
  meta: MetaTag[];
  css: string;
}

function Page({ frame, ancestry, children }: { frame: Frame; ancestry: PublicColumn[]; children: ReactNode }) {
  const section = ancestry[0];
  return (
    <Layout
      view={frame.view}
      title={frame.title}
      meta={frame.meta}
      section={section ? { topId: section.id, isTopPage: ancestry.length === 1 } : undefined}
    >
      <link rel="stylesheet" href={frame.css} />
      {children}
    </Layout>
  );
}

const trailOf = (view: ViewContext, ancestry: PublicColumn[], last: string | null): Crumb[] => [
  ...ancestry.map((c, i) =>
    i === ancestry.length - 1 && last === null ? { label: c.name } : { label: c.name, href: columnHref(view, c) },
  ),
  ...(last ? [{ label: last }] : []),
];

// ───────────── the column ─────────────

export interface CatalogueFilters {
  theme: string;
  department: string;
  q: string;
}

export interface CatalogueProps {
  frame: Frame;
  column: PublicColumn;
  ancestry: PublicColumn[];
  filters: CatalogueFilters;
  themes: string[];
  departments: string[];
  datasets: { dataset: PublicDataset; url: string }[];
  pagination: Pagination;
}

export function CataloguePage({
  frame,
  column,
  ancestry,
  filters,
  themes,
  departments,
  datasets,
  pagination,
}: CatalogueProps) {
  const { view } = frame;
  const section = ancestry[0] ?? column;
  return (
    <Page frame={frame} ancestry={ancestry}>
      <div className="container">
        <Breadcrumbs view={view} trail={trailOf(view, ancestry, null)} />
        <div className="column-layout">
          <div className="column-main dataset-catalogue">
            <h1>{column.name}</h1>
            {column.description ? <p className="column-desc">{column.description}</p> : null}
            <form className="dataset-filters" method="get" action={href(view, column.path)} aria-label="筛选数据集">
              <p>
                <label htmlFor="ds-theme">数据领域</label>
                <select id="ds-theme" name="theme" defaultValue={filters.theme}>
                  <option value="">全部</option>
                  {themes.map((t) => (
                    <option key={t} value={t}>
                      {t}
                    </option>
                  ))}
                </select>
              </p>
              <p>
                <label htmlFor="ds-department">提供部门</label>
                <select id="ds-department" name="department" defaultValue={filters.department}>
                  <option value="">全部</option>
                  {departments.map((d) => (
                    <option key={d} value={d}>
                      {d}
                    </option>
                  ))}
                </select>
              </p>
              <p>
                <label htmlFor="ds-q">关键词</label>
                <input id="ds-q" type="search" name="q" defaultValue={filters.q} maxLength={100} />
              </p>
              <p>
                <button type="submit">筛选</button>
              </p>
            </form>
            <section className="dataset-list" aria-labelledby="dataset-list-title">
              <h2 id="dataset-list-title">数据集（共 {pagination.total} 个）</h2>
              {datasets.length === 0 ? <EmptyState>没有符合条件的数据集</EmptyState> : null}
              <ul>
                {datasets.map(({ dataset: d, url }) => (
                  <li key={d.id} className="dataset-entry">
                    <h3>
                      <a href={href(view, url)}>{d.metadata.title}</a>
                    </h3>
                    <p className="dataset-desc">{d.metadata.description.slice(0, 120)}</p>
                    <p className="dataset-facts">
                      <span>数据领域：{d.metadata.theme}</span>
                      <span>提供部门：{d.metadata.departmentName}</span>
                      <span>更新周期：{d.metadata.updateFrequency}</span>
                      <span>格式：CSV、XLSX、JSON</span>
                      {d.charts.length ? <span>图表 {d.charts.length} 个</span> : null}
                      <span>
                        更新：<time dateTime={d.updatedAt}>{shanghaiDate(d.updatedAt)}</time>
                      </span>
                    </p>
                  </li>
                ))}
              </ul>
              {pagination.total > 0 ? <PaginationNav view={view} pagination={pagination} /> : null}
            </section>
            <p className="dataset-api-note">
              全部数据集也可通过<a href={OPEN_API}>开放数据接口</a>获取（说明见<a href="/api/docs">接口文档</a>）。
            </p>
          </div>
          <ColumnNav view={view} section={section} current={column} trailIds={new Set(ancestry.map((c) => c.id))} />
        </div>
      </div>
    </Page>
  );
}

// ───────────── a data set ─────────────

export interface PreviewState {
  version: PublicVersion;
  sort: string | null;
  order: 'asc' | 'desc';
  rows: Cell[][];
  pagination: Pagination;
  /** The page URL with the preview's state changed. */
  url: (change: { v?: number; sort?: string | null; order?: 'asc' | 'desc'; page?: number }) => string;
}

export interface DatasetPageProps {
  frame: Frame;
  ancestry: PublicColumn[];
  dataset: PublicDataset;
  charts: { chart: RenderedChart; id: number }[];
  preview: PreviewState;
}

const shown = (v: Cell) =>
  v === null ? '' : typeof v === 'number' ? v.toLocaleString('zh-CN', { maximumFractionDigits: 6 }) : v;

export function DatasetPage({ frame, ancestry, dataset: d, charts, preview }: DatasetPageProps) {
  const { view } = frame;
  const m = d.metadata;
  const facts: [string, string][] = [
    ['资源代码', m.identifier],
    ['数据领域', m.theme],
    ['数据提供部门', m.departmentName],
    ['更新周期', m.updateFrequency],
    ['数据时间范围', [m.coverageFrom, m.coverageTo].filter(Boolean).join(' 至 ') || '—'],
    ['共享属性', m.shareCondition ? `${m.shareType}（${m.shareCondition}）` : m.shareType],
    ['开放属性', m.openCondition ? `${m.openType}（${m.openCondition}）` : m.openType],
    ['开放许可', m.licence],
    ['联系方式', m.contact],
    ['关键词', m.keywords || '—'],
    ['数据格式', 'CSV、XLSX、JSON'],
    ['最新版本', `${preview.version.label}（${d.versions.at(-1)!.rowCount} 行 × ${d.columns.length} 列）`],
  ];
  return (
    <Page frame={frame} ancestry={ancestry}>
      <div className="container dataset-page">
        <Breadcrumbs view={view} trail={trailOf(view, ancestry, m.title)} />
        <article className="dataset" aria-labelledby="dataset-title">
          <h1 id="dataset-title">{m.title}</h1>
          <p className="article-info">
            <span>
              发布时间：<time dateTime={d.publishedAt}>{shanghaiDate(d.publishedAt)}</time>
            </span>
            <span>
              更新时间：<time dateTime={d.updatedAt}>{shanghaiDate(d.updatedAt)}</time>
            </span>
            <span>来源：{m.departmentName}</span>
          </p>
          {m.description.split(/\n+/).map((p, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rendered once to static HTML, never reconciled
            <p key={i} className="dataset-desc">
              {p}
            </p>
          ))}
          <section aria-labelledby="ds-meta-title">
            <h2 id="ds-meta-title">数据集信息</h2>
            <dl className="dataset-meta">
              {facts.map(([k, v]) => (
                <div key={k}>
                  <dt>{k}</dt>
                  <dd>{v}</dd>
                </div>
              ))}
            </dl>
          </section>
          {charts.length ? (
            <section aria-labelledby="ds-charts-title">
              <h2 id="ds-charts-title">图表</h2>
              {charts.map(({ chart, id }) => (
                <div key={id} className="dataset-chart">
                  {/* Drawn on the server from the published data; the text and the table come with it (platform/charts.ts). */}
                  {/* biome-ignore lint/security/noDangerouslySetInnerHtml: SVG drawn by platform/charts.ts from published data, every text escaped */}
                  <div dangerouslySetInnerHTML={{ __html: chart.html }} />
                  <p className="chart-download">
                    <a href={chartSvgUrl(d, id)} download>
                      下载图表（SVG）
                    </a>
                  </p>
                </div>
              ))}
            </section>
          ) : null}
          <Preview view={view} dataset={d} preview={preview} />
          <section aria-labelledby="ds-downloads-title">
            <h2 id="ds-downloads-title">数据下载</h2>
            {/* biome-ignore lint/a11y/useSemanticElements: a <section> would add a heading-less landmark; role=region names the scroller */}
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users scroll the wide table */}
            <div className="table-scroll" role="region" aria-labelledby="ds-downloads-caption" tabIndex={0}>
              <table className="dataset-table">
                <caption id="ds-downloads-caption">各版本数据下载</caption>
                <thead>
                  <tr>
                    <th scope="col">版本</th>
                    <th scope="col">行数</th>
                    <th scope="col">发布时间</th>
                    <th scope="col">下载</th>
                  </tr>
                </thead>
                <tbody>
                  {[...d.versions].reverse().map((v) => (
                    <tr key={v.id}>
                      <th scope="row">{v.label}</th>
                      <td>{v.rowCount}</td>
                      <td>
                        <time dateTime={v.releasedAt}>{shanghaiDate(v.releasedAt)}</time>
                      </td>
                      <td className="dataset-downloads">
                        {(['csv', 'xlsx', 'json'] as const).map((f) => (
                          <a
                            key={f}
                            href={downloadUrl(d, v.seq, f)}
                            download
                            aria-label={`下载${v.label}（${f.toUpperCase()}）`}
                          >
                            {f.toUpperCase()}
                          </a>
                        ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section aria-labelledby="ds-columns-title">
            <h2 id="ds-columns-title">数据项说明</h2>
            {/* biome-ignore lint/a11y/useSemanticElements: a <section> would add a heading-less landmark; role=region names the scroller */}
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users scroll the wide table */}
            <div className="table-scroll" role="region" aria-labelledby="ds-columns-caption" tabIndex={0}>
              <table className="dataset-table">
                <caption id="ds-columns-caption">数据项（列）的名称、类型、单位和说明</caption>
                <thead>
                  <tr>
                    <th scope="col">名称</th>
                    <th scope="col">类型</th>
                    <th scope="col">单位</th>
                    <th scope="col">说明</th>
                  </tr>
                </thead>
                <tbody>
                  {d.columns.map((c) => (
                    <tr key={c.name}>
                      <th scope="row">{c.name}</th>
                      <td>{COLUMN_TYPES[c.type]}</td>
                      <td>{c.unit || '—'}</td>
                      <td>{c.description || '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section aria-labelledby="ds-api-title">
            <h2 id="ds-api-title">数据接口</h2>
            <ul className="dataset-api">
              <li>
                元数据：<a href={`${OPEN_API}/${d.id}`}>{`${OPEN_API}/${d.id}`}</a>
              </li>
              <li>
                数据行（可筛选、排序、分页）：<a href={`${OPEN_API}/${d.id}/rows`}>{`${OPEN_API}/${d.id}/rows`}</a>
              </li>
              <li>
                接口说明：<a href="/api/docs">接口文档</a>
              </li>
            </ul>
          </section>
        </article>
      </div>
    </Page>
  );
}

function Preview({
  view,
  dataset: d,
  preview: p,
}: {
  view: ViewContext;
  dataset: PublicDataset;
  preview: PreviewState;
}) {
  const columns: DataColumn[] = p.version.columns;
  return (
    <section aria-labelledby="ds-preview-title" id="preview">
      <h2 id="ds-preview-title">数据预览</h2>
      {d.versions.length > 1 ? (
        <nav className="dataset-versions" aria-label="选择版本">
          版本：
          <ul>
            {[...d.versions].reverse().map((v) => (
              <li key={v.id}>
                <a
                  href={href(view, p.url({ v: v.seq, page: 1 }))}
                  aria-current={v.id === p.version.id ? 'true' : undefined}
                >
                  {v.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {/* biome-ignore lint/a11y/useSemanticElements: a <section> would add a heading-less landmark; role=region names the scroller */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: keyboard users scroll the wide table */}
      <div className="table-scroll" role="region" aria-labelledby="ds-preview-caption" tabIndex={0}>
        <table className="dataset-table dataset-preview">
          <caption id="ds-preview-caption">
            {p.version.label}
            {p.sort ? `，按“${p.sort}”${p.order === 'desc' ? '降序' : '升序'}排列` : ''}（点击列名排序）
          </caption>
          <thead>
            <tr>
              {columns.map((c) => {
                const active = p.sort === c.name;
                const next = active && p.order === 'asc' ? 'desc' : 'asc';
                return (
                  <th
                    key={c.name}
                    scope="col"
                    aria-sort={active ? (p.order === 'asc' ? 'ascending' : 'descending') : undefined}
                  >
                    <a href={href(view, p.url({ sort: c.name, order: next, page: 1 }))}>
                      {c.name}
                      {c.unit ? `（${c.unit}）` : ''}
                      {active ? (p.order === 'asc' ? ' ▲' : ' ▼') : ''}
                    </a>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rendered once to static HTML, never reconciled
              <tr key={i}>
                {r.map((v, j) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rendered once to static HTML, never reconciled
                  <td key={j} className={isNumeric(columns[j].type) ? 'num' : undefined}>
                    {shown(v)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <PaginationNav view={view} pagination={p.pagination} label="数据预览分页" />
    </section>
  );
}

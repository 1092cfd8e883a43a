// Data release on the public site: the 数据发布 column's page, each data set's page at its item's address,
// charts embedded in articles and 图解 (<figure data-dataset-chart="ID">, drawn at display time), the styles,
// and the cache invalidation when a site-data version goes public.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppContext } from '../../context.ts';
import type { PageContext, PageResult } from '../portal/page-context.ts';
import { pageTitle } from '../portal/page-kit.ts';
import { articleMeta, columnMeta, siteMeta } from '../portal/meta.ts';
import { AssetManifest } from '../portal/assets.ts';
import type { PublicColumn } from '../portal/views/types.ts';
import type { SiteView } from '../sites/sites.schema.ts';
import { escapeHtml } from '../../platform/charts.ts';
import { AppError } from '../../platform/errors.ts';
import type { DatasetsService } from './datasets.service.ts';
import type { PublicDataset } from './datasets.public.ts';
import { selectRows } from './table-data.ts';
import { CataloguePage, DatasetPage, type Frame, type PreviewState } from './datasets.views.tsx';

const ASSET_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets');
export const DATASET_ASSET_PREFIX = '/datasets/assets/';
let manifest: AssetManifest | null = null;

/** datasets.css, served at /datasets/assets/<name>.<hash>.css. */
export function datasetAssets(): AssetManifest {
  manifest ??= AssetManifest.load(ASSET_DIR);
  return manifest;
}
const cssUrl = () =>
  `${DATASET_ASSET_PREFIX}${
    datasetAssets()
      .list()
      .find((a) => a.name === 'datasets.css')!.fileName
  }`;

const PREVIEW_ROWS = 20;
const CATALOGUE_SIZE = 10;

const ancestryOf = (page: PageContext, column: PublicColumn): PublicColumn[] => {
  const out: PublicColumn[] = [];
  for (
    let c: PublicColumn | undefined = column;
    c;
    c = c.parentId === null ? undefined : page.model.byId.get(c.parentId)
  )
    out.unshift(c);
  return out;
};

const positive = (value: string | null, max: number): number | null =>
  value !== null && /^[1-9]\d{0,5}$/.test(value) && Number(value) <= max ? Number(value) : null;

/**
 * Which paths are 数据发布 columns, on any site. A column page registered with this "pattern" is tried before
 * the portal's own column pages; the set follows column changes (and is re-read every minute for other nodes').
 */
class DataColumnPaths extends RegExp {
  paths = new Set<string>();
  constructor() {
    super('^$');
  }
  override exec(path: string): RegExpExecArray | null {
    return this.paths.has(path)
      ? (Object.assign([path], { index: 0, input: path }) as unknown as RegExpExecArray)
      : null;
  }
}

export async function registerDatasetPages(ctx: AppContext): Promise<void> {
  const portal = ctx.portal;
  const datasets = ctx.datasets;
  const columnPaths = new DataColumnPaths();
  const refresh = async () => {
    const paths = new Set<string>();
    for (const site of await ctx.sites.list())
      for (const c of (await ctx.columns.tree(site.id)).flat) if (c.columnType === '数据发布') paths.add(c.path);
    columnPaths.paths = paths;
  };
  await refresh();
  ctx.columns.onChange(() => refresh());
  setInterval(() => void refresh().catch(() => undefined), 60_000).unref();

  portal.registerPage({ path: columnPaths, render: (page) => catalogue(page, datasets) });
  portal.registerItemPage('dataset', (page, item, column) => datasetPage(page, datasets, item.id, column));
  portal.registerBodyFilter((site, html) => embedCharts(site, html, datasets));
  // A site-data version went public, or a data set was published or withdrawn: its charts may be embedded
  // anywhere on the site.
  portal.invalidateOn((drop) => {
    datasets.onChange(drop);
    ctx.publication.onChange(async (change) => {
      if (await datasets.isDatasetItem(change.contentId)) drop(change.siteId);
    });
  });
}

function frameOf(page: PageContext, title: string, meta: Frame['meta'], currentPath?: string): Frame {
  return {
    view: currentPath ? { ...page.view, currentPath } : page.view,
    title,
    meta,
    css: cssUrl(),
  };
}

// ───────────── the column ─────────────

async function catalogue(page: PageContext, datasets: DatasetsService): Promise<PageResult> {
  const column = page.model.byPath.get(page.match.path);
  if (column?.columnType !== '数据发布') return { type: 'not-found' };
  const all = (await datasets.reader.list(page.site.id)).filter((d) => d.columnId === column.id);
  const themes = [...new Set(all.map((d) => d.metadata.theme))].sort();
  const departments = [...new Set(all.map((d) => d.metadata.departmentName))].sort();
  const theme = page.query.get('theme') ?? '';
  const department = page.query.get('department') ?? '';
  const q = (page.query.get('q') ?? '').trim().slice(0, 100);
  const filters = {
    theme: themes.includes(theme) ? theme : '',
    department: departments.includes(department) ? department : '',
    q,
  };
  const found = all.filter(
    (d) =>
      (!filters.theme || d.metadata.theme === filters.theme) &&
      (!filters.department || d.metadata.departmentName === filters.department) &&
      (!q || [d.metadata.title, d.metadata.description, d.metadata.keywords].some((t) => t.includes(q))),
  );
  const pageCount = Math.max(1, Math.ceil(found.length / CATALOGUE_SIZE));
  const pageNo = positive(page.query.get('page'), 100000) ?? 1;
  if (pageNo > pageCount) return { type: 'not-found' };
  const query = (n: number) => {
    const params = new URLSearchParams();
    if (filters.theme) params.set('theme', filters.theme);
    if (filters.department) params.set('department', filters.department);
    if (q) params.set('q', q);
    if (n > 1) params.set('page', String(n));
    const s = params.toString();
    return s ? `?${s}` : '';
  };
  const render = async (): Promise<PageResult> => {
    const ancestry = ancestryOf(page, column);
    const names = [...ancestry].reverse().map((c) => c.name);
    const shown = [];
    for (const d of found.slice((pageNo - 1) * CATALOGUE_SIZE, pageNo * CATALOGUE_SIZE))
      shown.push({ dataset: d, url: await datasets.pagePath(d) });
    const frame = frameOf(
      page,
      pageTitle(page.site, ...(pageNo > 1 ? [`${column.name}（第${pageNo}页）`, ...names.slice(1)] : names)),
      [...siteMeta(page.site), ...columnMeta(column)],
      `${page.view.currentPath}${query(pageNo)}`,
    );
    return page.html(
      <CataloguePage
        frame={frame}
        column={column}
        ancestry={ancestry}
        filters={filters}
        themes={themes}
        departments={departments}
        datasets={shown}
        pagination={{ page: pageNo, pageCount, total: found.length, pageUrl: (n) => `${column.path}${query(n)}` }}
      />,
    );
  };
  // Free-text searches are not cached (their number is unbounded); the filter choices are.
  return q ? render() : page.cached(render, query(pageNo));
}

// ───────────── a data set ─────────────

async function datasetPage(
  page: PageContext,
  datasets: DatasetsService,
  contentId: number,
  column: PublicColumn,
): Promise<PageResult | null> {
  const dataset = await datasets.reader.byContent(contentId);
  if (!dataset) return null;
  const v = positive(page.query.get('v'), 100000);
  const version = dataset.versions.find((x) => x.seq === v) ?? dataset.versions.at(-1)!;
  const sortName = page.query.get('sort');
  const sort = version.columns.some((c) => c.name === sortName) ? sortName : null;
  const order: 'asc' | 'desc' = page.query.get('order') === 'desc' ? 'desc' : 'asc';
  const pageCount = Math.max(1, Math.ceil(version.rowCount / PREVIEW_ROWS));
  const pageNo = positive(page.query.get('page'), 100000) ?? 1;
  if (pageNo > pageCount) return { type: 'not-found' };
  const latest = version.id === dataset.versions.at(-1)!.id;
  const state = { v: latest ? null : version.seq, sort, order, page: pageNo };
  const url = (change: { v?: number; sort?: string | null; order?: 'asc' | 'desc'; page?: number }) => {
    const next = { ...state, ...change };
    const params = new URLSearchParams();
    if (next.v && next.v !== dataset.versions.at(-1)!.seq) params.set('v', String(next.v));
    if (next.sort) {
      params.set('sort', next.sort);
      if (next.order === 'desc') params.set('order', 'desc');
    }
    if (next.page && next.page > 1) params.set('page', String(next.page));
    const s = params.toString();
    return `${page.match.path}${s ? `?${s}` : ''}`;
  };
  const variant = url({}).slice(page.match.path.length);
  return page.cached(async () => {
    const table = await datasets.reader.table(version);
    const sortIndex = sort === null ? undefined : table.columns.findIndex((c) => c.name === sort);
    const selected = selectRows(table, {
      conditions: [],
      sort: sortIndex,
      order,
      page: pageNo,
      pageSize: PREVIEW_ROWS,
    });
    const charts = [];
    for (const c of dataset.charts) {
      // A chart the newest figures cannot draw any more is left out rather than failing the page.
      const chart = await datasets.reader.chart(dataset, c.id, `chart-${c.id}`).catch((error: unknown) => {
        if (error instanceof AppError) return null;
        throw error;
      });
      if (chart) charts.push({ id: c.id, chart });
    }
    const preview: PreviewState = {
      version,
      sort,
      order,
      rows: selected.rows,
      pagination: { page: pageNo, pageCount, total: selected.total, pageUrl: (n) => url({ page: n }) },
      url,
    };
    const ancestry = ancestryOf(page, column);
    const m = dataset.metadata;
    const meta = [
      ...siteMeta(page.site),
      ...columnMeta(column),
      ...articleMeta({
        title: m.title,
        publishedAt: dataset.publishedAt,
        source: m.departmentName,
        keywords: m.keywords || column.keywords,
        description: m.description.slice(0, 80),
        url: `${page.origin}${page.match.prefix}${page.match.path}`,
      }),
    ];
    const frame = frameOf(page, pageTitle(page.site, m.title, column.name), meta, `${page.view.currentPath}${variant}`);
    return page.html(
      <DatasetPage frame={frame} ancestry={ancestry} dataset={dataset} charts={charts} preview={preview} />,
    );
  }, variant);
}

// ───────────── charts in articles and 图解 ─────────────

const PLACEHOLDER =
  /<figure data-dataset-chart="(\d{1,9})"><\/figure>|<figure data-dataset-chart="(\d{1,9})">[\s\S]*?<\/figure>/g;

/**
 * Draws each <figure data-dataset-chart="ID"> of a body from the published data set the chart belongs to (of
 * the same site); a chart whose data set is not public is replaced by a note, never by unpublished data.
 */
export async function embedCharts(site: SiteView, html: string, datasets: DatasetsService): Promise<string> {
  if (!html.includes('data-dataset-chart')) return html;
  const ids = [...html.matchAll(PLACEHOLDER)].map((m) => Number(m[1] ?? m[2]));
  const drawn = new Map<number, string>();
  for (const [n, id] of ids.entries()) {
    if (drawn.has(id)) continue;
    const dataset = await datasets.reader.datasetOfChart(id);
    drawn.set(id, dataset && dataset.siteId === site.id ? await chartHtml(datasets, dataset, id, n) : unavailable());
  }
  return html.replace(PLACEHOLDER, (_whole, a?: string, b?: string) => drawn.get(Number(a ?? b)) ?? unavailable());
}

async function chartHtml(
  datasets: DatasetsService,
  dataset: PublicDataset,
  chartId: number,
  n: number,
): Promise<string> {
  try {
    const chart = await datasets.reader.chart(dataset, chartId, `embedded-chart-${chartId}-${n}`);
    const link = await datasets.pagePath(dataset);
    return `${chart.html}<p class="chart-source-link">数据来源：<a href="${escapeHtml(link)}">${escapeHtml(dataset.metadata.title)}</a></p>`;
  } catch (error) {
    if (error instanceof AppError) return unavailable();
    throw error;
  }
}

const unavailable = () => '<p class="chart-unavailable">（图表暂不可用）</p>';

// The public service pages, registered with the portal (ctx.portal): the hub /bsfw/ (事项公开, with filters), each
// item's page /bsfw/item/<code>.html, each 一件事 /bsfw/yjs/<slug>.html, the statistics /bsfw/tongji/ and the
// 好差评 results /bsfw/pingjia/; and the content of the 附件1 columns 办事指南, 行政权力办事指南, 公共服务, 中介服务.
// All cached in the page cache and dropped when the module reports a change of the site.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppContext } from '../../context.ts';
import type { PageContext, PageResult } from '../portal/page-context.ts';
import { AssetManifest } from '../portal/assets.ts';
import type { ColumnContentResult } from '../portal/portal-registry.ts';
import type { PublicColumn } from '../portal/views/types.ts';
import { href } from '../portal/views/links.ts';
import { guideFiles, policyLinks, publicCatalogue, toPublicItem } from './services.public.ts';
import { RATINGS_PATH, SERVICES_PATH, STATS_PATH } from './catalogue.presenter.ts';
import {
  GROUP_PAGE,
  type Grouping,
  groupPath,
  HubBody,
  hubQueryString,
  ItemTable,
  readHubQuery,
} from './views/hub.tsx';
import {
  hubMeta,
  ItemPageBody,
  itemMeta,
  itemTrail,
  Refreshed,
  ServicesFrame,
  ThemePageBody,
  themeMeta,
  themeTrail,
} from './views/pages.tsx';
import { RatingsBody, StatsBody } from './views/stats.tsx';
import type { ItemKind } from './service-types.ts';

const ASSET_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets');
export const SERVICES_ASSET_PREFIX = '/bsfw/assets/';
let manifest: AssetManifest | null = null;

export function serviceAssets(): AssetManifest {
  manifest ??= AssetManifest.load(ASSET_DIR);
  return manifest;
}

export const servicesCss = () =>
  `${SERVICES_ASSET_PREFIX}${
    serviceAssets()
      .list()
      .find((a) => a.name === 'services.css')!.fileName
  }`;

const ITEM_PAGE = /^\/bsfw\/item\/([A-Za-z0-9][A-Za-z0-9-]{3,59})\.html$/;
const THEME_PAGE = /^\/bsfw\/yjs\/([a-z0-9][a-z0-9-]{1,58})\.html$/;

/** The kind of items a 附件1 column lists (null: every item). */
const COLUMN_KINDS: { name: string; kind: ItemKind | null }[] = [
  { name: '办事指南', kind: null },
  { name: '行政权力办事指南', kind: '行政权力' },
  { name: '公共服务', kind: '公共服务' },
  { name: '中介服务', kind: '中介服务' },
];

export function registerServicePages(ctx: AppContext): void {
  const { portal, services } = ctx;
  const css = servicesCss();
  const absolute = (page: PageContext, p: string) => `${page.origin}${href(page.view, p)}`;

  const hub =
    (pathGroup?: Grouping) =>
    async (page: PageContext): Promise<PageResult> => {
      const query = readHubQuery(page.query, pathGroup);
      // The older address of a grouping, /bsfw/?group=<kind>, moves to the grouping's own page.
      if (!pathGroup && query.group !== 'theme') {
        const qs = hubQueryString(query);
        const location = `${href(page.view, groupPath(query.group))}${qs ? `?${qs}` : ''}`;
        return { type: 'redirect', status: 301, location };
      }
      return page.cached(
        async () => {
          const catalogue = await publicCatalogue(services, page.site.id);
          return page.html(
            <ServicesFrame
              view={page.view}
              title="办事服务"
              heading="办事服务"
              trail={[{ label: '办事服务' }]}
              meta={hubMeta(page.view)}
              css={css}
            >
              <HubBody view={page.view} catalogue={catalogue} query={query} />
            </ServicesFrame>,
          );
        },
        `${query.group}|${hubQueryString(query)}`,
      );
    };
  portal.registerPage({ path: SERVICES_PATH, render: hub() });
  portal.registerPage({ path: GROUP_PAGE, render: (page) => hub(page.params![1] as Grouping)(page) });

  portal.registerPage({
    path: ITEM_PAGE,
    render: (page) =>
      page.cached(async (): Promise<PageResult> => {
        const code = page.params![1];
        const row = (await services.catalogue.itemsOfSite(page.site.id)).find((r) => r.code === code);
        if (!row) return { type: 'not-found' };
        const names = await services.catalogue.departmentNames(page.site.id);
        const guide = await services.guides.publishedOf(row);
        const item = toPublicItem(row, names.get(row.department_id) ?? '', guide);
        const stats = await services.statsView(page.site.id);
        const ratings = stats.ratings.reduce((a, m) => ({ good: a.good + m.total - m.bad, total: a.total + m.total }), {
          good: 0,
          total: 0,
        });
        const satisfaction =
          ratings.total >= 5 ? `${Math.round((ratings.good / ratings.total) * 1000) / 10}%（全站近 12 个月）` : null;
        return page.html(
          <ServicesFrame
            view={page.view}
            title={item.name}
            heading={item.name}
            trail={itemTrail(page.view, item)}
            meta={itemMeta(page.view, item, absolute(page, page.match.path))}
            css={css}
          >
            <ItemPageBody
              view={page.view}
              item={item}
              policies={await policyLinks(services, page.site.id, guide)}
              files={await guideFiles(services, guide)}
              satisfaction={satisfaction}
            />
          </ServicesFrame>,
        );
      }),
  });

  portal.registerPage({
    path: THEME_PAGE,
    render: (page) =>
      page.cached(async (): Promise<PageResult> => {
        const theme = (await services.catalogue.themes(page.site.id, true)).find((t) => t.slug === page.params![1]);
        if (!theme) return { type: 'not-found' };
        const catalogue = await publicCatalogue(services, page.site.id);
        const items = theme.itemIds
          .map((id) => catalogue.items.find((i) => i.id === id))
          .filter((i): i is NonNullable<typeof i> => !!i);
        const files = new Map();
        for (const i of items) for (const [id, f] of await guideFiles(services, i.guide)) files.set(id, f);
        return page.html(
          <ServicesFrame
            view={page.view}
            title={theme.name}
            heading={theme.name}
            trail={themeTrail(page.view, theme)}
            meta={themeMeta(page.view, theme, absolute(page, page.match.path))}
            css={css}
          >
            <ThemePageBody view={page.view} theme={theme} items={items} files={files} />
          </ServicesFrame>,
        );
      }),
  });

  for (const [pagePath, title, Body] of [
    [STATS_PATH, '办事统计', StatsBody],
    [RATINGS_PATH, '“好差评”结果公开', RatingsBody],
  ] as const)
    portal.registerPage({
      path: pagePath,
      render: (page) =>
        page.cached(async () => {
          const stats = await services.statsView(page.site.id);
          return page.html(
            <ServicesFrame
              view={page.view}
              title={title}
              heading={title}
              trail={[{ label: '办事服务', href: href(page.view, SERVICES_PATH) }, { label: title }]}
              meta={hubMeta(page.view, title)}
              css={css}
            >
              <Refreshed at={stats.refreshedAt} />
              <Body stats={stats} />
            </ServicesFrame>,
          );
        }),
    });

  for (const { name, kind } of COLUMN_KINDS)
    portal.registerColumnContent(
      { columnType: '办事服务', name },
      async ({ page, column }): Promise<ColumnContentResult> => {
        const catalogue = await publicCatalogue(services, page.site.id);
        const items = catalogue.items.filter((i) => kind === null || i.kind === kind);
        return { items: [], body: <ColumnBody page={page} column={column} items={items} /> };
      },
    );

  portal.invalidateOn((drop) => services.changes.on((siteId) => drop(siteId)));
}

function ColumnBody({
  page,
  column,
  items,
}: {
  page: PageContext;
  column: PublicColumn;
  items: Awaited<ReturnType<typeof publicCatalogue>>['items'];
}) {
  return (
    <div className="svc-column">
      <p>
        本栏目公开{column.name === '办事指南' ? '全部' : `“${column.name}”类`}政务服务事项的办事指南，共 {items.length}{' '}
        项。按主题、服务对象、部门查找或在线办理，请进入
        <a href={href(page.view, SERVICES_PATH)}>办事服务</a>。
      </p>
      {items.length ? (
        <ItemTable view={page.view} items={items} caption={`${column.name}事项`} />
      ) : (
        <p className="empty-state">本栏目暂无信息</p>
      )}
    </div>
  );
}

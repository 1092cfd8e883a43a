// The 办事服务 hub (事项公开): every item in use, grouped by theme, by 个人/法人, by department or by type, with a
// filter and a search that work as a plain GET form; the integrated services (一件事); links to the statistics
// and the 好差评 results. Also the lists the 附件1 columns 办事指南, 行政权力办事指南, 公共服务, 中介服务 show.
import type { ViewContext } from '../../portal/views/types.ts';
import { href } from '../../portal/views/links.ts';
import { AUDIENCE_LABELS, type Audience, ITEM_TYPES, SERVICE_THEMES } from '../service-types.ts';
import { itemPath, RATINGS_PATH, SERVICES_PATH, STATS_PATH, themePath } from '../catalogue.presenter.ts';
import type { PublicCatalogue, PublicItem } from '../services.public.ts';
import type { ThemeView } from '../catalogue.schema.ts';

export const GROUPINGS = { theme: '按主题', audience: '按服务对象', department: '按部门', type: '按事项类型' } as const;
export type Grouping = keyof typeof GROUPINGS;

/**
 * Each grouping has its own address (`/bsfw/` by theme, `/bsfw/group/<kind>/` otherwise), so every unfiltered
 * view is a plain page a static export can write as a file; `/bsfw/?group=<kind>` still answers the same view.
 */
export const groupPath = (group: Grouping) => (group === 'theme' ? SERVICES_PATH : `${SERVICES_PATH}group/${group}/`);
export const GROUP_PAGE = /^\/bsfw\/group\/(audience|department|type)\/$/;

export interface HubQuery {
  q: string;
  group: Grouping;
  audience: string;
  theme: string;
  department: number | null;
  type: string;
}

/**
 * Reads the hub's query leniently: unknown values are ignored, so every variant is a valid, cacheable page.
 * `pathGroup` is the grouping named by the page's address (`/bsfw/group/<kind>/`), which wins over `?group=`.
 */
export function readHubQuery(query: URLSearchParams, pathGroup?: Grouping): HubQuery {
  const group = pathGroup ?? query.get('group') ?? 'theme';
  const pick = (name: string, allowed: readonly string[]) => {
    const v = query.get(name) ?? '';
    return allowed.includes(v) ? v : '';
  };
  const department = query.get('department') ?? '';
  return {
    q: (query.get('q') ?? '').trim().slice(0, 50),
    group: (group in GROUPINGS ? group : 'theme') as Grouping,
    audience: pick('audience', ['自然人', '法人']),
    theme: pick('theme', SERVICE_THEMES),
    department: /^[1-9]\d{0,8}$/.test(department) ? Number(department) : null,
    type: pick('type', ITEM_TYPES),
  };
}

/** The query string of the hub's filters; the grouping is in the page's address (groupPath). */
export function hubQueryString(q: HubQuery): string {
  const p = new URLSearchParams();
  if (q.q) p.set('q', q.q);
  if (q.audience) p.set('audience', q.audience);
  if (q.theme) p.set('theme', q.theme);
  if (q.department) p.set('department', String(q.department));
  if (q.type) p.set('type', q.type);
  return p.toString();
}

export function filterItems(items: PublicItem[], q: HubQuery): PublicItem[] {
  const needle = q.q.toLowerCase();
  return items.filter(
    (i) =>
      (!q.audience || i.audiences.includes(q.audience)) &&
      (!q.theme || i.theme === q.theme) &&
      (!q.department || i.departmentId === q.department) &&
      (!q.type || i.type === q.type) &&
      (!needle ||
        [i.name, i.code, i.theme, i.departmentName, ...i.keywords, ...i.events].some((t) =>
          t.toLowerCase().includes(needle),
        )),
  );
}

export function groupItems(items: PublicItem[], group: Grouping): [string, PublicItem[]][] {
  const groups = new Map<string, PublicItem[]>();
  const add = (key: string, item: PublicItem) => groups.set(key, [...(groups.get(key) ?? []), item]);
  for (const item of items) {
    if (group === 'theme') add(item.theme, item);
    else if (group === 'department') add(item.departmentName, item);
    else if (group === 'type') add(item.type, item);
    else for (const a of item.audiences) add(AUDIENCE_LABELS[a as Audience] ?? a, item);
  }
  const order =
    group === 'theme'
      ? (SERVICE_THEMES as readonly string[])
      : group === 'type'
        ? (ITEM_TYPES as readonly string[])
        : null;
  return [...groups].sort(([a], [b]) =>
    order ? order.indexOf(a) - order.indexOf(b) : a.localeCompare(b, 'zh-Hans-CN'),
  );
}

export function ItemTable({ view, items, caption }: { view: ViewContext; items: PublicItem[]; caption: string }) {
  return (
    <div className="table-scroll">
      <table className="svc-items">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">事项名称</th>
            <th scope="col">事项类型</th>
            <th scope="col">服务对象</th>
            <th scope="col">实施部门</th>
            <th scope="col">办理方式</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.id}>
              <th scope="row">
                <a href={href(view, itemPath(i.code))}>{i.name}</a>
              </th>
              <td>{i.type}</td>
              <td>{i.audiences.join('、')}</td>
              <td>{i.departmentName}</td>
              <td>{i.guide ? (i.guide.data.online ? '可网上办理' : '窗口办理') : '指南编制中'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ThemeCards({ view, themes }: { view: ViewContext; themes: ThemeView[] }) {
  if (themes.length === 0) return null;
  return (
    <section className="svc-themes" aria-labelledby="svc-themes-title">
      <h2 id="svc-themes-title">主题集成服务（一件事）</h2>
      <ul>
        {themes.map((t) => (
          <li key={t.id}>
            <a href={href(view, themePath(t.slug))}>{t.name}</a>
            <span>{t.description}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Filters({ view, catalogue, query }: { view: ViewContext; catalogue: PublicCatalogue; query: HubQuery }) {
  return (
    <form className="svc-filters" method="get" action={href(view, groupPath(query.group))} aria-label="查找办事事项">
      <fieldset>
        <legend>查找事项</legend>
        <label htmlFor="svc-q">关键词</label>
        <input id="svc-q" type="search" name="q" defaultValue={query.q} maxLength={50} placeholder="如：营业执照" />
        <label htmlFor="svc-audience">服务对象</label>
        <select id="svc-audience" name="audience" defaultValue={query.audience}>
          <option value="">全部</option>
          <option value="自然人">个人办事</option>
          <option value="法人">法人办事</option>
        </select>
        <label htmlFor="svc-theme">主题</label>
        <select id="svc-theme" name="theme" defaultValue={query.theme}>
          <option value="">全部主题</option>
          {[...new Set(catalogue.items.map((i) => i.theme))].map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <label htmlFor="svc-department">实施部门</label>
        <select id="svc-department" name="department" defaultValue={query.department ? String(query.department) : ''}>
          <option value="">全部部门</option>
          {catalogue.departments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
        <label htmlFor="svc-type">事项类型</label>
        <select id="svc-type" name="type" defaultValue={query.type}>
          <option value="">全部类型</option>
          {[...new Set(catalogue.items.map((i) => i.type))].map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <button type="submit">查找</button>
      </fieldset>
    </form>
  );
}

export function HubBody({
  view,
  catalogue,
  query,
}: {
  view: ViewContext;
  catalogue: PublicCatalogue;
  query: HubQuery;
}) {
  const items = filterItems(catalogue.items, query);
  const groups = groupItems(items, query.group);
  const filtered = Boolean(query.q || query.audience || query.theme || query.department || query.type);
  const groupHref = (g: Grouping) => {
    const qs = hubQueryString(query);
    return `${href(view, groupPath(g))}${qs ? `?${qs}` : ''}`;
  };
  return (
    <>
      <p className="svc-intro">
        本站共公开 {catalogue.items.length} 个政务服务事项，其中
        {catalogue.items.filter((i) => i.guide?.data.online).length} 个可网上办理。
        <a href={href(view, STATS_PATH)}>办事统计</a>　<a href={href(view, RATINGS_PATH)}>“好差评”结果公开</a>
      </p>
      <ThemeCards view={view} themes={catalogue.themes} />
      <Filters view={view} catalogue={catalogue} query={query} />
      <nav className="svc-groupings" aria-label="分类方式">
        <ul>
          {(Object.keys(GROUPINGS) as Grouping[]).map((g) => (
            <li key={g}>
              <a href={groupHref(g)} aria-current={g === query.group ? 'page' : undefined}>
                {GROUPINGS[g]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <p className="svc-count" role="status">
        {filtered ? `找到 ${items.length} 个符合条件的事项。` : `共 ${items.length} 个事项。`}
        {filtered ? <a href={href(view, groupPath(query.group))}>清除筛选条件</a> : null}
      </p>
      {groups.map(([name, list]) => (
        <ItemTable key={name} view={view} items={list} caption={`${name}（${list.length}）`} />
      ))}
      {items.length === 0 ? <p className="empty-state">没有符合条件的事项，请换用其他关键词或分类。</p> : null}
    </>
  );
}

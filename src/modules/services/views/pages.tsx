// The public service pages in the portal's layout: the hub, an item with its guide, a 一件事, the statistics and
// the 好差评 results. Charts are drawn on the server (SVG) with their words and a data table.
import type { ReactNode } from 'react';
import { Layout } from '../../portal/views/Layout.tsx';
import { Breadcrumbs } from '../../portal/views/parts.tsx';
import type { Crumb, ViewContext } from '../../portal/views/types.ts';
import { href } from '../../portal/views/links.ts';
import { articleMeta, columnMeta, type MetaTag, siteMeta } from '../../portal/meta.ts';
import { pageTitle } from '../../portal/portal.service.ts';
import { shanghaiDate, shanghaiDateTime } from '../../../platform/time.ts';
import { applyPath, itemPath, SERVICES_PATH, themeApplyPath } from '../catalogue.presenter.ts';
import type { ThemeView } from '../catalogue.schema.ts';
import type { PublicItem, PolicyLink } from '../services.public.ts';
import { mergedMaterials } from '../services.public.ts';
import { FlowChart, type FileMap, GuideSections, MaterialsTable } from './guide.tsx';

export interface FrameProps {
  view: ViewContext;
  title: string;
  heading: string;
  trail: Crumb[];
  meta: MetaTag[];
  css: string;
  children: ReactNode;
}

export function ServicesFrame({ view, title, heading, trail, meta, css, children }: FrameProps) {
  return (
    <Layout view={view} title={pageTitle(view.site, title)} meta={meta}>
      <link rel="stylesheet" href={css} />
      <div className="container svc-page">
        <Breadcrumbs view={view} trail={trail} />
        <h1>{heading}</h1>
        {children}
      </div>
    </Layout>
  );
}

export const hubMeta = (view: ViewContext, name = '办事服务') => [
  ...siteMeta(view.site),
  ...columnMeta({
    name,
    description: '政务服务事项目录、办事指南、在线办理、办事统计和“好差评”结果',
    keywords: '办事服务,办事指南,在线办理,一件事,好差评',
    columnType: '办事服务',
  }),
];

const hubCrumb = (view: ViewContext): Crumb => ({ label: '办事服务', href: href(view, SERVICES_PATH) });

export function ItemPageBody({
  view,
  item,
  policies,
  files,
  satisfaction,
}: {
  view: ViewContext;
  item: PublicItem;
  policies: Map<number, PolicyLink>;
  files: FileMap;
  satisfaction: string | null;
}) {
  const g = item.guide;
  return (
    <article className="svc-item">
      <p className="article-info">
        <span>事项编码：{item.code}</span>
        <span>事项类型：{item.type}</span>
        <span>服务对象：{item.audiences.join('、')}</span>
        <span>实施部门：{item.departmentName}</span>
        {g ? <span>发布时间：{shanghaiDate(g.pubDate)}</span> : null}
        {g?.updatedAt ? <span>更新时间：{shanghaiDate(g.updatedAt)}</span> : null}
      </p>
      {item.events.length ? <p className="svc-tags">相关事件：{item.events.join('、')}</p> : null}
      {g ? (
        <>
          <div className="svc-actions">
            {g.data.online ? (
              <a className="svc-apply" href={applyPath(item.id)}>
                在线办理
              </a>
            ) : (
              <p>本事项暂不支持网上办理，请按办事指南到窗口办理。</p>
            )}
            {satisfaction ? <p className="svc-satisfaction">本事项“好差评”满意率：{satisfaction}</p> : null}
          </div>
          <GuideSections view={view} g={g.data} policies={policies} files={files} />
        </>
      ) : (
        <p className="empty-state">本事项的办事指南正在编制，发布后在此公开。</p>
      )}
    </article>
  );
}

export function itemMeta(view: ViewContext, item: PublicItem, url: string): MetaTag[] {
  return [
    ...siteMeta(view.site),
    ...articleMeta({
      title: `${item.name}办事指南`,
      publishedAt: item.guide?.pubDate ?? item.updatedAt,
      source: item.departmentName,
      keywords: [item.name, item.type, item.theme, ...item.keywords].join(','),
      description: `${item.name}：${item.type}，实施部门${item.departmentName}`,
      url,
    }),
  ];
}

export const itemTrail = (view: ViewContext, item: PublicItem): Crumb[] => [hubCrumb(view), { label: item.name }];

export function ThemePageBody({
  view,
  theme,
  items,
  files,
}: {
  view: ViewContext;
  theme: ThemeView;
  items: PublicItem[];
  files: FileMap;
}) {
  const merged = mergedMaterials(items);
  const online = items.length > 0 && items.every((i) => i.guide?.data.online);
  const promised = items.map((i) => i.guide?.data.promisedDays ?? null);
  return (
    <article className="svc-theme">
      <p>{theme.description}</p>
      <section aria-labelledby="t-items">
        <h2 id="t-items">包含的事项</h2>
        <ol>
          {items.map((i, n) => (
            <li key={i.id}>
              <a href={href(view, itemPath(i.code))}>{i.name}</a>（{i.departmentName}
              {promised[n] !== null ? `，承诺时限${promised[n] === 0 ? '当场办结' : `${promised[n]}个工作日`}` : ''}）
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="t-flow">
        <h2 id="t-flow">办理流程</h2>
        <FlowChart steps={theme.flow} label={`${theme.name}流程图`} />
      </section>
      <section aria-labelledby="t-materials">
        <h2 id="t-materials">办理材料（已合并去重）</h2>
        <MaterialsTable
          materials={merged.map((m) => m.material)}
          files={files}
          caption={`${theme.name}材料清单：同一材料只需提交一次`}
          extra={{ header: '用于事项', values: merged.map((m) => m.items.join('、')) }}
        />
      </section>
      <div className="svc-actions">
        {online ? (
          <a className="svc-apply" href={themeApplyPath(theme.id)}>
            一次申请，一并办理
          </a>
        ) : (
          <p>本主题部分事项暂不支持网上办理，请按各事项办事指南办理。</p>
        )}
      </div>
    </article>
  );
}

export function themeMeta(view: ViewContext, theme: ThemeView, url: string): MetaTag[] {
  return [
    ...siteMeta(view.site),
    ...articleMeta({
      title: theme.name,
      publishedAt: theme.publishedAt ?? theme.updatedAt,
      source: view.site.name,
      keywords: theme.keywords.join(','),
      url,
    }),
  ];
}

export const themeTrail = (view: ViewContext, theme: ThemeView): Crumb[] => [hubCrumb(view), { label: theme.name }];

export function Refreshed({ at }: { at: string | null }) {
  return (
    <p className="svc-refreshed">
      {at ? `数据更新时间：${shanghaiDateTime(at)}（每日自动更新）` : '统计数据正在生成。'}
    </p>
  );
}

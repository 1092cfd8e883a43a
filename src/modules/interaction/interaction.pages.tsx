// The message board on the public site, through the portal's registry: the 网上留言 column lists the published
// messages (search, filters, paging) and shows each at its content item's address with the four fields the
// indicators ask for; the statistics page (受理反馈情况统计), always current; the smart Q&A page. Cached pages of a
// site are dropped when one of its messages is published, withdrawn or rated.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createElement } from 'react';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';
import { renderChart } from '../../platform/charts.ts';
import { AssetManifest } from '../portal/assets.ts';
import { articleMeta, columnMeta, siteMeta } from '../portal/meta.ts';
import { pageTitle } from '../portal/portal.service.ts';
import type { PageContext, PageResult } from '../portal/page-context.ts';
import type { Crumb, PublicColumn } from '../portal/views/types.ts';
import { columnHref } from '../portal/views/links.ts';
import type { StatsReport } from './interaction.schema.ts';
import { BOARD_GROUP_SLUG, isBoardList, JIUCUO_PATH, QA_PATH, STATS_PATH, SUBMIT_PATH } from './board.ts';
import { publicSubmitter } from './masking.ts';
import { type Frame, type ListFilters, MessageListBody, MessagePage, QaPage, StatsPage } from './views/public.tsx';
import * as repo from './messages.repository.ts';
import * as replies from './replies.repository.ts';

const ASSET_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets');
export const INTERACTION_ASSET_PREFIX = '/hudong/assets/';
let manifest: AssetManifest | null = null;
export function interactionAssets(): AssetManifest {
  manifest ??= AssetManifest.load(ASSET_DIR);
  return manifest;
}
const cssUrl = () =>
  `${INTERACTION_ASSET_PREFIX}${
    interactionAssets()
      .list()
      .find((a) => a.name === 'interaction.css')!.fileName
  }`;

const PAGE_SIZE = 15;
/** Message pages: the reply item's address in the 网上留言 column (`/hdjl/wsly/123.html`). */
const MESSAGE_PAGE = /^((?:\/[a-z0-9][a-z0-9-]*)*\/wsly\/)(\d+)\.html$/;

function filtersOf(query: URLSearchParams): ListFilters {
  const dept = query.get('dept') ?? '';
  const cat = query.get('cat') ?? '';
  return {
    q: (query.get('q') ?? '').trim().slice(0, 50),
    department: /^[1-9]\d{0,8}$/.test(dept) ? Number(dept) : null,
    category: ['咨询', '建议', '投诉'].includes(cat) ? cat : '',
  };
}

const sectionOf = (page: PageContext, column: PublicColumn | null): PublicColumn | null => {
  let c = column;
  while (c && c.parentId !== null) c = page.model.byId.get(c.parentId) ?? null;
  return c ?? page.model.roots.find((r) => r.slug === BOARD_GROUP_SLUG) ?? null;
};

const trailTo = (page: PageContext, column: PublicColumn | null, last: string): Crumb[] => {
  const chain: PublicColumn[] = [];
  for (let c = column; c; c = c.parentId === null ? null : (page.model.byId.get(c.parentId) ?? null)) chain.unshift(c);
  return [...chain.map((c) => ({ label: c.name, href: columnHref(page.view, c) })), { label: last }];
};

const chartsFor = new WeakMap<StatsReport, string[]>();

/** The monthly chart (received and replied) and the on-time rate, drawn once per computed report. */
function statsCharts(report: StatsReport): string[] {
  const cached = chartsFor.get(report);
  if (cached) return cached;
  const months = report.byMonth.map((r) => r.label.replace(/^\d{4}年/, ''));
  const charts = [
    renderChart(
      {
        kind: 'bar',
        title: '每月收到和答复的留言',
        categories: months,
        categoryName: '月份',
        unit: '件',
        series: [
          { name: '收到留言', values: report.byMonth.map((r) => r.received) },
          { name: '已答复', values: report.byMonth.map((r) => r.replied) },
        ],
        source: '本网站留言办理记录',
      },
      { id: 'chart-monthly' },
    ).html,
    renderChart(
      {
        kind: 'bar',
        title: '各答复单位的留言和按时答复',
        categories: report.byDepartment.map((r) => r.label),
        categoryName: '答复单位',
        unit: '件',
        series: [
          { name: '有效留言', values: report.byDepartment.map((r) => r.valid) },
          { name: '按时答复', values: report.byDepartment.map((r) => r.onTime) },
        ],
        source: '本网站留言办理记录',
      },
      { id: 'chart-departments' },
    ).html,
  ];
  chartsFor.set(report, charts);
  return charts;
}

export function registerInteractionPages(ctx: AppContext): void {
  const { portal, interaction, db } = ctx;
  const frame = (page: PageContext, title: string, meta = siteMeta(page.site)): Frame => ({
    view: page.view,
    title,
    meta,
    css: cssUrl(),
  });

  // ── 网上留言: the published messages ──
  portal.registerColumnContent(
    (column) => isBoardList(column),
    async ({ page, column, pageNo }) => {
      const filters = filtersOf(page.query);
      const f = {
        siteId: page.site.id,
        ...(filters.q ? { q: filters.q } : {}),
        ...(filters.department ? { departmentId: filters.department } : {}),
        ...(filters.category ? { category: filters.category } : {}),
      };
      const { rows, total } = await repo.publicList(db, f, PAGE_SIZE, (pageNo - 1) * PAGE_SIZE);
      const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
      if (pageNo > pageCount) return 'not-found';
      const departments = await ctx.departments.list(page.site.id);
      const names = new Map(departments.map((d) => [d.id, d.name]));
      const params = (n: number) => {
        const p = new URLSearchParams();
        if (filters.q) p.set('q', filters.q);
        if (filters.department) p.set('dept', String(filters.department));
        if (filters.category) p.set('cat', filters.category);
        if (n > 1) p.set('page', String(n));
        const s = p.toString();
        return `${column.path}${s ? `?${s}` : ''}`;
      };
      return {
        items: [],
        body: createElement(MessageListBody, {
          view: page.view,
          css: cssUrl(),
          rows: rows.map((r) => ({
            title: r.excerpt_title,
            url: `${column.path}${r.content_id}.html`,
            category: r.category,
            department: names.get(r.department_id) ?? '',
            receivedAt: r.received_at,
            repliedAt: r.replied_at,
          })),
          filters,
          departments: departments.filter((d) => d.mergedIntoId === null),
          action: columnHref(page.view, column),
          submitHref: page.view.prefix ? `${SUBMIT_PATH}?site=${page.site.code}` : SUBMIT_PATH,
        }),
        pagination: { page: pageNo, pageCount, total, pageUrl: params },
      };
    },
    {
      // A search is not cached (any text could be typed); the filters and pages are.
      variant: ({ page, pageNo }) => {
        const f = filtersOf(page.query);
        return f.q ? null : `dept=${f.department ?? ''}&cat=${f.category}&page=${pageNo}`;
      },
    },
  );

  // ── one message, at its reply item's address ──
  portal.registerPage({
    path: MESSAGE_PAGE,
    render: async (page) => {
      const contentId = Number(page.params![2]);
      const index = await page.index();
      const entry = index.byId.get(contentId);
      if (!entry) return { type: 'not-found' };
      const canonical = index.path(entry);
      if (canonical !== page.match.path)
        return { type: 'redirect', status: 301, location: `${page.match.prefix}${canonical}` };
      return page.cached(() => messagePage(page, contentId, index.columnOf(entry)));
    },
  });

  async function messagePage(page: PageContext, contentId: number, column: PublicColumn): Promise<PageResult> {
    const rows = await replies.repliesOfContent(db, contentId);
    const m = rows.length ? await repo.findMessage(db, rows[0]!.message_id) : undefined;
    if (!m?.published_at || !m.published_reply_id) return { type: 'not-found' };
    const published = rows.find((r) => r.id === m.published_reply_id)!;
    const approved = rows.filter((r) => r.state === 'approved' && r.publish === 1);
    const names = new Map((await ctx.departments.list(page.site.id)).map((d) => [d.id, d.name]));
    const citizen = m.citizen_id ? await ctx.citizens.accounts.account(m.citizen_id).catch(() => null) : null;
    const message = {
      title: published.excerpt_title,
      category: m.category,
      trackingNo: m.tracking_no,
      submitter: publicSubmitter(citizen?.displayName ?? m.reporter),
      excerpt: published.excerpt_body,
      receivedAt: m.received_at,
      replies: approved.map((r) => ({
        round: r.round,
        department: names.get(r.department_id) ?? '',
        repliedAt: r.approved_at!,
        body: r.body,
      })),
      rating: m.rating,
    };
    const first = message.replies[0]!;
    const meta = [
      ...siteMeta(page.site),
      ...columnMeta(column),
      ...articleMeta({
        title: message.title,
        publishedAt: m.published_at,
        source: first.department,
        keywords: `${m.category},网上留言`,
        description: message.excerpt.replace(/\s+/g, ' ').slice(0, 80),
        url: `${page.origin}${page.match.prefix}${page.match.path}`,
      }),
    ];
    return page.html(
      createElement(MessagePage, {
        frame: frame(page, pageTitle(page.site, message.title, column.name), meta),
        column,
        section: sectionOf(page, column),
        trail: trailTo(page, column, message.title),
        message,
      }),
    );
  }

  // ── statistics: computed on each visit (a few seconds' cache in the service), never stale ──
  portal.registerPage({
    path: STATS_PATH,
    render: async (page) => {
      const report = await interaction.stats.report(page.site.id);
      const section = sectionOf(page, null);
      const column = section
        ? (page.model.flat.find((c) => c.parentId === section.id && c.slug === 'lytj') ?? null)
        : null;
      const meta = [...siteMeta(page.site), ...(column ? columnMeta(column) : [])];
      return page.html(
        createElement(StatsPage, {
          frame: frame(page, pageTitle(page.site, '留言受理反馈情况统计'), meta),
          section,
          trail: trailTo(page, section, '留言受理反馈情况统计'),
          report,
          charts: statsCharts(report),
          updatedAt: ctx.clock.now().toISOString(),
        }),
      );
    },
  });

  // ── the smart Q&A ──
  portal.registerPage({
    path: QA_PATH,
    render: async (page) => {
      const q = (page.query.get('q') ?? '').trim();
      const idText = page.query.get('id') ?? '';
      const section = sectionOf(page, null);
      let error: string | null = null;
      let result = null;
      let pair = null;
      if (/^[1-9]\d{0,8}$/.test(idText)) {
        const p = await interaction.qa.pair(page.site.id, Number(idText)).catch(() => null);
        if (!p) return { type: 'not-found' };
        pair = {
          question: p.question,
          answer: p.answer,
          department: await interaction.core.departmentName(p.department_id),
          updatedAt: p.updated_at,
        };
      } else if (q) {
        try {
          result = await interaction.qa.answer(page.site.id, '', q);
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          error = e.message;
        }
      }
      const popular = (await interaction.qa.popular(page.site.id)).map((p) => ({
        id: p.id,
        question: p.question,
        url: `${QA_PATH}?id=${p.id}`,
      }));
      const title = pair ? pair.question : q ? `${q} - 智能问答` : '智能问答';
      return page.html(
        createElement(QaPage, {
          frame: frame(page, pageTitle(page.site, title)),
          section,
          trail: trailTo(page, section, '智能问答'),
          q,
          result,
          pair,
          popular,
          error,
        }),
      );
    },
  });

  // A site of the cluster served under /site/<code>/ sends its visitors to the account pages with its code.
  for (const target of [SUBMIT_PATH, JIUCUO_PATH]) {
    portal.registerPage({
      path: target,
      render: async (page) => {
        const params = new URLSearchParams(page.query);
        params.set('site', page.site.code);
        return { type: 'redirect', status: 302, location: `${target}?${params.toString()}` };
      },
    });
  }

  portal.invalidateOn((drop) =>
    interaction.onChange((change) => {
      if (change.public) drop(change.siteId);
    }),
  );
}

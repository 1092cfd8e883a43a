// The annual reports for staff (/api/annual-reports/…): the deadlines, generating each report from the records,
// completing and checking it, the PDF, and submitting it to the release review. The home page shows the newest
// published 年度报表.
import type { App } from '../../platform/http.ts';
import { errors } from '../../platform/http.ts';
import { requireOnSite } from '../../platform/auth/guard.ts';
import type { AppContext } from '../../context.ts';
import { Binary, SiteQuery } from '../participation/participation.schema.ts';
import {
  DisclosureReportUpdate,
  DisclosureReportView,
  ReportsOverview,
  SubmitResult,
  WebsiteReportUpdate,
  WebsiteReportView,
  YearParams,
} from './annual-reports.schema.ts';
import { disclosureReportTitle } from './disclosure-report.service.ts';

const tags = ['年度报告'];

export async function annualReportRoutes(app: App, ctx: AppContext): Promise<void> {
  const { guard } = ctx;
  const { annualReports, disclosureReport, websiteReport } = ctx.participation;
  const read = guard({ capability: 'participation.read' });
  const manage = guard({ capability: 'participation.manage' });

  app.get(
    '/api/annual-reports',
    {
      schema: {
        tags,
        summary: '年度报告与年度报表：发布期限和各年状态',
        querystring: SiteQuery,
        response: { 200: ReportsOverview, ...errors(400, 401, 403) },
      },
      preHandler: read,
    },
    async (request) => {
      requireOnSite(request, 'participation.read', request.query.siteId);
      return annualReports.overview(request.query.siteId);
    },
  );

  const disclosureBase = '/api/annual-reports/:siteId/:year/disclosure';
  app.get(
    disclosureBase,
    {
      schema: {
        tags,
        summary: '政府信息公开工作年度报告',
        params: YearParams,
        response: { 200: DisclosureReportView, ...errors(400, 401, 403, 404) },
      },
      preHandler: read,
    },
    async (request) => {
      requireOnSite(request, 'participation.read', request.params.siteId);
      return disclosureReport.view(request.params.siteId, request.params.year);
    },
  );
  app.post(
    `${disclosureBase}/generate`,
    {
      schema: {
        tags,
        summary: '由依申请公开记录和政策文件库生成（重新生成保留手工填写的内容）',
        params: YearParams,
        response: { 200: DisclosureReportView, ...errors(400, 401, 403, 409) },
      },
      preHandler: manage,
    },
    async (request) => {
      const auth = requireOnSite(request, 'participation.manage', request.params.siteId);
      return disclosureReport.generate(auth, request.params.siteId, request.params.year);
    },
  );
  app.put(
    disclosureBase,
    {
      schema: {
        tags,
        summary: '填写表二、表四、调整表三和正文（数据不一致时拒绝保存）',
        params: YearParams,
        body: DisclosureReportUpdate,
        response: { 200: DisclosureReportView, ...errors(400, 401, 403, 404, 409, 422) },
      },
      preHandler: manage,
    },
    async (request) => {
      const auth = requireOnSite(request, 'participation.manage', request.params.siteId);
      return disclosureReport.update(auth, request.params.siteId, request.params.year, request.body);
    },
  );
  app.post(
    `${disclosureBase}/submit`,
    {
      schema: {
        tags,
        summary: '提交信息发布审查（审查通过后在“政府信息公开年度报告”栏目发布页面和PDF）',
        params: YearParams,
        response: { 200: SubmitResult, ...errors(400, 401, 403, 404, 409, 422) },
      },
      preHandler: manage,
    },
    async (request) => {
      const auth = requireOnSite(request, 'participation.manage', request.params.siteId);
      return disclosureReport.submit(auth, request.params.siteId, request.params.year);
    },
  );
  app.get(
    `${disclosureBase}.pdf`,
    {
      schema: {
        tags,
        summary: '年度报告 PDF（按国办公开办函〔2021〕30号格式排版）',
        params: YearParams,
        response: { 200: Binary, ...errors(400, 401, 403, 404) },
      },
      preHandler: read,
    },
    async (request, reply) => {
      requireOnSite(request, 'participation.read', request.params.siteId);
      const pdf = await disclosureReport.pdf(request.params.siteId, request.params.year);
      const view = await disclosureReport.view(request.params.siteId, request.params.year);
      const name = encodeURIComponent(`${disclosureReportTitle(view.organ, view.year)}.pdf`);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename*=UTF-8''${name}`)
        .send(pdf);
    },
  );

  const websiteBase = '/api/annual-reports/:siteId/:year/website';
  app.get(
    websiteBase,
    {
      schema: {
        tags,
        summary: '政府网站工作年度报表',
        params: YearParams,
        response: { 200: WebsiteReportView, ...errors(400, 401, 403, 404) },
      },
      preHandler: read,
    },
    async (request) => {
      requireOnSite(request, 'participation.read', request.params.siteId);
      return websiteReport.view(request.params.siteId, request.params.year);
    },
  );
  app.post(
    `${websiteBase}/generate`,
    {
      schema: {
        tags,
        summary: '由本平台数据生成年度报表',
        params: YearParams,
        response: { 200: WebsiteReportView, ...errors(400, 401, 403, 409) },
      },
      preHandler: manage,
    },
    async (request) => {
      const auth = requireOnSite(request, 'participation.manage', request.params.siteId);
      return websiteReport.generate(auth, request.params.siteId, request.params.year);
    },
  );
  app.put(
    websiteBase,
    {
      schema: {
        tags,
        summary: '填写需手工填报的字段',
        params: YearParams,
        body: WebsiteReportUpdate,
        response: { 200: WebsiteReportView, ...errors(400, 401, 403, 404, 409) },
      },
      preHandler: manage,
    },
    async (request) => {
      const auth = requireOnSite(request, 'participation.manage', request.params.siteId);
      return websiteReport.update(auth, request.params.siteId, request.params.year, request.body);
    },
  );
  app.post(
    `${websiteBase}/submit`,
    {
      schema: {
        tags,
        summary: '提交信息发布审查（审查通过后在首页显著位置发布）',
        params: YearParams,
        response: { 200: SubmitResult, ...errors(400, 401, 403, 404, 409, 422) },
      },
      preHandler: manage,
    },
    async (request) => {
      const auth = requireOnSite(request, 'participation.manage', request.params.siteId);
      return websiteReport.submit(auth, request.params.siteId, request.params.year);
    },
  );

  // The newest published 年度报表 in a prominent place on the home page.
  ctx.portal.registerHomeNotices(async (siteId) => {
    const found = await annualReports.homeNotice(siteId);
    if (!found) return [];
    const column = (await ctx.columns.tree(siteId)).byId.get(found.column_id);
    return column ? [{ label: '网站年度报表', title: found.title, url: `${column.path}${found.content_id}.html` }] : [];
  });
}

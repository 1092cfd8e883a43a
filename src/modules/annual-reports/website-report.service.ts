// The 政府网站工作年度报表 of a site and year, generated from the system's own records (publication, topics,
// interpretations, visits, inspections, public accounts, search, 长者模式 and the user space), from the modules
// that supply their figures (interaction, services, participation — each through its own service), and from what
// staff enter; published through the release review and shown on the home page.
import type { Db } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/time.ts';
import { shanghaiDate } from '../../platform/time.ts';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { AppError } from '../../platform/errors.ts';
import type { AnnualReport } from './annual-reports.tables.ts';
import type { AuthContext } from '../auth/auth.service.ts';
import type { SitesService } from '../sites/sites.service.ts';
import type { StatsService } from '../stats/stats.service.ts';
import type { SearchService } from '../search/search.service.ts';
import type { ContentSnapshot } from '../content/content-types.ts';
import { primaryDomain } from '../portal/meta.ts';
import type { Release } from '../participation/release.ts';
import * as repo from './annual-reports.repository.ts';
import { yearBounds } from './disclosure-report.ts';
import { reportDue } from './disclosure-report.service.ts';
import {
  FIELD_SPECS,
  type FieldValue,
  type FigureProvider,
  MODULE_FIELDS,
  WEBSITE_REPORT_SECTIONS,
  type WebsiteReportData,
  websiteReportHtml,
  withManual,
} from './website-report.ts';
import type { ReportStatus, WebsiteReportUpdate, WebsiteReportView } from './annual-reports.schema.ts';

const TABLE = 'website_annual_reports';
export const websiteReportTitle = (siteName: string, year: number) => `${siteName}${year}年政府网站工作年度报表`;

const OVERVIEW_TYPES = ['概况信息', '机构职能', '领导信息'];
const NEWS_TYPES = ['动态要闻', '通知公告'];
const PRODUCT_FORMS = ['图解', '音视频', '动漫', '新闻发布会'];

export class WebsiteReportService {
  private readonly providers = new Map<string, FigureProvider>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly sites: SitesService,
    private readonly stats: StatsService,
    private readonly search: SearchService,
    private readonly release: Release,
  ) {}

  /**
   * A module supplies its fields (interaction: 留言办理; services: 事项和办件; participation: 征集调查) through its
   * own service; fields of a module nobody registered stay 'absent' and say so.
   */
  registerFigures(module: string, provider: FigureProvider): void {
    this.providers.set(module, provider);
  }

  /** The figures the system knows for the site and year. */
  async generated(siteId: number, year: number): Promise<WebsiteReportData> {
    const site = await this.sites.get(siteId);
    const { start, end } = yearBounds(year);
    const out: WebsiteReportData = {};
    const system = (key: string, value: FieldValue, note?: string) => {
      out[key] = { value, origin: 'system', ...(note ? { note } : {}) };
    };
    system('siteName', site.name);
    system('homeUrl', `https://${primaryDomain(site)}/`);
    system('sponsor', site.sponsor);
    system('siteType', site.parentId === null ? '部门网站' : '专项网站');
    system('siteIdCode', site.siteIdCode);
    system('icp', site.icpNumber);
    system('police', site.policeNumber);

    const visits = await this.stats.annual(siteId, year);
    system('visitors', visits.uniqueVisitors, '本平台访问统计（按日去重累计）');
    system('views', visits.totalViews, '本平台访问统计');

    const items = await repo.publishedInPeriod(this.db, siteId, start, end);
    system('published', items.length, '本年首次发布的信息');
    system('overview', items.filter((i) => OVERVIEW_TYPES.includes(i.column_type)).length);
    system('news', items.filter((i) => NEWS_TYPES.includes(i.column_type)).length);
    system('catalogue', items.filter((i) => i.index_no).length, '带索引号、进入主动公开目录的信息');
    const interpretations = items.filter((i) => i.type === 'interpretation');
    const formOf = (i: { snapshot: string }) => (JSON.parse(i.snapshot) as ContentSnapshot).fields.form ?? '文字';
    system('interpretations', interpretations.length);
    system('materials', interpretations.filter((i) => formOf(i) === '文字').length);
    system('products', interpretations.filter((i) => PRODUCT_FORMS.includes(formOf(i))).length);
    system('responses', items.filter((i) => i.column_name === '主动回应' || i.column_name === '新闻发布').length);

    const topics = await repo.topicColumns(this.db, siteId);
    system('topicsMaintained', topics.length);
    system('topicsOpened', topics.filter((c) => c.created_at >= start && c.created_at < end).length);

    system('registeredUsers', await repo.citizenCount(this.db, end), '统一公众账号注册数（不含已注销）');
    system('unifiedPlatform', true, '留言、调查征集、依申请公开使用统一公众账号');

    const runs = await repo.inspectionsInPeriod(this.db, siteId, start, end);
    const found = runs.reduce((s, r) => {
      const report = r.report
        ? (JSON.parse(r.report) as { indicators?: { findings?: unknown[]; kind?: string }[] })
        : {};
      return (
        s +
        (report.indicators ?? []).filter((i) => i.kind !== 'bonus').reduce((n, i) => n + (i.findings?.length ?? 0), 0)
      );
    }, 0);
    system('assessments', runs.length, '本平台检查引擎完成的检查');
    system('problemsFound', found);
    system('monitoring', (await repo.activeSchedules(this.db, siteId)) > 0, '定期检查与可用性监测');

    system('searchService', (await this.search.listCards(siteId)).length > 0, '“搜索即服务”卡片');
    system('accessibility', true, '长者模式、无障碍浏览');
    system('personalised', true, '用户空间');

    for (const m of MODULE_FIELDS)
      if (!this.providers.has(m.module))
        for (const key of m.keys) out[key] = { value: null, origin: 'absent', note: m.note };
    for (const [module, provider] of this.providers) {
      for (const [key, value] of Object.entries(await provider(siteId, year)))
        if (FIELD_SPECS.has(key)) out[key] = { value, origin: 'module', note: `由${moduleName(module)}提供` };
    }
    return out;
  }

  private async find(siteId: number, year: number): Promise<AnnualReport> {
    const row = await repo.findReport(this.db, TABLE, siteId, year);
    if (!row) throw new AppError('ANNUAL_REPORT_NOT_FOUND', { year });
    return row;
  }

  private async assertEditable(row: AnnualReport): Promise<void> {
    if (row.status === 'in_review' && (await this.release.inReview(row.content_id)))
      throw new AppError('PARTICIPATION_NOT_EDITABLE', { what: `${row.year}年的网站工作年度报表` });
  }

  async generate(auth: AuthContext, siteId: number, year: number): Promise<WebsiteReportView> {
    const last = Number(shanghaiDate(this.clock.now()).slice(0, 4)) - 1;
    if (year > last) throw new AppError('ANNUAL_REPORT_YEAR_INVALID', { max: last });
    const existing = await repo.findReport(this.db, TABLE, siteId, year);
    if (existing) await this.assertEditable(existing);
    const data = await this.generated(siteId, year);
    const at = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await repo.saveReport(trx, TABLE, {
        site_id: siteId,
        year,
        data: JSON.stringify(data),
        manual: existing?.manual ?? '{}',
        status: 'draft',
        generated_at: at,
        created_by: auth.userId,
        at,
      });
      await this.audit.record(trx, auth.actor, {
        action: 'website-report.generate',
        targetType: 'website_annual_report',
        targetId: `${siteId}:${year}`,
        siteId,
        detail: { year },
      });
    });
    return this.view(siteId, year);
  }

  async update(
    auth: AuthContext,
    siteId: number,
    year: number,
    input: WebsiteReportUpdate,
  ): Promise<WebsiteReportView> {
    const row = await this.find(siteId, year);
    await this.assertEditable(row);
    const manual: Record<string, FieldValue> = {};
    for (const [key, value] of Object.entries(input.manual)) {
      const spec = FIELD_SPECS.get(key);
      if (!spec) continue;
      if (spec.kind === 'number' && value !== null && (typeof value !== 'number' || value < 0))
        throw new AppError('ANNUAL_REPORT_FIELD_INVALID', { field: spec.label, expected: '非负数' });
      if (spec.kind === 'boolean' && value !== null && typeof value !== 'boolean')
        throw new AppError('ANNUAL_REPORT_FIELD_INVALID', { field: spec.label, expected: '是或否' });
      manual[key] = value;
    }
    const at = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await repo.updateReport(trx, TABLE, row.id, {
        manual: JSON.stringify(manual),
        status: row.status === 'published' ? 'draft' : row.status,
        updated_at: at,
      });
      await this.audit.record(trx, auth.actor, {
        action: 'website-report.update',
        targetType: 'website_annual_report',
        targetId: row.id,
        siteId,
        detail: { year, fields: Object.keys(manual) },
      });
    });
    return this.view(siteId, year);
  }

  async submit(auth: AuthContext, siteId: number, year: number) {
    const row = await this.find(siteId, year);
    await this.assertEditable(row);
    const site = await this.sites.get(siteId);
    const data = withManual(JSON.parse(row.data), JSON.parse(row.manual));
    const title = websiteReportTitle(site.name, year);
    const released = await this.release.submit(
      auth,
      siteId,
      {
        column: '通知公告',
        type: 'article',
        title,
        source: site.sponsor || site.name,
        summary: `${site.name}${year}年度政府网站工作年度报表：信息发布、专栏专题、解读回应、办事服务、互动交流、安全防护、移动新媒体和创新发展情况。`,
        bodyHtml: websiteReportHtml(year, site.name, data),
      },
      row.content_id,
    );
    await this.db.transaction().execute(async (trx) => {
      await repo.updateReport(trx, TABLE, row.id, {
        status: 'in_review',
        content_id: released.contentId,
        updated_at: this.clock.now().toISOString(),
      });
      await this.audit.record(trx, auth.actor, {
        action: 'website-report.submit',
        targetType: 'website_annual_report',
        targetId: row.id,
        siteId,
        detail: { year, contentId: released.contentId, reviewRequestId: released.reviewRequestId },
      });
    });
    return released;
  }

  async view(siteId: number, year: number): Promise<WebsiteReportView> {
    const row = await this.find(siteId, year);
    const data = withManual(JSON.parse(row.data), JSON.parse(row.manual));
    return {
      id: row.id,
      siteId,
      year,
      status: row.status as ReportStatus,
      reviewState: await this.release.reviewState(row.content_id),
      contentId: row.content_id,
      generatedAt: row.generated_at,
      publishedAt: row.published_at,
      late: row.published_at !== null && shanghaiDate(row.published_at) > reportDue(year),
      sections: WEBSITE_REPORT_SECTIONS.map((s) => ({
        key: s.key,
        title: s.title,
        fields: s.fields.map((f) => {
          const field = data[f.key];
          return {
            key: f.key,
            label: f.label,
            unit: f.unit ?? null,
            kind: f.kind,
            value: field?.value ?? null,
            origin: field?.origin ?? 'manual',
            note: field?.note ?? null,
          };
        }),
      })),
    };
  }

  list(siteId: number) {
    return repo.listReports(this.db, TABLE, siteId);
  }
}

const moduleName = (module: string) =>
  ({ interaction: '互动交流模块', services: '办事服务模块', participation: '调查征集模块' })[module] ?? module;

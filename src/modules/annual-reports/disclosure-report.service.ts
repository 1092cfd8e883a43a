// The 政府信息公开工作年度报告 of a year: generated from the records (Table 二 from the organ's published documents,
// Table 三 from the 依申请公开 applications), completed by staff (Table 二's decisions and fees, Table 四, the
// narrative), refused while it does not add up, published through the release review with its PDF.
import type { Db } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/time.ts';
import { shanghaiDate } from '../../platform/time.ts';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { AppError } from '../../platform/errors.ts';
import type { AnnualReport } from './annual-reports.tables.ts';
import type { AuthContext } from '../auth/auth.service.ts';
import type { SitesService } from '../sites/sites.service.ts';
import type { FilesService } from '../files/files.service.ts';
import type { ContentSnapshot } from '../content/content-types.ts';
import type { DisclosureService } from '../disclosure/disclosure.service.ts';
import type { Disposition } from '../disclosure/disclosure-rules.ts';
import type { ApplicantType } from '../disclosure/disclosure-rules.ts';
import type { Release } from '../participation/release.ts';
import * as repo from './annual-reports.repository.ts';
import {
  type DisclosureNarrative,
  type DisclosureReportData,
  TABLE3_ROWS,
  type Table2,
  type Table3,
  consistencyProblems,
  emptyTable4,
  table2Documents,
  table3From,
  table3RowLabel,
  yearBounds,
} from './disclosure-report.ts';
import { disclosureReportHtml } from './disclosure-report-html.ts';
import { disclosureReportPdf } from './disclosure-report-pdf.ts';
import type { DisclosureReportUpdate, DisclosureReportView, ReportStatus } from './annual-reports.schema.ts';

const TABLE = 'disclosure_annual_reports';
const EMPTY_NARRATIVE: DisclosureNarrative = { overview: '', problems: '', other: '' };

export const disclosureReportTitle = (organ: string, year: number) => `${organ}${year}年政府信息公开工作年度报告`;
/** 条例 第四十九条: a department's report is published by 31 January of the next year. */
export const reportDue = (year: number) => `${year + 1}-01-31`;

export class DisclosureReportService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly sites: SitesService,
    private readonly files: FilesService,
    private readonly disclosure: DisclosureService,
    private readonly release: Release,
  ) {}

  assertYear(year: number): void {
    const last = Number(shanghaiDate(this.clock.now()).slice(0, 4)) - 1;
    if (year > last) throw new AppError('ANNUAL_REPORT_YEAR_INVALID', { max: last });
  }

  /** The figures of the year as the records give them. */
  async figures(siteId: number, year: number): Promise<DisclosureReportData> {
    const site = await this.sites.get(siteId);
    const organ = site.sponsor || site.name;
    const bounds = yearBounds(year);
    const applications = await this.disclosure.applicationsTouchingYear(siteId, year);
    const table3 = table3From(
      applications.map((a) => ({
        applicantType: a.applicant_type as ApplicantType,
        receivedAt: a.received_at,
        answeredAt: a.answered_at,
        disposition: a.disposition as Disposition | null,
      })),
      bounds,
    );
    const own = (await repo.publishedPolicies(this.db, siteId)).filter((p) => (p.issuing_organ ?? '').includes(organ));
    const documents = table2Documents(
      own.map((p) => ({
        docNumber: p.doc_number ?? '',
        writtenDate: p.written_date,
        validity: p.validity,
        validityDate: (JSON.parse(p.snapshot) as ContentSnapshot).fields.validityDate ?? null,
      })),
      year,
    );
    const feesCollected = applications
      .filter((a) => a.fee_paid_at && a.fee_paid_at >= bounds.start && a.fee_paid_at < bounds.end)
      .reduce((s, a) => s + (a.fee_amount ?? 0), 0);
    return {
      year,
      organ,
      table2: { ...documents, licensing: 0, penalties: 0, enforcement: 0, feesTenThousand: 0 },
      table3,
      table3Generated: table3,
      table4: emptyTable4(),
      feesCollected,
    };
  }

  private async find(siteId: number, year: number): Promise<AnnualReport> {
    const row = await repo.findReport(this.db, TABLE, siteId, year);
    if (!row) throw new AppError('ANNUAL_REPORT_NOT_FOUND', { year });
    return row;
  }

  private async assertEditable(row: AnnualReport): Promise<void> {
    if (row.status === 'in_review' && (await this.release.inReview(row.content_id)))
      throw new AppError('PARTICIPATION_NOT_EDITABLE', { what: `${row.year}年的年度报告` });
  }

  /**
   * Generates (or regenerates) the year's report from the records. What staff entered by hand (Table 二's decisions
   * and fees, Table 四, the narrative) is kept; Table 三 is counted again.
   */
  async generate(auth: AuthContext, siteId: number, year: number): Promise<DisclosureReportView> {
    this.assertYear(year);
    const existing = await repo.findReport(this.db, TABLE, siteId, year);
    if (existing) await this.assertEditable(existing);
    const fresh = await this.figures(siteId, year);
    const kept = existing ? (JSON.parse(existing.data) as DisclosureReportData) : null;
    const data: DisclosureReportData = kept
      ? {
          ...fresh,
          table2: {
            ...fresh.table2,
            licensing: kept.table2.licensing,
            penalties: kept.table2.penalties,
            enforcement: kept.table2.enforcement,
            feesTenThousand: kept.table2.feesTenThousand,
          },
          table4: kept.table4,
        }
      : fresh;
    const at = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await repo.saveReport(trx, TABLE, {
        site_id: siteId,
        year,
        data: JSON.stringify(data),
        manual: existing?.manual ?? JSON.stringify(EMPTY_NARRATIVE),
        status: 'draft',
        generated_at: at,
        created_by: auth.userId,
        at,
      });
      await this.audit.record(trx, auth.actor, {
        action: 'annual-report.generate',
        targetType: 'disclosure_annual_report',
        targetId: `${siteId}:${year}`,
        siteId,
        detail: { year, applications: data.table3.new.at(-1)! + data.table3.carried.at(-1)! },
      });
    });
    return this.view(siteId, year);
  }

  /** Staff's entries; the report is refused (and nothing saved) when the tables do not add up. */
  async update(
    auth: AuthContext,
    siteId: number,
    year: number,
    input: DisclosureReportUpdate,
  ): Promise<DisclosureReportView> {
    const row = await this.find(siteId, year);
    await this.assertEditable(row);
    const data = JSON.parse(row.data) as DisclosureReportData;
    const next: DisclosureReportData = {
      ...data,
      table2: input.table2
        ? { ...input.table2, rules: data.table2.rules, normative: data.table2.normative }
        : data.table2,
      table3: input.table3 ? this.table3Of(input.table3) : data.table3,
      table4: input.table4 ?? data.table4,
    };
    const problems = consistencyProblems(next);
    if (problems.length)
      throw new AppError('ANNUAL_REPORT_INCONSISTENT', { problems: problems.join('；') }, { problems });
    const narrative = input.narrative ?? (JSON.parse(row.manual) as DisclosureNarrative);
    const at = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await repo.updateReport(trx, TABLE, row.id, {
        data: JSON.stringify(next),
        manual: JSON.stringify(narrative),
        status: row.status === 'published' ? 'draft' : row.status,
        updated_at: at,
      });
      await this.audit.record(trx, auth.actor, {
        action: 'annual-report.update',
        targetType: 'disclosure_annual_report',
        targetId: row.id,
        siteId,
        detail: { year, table3Adjusted: JSON.stringify(next.table3) !== JSON.stringify(next.table3Generated) },
      });
    });
    return this.view(siteId, year);
  }

  private table3Of(input: Record<string, number[]>): Table3 {
    const out = {} as Table3;
    for (const row of TABLE3_ROWS) {
      const cells = input[row];
      if (!cells) throw new AppError('ANNUAL_REPORT_INCONSISTENT', { problems: `表三缺少“${table3RowLabel(row)}”` });
      out[row] = cells;
    }
    return out;
  }

  /** Checks again, renders the page and the PDF, and submits the release to the 附件3 review. */
  async submit(auth: AuthContext, siteId: number, year: number) {
    const row = await this.find(siteId, year);
    await this.assertEditable(row);
    const data = JSON.parse(row.data) as DisclosureReportData;
    const narrative = JSON.parse(row.manual) as DisclosureNarrative;
    const problems = consistencyProblems(data);
    if (problems.length)
      throw new AppError('ANNUAL_REPORT_INCONSISTENT', { problems: problems.join('；') }, { problems });
    if (!narrative.overview.trim()) throw new AppError('DISCLOSURE_FIELD_REQUIRED', { field: '“一、总体情况”' });
    if (!narrative.problems.trim())
      throw new AppError('DISCLOSURE_FIELD_REQUIRED', { field: '“五、存在的主要问题及改进情况”' });
    const title = disclosureReportTitle(data.organ, year);
    const pdf = await disclosureReportPdf(data, narrative, null);
    const file = await this.files.upload(auth.actor, siteId, pdf, `${title}.pdf`);
    const released = await this.release.submit(
      auth,
      siteId,
      {
        column: '政府信息公开年度报告',
        type: 'article',
        title,
        source: data.organ,
        summary: `${data.organ}${year}年政府信息公开工作情况：主动公开、依申请公开、行政复议和行政诉讼情况，存在的问题及改进措施。`,
        bodyHtml: disclosureReportHtml(data, narrative),
        attachments: [{ fileId: file.id, name: `${title}.pdf` }],
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
        action: 'annual-report.submit',
        targetType: 'disclosure_annual_report',
        targetId: row.id,
        siteId,
        detail: { year, contentId: released.contentId, reviewRequestId: released.reviewRequestId },
      });
    });
    return released;
  }

  async view(siteId: number, year: number): Promise<DisclosureReportView> {
    const row = await this.find(siteId, year);
    const data = JSON.parse(row.data) as DisclosureReportData;
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
      organ: data.organ,
      table2: data.table2 as Table2,
      table3: data.table3,
      table3Generated: data.table3Generated,
      table4: data.table4,
      feesCollected: data.feesCollected,
      narrative: JSON.parse(row.manual) as DisclosureNarrative,
      problems: consistencyProblems(data),
      rows: TABLE3_ROWS.map((key) => ({ key, label: table3RowLabel(key) })),
    };
  }

  async pdf(siteId: number, year: number): Promise<Buffer> {
    const row = await this.find(siteId, year);
    return disclosureReportPdf(JSON.parse(row.data), JSON.parse(row.manual), row.published_at);
  }

  list(siteId: number) {
    return repo.listReports(this.db, TABLE, siteId);
  }
}

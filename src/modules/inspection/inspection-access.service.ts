// Inspection as one caller may see it. Every call that reads or changes a run, schedule or finding checks its
// site against the caller's scope (scope.ts): an inspector of every site sees everything, a site
// administrator or an inspector bound to a site only that site's data. Lists are filtered by the same rule;
// single rows out of scope are refused (403) — after a row that does not exist is refused (404).
import type { Actor } from '../../platform/audit/audit.service.ts';
import type { InspectionRun } from '../../platform/db/schema.ts';
import { GOV_WEBSITE_CATALOGUE, allIndicators } from './indicators.ts';
import type {
  CompareView,
  IndicatorList,
  InspectionReportView,
  ManualFindingBody,
  ManualFindingRow,
  ReportFormat,
  RunBody,
  RunDetail,
  RunRow,
  ScheduleBody,
  ScheduleRow,
  TrendPoint,
} from './inspection.schema.ts';
import { indicatorView, manualFindingRow, runDetail, runRow } from './inspection.presenter.ts';
import type { InspectionService } from './inspection.service.ts';
import { renderReportHtml, renderReportPdf, renderReportXlsx } from './report/index.ts';
import { type InspectionScope, requireInScope } from './scope.ts';

/** A report as a file to download. */
export interface ReportFile {
  body: Buffer;
  contentType: string;
  fileName: string;
}

const CONTENT_TYPES: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The 附件2 indicators with their rules and how each is measured. */
export function indicatorCatalogue(): IndicatorList {
  return { items: allIndicators(GOV_WEBSITE_CATALOGUE).map(indicatorView) };
}

export class InspectionAccess {
  constructor(
    private readonly inspection: InspectionService,
    private readonly scope: InspectionScope,
  ) {}

  /** A site administrator (or a site-bound inspector) inspects only the hosts of their own site. */
  private async ownHostsOnly(body: { url: string; siteId?: number | null }): Promise<void> {
    if (this.scope.siteless || !body.siteId) return;
    await this.inspection.assertOwnHost(body.url, body.siteId);
  }

  /** A run the caller may see. */
  private async run(id: number): Promise<InspectionRun> {
    const run = await this.inspection.run(id);
    requireInScope(this.scope, run.site_id);
    return run;
  }

  /** An optional site filter must itself be in scope. */
  private siteFilter(siteId: number | undefined): number | undefined {
    if (siteId !== undefined) requireInScope(this.scope, siteId);
    return siteId;
  }

  /** Starts a run in the background; its site (or, without one, any URL) must be in scope. */
  async start(actor: Actor, body: RunBody): Promise<{ id: number }> {
    requireInScope(this.scope, body.siteId);
    await this.ownHostsOnly(body);
    return { id: await this.inspection.start(actor, body) };
  }

  async runs(url?: string): Promise<{ items: RunRow[] }> {
    return { items: (await this.inspection.list(this.scope, url)).map(runRow) };
  }

  async detail(id: number): Promise<RunDetail> {
    return runDetail(await this.run(id));
  }

  async cancel(actor: Actor, id: number): Promise<void> {
    await this.run(id);
    await this.inspection.cancel(actor, id);
  }

  async report(id: number): Promise<InspectionReportView> {
    await this.run(id);
    return this.inspection.report(id);
  }

  /** The report as a printable page (served with a CSP that allows no script). */
  async reportHtml(id: number): Promise<string> {
    return renderReportHtml(await this.report(id));
  }

  async reportFile(id: number, format: ReportFormat): Promise<ReportFile> {
    const report = await this.report(id);
    return {
      body: format === 'pdf' ? await renderReportPdf(report) : await renderReportXlsx(report),
      contentType: CONTENT_TYPES[format],
      fileName: `网站检查报告-${id}.${format}`,
    };
  }

  async evidence(runId: number, evidenceId: number): Promise<{ mime: string; bytes: Buffer }> {
    await this.run(runId);
    return this.inspection.evidence(runId, evidenceId);
  }

  async trend(url: string, siteId?: number): Promise<{ items: TrendPoint[] }> {
    return { items: await this.inspection.trend(url, this.scope, this.siteFilter(siteId)) };
  }

  async compare(fromId: number, toId: number): Promise<CompareView> {
    await this.run(fromId);
    await this.run(toId);
    return this.inspection.compare(fromId, toId);
  }

  async findings(url: string, siteId?: number): Promise<{ items: ManualFindingRow[] }> {
    const rows = await this.inspection.findings.list(url, this.scope, this.siteFilter(siteId));
    return { items: rows.map(manualFindingRow) };
  }

  async addFinding(actor: Actor, body: ManualFindingBody): Promise<{ id: number }> {
    requireInScope(this.scope, body.siteId);
    return { id: await this.inspection.findings.add(actor, body) };
  }

  async revokeFinding(actor: Actor, id: number): Promise<void> {
    requireInScope(this.scope, (await this.inspection.findings.get(id)).site_id);
    await this.inspection.findings.revoke(actor, id);
  }

  async schedules(): Promise<{ items: ScheduleRow[] }> {
    return { items: await this.inspection.schedules.list(this.scope) };
  }

  async schedule(actor: Actor, body: ScheduleBody): Promise<{ id: number }> {
    requireInScope(this.scope, body.siteId);
    await this.ownHostsOnly(body);
    return { id: await this.inspection.schedules.create(actor, body) };
  }

  async unschedule(actor: Actor, id: number): Promise<void> {
    requireInScope(this.scope, (await this.inspection.schedules.get(id)).site_id);
    await this.inspection.schedules.stop(actor, id);
  }
}

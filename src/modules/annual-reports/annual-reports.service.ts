// The two annual reports against their deadline: both are published by 31 January of the next year (条例 第四十九条
// for the 政府信息公开工作年度报告; 国办函〔2018〕12号 for the 年度报表, on the home page). From 1 January the column's
// department is reminded; after the 31st the dashboard shows the lapse. Publication (through the review) is learnt
// from the publication service; the home page shows the newest published 年度报表.
import type { Db } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/time.ts';
import { shanghaiDate } from '../../platform/time.ts';
import type { SitesService } from '../sites/sites.service.ts';
import type { ColumnsService } from '../columns/columns.service.ts';
import type { PublicationChange } from '../publication/publication.service.ts';
import { remindOnce } from '../participation/reminders.ts';
import type { Release } from '../participation/release.ts';
import * as repo from './annual-reports.repository.ts';
import type { ReportTable } from './annual-reports.repository.ts';
import { reportDue } from './disclosure-report.service.ts';
import type { ReportStatus, ReportsOverview } from './annual-reports.schema.ts';

const KINDS: { kind: 'disclosure' | 'website'; table: ReportTable; title: string; column: string }[] = [
  {
    kind: 'disclosure',
    table: 'disclosure_annual_reports',
    title: '政府信息公开工作年度报告',
    column: '政府信息公开年度报告',
  },
  { kind: 'website', table: 'website_annual_reports', title: '政府网站工作年度报表', column: '通知公告' },
];

type Deadline = ReportsOverview['deadlines'][number];

export class AnnualReportsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly sites: SitesService,
    private readonly columns: ColumnsService,
    release: Release,
  ) {
    release.onChange((change) => this.onPublication(change));
  }

  /** A report's release published (or withdrawn): its status follows, with the server's publication time. */
  async onPublication(change: PublicationChange): Promise<void> {
    for (const { table } of KINDS) {
      for (const row of await repo.reportsByContent(this.db, table, change.contentId)) {
        const at = this.clock.now().toISOString();
        await repo.updateReport(
          this.db,
          table,
          row.id,
          change.kind === 'published'
            ? { status: 'published', published_at: row.published_at ?? at, updated_at: at }
            : { status: 'draft', updated_at: at },
        );
      }
    }
  }

  /** The previous year's two reports against 31 January (and the year before that, once published). */
  async deadlines(siteId: number, now: Date = this.clock.now()): Promise<Deadline[]> {
    const today = shanghaiDate(now);
    const year = Number(today.slice(0, 4)) - 1;
    const out: Deadline[] = [];
    for (const k of KINDS) {
      const row = await repo.findReport(this.db, k.table, siteId, year);
      const due = reportDue(year);
      const published = row?.status === 'published' && row.published_at !== null;
      const publishedOn = published ? shanghaiDate(row!.published_at!) : null;
      const status: Deadline['status'] = published
        ? publishedOn! > due
          ? 'published-late'
          : 'published'
        : today > due
          ? 'overdue'
          : 'due';
      const message = {
        published: `${year}年${k.title}已于${publishedOn}发布`,
        'published-late': `${year}年${k.title}于${publishedOn}发布，晚于${due}`,
        due: `${year}年${k.title}须于${due}前发布${row ? `（当前：${statusName(row.status as ReportStatus)}）` : '，尚未生成'}`,
        overdue: `${year}年${k.title}已超过发布期限（${due}），仍未发布`,
        'not-yet': '',
      }[status];
      out.push({ year, due, kind: k.kind, title: k.title, status, message });
    }
    return out;
  }

  async overview(siteId: number): Promise<ReportsOverview> {
    const reports = [];
    for (const k of KINDS)
      for (const row of await repo.listReports(this.db, k.table, siteId))
        reports.push({
          kind: k.kind,
          year: row.year,
          status: row.status as ReportStatus,
          publishedAt: row.published_at,
          late: row.published_at !== null && shanghaiDate(row.published_at) > reportDue(row.year),
        });
    return { reports, deadlines: await this.deadlines(siteId) };
  }

  /** From 1 January: a reminder while the previous year's reports are due, another once they are overdue. */
  async remind(): Promise<number> {
    let created = 0;
    const at = this.clock.now().toISOString();
    for (const site of await this.sites.list()) {
      for (const d of await this.deadlines(site.id)) {
        if (d.status !== 'due' && d.status !== 'overdue') continue;
        const k = KINDS.find((x) => x.kind === d.kind)!;
        const fresh = await remindOnce(
          this.db,
          this.columns,
          {
            siteId: site.id,
            column: k.column,
            kind: 'annual-report-due',
            dedupeKey: `annual-report:${d.kind}:${d.year}:${d.status}`,
            title:
              d.status === 'overdue'
                ? `${d.year}年${k.title}已超过发布期限`
                : `请于${d.due}前发布${d.year}年${k.title}`,
            body: d.message,
            link: `/admin/annual-reports?year=${d.year}`,
          },
          at,
        );
        if (fresh) created++;
      }
    }
    return created;
  }

  /** The newest published 年度报表, for the home page's notice. */
  homeNotice(siteId: number) {
    return repo.publishedWebsiteReport(this.db, siteId);
  }
}

const statusName = (s: ReportStatus) => ({ draft: '草稿', in_review: '审查中', published: '已发布' })[s];

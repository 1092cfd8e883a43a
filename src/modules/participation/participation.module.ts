// Participation and disclosure as the rest of the application sees it (ctx.participation): 公众调查, 意见征集 and
// 意见反馈, 依申请公开, the two annual reports and 建议提案办理, wired once, with their inspection checks registered.
import type { Db } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/time.ts';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import type { CalendarService } from '../../platform/calendar/calendar.service.ts';
import type { Idempotency } from '../../platform/idempotency.ts';
import type { CitizensModule } from '../citizens/citizens.module.ts';
import type { ColumnsService } from '../columns/columns.service.ts';
import type { SitesService } from '../sites/sites.service.ts';
import type { ContentService } from '../content/content.service.ts';
import type { ReviewService } from '../review/review.service.ts';
import type { PublicationService } from '../publication/publication.service.ts';
import type { InspectionService } from '../inspection/inspection.service.ts';
import type { FilesService } from '../files/files.service.ts';
import type { StatsService } from '../stats/stats.service.ts';
import type { SearchService } from '../search/search.service.ts';
import { AnnualReportsService } from '../annual-reports/annual-reports.service.ts';
import { DisclosureReportService } from '../annual-reports/disclosure-report.service.ts';
import { WebsiteReportService } from '../annual-reports/website-report.service.ts';
import { DisclosureService } from '../disclosure/disclosure.service.ts';
import { DisclosureHandling } from '../disclosure/disclosure-handling.service.ts';
import { SurveysService } from '../surveys/surveys.service.ts';
import { SolicitationsService } from '../solicitations/solicitations.service.ts';
import { ProposalsService } from '../proposals/proposals.service.ts';
import { Release } from './release.ts';
import { participationChecks } from './participation.checks.ts';
import { participationFigures } from '../annual-reports/website-report-figures.ts';

export interface ParticipationDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  calendar: CalendarService;
  idempotency: Idempotency;
  citizens: CitizensModule;
  columns: ColumnsService;
  sites: SitesService;
  content: ContentService;
  review: ReviewService;
  publication: PublicationService;
  inspection: InspectionService;
  files: FilesService;
  stats: StatsService;
  search: SearchService;
}

export class ParticipationModule {
  readonly release: Release;
  readonly disclosure: DisclosureService;
  readonly handling: DisclosureHandling;
  readonly annualReports: AnnualReportsService;
  readonly disclosureReport: DisclosureReportService;
  readonly websiteReport: WebsiteReportService;
  readonly surveys: SurveysService;
  readonly solicitations: SolicitationsService;
  readonly proposals: ProposalsService;

  constructor(deps: ParticipationDeps) {
    const { db, clock, audit, calendar } = deps;
    this.release = new Release(deps.content, deps.review, deps.columns, deps.publication);
    this.disclosure = new DisclosureService(db, clock, audit, calendar, deps.citizens, deps.columns, deps.idempotency);
    this.handling = new DisclosureHandling(db, clock, audit, calendar, deps.sites, this.disclosure);
    this.annualReports = new AnnualReportsService(db, clock, deps.sites, deps.columns, this.release);
    this.disclosureReport = new DisclosureReportService(
      db,
      clock,
      audit,
      deps.sites,
      deps.files,
      this.disclosure,
      this.release,
    );
    this.websiteReport = new WebsiteReportService(db, clock, audit, deps.sites, deps.stats, deps.search, this.release);
    this.surveys = new SurveysService(db, clock, audit, this.release);
    this.proposals = new ProposalsService(db, clock, audit, this.release);
    this.solicitations = new SolicitationsService(db, clock, audit, deps.content, deps.columns, this.release);
    this.websiteReport.registerFigures('participation', participationFigures(this.surveys, this.solicitations));
    for (const check of participationChecks(this.surveys, this.solicitations))
      deps.inspection.internalChecks.register(check);
    // Replaces the public account's placeholder section of the same id.
    deps.citizens.userSpace.register({
      id: 'surveys',
      title: '我参与的调查与征集',
      order: 30,
      emptyText: '您还没有参加过公众调查或意见征集。',
      load: async (citizenId) =>
        [
          ...(await this.surveys.userSpaceEntries(citizenId)),
          ...(await this.solicitations.userSpaceEntries(citizenId)),
        ].sort((a, b) => (b.submittedAt ?? '').localeCompare(a.submittedAt ?? '')),
    });
    deps.citizens.registerFeature({ id: 'surveys', name: '公众调查', path: '/survey/', usesPublicAccount: true });
    deps.citizens.registerFeature({
      id: 'solicitations',
      name: '意见征集',
      path: '/solicitation/',
      usesPublicAccount: true,
    });
    deps.citizens.userSpace.register({
      id: 'disclosure',
      title: '我的依申请公开',
      order: 40,
      emptyText: '您还没有提交政府信息公开申请。',
      action: { label: '申请公开政府信息', href: '/disclosure/apply' },
      load: (citizenId) => this.disclosure.userSpaceEntries(citizenId),
    });
    deps.citizens.registerFeature({
      id: 'disclosure',
      name: '依申请公开',
      path: '/disclosure/apply',
      usesPublicAccount: true,
    });
  }
}

import type { Config } from './platform/config.ts';
import { openDatabase, type DatabaseHandle, type Db } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrator.ts';
import { ReadReplicas } from './platform/db/read-replicas.ts';
import { systemClock, type Clock } from './platform/time.ts';
import { AuditService } from './platform/audit/audit.service.ts';
import { makeGuard, type Guard } from './platform/auth/guard.ts';
import { openFileStore, type FileStore } from './platform/files/file-store.ts';
import { AuthService } from './modules/auth/auth.service.ts';
import { SessionsService } from './modules/auth/sessions.service.ts';
import { SecurityService } from './modules/security/security.service.ts';
import { AuditLogService } from './modules/audit/audit.service.ts';
import { SitesService } from './modules/sites/sites.service.ts';
import { DepartmentsService } from './modules/departments/departments.service.ts';
import { ColumnsService } from './modules/columns/columns.service.ts';
import { UsersService } from './modules/users/users.service.ts';
import { FilesService } from './modules/files/files.service.ts';
import { ContentService } from './modules/content/content.service.ts';
import { PublicationService } from './modules/publication/publication.service.ts';
import { ReviewService } from './modules/review/review.service.ts';
import { PrepublishGate } from './modules/review/prepublish-gate.ts';
import { ReviewRoutingService } from './modules/review/routing.service.ts';
import { AccessContactsService } from './modules/users/contacts.service.ts';
import { countByColumn } from './modules/content/content.repository.ts';
import { DutyService } from './modules/duty/duty.service.ts';
import { createMailer, type Mailer } from './platform/mail.ts';
import { InspectionService } from './modules/inspection/inspection.service.ts';
import { SearchService } from './modules/search/search.service.ts';
import { StatsService } from './modules/stats/stats.service.ts';
import { CalendarService } from './platform/calendar/calendar.service.ts';
import { RateLimiter } from './platform/rate-limit.ts';
import { Idempotency } from './platform/idempotency.ts';
import { CitizensModule } from './modules/citizens/citizens.module.ts';
import { citizenChecks } from './modules/citizens/citizens.checks.ts';
import { PortalRegistry } from './modules/portal/portal-registry.ts';
import { InteractionModule } from './modules/interaction/interaction.module.ts';
import { interactionChecks } from './modules/interaction/interaction.checks.ts';
import { ServicesModule } from './modules/services/services.module.ts';
import { serviceChecks } from './modules/services/services.checks.ts';
import { ParticipationModule } from './modules/participation/participation.module.ts';
import { interactionFigures, servicesFigures } from './modules/annual-reports/website-report-figures.ts';
import { DatasetsService } from './modules/datasets/datasets.service.ts';
import { DatasetReader } from './modules/datasets/datasets.public.ts';
import { SiteDataProviders, publicationsProvider, visitsProvider } from './modules/datasets/site-data.ts';
import { dataReleaseCheck } from './modules/datasets/datasets.inspection.ts';
import { AddressGuard, installOutboundGuard } from './modules/inspection/crawler/address-guard.ts';
import { SupervisionService } from './modules/supervision/supervision.service.ts';

export interface AppContext {
  config: Config;
  dbh: DatabaseHandle;
  db: Db;
  /** Where searches and public page renders read: streaming replicas when configured, else the primary. */
  reads: ReadReplicas;
  clock: Clock;
  fileStore: FileStore;
  files: FilesService;
  audit: AuditService;
  auth: AuthService;
  guard: Guard;
  sites: SitesService;
  departments: DepartmentsService;
  columns: ColumnsService;
  users: UsersService;
  content: ContentService;
  publication: PublicationService;
  review: ReviewService;
  prepublish: PrepublishGate;
  /** Waiting review steps: reassignment, designated reviewers, escalation. */
  reviewRouting: ReviewRoutingService;
  accessContacts: AccessContactsService;
  duty: DutyService;
  search: SearchService;
  inspection: InspectionService;
  stats: StatsService;
  calendar: CalendarService;
  rateLimiter: RateLimiter;
  idempotency: Idempotency;
  citizens: CitizensModule;
  /** Public pages and column content other modules add to the public site. */
  portal: PortalRegistry;
  /** Online services: catalogue, guides, applications, 好差评, statistics. */
  services: ServicesModule;
  /** 公众调查, 意见征集 / 意见反馈, 依申请公开, the annual reports, 建议提案办理. */
  participation: ParticipationModule;
  security: SecurityService;
  auditLog: AuditLogService;
  datasets: DatasetsService;
  /** Citizen interaction: message board, 找错 tickets, knowledge base and smart Q&A. */
  interaction: InteractionModule;
  supervision: SupervisionService;
  close(): Promise<void>;
}

export interface ContextOptions {
  clock?: Clock;
  /** An already-open database (tests); otherwise opened from the config. */
  dbh?: DatabaseHandle;
  migrate?: boolean;
  /** Outgoing mail (tests pass a capturing transport); otherwise from GOVPORTAL_SMTP_URL. */
  mailer?: Mailer;
}

export async function createContext(config: Config, options: ContextOptions = {}): Promise<AppContext> {
  const dbh = options.dbh ?? openDatabase(config);
  if (options.migrate !== false) await migrateToLatest(dbh.db);
  const clock = options.clock ?? systemClock;
  const db = dbh.db;
  const audit = new AuditService(db, clock, config.auditRetentionDays, config.auditKeyFile);
  await audit.open();
  const users = new UsersService(db, clock, audit, new SessionsService(db));
  const auth = new AuthService(db, clock, audit, users);
  const fileStore = openFileStore(config.dataDir, db, dbh.dialect);
  const sites = new SitesService(db, clock, audit);
  const columns = new ColumnsService(db, clock, audit);
  columns.setContentCounter(countByColumn);
  const content = new ContentService(db, clock, audit, columns, users, sites);
  const publication = new PublicationService(db, clock, audit, content);
  // Subscribed first: replicas serve reads again only once they have replayed a change that alters public pages.
  const reads = new ReadReplicas(db, config.databaseReplicaUrls);
  await reads.start();
  publication.onChange(() => reads.advanceFence());
  sites.onChange(() => reads.advanceFence());
  columns.onChange(() => reads.advanceFence());
  const prepublish = new PrepublishGate(db, clock, audit, columns, sites, fileStore);
  const mailer = options.mailer ?? createMailer(config.smtpUrl, config.mailFrom);
  const duty = new DutyService(db, clock, audit, columns, mailer);
  const rateLimiter = new RateLimiter(db, clock);
  const search = new SearchService(db, clock, audit, sites, columns, publication, reads);
  // Inspection fetches reach public addresses only, the allow-list, and the installation's own configured host.
  const ownHosts = config.publicBaseUrl ? [new URL(config.publicBaseUrl).hostname] : [];
  installOutboundGuard(new AddressGuard({ allow: config.inspectAllow, ownHosts }));
  const citizens = new CitizensModule(db, clock, audit, config, mailer, rateLimiter, async () => {
    const site = (await sites.list()).find((s) => s.parentId === null);
    return site?.name ?? '政府网站';
  });
  const inspection = new InspectionService(db, clock, audit, fileStore, sites, columns, duty);
  inspection.inspectAllow = config.inspectAllow;
  for (const check of citizenChecks(citizens)) inspection.internalChecks.register(check);
  const calendar = new CalendarService(db, clock, audit);
  const files = new FilesService(db, clock, audit, fileStore);
  const stats = new StatsService(db, clock, sites);
  const idempotency = new Idempotency(db, clock);
  const departments = new DepartmentsService(db, clock, audit, columns, users);
  const review = new ReviewService(db, clock, audit, content, publication, prepublish, duty, sites, columns);
  const services = new ServicesModule({
    db,
    clock,
    audit,
    fileStore,
    idempotency,
    calendar,
    citizens,
    columns,
    content,
    departments,
    duty,
    publication,
    review,
  });
  for (const check of serviceChecks(services, citizens)) inspection.internalChecks.register(check);
  const siteData = new SiteDataProviders();
  siteData.register(visitsProvider(stats));
  siteData.register(publicationsProvider);
  const interaction = new InteractionModule(
    {
      ...{ db, clock, audit, calendar, sites, departments, columns, content, review, prepublish, publication, files },
      ...{ citizens, idempotency, rateLimiter, duty, users, config, mailer },
    },
    search,
  );
  for (const check of interactionChecks(interaction)) inspection.internalChecks.register(check);
  const supervision = new SupervisionService({
    db,
    clock,
    audit,
    sites,
    columns,
    inspection,
    content,
    review,
    publication,
    mailer,
    localBase: config.publicBaseUrl ?? `http://127.0.0.1:${config.port}`,
  });
  // 网民监督 in the supervisors' assessment reads the 找错 tickets of the message board.
  supervision.assessment.errorReports = interaction.errorReports;
  const participation = new ParticipationModule({
    db,
    clock,
    audit,
    calendar,
    idempotency,
    citizens,
    columns,
    sites,
    content,
    review,
    publication,
    inspection,
    files,
    stats,
    search,
  });
  // The 年度报表's 留言办理 and 办事服务 figures come from those modules' own records.
  participation.websiteReport.registerFigures('interaction', interactionFigures(interaction.stats));
  participation.websiteReport.registerFigures('services', servicesFigures(services));
  const context: AppContext = {
    config,
    dbh,
    db,
    reads,
    clock,
    fileStore,
    files,
    audit,
    auth,
    guard: makeGuard(auth, audit),
    sites,
    departments,
    columns,
    users,
    content,
    publication,
    review,
    prepublish,
    reviewRouting: new ReviewRoutingService(db, clock, audit, duty, config.reviewEscalateHours),
    accessContacts: new AccessContactsService(db),
    duty,
    inspection,
    search,
    stats,
    calendar,
    rateLimiter,
    idempotency,
    citizens,
    portal: new PortalRegistry(),
    services,
    participation,
    security: new SecurityService(db, clock, audit),
    auditLog: new AuditLogService(audit, db),
    datasets: new DatasetsService(
      db,
      clock,
      audit,
      fileStore,
      content,
      review,
      columns,
      departments,
      sites,
      new DatasetReader(db),
      siteData,
      config.openApiPerMinute,
    ),
    interaction,
    supervision,
    // Background index work (column changes, an automatic rebuild) finishes before the database closes.
    close: async () => {
      await search.idle();
      await supervision.idle();
      await prepublish.close();
      await reads.close();
      await dbh.close();
    },
  };
  // 数据发布 is measured in full by the datasets module (column, charts, downloads and the API).
  context.inspection.internalChecks.register(dataReleaseCheck(context.datasets), { replaces: ['bonus.data-release'] });
  return context;
}

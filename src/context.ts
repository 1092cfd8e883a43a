// Wires the platform pieces and the domain services together. Tests build a context on a fresh database.
import path from 'node:path';
import type { Config } from './platform/config.ts';
import { openDatabase, type DatabaseHandle, type Db } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrator.ts';
import { systemClock, type Clock } from './platform/time.ts';
import { AuditService } from './platform/audit/audit.service.ts';
import { makeGuard, type Guard } from './platform/auth/guard.ts';
import { FileStore } from './platform/files/file-store.ts';
import { AuthService } from './modules/auth/auth.service.ts';
import { SitesService } from './modules/sites/sites.service.ts';
import { DepartmentsService } from './modules/departments/departments.service.ts';
import { ColumnsService } from './modules/columns/columns.service.ts';
import { UsersService } from './modules/users/users.service.ts';
import { FilesService } from './modules/files/files.service.ts';
import { ContentService } from './modules/content/content.service.ts';
import { PublicationService } from './modules/publication/publication.service.ts';
import { ReviewService } from './modules/review/review.service.ts';
import { PrepublishGate } from './modules/review/prepublish-gate.ts';
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
import { ParticipationModule } from './modules/participation/participation.module.ts';

export interface AppContext {
  config: Config;
  dbh: DatabaseHandle;
  db: Db;
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
  /** 公众调查, 意见征集 / 意见反馈, 依申请公开, the annual reports, 建议提案办理. */
  participation: ParticipationModule;
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
  const audit = new AuditService(db, clock, config.auditRetentionDays);
  const auth = new AuthService(db, clock, audit);
  const fileStore = new FileStore(path.join(config.dataDir, 'files'));
  const sites = new SitesService(db, clock, audit);
  const columns = new ColumnsService(db, clock, audit);
  columns.setContentCounter(countByColumn);
  const users = new UsersService(db, clock, audit);
  const content = new ContentService(db, clock, audit, columns, users, sites);
  const publication = new PublicationService(db, clock, audit);
  const prepublish = new PrepublishGate(db, columns, sites, fileStore);
  const mailer = options.mailer ?? createMailer(config.smtpUrl, config.mailFrom);
  const duty = new DutyService(db, clock, columns, mailer);
  const rateLimiter = new RateLimiter(db, clock);
  const search = new SearchService(db, clock, audit, sites, columns, publication);
  const citizens = new CitizensModule(db, clock, audit, config, mailer, rateLimiter, async () => {
    const site = (await sites.list()).find((s) => s.parentId === null);
    return site?.name ?? '政府网站';
  });
  const inspection = new InspectionService(db, clock, audit, fileStore, sites, columns, duty);
  for (const check of citizenChecks(citizens)) inspection.internalChecks.register(check);
  const calendar = new CalendarService(db, clock, audit);
  const files = new FilesService(db, clock, audit, fileStore);
  const stats = new StatsService(db, clock, sites);
  const idempotency = new Idempotency(db, clock);
  const review = new ReviewService(db, clock, audit, content, publication, prepublish);
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
  return {
    config,
    dbh,
    db,
    clock,
    fileStore,
    files,
    audit,
    auth,
    guard: makeGuard(auth, audit),
    sites,
    departments: new DepartmentsService(db, clock, audit),
    columns,
    users,
    content,
    publication,
    review,
    prepublish,
    duty,
    inspection,
    search,
    stats,
    calendar,
    rateLimiter,
    idempotency,
    citizens,
    portal: new PortalRegistry(),
    participation,
    // Background index work (column changes, an automatic rebuild) finishes before the database closes.
    close: async () => {
      await search.idle();
      await prepublish.close();
      await dbh.close();
    },
  };
}

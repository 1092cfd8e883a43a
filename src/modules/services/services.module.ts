// Online services as the rest of the application sees them (ctx.services): the catalogue, the guides and their
// gate, applications and their handling, 好差评 with rectifications, and the published statistics, wired once.
import type { Db } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/time.ts';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import type { FileStore } from '../../platform/files/file-store.ts';
import type { Idempotency } from '../../platform/idempotency.ts';
import type { CalendarService } from '../../platform/calendar/calendar.service.ts';
import type { CitizensModule } from '../citizens/citizens.module.ts';
import type { ColumnsService } from '../columns/columns.service.ts';
import type { ContentService } from '../content/content.service.ts';
import type { DepartmentsService } from '../departments/departments.service.ts';
import type { DutyService } from '../duty/duty.service.ts';
import type { PublicationService } from '../publication/publication.service.ts';
import type { ReviewService } from '../review/review.service.ts';
import * as repo from './catalogue.repository.ts';
import { ServiceChanges } from './access.ts';
import { CatalogueService } from './catalogue.service.ts';
import { GuidesService } from './guides.service.ts';
import { ApplicationsService } from './applications.service.ts';
import { HandlingService } from './handling.service.ts';
import { RatingsService } from './ratings.service.ts';
import { ServiceStatsService } from './service-stats.service.ts';
import { toStatsView } from './service-stats.presenter.ts';
import type { StatsView } from './service-stats.schema.ts';

export interface ServicesDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  fileStore: FileStore;
  idempotency: Idempotency;
  calendar: CalendarService;
  citizens: CitizensModule;
  columns: ColumnsService;
  content: ContentService;
  departments: DepartmentsService;
  duty: DutyService;
  publication: PublicationService;
  review: ReviewService;
}

export class ServicesModule {
  /** Fires with the site whose public service pages changed (items, guides, themes, statistics, ratings). */
  readonly changes = new ServiceChanges();
  readonly catalogue: CatalogueService;
  readonly guides: GuidesService;
  readonly applications: ApplicationsService;
  readonly handling: HandlingService;
  readonly ratings: RatingsService;
  readonly stats: ServiceStatsService;

  private readonly db: Db;

  constructor(d: ServicesDeps) {
    this.db = d.db;
    this.catalogue = new CatalogueService(d.db, d.clock, d.audit, d.departments, d.publication, this.changes);
    this.guides = new GuidesService(
      d.db,
      d.clock,
      d.audit,
      this.catalogue,
      d.columns,
      d.content,
      d.review,
      this.changes,
    );
    this.applications = new ApplicationsService(
      d.db,
      d.clock,
      d.audit,
      d.fileStore,
      d.calendar,
      d.citizens,
      d.idempotency,
      this.catalogue,
      this.guides,
      d.duty,
      this.changes,
    );
    this.ratings = new RatingsService(d.db, d.clock, d.audit, d.calendar, this.catalogue, d.duty, this.changes);
    this.handling = new HandlingService(
      d.db,
      d.clock,
      d.audit,
      d.calendar,
      d.citizens,
      this.catalogue,
      this.guides,
      this.applications,
      this.ratings,
      d.duty,
      this.changes,
    );
    this.stats = new ServiceStatsService(d.db, d.clock, d.calendar, this.changes);
    // A guide published, changed or withdrawn through the release review changes the service pages of its site.
    d.publication.onChange(async (change) => {
      if (await repo.findItemByContent(d.db, change.contentId)) await this.changes.emit(change.siteId);
    });
  }

  /** The published statistics with department and item names (console and public page). */
  async statsView(siteId: number, months = 12): Promise<StatsView> {
    const names = await this.catalogue.departmentNames(siteId);
    const items = new Map((await repo.listItems(this.db, siteId, false)).map((i) => [i.id, i.name]));
    return toStatsView(await this.stats.published(siteId, months), names, items);
  }
}

// The supervision module's services, wired once: the registry, the quarterly plans, rectification, the other
// checks, the assessment, and site imports. Publication of a results page (or of the annual report) is heard
// here: its time starts the two weeks of rectification (or meets the 31 January rule).
import type { Db } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/time.ts';
import { SYSTEM_ACTOR, type AuditService } from '../../platform/audit/audit.service.ts';
import type { Mailer } from '../../platform/mail.ts';
import type { ContentService } from '../content/content.service.ts';
import type { ReviewService } from '../review/review.service.ts';
import type { PublicationChange, PublicationService } from '../publication/publication.service.ts';
import type { InspectionService } from '../inspection/inspection.service.ts';
import type { SitesService } from '../sites/sites.service.ts';
import type { ColumnsService } from '../columns/columns.service.ts';
import { RegistryService } from './registry.service.ts';
import { PlansService } from './plans.service.ts';
import { RectificationService } from './rectification.service.ts';
import { ChecksService } from './checks.service.ts';
import { AssessmentService } from './assessment.service.ts';
import { ImportService } from './site-import.ts';
import { publishedAt } from './supervision.repository.ts';

export interface SupervisionDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  sites: SitesService;
  columns: ColumnsService;
  inspection: InspectionService;
  content: ContentService;
  review: ReviewService;
  publication: PublicationService;
  mailer: Mailer | null;
  /** Where this installation answers for its own sites (GOVPORTAL_PUBLIC_URL, else this machine). */
  localBase: string;
}

export class SupervisionService {
  readonly registry: RegistryService;
  readonly plans: PlansService;
  readonly rectification: RectificationService;
  readonly checks: ChecksService;
  readonly assessment: AssessmentService;
  readonly imports: ImportService;
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly deps: SupervisionDeps) {
    const { db, clock, audit } = deps;
    this.registry = new RegistryService(db, clock, audit, deps.sites);
    this.plans = new PlansService(
      db,
      clock,
      audit,
      deps.sites,
      this.registry,
      deps.inspection,
      deps.content,
      deps.review,
      deps.localBase,
    );
    this.rectification = new RectificationService(
      db,
      clock,
      audit,
      this.registry,
      this.plans,
      deps.inspection,
      deps.mailer,
    );
    this.checks = new ChecksService(db, clock, audit, this.registry, this.plans);
    this.assessment = new AssessmentService(db, clock, audit, this.registry, this.plans, deps.content, deps.review);
    this.imports = new ImportService(db, clock, audit, deps.content, deps.columns);
    deps.publication.onChange((change) => this.track(this.onPublication(change)));
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work)).catch(() => undefined);
    return work;
  }

  /** A results page or annual report published: record when, and open the rectification tasks of the results. */
  async onPublication(change: PublicationChange): Promise<void> {
    if (change.kind !== 'published') return;
    const at = await publishedAt(this.deps.db, change.contentId);
    if (!at) return;
    const plan = await this.plans.planOfResults(change.contentId);
    if (plan && !plan.results_published_at && (await this.plans.markPublished(plan.id, at))) {
      await this.rectification.createForPlan(plan.id, at);
      return;
    }
    await this.assessment.markAnnualReportPublished(change.contentId, at, SYSTEM_ACTOR);
  }

  /** Background work (publication follow-ups) has finished: tests and shutdown wait for it. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }
}

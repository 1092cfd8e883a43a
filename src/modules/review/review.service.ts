// The information release review of 附件3 as a state machine:
//
//   submit ─┬─ 涉密=是 ───────────────────────────────► closed (涉密不发布; the item can never be published)
//           ├─ 涉密=不明确 ─► secrecy_review ─┬─ 是 ──► closed (涉密不发布)
//           │                                └─ 否 ──► dept_review
//           └─ 涉密=否 ─────► dept_review ─┬─ 同意 ──► leader_review ─┬─ 同意 ──► approved → published / scheduled
//                                          ├─ 不明确 ► secrecy_review  ├─ 不明确 ► secrecy_review
//                                          └─ 不同意 ► rejected        └─ 不同意 ► rejected
//
// Each submission is one row of the register with a yearly 序号; each decision is a step with who, when,
// decision and opinion. Nobody decides on their own submission; approvers hold the role for the department.
import type { Db } from '../../platform/db/database.ts';
import type { ReviewRequest } from '../../platform/db/schema.ts';
import type { Clock } from '../../platform/time.ts';
import { shanghaiDate, shanghaiDayRange, shanghaiYear } from '../../platform/time.ts';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { AppError } from '../../platform/errors.ts';
import { can } from '../../platform/auth/roles.ts';
import type { AuthContext } from '../auth/auth.service.ts';
import type { ContentService } from '../content/content.service.ts';
import type { DutyService } from '../duty/duty.service.ts';
import type { PublicationService } from '../publication/publication.service.ts';
import type { SitesService } from '../sites/sites.service.ts';
import type { PrepublishGate as PrepublishService } from './prepublish-gate.ts';
import * as repo from './review.repository.ts';
import { notifyReviewState } from './review-notifications.ts';
import { registerRows } from './register.ts';
import { registerPdf, registerXlsx } from './register-export.ts';
import {
  toDecideResult,
  toInboxRow,
  toReviewRequestView,
  toSubmitResult,
  type NamedRequest,
  type RequestWithSteps,
} from './review.presenter.ts';
import {
  REVIEW_STATES,
  type DecideInput,
  type DecideResult,
  type DecisionStep,
  type Inbox,
  type RegisterFormat,
  type RegisterQuery,
  type RegisterRow,
  type ReviewOutcome,
  type ReviewRequestView,
  type ReviewState,
  type StepDecision,
  type SubmitInput,
  type SubmitResult,
} from './review.schema.ts';

export type { DecideInput, SubmitInput } from './review.schema.ts';

const STEP_OF_STATE: Partial<Record<ReviewState, DecisionStep>> = {
  secrecy_review: 'secrecy',
  dept_review: 'dept',
  leader_review: 'leader',
};

/** Where a decision leads: the request's next state and outcome, and the step's recorded decision and opinion. */
interface Transition {
  state: ReviewState;
  outcome: ReviewOutcome;
  decision: StepDecision;
  opinion: string;
}

/** A register export: the file's bytes, its type and its name. */
export interface RegisterFile {
  body: Buffer;
  contentType: string;
  filename: string;
}

const REGISTER_TYPES: Record<RegisterFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

export class ReviewService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly content: ContentService,
    private readonly publication: PublicationService,
    private readonly prepublish: PrepublishService,
    private readonly notices: DutyService,
    private readonly sites: SitesService,
  ) {}

  async submit(auth: AuthContext, contentId: number, input: SubmitInput): Promise<SubmitResult> {
    if (!can(auth.grants, 'content.write')) throw new AppError('SUBMIT_EDITORS_ONLY');
    const item = await this.content.item(contentId);
    await this.content.assertCanEdit(auth, item);
    if (auth.departmentId === null) throw new AppError('SUBMITTER_WITHOUT_DEPARTMENT');
    if (item.published_version === item.version && item.status === 'published') throw new AppError('NOTHING_TO_REVIEW');
    const report = await this.prepublish.check(item.site_id, await this.content.snapshot(contentId), []);
    if (report.findings.some((f) => f.check === 'forbidden-word')) {
      throw new AppError('FORBIDDEN_WORDS', {}, { findings: report.findings });
    }
    const at = this.clock.now().toISOString();
    const year = shanghaiYear(at);
    const classified = input.secret === '是';
    const id = await this.db.transaction().execute(async (trx) => {
      const requestId = await repo.insertRequest(trx, {
        site_id: item.site_id,
        content_id: item.id,
        content_version: item.version,
        year,
        serial: await repo.nextSerial(trx, item.site_id, year),
        department_id: auth.departmentId!,
        title: item.title,
        secret: input.secret,
        release_form: input.releaseForm,
        column_id: item.column_id,
        state: classified ? 'closed' : input.secret === '不明确' ? 'secrecy_review' : 'dept_review',
        outcome: classified ? '涉密不发布' : '审查中',
        check_report: JSON.stringify(report),
        confirmed_findings: '[]',
        submitted_by: auth.userId,
        submitted_at: at,
        closed_at: classified ? at : null,
      });
      await repo.insertStep(trx, {
        request_id: requestId,
        step: 'submit',
        decision: '提交',
        opinion: '',
        secret: input.secret,
        actor_id: auth.userId,
        actor_name: auth.displayName,
        decided_at: at,
      });
      const request = (await repo.findRequest(trx, requestId))!;
      await notifyReviewState(trx, this.notices, request, at, { creatorId: item.created_by });
      if (classified) await this.content.markClassified(trx, item.id, at);
      await this.audit.record(trx, auth.actor, {
        action: 'review.submit',
        targetType: 'content',
        targetId: item.id,
        siteId: item.site_id,
        detail: { requestId, secret: input.secret, releaseForm: input.releaseForm, findings: report.findings.length },
      });
      return requestId;
    });
    return toSubmitResult((await repo.findRequest(this.db, id))!);
  }

  /** Whether this staff member may decide the request's current step (role, department, not their own). */
  async assertMayDecide(auth: AuthContext, request: ReviewRequest): Promise<DecisionStep> {
    const step = STEP_OF_STATE[request.state as ReviewState];
    if (!step)
      throw new AppError('REVIEW_CLOSED', { state: REVIEW_STATES[request.state as ReviewState] ?? request.state });
    const item = await this.content.item(request.content_id);
    if (auth.userId === request.submitted_by || auth.userId === item.created_by) throw new AppError('OWN_SUBMISSION');
    const capability = step === 'secrecy' ? 'content.secrecy' : step === 'dept' ? 'content.review' : 'content.approve';
    if (!can(auth.grants, capability, request.site_id))
      throw new AppError('NOT_THE_REVIEWER', {
        role: step === 'secrecy' ? '保密审查员' : step === 'dept' ? '审核人' : '分管领导',
      });
    if (step !== 'secrecy' && auth.departmentId !== request.department_id) throw new AppError('OTHER_DEPARTMENT');
    return step;
  }

  private mayDecide(auth: AuthContext, request: ReviewRequest): Promise<boolean> {
    return this.assertMayDecide(auth, request).then(
      () => true,
      () => false,
    );
  }

  async decide(auth: AuthContext, requestId: number, input: DecideInput): Promise<DecideResult> {
    const request = await repo.findRequest(this.db, requestId);
    if (!request) throw new AppError('REVIEW_NOT_FOUND');
    const step = await this.assertMayDecide(auth, request);
    const item = await this.content.item(request.content_id);
    const opinion = input.opinion.trim();
    const at = this.clock.now().toISOString();
    const confirmed = [
      ...new Set([...(JSON.parse(request.confirmed_findings) as string[]), ...(input.confirmFindings ?? [])]),
    ];
    const next = this.nextState(step, input, opinion);
    if (next.state === 'leader_review' || next.state === 'approved') {
      const report = await this.prepublish.check(
        request.site_id,
        await this.content.versionSnapshot(request.content_id, request.content_version),
        confirmed,
      );
      if (report.blocking) throw new AppError('FINDINGS_TO_CONFIRM', {}, { findings: report.findings });
    }
    await this.db.transaction().execute(async (trx) => {
      await repo.insertStep(trx, {
        request_id: request.id,
        step,
        decision: next.decision,
        opinion: next.opinion,
        secret: input.secret ?? null,
        actor_id: auth.userId,
        actor_name: auth.displayName,
        decided_at: at,
      });
      const closed = ['approved', 'rejected', 'closed'].includes(next.state);
      await repo.updateRequest(trx, request.id, {
        state: next.state,
        outcome: next.outcome,
        confirmed_findings: JSON.stringify(confirmed),
        closed_at: closed ? at : null,
        ...(step === 'secrecy' && input.secret ? { secret: input.secret } : {}),
      });
      if (next.state === 'closed') await this.content.markClassified(trx, request.content_id, at);
      await notifyReviewState(trx, this.notices, (await repo.findRequest(trx, request.id))!, at, {
        creatorId: item.created_by,
        decidedBy: auth.displayName,
        opinion: next.opinion,
      });
      await this.audit.record(trx, auth.actor, {
        action: `review.${step}`,
        targetType: 'content',
        targetId: request.content_id,
        siteId: request.site_id,
        detail: {
          requestId: request.id,
          serial: `${request.year}-${request.serial}`,
          decision: next.decision,
          opinion: next.opinion,
          state: next.state,
        },
      });
      if (next.state === 'approved')
        await this.publication.onApproved(trx, auth.actor, { ...request, state: 'approved' });
    });
    await this.publication.flushChanges();
    return toDecideResult((await repo.findRequest(this.db, request.id))!);
  }

  private nextState(step: DecisionStep, input: DecideInput, opinion: string): Transition {
    if (step === 'secrecy') {
      if (!input.secret) throw new AppError('SECRECY_ANSWER_REQUIRED');
      return input.secret === '是'
        ? {
            state: 'closed',
            outcome: '涉密不发布',
            decision: '涉密',
            opinion: opinion || '经保密审查，属于涉密信息，不得公开发布',
          }
        : { state: 'dept_review', outcome: '审查中', decision: '不涉密', opinion: opinion || '经保密审查，不涉密' };
    }
    if (input.decision === '不明确')
      return {
        state: 'secrecy_review',
        outcome: '审查中',
        decision: '不明确',
        opinion: opinion || '是否涉密不明确，提请保密审查',
      };
    if (input.decision === '不同意') {
      if (!opinion) throw new AppError('REJECTION_NEEDS_OPINION');
      return { state: 'rejected', outcome: '不同意', decision: '不同意', opinion };
    }
    return step === 'dept'
      ? { state: 'leader_review', outcome: '审查中', decision: '同意', opinion: opinion || '同意' }
      : { state: 'approved', outcome: '同意', decision: '同意', opinion: opinion || '同意' };
  }

  /** The requests waiting for this staff member, and the editor's own returned ones. */
  async inbox(auth: AuthContext): Promise<Inbox> {
    const siteIds = auth.grants.some((g) => g.siteId === null) ? null : [...new Set(auth.grants.map((g) => g.siteId!))];
    const open = await repo.openRequests(this.db, siteIds, [...repo.OPEN_STATES]);
    const waiting: NamedRequest[] = [];
    for (const r of open) if (await this.mayDecide(auth, r)) waiting.push(r);
    const returned = (await repo.openRequests(this.db, siteIds, ['rejected'])).filter(
      (r) => r.submitted_by === auth.userId,
    );
    const latestPerContent = new Map<number, NamedRequest>();
    for (const r of returned) latestPerContent.set(r.content_id, r);
    // A returned item drops out of the inbox once it is resubmitted.
    const stillReturned: NamedRequest[] = [];
    for (const r of latestPerContent.values()) {
      const latest = await repo.latestRequestFor(this.db, r.content_id);
      if (latest?.id === r.id) stillReturned.push(r);
    }
    return { waiting: waiting.map(toInboxRow), returned: stillReturned.map(toInboxRow) };
  }

  /** Every submission of an item, oldest first, with its steps. */
  history(contentId: number): Promise<RequestWithSteps[]> {
    return repo.historyOf(this.db, contentId);
  }

  request(id: number) {
    return repo.findRequest(this.db, id);
  }

  /** A request with the names the console shows; throws when there is none. */
  async namedRequest(id: number): Promise<NamedRequest> {
    const r = await repo.requestWithNames(this.db, id);
    if (!r) throw new AppError('REVIEW_NOT_FOUND');
    return r;
  }

  /** One submission as its page shows it: the form, its steps, the item's other submissions, my turn or not. */
  async requestView(auth: AuthContext, request: NamedRequest): Promise<ReviewRequestView> {
    const [history, mayDecide] = await Promise.all([this.history(request.content_id), this.mayDecide(auth, request)]);
    return toReviewRequestView(request, history, mayDecide);
  }

  /** The register of a site, filtered as the query asks (days are Asia/Shanghai calendar days). */
  register(siteId: number, q: RegisterQuery): Promise<RegisterRow[]> {
    return registerRows(this.db, {
      siteId,
      year: q.year,
      departmentId: q.departmentId,
      columnId: q.columnId,
      outcome: q.outcome || undefined,
      state: q.state,
      ...shanghaiDayRange(q.from, q.to),
    });
  }

  /** The register as a file (XLSX to sort and file, PDF laid out like 附件3), under the site's sponsor. */
  async registerFile(siteId: number, q: RegisterQuery, format: RegisterFormat): Promise<RegisterFile> {
    const rows = await this.register(siteId, q);
    const site = await this.sites.get(siteId);
    const period = q.year
      ? `${q.year}年`
      : q.from || q.to
        ? `${q.from ?? ''} 至 ${q.to ?? shanghaiDate(this.clock.now())}`
        : undefined;
    const meta = { unit: site.sponsor, period };
    return {
      body: format === 'xlsx' ? await registerXlsx(rows, meta) : await registerPdf(rows, meta),
      contentType: REGISTER_TYPES[format],
      filename: `信息发布审查登记.${format}`,
    };
  }
}

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
import { shanghaiDate } from '../../platform/time.ts';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { AppError } from '../../platform/errors.ts';
import { can } from '../../platform/auth/roles.ts';
import type { AuthContext } from '../auth/auth.service.ts';
import type { ContentService } from '../content/content.service.ts';
import * as contentRepo from '../content/content.repository.ts';
import type { PublicationService } from '../publication/publication.service.ts';
import type { PrepublishGate as PrepublishService } from './prepublish-gate.ts';
import * as repo from './review.repository.ts';
import { notifyReviewState } from './review-notifications.ts';

export const SECRET_ANSWERS = ['是', '否', '不明确'] as const;
export const RELEASE_FORMS = ['网站公开', '依申请提供', '其他'] as const;
export type SecretAnswer = (typeof SECRET_ANSWERS)[number];
export type ReleaseForm = (typeof RELEASE_FORMS)[number];

export const STATE_NAMES: Record<string, string> = {
  secrecy_review: '待保密审查',
  dept_review: '待工作机构审查',
  leader_review: '待分管领导审批',
  approved: '已同意',
  rejected: '已退回',
  closed: '涉密不发布',
};
export const STEP_NAMES: Record<string, string> = {
  submit: '承办人提交',
  secrecy: '保密审查',
  dept: '工作机构或人员审查',
  leader: '分管领导审批',
};

export interface SubmitInput {
  secret: SecretAnswer;
  releaseForm: ReleaseForm;
}

export interface DecideInput {
  decision: '同意' | '不同意' | '不明确';
  opinion: string;
  /** The secrecy reviewer's answer (保密审查 step only). */
  secret?: '是' | '否';
  /** Keys of personal-data findings the reviewer confirms are meant to be public. */
  confirmFindings?: string[];
}

const STEP_OF_STATE: Record<string, 'secrecy' | 'dept' | 'leader'> = {
  secrecy_review: 'secrecy',
  dept_review: 'dept',
  leader_review: 'leader',
};

export class ReviewService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly content: ContentService,
    private readonly publication: PublicationService,
    private readonly prepublish: PrepublishService,
  ) {}

  async submit(auth: AuthContext, contentId: number, input: SubmitInput): Promise<ReviewRequest> {
    if (!can(auth.grants, 'content.write')) throw new AppError('FORBIDDEN', '只有承办人（编辑）可以提交审查');
    const item = await this.content.item(contentId);
    await this.content.assertCanEdit(auth, item);
    if (auth.departmentId === null) throw new AppError('BAD_REQUEST', '您的账号未设置所属部门，不能提交信息发布审查');
    if (item.published_version === item.version && item.status === 'published')
      throw new AppError('CONFLICT', '该信息已发布且没有新的修改，无需再次审查');
    const report = await this.prepublish.check(item.site_id, await this.content.snapshot(contentId), []);
    if (report.findings.some((f) => f.check === 'forbidden-word')) {
      throw new AppError('PREPUBLISH_BLOCKED', '内容含有禁用词，请修改后再提交', { findings: report.findings });
    }
    const at = this.clock.now().toISOString();
    const year = Number(shanghaiDate(at).slice(0, 4));
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
      await notifyReviewState(trx, (await repo.findRequest(trx, requestId))!, at, { creatorId: item.created_by });
      if (classified)
        await contentRepo.updateItem(trx, item.id, { status: 'classified', publish_at: null, updated_at: at });
      await this.audit.record(trx, auth.actor, {
        action: 'review.submit',
        targetType: 'content',
        targetId: item.id,
        siteId: item.site_id,
        detail: { requestId, secret: input.secret, releaseForm: input.releaseForm, findings: report.findings.length },
      });
      return requestId;
    });
    return (await repo.findRequest(this.db, id))!;
  }

  /** Whether this staff member may decide the request's current step (role, department, not their own). */
  async assertMayDecide(auth: AuthContext, request: ReviewRequest): Promise<'secrecy' | 'dept' | 'leader'> {
    const step = STEP_OF_STATE[request.state];
    if (!step) throw new AppError('CONFLICT', `该审查已结束（${STATE_NAMES[request.state] ?? request.state}）`);
    const item = await this.content.item(request.content_id);
    if (auth.userId === request.submitted_by || auth.userId === item.created_by)
      throw new AppError('FORBIDDEN', '不能审查自己提交的信息');
    const capability = step === 'secrecy' ? 'content.secrecy' : step === 'dept' ? 'content.review' : 'content.approve';
    if (!can(auth.grants, capability, request.site_id))
      throw new AppError(
        'FORBIDDEN',
        `您不是本站点的${step === 'secrecy' ? '保密审查员' : step === 'dept' ? '审核人' : '分管领导'}`,
      );
    if (step !== 'secrecy' && auth.departmentId !== request.department_id)
      throw new AppError('FORBIDDEN', '您不负责该部门的信息发布审查');
    return step;
  }

  async decide(auth: AuthContext, requestId: number, input: DecideInput): Promise<ReviewRequest> {
    const request = await repo.findRequest(this.db, requestId);
    if (!request) throw new AppError('NOT_FOUND', '审查记录不存在');
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
      if (report.blocking) {
        throw new AppError('PREPUBLISH_BLOCKED', '发布前检查发现须确认的问题（如个人信息），请确认确需公开或退回修改', {
          findings: report.findings,
        });
      }
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
      if (next.state === 'closed')
        await contentRepo.updateItem(trx, request.content_id, {
          status: 'classified',
          publish_at: null,
          updated_at: at,
        });
      await notifyReviewState(trx, (await repo.findRequest(trx, request.id))!, at, {
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
    return (await repo.findRequest(this.db, request.id))!;
  }

  private nextState(
    step: 'secrecy' | 'dept' | 'leader',
    input: DecideInput,
    opinion: string,
  ): { state: string; outcome: string; decision: string; opinion: string } {
    if (step === 'secrecy') {
      if (!input.secret) throw new AppError('VALIDATION_FAILED', '保密审查须明确是否涉密');
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
      if (!opinion) throw new AppError('VALIDATION_FAILED', '不同意时须填写审查意见，说明退回理由');
      return { state: 'rejected', outcome: '不同意', decision: '不同意', opinion };
    }
    return step === 'dept'
      ? { state: 'leader_review', outcome: '审查中', decision: '同意', opinion: opinion || '同意' }
      : { state: 'approved', outcome: '同意', decision: '同意', opinion: opinion || '同意' };
  }

  /** The requests waiting for this staff member, and the editor's own returned ones. */
  async inbox(auth: AuthContext) {
    const siteIds = auth.grants.some((g) => g.siteId === null) ? null : [...new Set(auth.grants.map((g) => g.siteId!))];
    const open = await repo.openRequests(this.db, siteIds, [...repo.OPEN_STATES]);
    const waiting = [];
    for (const r of open) {
      const mine = await this.assertMayDecide(auth, r).then(
        () => true,
        () => false,
      );
      if (mine) waiting.push(r);
    }
    const returned = (await repo.openRequests(this.db, siteIds, ['rejected'])).filter(
      (r) => r.submitted_by === auth.userId,
    );
    const latestPerContent = new Map<number, (typeof returned)[number]>();
    for (const r of returned) latestPerContent.set(r.content_id, r);
    // A returned item drops out of the inbox once it is resubmitted.
    const stillReturned = [];
    for (const r of latestPerContent.values()) {
      const latest = await repo.latestRequestFor(this.db, r.content_id);
      if (latest?.id === r.id) stillReturned.push(r);
    }
    return { waiting, returned: stillReturned };
  }

  async history(contentId: number) {
    const requests = await repo.requestsOfContent(this.db, contentId);
    const steps = await repo.stepsOf(
      this.db,
      requests.map((r) => r.id),
    );
    return requests.map((r) => ({ ...r, steps: steps.filter((s) => s.request_id === r.id) }));
  }

  request(id: number) {
    return repo.findRequest(this.db, id);
  }
}

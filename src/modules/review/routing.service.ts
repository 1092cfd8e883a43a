// Keeps the review moving: the site administrator sees every item waiting in a step (who may take it, how long
// it has waited), reassigns a step to a named reviewer, and designates per department the reviewer (or leader)
// who takes a step when nobody else in the department can (the submitter is its only reviewer). A step waiting
// longer than the escalation time is escalated once: the department's leader and the site administrators are
// told. Every reassignment, designation and escalation is audited in its transaction.
import type { Db } from '../../platform/db/database.ts';
import type { ReviewRequest } from '../../platform/db/schema.ts';
import type { Clock } from '../../platform/time.ts';
import { HOUR } from '../../platform/time.ts';
import { SYSTEM_ACTOR, type Actor, type AuditService } from '../../platform/audit/audit.service.ts';
import { AppError } from '../../platform/errors.ts';
import { ROLES, type Role } from '../../platform/auth/roles.ts';
import type { DutyService } from '../duty/duty.service.ts';
import { findDepartment } from '../departments/departments.repository.ts';
import { findItem } from '../content/content.repository.ts';
import * as repo from './review.repository.ts';
import { itemKey, reviewLink, waitingPrefix } from './review-notifications.ts';
import { serialText } from './review.presenter.ts';
import { isWaiting, routeOf, routeText, STEP_GROUPS } from './routing.ts';
import {
  stateName,
  type Candidate,
  type Designate,
  type DesignateBody,
  type ReassignBody,
  type WaitingItem,
  type WaitingList,
} from './routing.schema.ts';

type Notices = Pick<DutyService, 'notifyOnce' | 'dropNotices'>;

export class ReviewRoutingService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly notices: Notices,
    private readonly escalateHours: number,
  ) {}

  private async creatorOf(request: Pick<ReviewRequest, 'content_id'>): Promise<number> {
    return (await findItem(this.db, request.content_id))?.created_by ?? 0;
  }

  /** Every request of the site waiting in a step, longest waiting first, with who may take it. */
  async waiting(siteId: number): Promise<WaitingList> {
    const open = await repo.openRequests(this.db, [siteId], [...repo.OPEN_STATES]);
    const ids = open.map((r) => r.id);
    const [entered, routing] = await Promise.all([repo.enteredAt(this.db, ids), repo.routingOfRequests(this.db, ids)]);
    const now = this.clock.now().getTime();
    const items: WaitingItem[] = [];
    for (const r of open) {
      const route = await routeOf(this.db, r, await this.creatorOf(r));
      const since = entered.get(r.id) ?? r.submitted_at;
      const hours = Math.round(((now - new Date(since).getTime()) / HOUR) * 10) / 10;
      const escalatedAt = routing.find((x) => x.request_id === r.id && x.state === r.state)?.escalated_at ?? null;
      items.push({
        id: r.id,
        contentId: r.content_id,
        serial: serialText(r),
        title: r.title,
        department: r.department_name,
        departmentId: r.department_id,
        submitter: r.submitter_name,
        state: r.state as WaitingItem['state'],
        stateName: stateName(r.state),
        waitingSince: since,
        waitingHours: hours,
        route: route.kind,
        deciders: route.names,
        escalatedAt,
        stuck: route.kind === 'none' || hours >= this.escalateHours,
      });
    }
    items.sort((a, b) => Number(b.stuck) - Number(a.stuck) || b.waitingHours - a.waitingHours);
    return { items, escalateHours: this.escalateHours };
  }

  /** Staff who hold a role of the review steps on the site. */
  async candidates(siteId: number): Promise<Candidate[]> {
    const rows = await repo.candidates(this.db, siteId, ['reviewer', 'leader', 'secrecy_reviewer']);
    return rows.map((c) => ({ ...c, roles: c.roles.map((r) => ROLES[r as Role] ?? r) }));
  }

  /** Whether `userId` may take the step the request waits in: the role on the site, not the submitter or author. */
  private async assertMayTake(request: ReviewRequest, userId: number, code: 'REVIEW_REASSIGN_INVALID') {
    if (!isWaiting(request.state)) throw new AppError('REVIEW_NOT_WAITING');
    const group = STEP_GROUPS[request.state];
    const holders = await repo.staffWithRole(this.db, request.site_id, group.role, null, []);
    const name = (await repo.userNames(this.db, [userId])).get(userId) ?? `#${userId}`;
    if (!holders.includes(userId)) throw new AppError(code, { name, reason: `没有${group.roleName}角色` });
    if (userId === request.submitted_by || userId === (await this.creatorOf(request)))
      throw new AppError(code, { name, reason: '不能审查自己提交的信息' });
    return name;
  }

  /** The site administrator hands the waiting step to a named person; the old reminders go, theirs is written. */
  async reassign(actor: Actor, requestId: number, input: ReassignBody): Promise<string> {
    const request = await repo.findRequest(this.db, requestId);
    if (!request) throw new AppError('REVIEW_NOT_FOUND');
    const name = await this.assertMayTake(request, input.userId, 'REVIEW_REASSIGN_INVALID');
    const at = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await repo.assignStep(trx, {
        request_id: request.id,
        state: request.state,
        assigned_to: input.userId,
        assigned_by: actor.userId ?? null,
        reason: input.reason.trim(),
        at,
      });
      await this.notices.dropNotices(trx, request.site_id, waitingPrefix(request.id));
      await this.notices.notifyOnce(trx, {
        site_id: request.site_id,
        user_id: input.userId,
        department_id: null,
        kind: 'review-waiting',
        dedupe_key: `${waitingPrefix(request.id)}${request.state}:${input.userId}:${at}`,
        title: `改派给您：${request.title}`,
        body: `站点管理员把“${request.title}”（登记序号 ${serialText(request)}）的${stateName(request.state)}环节改派给您：${input.reason.trim()}`,
        link: reviewLink(request),
        item_key: itemKey(request.content_id),
        created_at: at,
      });
      await this.audit.record(trx, actor, {
        action: 'review.reassign',
        targetType: 'content',
        targetId: request.content_id,
        siteId: request.site_id,
        detail: { requestId: request.id, state: request.state, to: input.userId, toName: name, reason: input.reason },
      });
    });
    return routeText(request.state, await routeOf(this.db, request, await this.creatorOf(request)));
  }

  async designates(siteId: number): Promise<Designate[]> {
    return (await repo.designatesOfSite(this.db, siteId)).map((d) => ({
      departmentId: d.department_id,
      department: d.department_name,
      step: d.step as Designate['step'],
      userId: d.user_id,
      name: d.display_name,
      designatedAt: d.designated_at,
    }));
  }

  /** Designates (or with userId null, stops designating) a department's fallback reviewer or leader; audited. */
  async designate(actor: Actor, siteId: number, input: DesignateBody): Promise<Designate[]> {
    const role = input.step === 'dept' ? 'reviewer' : 'leader';
    if (input.userId !== null) {
      const holders = await repo.staffWithRole(this.db, siteId, role, null, []);
      if (!holders.includes(input.userId)) {
        const name = (await repo.userNames(this.db, [input.userId])).get(input.userId) ?? `#${input.userId}`;
        throw new AppError('REVIEW_DESIGNATE_INVALID', { name, reason: `没有${ROLES[role]}角色` });
      }
    }
    if (!(await findDepartment(this.db, input.departmentId))) throw new AppError('DEPARTMENT_NOT_FOUND');
    await this.db.transaction().execute(async (trx) => {
      await repo.setDesignate(trx, {
        site_id: siteId,
        department_id: input.departmentId,
        step: input.step,
        user_id: input.userId,
        by: actor.userId ?? 0,
        at: this.clock.now().toISOString(),
      });
      await this.audit.record(trx, actor, {
        action: 'review.designate',
        targetType: 'department',
        targetId: input.departmentId,
        siteId,
        detail: { step: input.step, userId: input.userId },
      });
    });
    return this.designates(siteId);
  }

  /**
   * Escalates once every step waiting longer than the escalation time: the department's leaders (for a
   * reviewer's step) and the site administrators are told, and the waiting person is reminded again.
   */
  async escalateWaiting(): Promise<number> {
    const open = await repo.openRequests(this.db, null, [...repo.OPEN_STATES]);
    const ids = open.map((r) => r.id);
    const [entered, routing] = await Promise.all([repo.enteredAt(this.db, ids), repo.routingOfRequests(this.db, ids)]);
    const now = this.clock.now();
    let escalated = 0;
    for (const r of open) {
      const since = entered.get(r.id) ?? r.submitted_at;
      if (now.getTime() - new Date(since).getTime() < this.escalateHours * HOUR) continue;
      if (routing.some((x) => x.request_id === r.id && x.state === r.state && x.escalated_at)) continue;
      await this.escalate(r, since, now.toISOString());
      escalated += 1;
    }
    return escalated;
  }

  private async escalate(r: repo.NamedRow, since: string, at: string): Promise<void> {
    const route = await routeOf(this.db, r, await this.creatorOf(r));
    const leaders =
      r.state === 'dept_review'
        ? await repo.staffWithRole(this.db, r.site_id, 'leader', r.department_id, [r.submitted_by])
        : [];
    const admins = await repo.staffWithRole(this.db, r.site_id, 'site_admin', null, [r.submitted_by]);
    const hours = Math.floor((new Date(at).getTime() - new Date(since).getTime()) / HOUR);
    const waitingFor = route.names.length ? `等待${route.names.join('、')}办理` : '没有可办理的人员';
    await this.db.transaction().execute(async (trx) => {
      await repo.markEscalated(trx, r.id, r.state, at);
      for (const userId of new Set([...leaders, ...admins, ...route.userIds])) {
        await this.notices.notifyOnce(trx, {
          site_id: r.site_id,
          user_id: userId,
          department_id: null,
          kind: 'review-escalated',
          dedupe_key: `review-escalated:${r.id}:${r.state}:${userId}`,
          title: `催办：${r.title}`,
          body: `${r.department_name}提交的“${r.title}”（登记序号 ${serialText(r)}）在${stateName(r.state)}环节已等待 ${hours} 小时，${waitingFor}。`,
          link: admins.includes(userId) ? '/admin/review/stuck' : reviewLink(r),
          item_key: itemKey(r.content_id),
          created_at: at,
        });
      }
      await this.audit.record(trx, SYSTEM_ACTOR, {
        action: 'review.escalate',
        targetType: 'content',
        targetId: r.content_id,
        siteId: r.site_id,
        detail: { requestId: r.id, state: r.state, waitingHours: hours, told: leaders.length + admins.length },
      });
    });
  }
}

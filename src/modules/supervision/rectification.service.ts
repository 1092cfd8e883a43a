// 通报整改: each problem of a published result becomes a task for the responsible department, due two calendar
// weeks after publication. The department answers with evidence; the supervisor has the engine check the site
// again, which closes the task when the problem is gone and reopens it when it is not. Tasks due within three
// days or overdue are reminded daily (console, and e-mail when configured); overdue ones are highlighted.
import type { Db } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/time.ts';
import { DAY, chineseDate, shanghaiDate } from '../../platform/time.ts';
import { SYSTEM_ACTOR, type Actor, type AuditService } from '../../platform/audit/audit.service.ts';
import { AppError } from '../../platform/errors.ts';
import type { Mailer } from '../../platform/mail.ts';
import type { AuthContext } from '../auth/auth.service.ts';
import type { InspectionService } from '../inspection/inspection.service.ts';
import { findingKey } from '../inspection/inspection.service.ts';
import { insertNotificationOnce } from '../duty/duty.repository.ts';
import * as repo from './plans.repository.ts';
import * as registryRepo from './supervision.repository.ts';
import type { TaskRow } from './plans.repository.ts';
import type { RegistryService } from './registry.service.ts';
import type { PlansService } from './plans.service.ts';
import { rectificationDeadline } from './deadlines.ts';
import type { ItemResult } from './results.ts';
import { inSupervisionScope, supervisionScopeOf } from './scope.ts';
import { toTaskView } from './supervision.presenter.ts';
import { TASK_STATUS_NAMES, type TaskResponse, type TaskStatus, type TaskView } from './supervision.schema.ts';

/** Reminders start this long before the deadline. */
const REMIND_BEFORE_MS = 3 * DAY;

export class RectificationService {
  /** Re-checks running in this process, by task. */
  private readonly rechecks = new Map<number, Promise<TaskStatus>>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly registry: RegistryService,
    private readonly plans: PlansService,
    private readonly inspection: InspectionService,
    private readonly mailer: Mailer | null,
  ) {}

  /** On publication of a plan's results: one task per problem (indicator) of every site checked, due in 2 weeks. */
  async createForPlan(planId: number, publishedAt: string): Promise<number> {
    const plan = await this.plans.plan(planId);
    const items = await this.plans.itemsOf(planId);
    const existing = new Set((await repo.tasksOfPlan(this.db, planId)).map((t) => `${t.item_id}|${t.indicator_id}`));
    const dueAt = rectificationDeadline(publishedAt);
    const at = this.clock.now().toISOString();
    let created = 0;
    await this.db.transaction().execute(async (trx) => {
      for (const item of items) {
        if (!item.result) continue;
        const entry = await registryRepo.findEntry(trx, item.registry_id);
        const result = JSON.parse(item.result) as ItemResult;
        for (const problem of result.problems) {
          if (existing.has(`${item.id}|${problem.indicatorId}`)) continue;
          await repo.insertTask(trx, {
            owner_site_id: plan.owner_site_id,
            plan_id: planId,
            item_id: item.id,
            registry_id: item.registry_id,
            indicator_id: problem.indicatorId,
            indicator_name: problem.name,
            problem: problem.findings
              .map((f) => f.message)
              .join('；')
              .slice(0, 2000),
            finding_keys: JSON.stringify(problem.findings.map((f) => f.key)),
            evidence: JSON.stringify(problem.findings.map((f) => ({ message: f.message, url: f.url }))),
            department: entry?.department ?? '',
            status: 'open',
            published_at: publishedAt,
            due_at: dueAt,
            response: null,
            response_evidence: '[]',
            responded_at: null,
            responded_by: null,
            recheck_run_id: null,
            rechecked_at: null,
            recheck_note: null,
            closed_at: null,
            reminded_at: null,
            created_at: at,
          });
          created += 1;
        }
      }
      await this.audit.record(trx, SYSTEM_ACTOR, {
        action: 'supervision.rectification-open',
        targetType: 'supervision_plan',
        targetId: planId,
        siteId: plan.owner_site_id,
        detail: { publishedAt, dueAt, tasks: created },
      });
    });
    return created;
  }

  async task(id: number): Promise<TaskRow> {
    const row = await repo.findTask(this.db, id);
    if (!row) throw new AppError('SUPERVISION_NOT_FOUND', { what: '整改任务' });
    return row;
  }

  async view(id: number): Promise<TaskView> {
    const task = await this.task(id);
    return toTaskView(task, await registryRepo.findEntry(this.db, task.registry_id), this.clock.now().toISOString());
  }

  /**
   * The tasks a staff member may see: a supervisor those of their offices; a department those of the sites it
   * answers for (as their contact, or as administrator of the hosted site).
   */
  async list(
    auth: AuthContext,
    filter: { siteId?: number; status?: TaskStatus; planId?: number },
  ): Promise<TaskView[]> {
    const scope = supervisionScopeOf(auth.grants);
    const now = this.clock.now().toISOString();
    const supervisor = scope.all || scope.siteIds.length > 0;
    const ownerSiteIds =
      filter.siteId !== undefined ? [filter.siteId] : supervisor && !scope.all ? scope.siteIds : ('all' as const);
    const supervised = filter.siteId === undefined || inSupervisionScope(scope, filter.siteId);
    const rows = await repo.listTasks(this.db, {
      ownerSiteIds,
      ...(filter.status && { status: filter.status }),
      ...(filter.planId && { planId: filter.planId }),
    });
    const entries = new Map(
      (await registryRepo.entriesByIds(this.db, [...new Set(rows.map((r) => r.registry_id))])).map((e) => [e.id, e]),
    );
    const visible = rows.filter(
      (r) =>
        (supervised && inSupervisionScope(scope, r.owner_site_id)) || this.answersFor(auth, entries.get(r.registry_id)),
    );
    return visible.map((r) => toTaskView(r, entries.get(r.registry_id), now));
  }

  /** The department answering for a site: its contact account, or an administrator of the hosted site. */
  private answersFor(auth: AuthContext, entry: registryRepo.RegistryRow | undefined): boolean {
    if (!entry) return false;
    if (entry.contact_user_id === auth.userId) return true;
    const hosted = entry.hosted_site_id;
    return (
      hosted !== null && auth.grants.some((g) => g.role === 'site_admin' && (g.siteId === null || g.siteId === hosted))
    );
  }

  /** Supervisors of the task's office, or the department answering for its site. */
  async assertMayAnswer(auth: AuthContext, task: TaskRow): Promise<void> {
    if (inSupervisionScope(supervisionScopeOf(auth.grants), task.owner_site_id)) return;
    if (this.answersFor(auth, await registryRepo.findEntry(this.db, task.registry_id))) return;
    throw new AppError('SUPERVISION_NOT_RESPONSIBLE');
  }

  async respond(auth: AuthContext, id: number, input: TaskResponse): Promise<TaskView> {
    const task = await this.task(id);
    await this.assertMayAnswer(auth, task);
    const at = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      if (
        !(await repo.updateTaskIf(trx, id, ['open', 'reopened'], {
          status: 'responded',
          response: input.response.trim(),
          response_evidence: JSON.stringify(input.evidence),
          responded_at: at,
          responded_by: auth.userId,
        }))
      )
        throw new AppError('SUPERVISION_TASK_STATE', {
          state: TASK_STATUS_NAMES[task.status as TaskStatus],
          action: '反馈',
        });
      await this.audit.record(trx, auth.actor, {
        action: 'supervision.rectification-respond',
        targetType: 'supervision_rectification',
        targetId: id,
        siteId: task.owner_site_id,
        detail: { response: input.response, evidence: input.evidence },
      });
    });
    return this.view(id);
  }

  /**
   * The engine checks the site again (in the background): the task closes when none of its problems is found any
   * more, and is reopened — back to the department — when one still is.
   */
  async recheck(actor: Actor, id: number): Promise<TaskView> {
    const task = await this.task(id);
    if (task.status === 'closed') throw new AppError('SUPERVISION_TASK_STATE', { state: '已整改', action: '复查' });
    const entry = await this.registry.row(task.registry_id);
    const plan = await this.plans.plan(task.plan_id);
    const target = await this.plans.targetOf(entry);
    const runId = await this.inspection.create(actor, {
      url: target.url,
      siteId: target.siteId,
      maxPages: plan.max_pages,
      screenshots: false,
      seed: plan.seed,
      ...(target.publicHost ? { publicHost: target.publicHost } : {}),
    });
    await repo.updateTask(this.db, id, { recheck_run_id: runId, rechecked_at: null });
    await this.audit.recordAlone(actor, {
      action: 'supervision.rectification-recheck',
      targetType: 'supervision_rectification',
      targetId: id,
      siteId: task.owner_site_id,
      detail: { runId },
    });
    const running = this.completeRecheck(id, runId).finally(() => this.rechecks.delete(id));
    running.catch(() => undefined);
    this.rechecks.set(id, running);
    return this.view(id);
  }

  /** The outcome of a re-check started in this process (tests and the demo wait for it). */
  recheckSettled(id: number): Promise<TaskStatus | null> {
    return this.rechecks.get(id) ?? Promise.resolve(null);
  }

  /** Runs the re-check and closes or reopens the task by what it found. */
  async completeRecheck(id: number, runId: number): Promise<TaskStatus> {
    const report = await this.inspection.execute(runId).catch(async (error: unknown) => {
      await repo.updateTask(this.db, id, {
        rechecked_at: this.clock.now().toISOString(),
        recheck_note: `复查未能完成：${error instanceof Error ? error.message : String(error)}`,
      });
      throw error;
    });
    const task = await this.task(id);
    const keys = new Set(JSON.parse(task.finding_keys) as string[]);
    const indicator = report.indicators.find((i) => i.id === task.indicator_id);
    const remaining = (indicator?.findings ?? []).filter((f) => keys.has(findingKey(task.indicator_id, f)));
    const at = this.clock.now().toISOString();
    const status: TaskStatus = remaining.length === 0 ? 'closed' : 'reopened';
    const note =
      status === 'closed'
        ? `${chineseDate(at)}复查：原问题均已整改`
        : `${chineseDate(at)}复查：仍有${remaining.length}处问题未整改（${remaining
            .map((f) => f.message)
            .join('；')
            .slice(0, 300)}）`;
    await this.db.transaction().execute(async (trx) => {
      await repo.updateTask(trx, id, {
        status,
        rechecked_at: at,
        recheck_note: note,
        closed_at: status === 'closed' ? at : null,
      });
      await this.audit.record(trx, SYSTEM_ACTOR, {
        action: status === 'closed' ? 'supervision.rectification-close' : 'supervision.rectification-reopen',
        targetType: 'supervision_rectification',
        targetId: id,
        siteId: task.owner_site_id,
        detail: { runId, remaining: remaining.map((f) => f.message) },
      });
    });
    return status;
  }

  /** The daily reminder: tasks waiting for their department, due within 3 days or overdue. */
  async remind(): Promise<number> {
    const now = this.clock.now();
    const tasks = await repo.tasksToRemind(
      this.db,
      new Date(now.getTime() + REMIND_BEFORE_MS).toISOString(),
      new Date(now.getTime() - DAY + 60_000).toISOString(),
    );
    for (const task of tasks) {
      const entry = await registryRepo.findEntry(this.db, task.registry_id);
      const overdue = now.toISOString() > task.due_at;
      const title = `${overdue ? '整改已逾期' : '整改即将到期'}：${entry?.name ?? ''}（${task.indicator_name}）`;
      const body = `${task.problem.slice(0, 200)}。整改期限：${chineseDate(task.due_at)}。`;
      const recipients = new Set<number>([
        ...(entry?.contact_user_id ? [entry.contact_user_id] : []),
        ...(entry?.hosted_site_id ? await registryRepo.siteAdminsOf(this.db, entry.hosted_site_id) : []),
        ...(await registryRepo.supervisorsOf(this.db, task.owner_site_id)),
      ]);
      for (const userId of recipients)
        await insertNotificationOnce(this.db, {
          site_id: task.owner_site_id,
          user_id: userId,
          department_id: null,
          kind: 'supervision.rectification',
          dedupe_key: `supervision.rectification:${task.id}:${shanghaiDate(now)}:${userId}`,
          title,
          body,
          link: '/admin/supervision/rectifications',
          created_at: now.toISOString(),
        });
      await this.mailReminder(recipients, title, body);
      await repo.updateTask(this.db, task.id, { reminded_at: now.toISOString() });
    }
    return tasks.length;
  }

  private async mailReminder(userIds: ReadonlySet<number>, title: string, body: string): Promise<void> {
    if (!this.mailer?.enabled || userIds.size === 0) return;
    const to = await registryRepo.emailsOf(this.db, [...userIds]);
    await this.mailer.send({ to, subject: title, text: body }).catch(() => undefined);
  }
}

// Handling applications in the console: 受理 / 不予受理 / 一次性告知补正 (within 5 working days, once, listing
// everything missing — 行政许可法 第三十二条), 办理, 办结; every step with its date, the officer and the note, and
// the notices that need the applicant's action or close the case sent by SMS and e-mail with their delivery
// recorded. Deadlines come from the statutory calendar; a job reminds the department before they fall due and
// escalates an overdue application to the department's leaders.
import type { Db } from '../../platform/db/database.ts';
import type { ServiceApplicationRow } from './services.tables.ts';
import type { Clock } from '../../platform/time.ts';
import { shanghaiDate } from '../../platform/time.ts';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { AppError } from '../../platform/errors.ts';
import type { CalendarService } from '../../platform/calendar/calendar.service.ts';
import { maskPhone } from '../../platform/crypto/personal-data.ts';
import type { AuthContext } from '../auth/auth.service.ts';
import type { CitizensModule } from '../citizens/citizens.module.ts';
import type { DutyService } from '../duty/duty.service.ts';
import * as repo from './applications.repository.ts';
import * as ratingsRepo from './ratings.repository.ts';
import type { ApplicationDetail, ApplicationListQuery } from './applications.schema.ts';
import { deadlineView, toEventView, toRatingView } from './applications.presenter.ts';
import { acceptanceInput, applicationClocks, currentDeadline } from './application-clock.ts';
import { clockState } from '../../platform/calendar/statutory-clock.ts';
import type { ApplicationsService } from './applications.service.ts';
import { isElectronic, materialKey } from './applications.service.ts';
import type { CatalogueService } from './catalogue.service.ts';
import type { GuidesService } from './guides.service.ts';
import type { RatingsService } from './ratings.service.ts';
import { assertHandler, departmentScope, type ServiceChanges } from './access.ts';
import { type ApplicationState, OPEN_STATES, STATE_NAMES } from './service-types.ts';

type Step = 'accept' | 'reject' | 'correction' | 'start' | 'complete';
const FROM: Record<Step, ApplicationState[]> = {
  accept: ['submitted'],
  reject: ['submitted'],
  correction: ['submitted'],
  start: ['accepted'],
  complete: ['accepted', 'processing'],
};
const TO: Record<Step, ApplicationState> = {
  accept: 'accepted',
  reject: 'rejected',
  correction: 'correction',
  start: 'processing',
  complete: 'completed',
};
const STEP_NAMES: Record<Step, string> = {
  accept: '受理',
  reject: '不予受理',
  correction: '要求补正',
  start: '开始办理',
  complete: '办结',
};

/** Actions allowed now on an application in a state. */
export const actionsFor = (state: string): Step[] =>
  (Object.keys(FROM) as Step[]).filter((s) => FROM[s].includes(state as ApplicationState));

/** Working days before a deadline the department is reminded. */
export const REMIND_DAYS = 2;

export class HandlingService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly calendar: CalendarService,
    private readonly citizens: CitizensModule,
    private readonly catalogue: CatalogueService,
    private readonly guides: GuidesService,
    private readonly applications: ApplicationsService,
    private readonly ratings: RatingsService,
    private readonly duty: DutyService,
    private readonly changes: ServiceChanges,
  ) {}

  async load(auth: AuthContext, siteId: number, applicationId: number): Promise<ServiceApplicationRow> {
    const app = await repo.findApplication(this.db, applicationId);
    if (!app || app.site_id !== siteId) throw new AppError('SERVICE_APPLICATION_NOT_FOUND');
    assertHandler(auth, app, (await this.catalogue.departmentNames(siteId)).get(app.department_id) ?? '');
    return app;
  }

  async list(auth: AuthContext, siteId: number, query: ApplicationListQuery) {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const scope = departmentScope(auth, siteId);
    const states = query.state === 'open' ? [...OPEN_STATES] : query.state?.split(',').filter(Boolean);
    const { total, rows } = await repo.listApplications(this.db, {
      siteId,
      departmentIds: scope,
      states,
      itemId: query.itemId,
      receiptNo: query.receiptNo?.trim() || undefined,
      offset: (page - 1) * pageSize,
      limit: pageSize,
    });
    const open = await repo.openApplications(this.db, siteId, OPEN_STATES);
    const mine = (
      await this.applications.summaries(open.filter((a) => !scope || scope.includes(a.department_id)))
    ).filter((s) => s.deadline);
    return {
      total,
      page,
      pageSize,
      applications: await this.applications.summaries(rows),
      counts: {
        open: mine.length,
        dueSoon: mine.filter((s) => !s.deadline!.overdue && !s.deadline!.paused && s.deadline!.daysLeft <= REMIND_DAYS)
          .length,
        overdue: mine.filter((s) => s.deadline!.overdue).length,
      },
    };
  }

  /** Everything about one application: materials and files, steps, clocks, notices, rating and rectification. */
  async detail(app: ServiceApplicationRow, viewer: 'staff' | 'citizen'): Promise<ApplicationDetail> {
    const [summary] = await this.applications.summaries([app]);
    const events = await repo.eventsOf(this.db, [app.id]);
    const clocks = applicationClocks(await this.calendar.calendar(), app, events, this.clock.now());
    const item = await this.catalogue.row(app.item_id);
    const guide = await this.guides.publishedOf(item);
    const files = await repo.filesOf(this.db, app.id);
    const fileView = (f: (typeof files)[number]) => ({
      id: f.id,
      material: f.material,
      round: f.round,
      name: f.original_name,
      mime: f.mime,
      size: f.size,
      uploadedAt: f.uploaded_at,
    });
    const materials = (guide?.data.materials ?? []).map((m) => ({
      name: m.name,
      required: m.required,
      electronic: isElectronic(m),
      files: files.filter((f) => materialKey(f.material) === materialKey(m.name)).map(fileView),
    }));
    const contact = app.contact_enc ? maskPhone((await this.citizens.keys.cipher()).decrypt(app.contact_enc)) : '';
    const notices = (await this.citizens.notices.forRecord('service_application', app.id)).map((n) => ({
      channel: n.channel,
      kind: n.kind,
      subject: n.subject,
      target: n.target,
      status: n.status,
      createdAt: n.createdAt,
      sentAt: n.sentAt,
    }));
    const rating = await ratingsRepo.ratingOf(this.db, app.id);
    return {
      application: summary,
      remark: app.remark,
      contact,
      materials,
      events: events.filter((e) => viewer === 'staff' || !['remind', 'escalate'].includes(e.action)).map(toEventView),
      clocks: {
        acceptance: deadlineView('受理', clocks.acceptance),
        promised: clocks.promised ? deadlineView('承诺', clocks.promised) : null,
        statutory: clocks.statutory ? deadlineView('法定', clocks.statutory) : null,
        deemedAccepted: clocks.deemedAccepted,
      },
      notices,
      actions: viewer === 'staff' ? actionsFor(app.state) : [],
      rating: rating ? toRatingView(rating) : null,
      rectification: rating ? await this.ratings.rectificationViewOf(rating) : null,
    };
  }

  /** One step of an officer, with its checks, its event, its audit record and the applicant's notice. */
  async step(
    auth: AuthContext,
    siteId: number,
    applicationId: number,
    step: Step,
    input: { note: string; missing?: string[]; outcome?: '准予' | '不予' },
  ): Promise<ApplicationDetail> {
    const app = await this.load(auth, siteId, applicationId);
    if (!FROM[step].includes(app.state as ApplicationState))
      throw new AppError('SERVICE_STATE_CONFLICT', {
        state: STATE_NAMES[app.state as ApplicationState] ?? app.state,
        action: STEP_NAMES[step],
      });
    const note = input.note.trim();
    const missing = (input.missing ?? []).map((m) => m.trim()).filter(Boolean);
    const events = await repo.eventsOf(this.db, [app.id]);
    if (step === 'reject' && !note) throw new AppError('SERVICE_NOTE_REQUIRED', { what: '不予受理的理由和依据' });
    if (step === 'complete' && !note) throw new AppError('SERVICE_NOTE_REQUIRED', { what: '办结意见' });
    if (step === 'correction') {
      if (app.corrections > 0) throw new AppError('SERVICE_CORRECTION_ONCE');
      if (missing.length === 0) throw new AppError('SERVICE_CORRECTION_EMPTY');
      const acceptance = clockState(await this.calendar.calendar(), acceptanceInput(app, events), this.clock.now());
      if (acceptance.overdue) throw new AppError('SERVICE_CORRECTION_LATE');
    }
    const at = this.clock.now().toISOString();
    const to = TO[step];
    const item = await this.catalogue.row(app.item_id);
    await this.db.transaction().execute(async (trx) => {
      const moved = await repo.transition(trx, app.id, app.state, {
        state: to,
        updated_at: at,
        ...(step === 'accept' ? { accepted_at: at } : {}),
        ...(step === 'reject' ? { completed_at: at, outcome: '不予受理' } : {}),
        ...(step === 'complete' ? { completed_at: at, outcome: input.outcome ?? '准予' } : {}),
        ...(step === 'correction' ? { corrections: app.corrections + 1 } : {}),
      });
      if (!moved) throw new AppError('SERVICE_STATE_CONFLICT', { state: '已被他人处理', action: STEP_NAMES[step] });
      await repo.insertEvent(trx, {
        application_id: app.id,
        action: step,
        from_state: app.state,
        to_state: to,
        note,
        detail: JSON.stringify(
          step === 'correction' ? { missing } : step === 'complete' ? { outcome: input.outcome } : {},
        ),
        actor_kind: 'staff',
        actor_id: auth.userId,
        actor_name: auth.displayName,
        at,
      });
      await this.duty.dropNotices(trx, app.site_id, `services-app:${app.id}:`);
      await this.audit.record(trx, auth.actor, {
        action: `services.application.${step}`,
        targetType: 'service_application',
        targetId: app.id,
        siteId: app.site_id,
        detail: { receiptNo: app.receipt_no, from: app.state, to, note, missing, outcome: input.outcome },
      });
    });
    await this.notify(app, item.name, step, note, missing, input.outcome);
    await this.changes.emit(app.site_id);
    return this.detail((await repo.findApplication(this.db, app.id))!, 'staff');
  }

  /** The applicant hears of what needs their action (补正) or closes the case (不予受理, 办结). */
  private async notify(
    app: ServiceApplicationRow,
    itemName: string,
    step: Step,
    note: string,
    missing: string[],
    outcome?: string,
  ): Promise<void> {
    const head = `您申请的“${itemName}”（受理编号 ${app.receipt_no}）`;
    const texts: Partial<Record<Step, { subject: string; text: string }>> = {
      correction: {
        subject: '办件需要补正材料',
        text: `${head}需要补正以下全部内容：${missing.map((m, i) => `${i + 1}. ${m}`).join('；')}。${note ? `${note}。` : ''}请登录网站用户空间，在办件页面一次补齐后提交；补正期间不计入办理时限。`,
      },
      reject: {
        subject: '办件不予受理',
        text: `${head}不予受理。理由：${note}。如有异议，可依法申请行政复议或者提起行政诉讼。`,
      },
      complete: {
        subject: '办件已办结',
        text: `${head}已办结，办理结果：${outcome ?? '准予'}。${note}。欢迎登录网站用户空间对本次服务进行评价。`,
      },
    };
    const message = texts[step];
    if (!message) return;
    await this.citizens.notices.send({
      citizenId: app.citizen_id,
      kind: `services.${step}`,
      subject: message.subject,
      text: message.text,
      related: { type: 'service_application', id: app.id },
    });
  }

  /**
   * The reminder job: a department hears of applications whose deadline is within REMIND_DAYS working days (once a
   * day), and an overdue application is escalated once to the department's leaders.
   */
  async remind(siteId: number): Promise<{ reminded: number; escalated: number }> {
    const open = await repo.openApplications(this.db, siteId, ['submitted', 'accepted', 'processing']);
    if (open.length === 0) return { reminded: 0, escalated: 0 };
    const calendar = await this.calendar.calendar();
    const now = this.clock.now();
    const at = now.toISOString();
    const today = shanghaiDate(now);
    const summaries = new Map((await this.applications.summaries(open)).map((s) => [s.id, s]));
    let reminded = 0;
    let escalated = 0;
    for (const app of open) {
      const events = await repo.eventsOf(this.db, [app.id]);
      const current = currentDeadline(app, applicationClocks(calendar, app, events, now));
      if (!current || current.state.paused) continue;
      const s = summaries.get(app.id)!;
      const link = `/admin/services/applications/${app.id}`;
      if (current.state.overdue && !app.escalated_at) {
        const leaders = await repo.staffWithRole(this.db, siteId, 'leader', app.department_id);
        await this.db.transaction().execute(async (trx) => {
          for (const l of leaders)
            await this.duty.notifyOnce(trx, {
              site_id: siteId,
              user_id: l.id,
              department_id: null,
              kind: 'services-escalated',
              dedupe_key: `services-escalate:${app.id}:${l.id}`,
              title: `办件超期督办：${s.itemName}`,
              body: `受理编号 ${app.receipt_no} 已超过${current.kind}期限（${current.state.due ?? ''}），请督促办理。`,
              link,
              created_at: at,
            });
          await repo.updateApplication(trx, app.id, { escalated_at: at });
          await repo.insertEvent(trx, {
            application_id: app.id,
            action: 'escalate',
            from_state: app.state,
            to_state: app.state,
            note: `超过${current.kind}期限，已报部门负责人督办`,
            detail: JSON.stringify({ leaders: leaders.map((l) => l.id) }),
            actor_kind: 'system',
            actor_id: null,
            actor_name: '系统',
            at,
          });
        });
        escalated++;
      } else if (!current.state.overdue && current.state.daysLeft <= REMIND_DAYS && app.reminded_on !== today) {
        await this.db.transaction().execute(async (trx) => {
          await this.duty.notifyOnce(trx, {
            site_id: siteId,
            user_id: null,
            department_id: app.department_id,
            kind: 'services-due',
            dedupe_key: `services-app:${app.id}:due:${today}`,
            title: `办件即将到期：${s.itemName}`,
            body: `受理编号 ${app.receipt_no} 的${current.kind}期限为 ${current.state.due}，还剩 ${current.state.daysLeft} 个工作日。`,
            link,
            created_at: at,
          });
          await repo.updateApplication(trx, app.id, { reminded_on: today });
        });
        reminded++;
      }
    }
    return { reminded, escalated };
  }

  /** The citizen's own page of an application. */
  async forCitizen(citizenId: number, applicationId: number): Promise<ApplicationDetail> {
    return this.detail(await this.applications.own(citizenId, applicationId), 'citizen');
  }
}

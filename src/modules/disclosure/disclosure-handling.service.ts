// The steps of 依申请公开 after receipt, each checked against the regulation before it is recorded: one 补正 notice
// within 7 working days (第三十条), the applicant's correction restarting the clock, an extension of at most 20
// working days approved by the head of the 政府信息公开工作机构 (第三十三条), consultations of third parties not
// counted (第三十二条), the 信息处理费 notice and payment, and the answer — never without a disposition code.
import type { Db } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/time.ts';
import { chineseDate, shanghaiDate } from '../../platform/time.ts';
import type { Actor, AuditService } from '../../platform/audit/audit.service.ts';
import { AppError } from '../../platform/errors.ts';
import type { CalendarService } from '../../platform/calendar/calendar.service.ts';
import type { DisclosureApplication, DisclosureApplicationsTable } from './disclosure.tables.ts';
import type { Updateable } from 'kysely';
import type { AuthContext } from '../auth/auth.service.ts';
import type { CitizenContext } from '../citizens/citizen-auth.service.ts';
import type { SitesService } from '../sites/sites.service.ts';
import * as repo from './disclosure.repository.ts';
import {
  DEFAULT_CORRECTION_DAYS,
  DISPOSITIONS,
  type Disposition,
  type DispositionRule,
  FEE_METHODS,
  FEE_PAYMENT_DAYS,
  MAX_EXTENSION_DAYS,
  STATUSES,
  type Status,
  dispositionName,
  feeFor,
  replyDraft,
  serialText,
} from './disclosure-rules.ts';
import type { AnswerBody, CorrectionBody, ExtensionBody, FeeNoticeBody, SupplementBody } from './disclosure.schema.ts';
import type { DisclosureService, NoticeText } from './disclosure.service.ts';

interface Step {
  /** States the step may start from; checked again in the UPDATE so concurrent steps cannot both pass. */
  from: Status[];
  changes: Updateable<DisclosureApplicationsTable>;
  event: { kind: string; detail: string };
  audit: { action: string; detail: Record<string, unknown> };
  notice?: NoticeText;
}

export class DisclosureHandling {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly calendar: CalendarService,
    private readonly sites: SitesService,
    private readonly disclosure: DisclosureService,
  ) {}

  private today(): string {
    return shanghaiDate(this.clock.now());
  }

  /** Refuses a step on an answered application, or from a state the step does not start from. */
  private assertState(app: DisclosureApplication, from: Status[], action: string): void {
    if (app.status === 'answered')
      throw new AppError('DISCLOSURE_ANSWERED', { date: shanghaiDate(app.answered_at!), action });
    if (!from.includes(app.status as Status))
      throw new AppError('PARTICIPATION_WRONG_STATE', {
        what: '该申请',
        state: STATUSES[app.status as Status],
        action,
      });
  }

  /** Records a step: the change (if the state still allows it), its event and audit record in one transaction. */
  private async record(actor: Actor, app: DisclosureApplication, step: Step): Promise<void> {
    const at = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const ok = await repo.updateApplicationIf(trx, app.id, step.from, { ...step.changes, updated_at: at });
      if (!ok) {
        const now = (await repo.findApplication(trx, app.id))!;
        throw new AppError('PARTICIPATION_WRONG_STATE', {
          what: '该申请',
          state: STATUSES[now.status as Status],
          action: '继续办理（已被他人处理，请刷新）',
        });
      }
      await repo.insertEvent(trx, {
        application_id: app.id,
        kind: step.event.kind,
        detail: step.event.detail,
        actor_name: actor.username,
        at,
      });
      await this.audit.record(trx, actor, {
        action: step.audit.action,
        targetType: 'disclosure_application',
        targetId: app.id,
        siteId: app.site_id,
        detail: { serial: serialText(app.year, app.serial), ...step.audit.detail },
      });
    });
    if (step.notice) await this.disclosure.notify(await this.disclosure.find(app.id), step.notice);
  }

  // ───────────────────────────── 补正 ─────────────────────────────

  async requestCorrection(auth: AuthContext, id: number, body: CorrectionBody): Promise<void> {
    const app = await this.disclosure.find(id);
    if (app.correction_sent_at)
      throw new AppError('DISCLOSURE_CORRECTION_ONCE', { date: shanghaiDate(app.correction_sent_at) });
    this.assertState(app, ['processing'], '发出补正通知');
    const clock = await this.disclosure.clockOf(app);
    const until = await this.disclosure.correctionAllowedUntil(app, clock);
    if (!until) {
      const last = (await this.calendar.addWorkingDays(clock.receivedOn, 7)).date;
      throw new AppError('DISCLOSURE_CORRECTION_LATE', { date: last });
    }
    const items = body.items.map((i) => i.trim()).filter(Boolean);
    if (items.length === 0) throw new AppError('DISCLOSURE_FIELD_REQUIRED', { field: '需要补正的事项' });
    const deadline = body.deadline ?? (await this.calendar.addWorkingDays(this.today(), DEFAULT_CORRECTION_DAYS)).date;
    if (deadline <= this.today()) throw new AppError('PARTICIPATION_TIMES_INVALID', { problem: '补正期限须晚于今天' });
    const serial = serialText(app.year, app.serial);
    await this.record(auth.actor, app, {
      from: ['processing'],
      changes: {
        status: 'correction',
        correction_items: JSON.stringify(items),
        correction_sent_at: this.clock.now().toISOString(),
        correction_deadline: deadline,
      },
      event: { kind: 'correction', detail: `需要补正：${items.join('；')}。补正期限：${deadline}` },
      audit: { action: 'disclosure.correction', detail: { items, deadline } },
      notice: {
        kind: 'disclosure.correction',
        subject: '政府信息公开申请补正通知',
        text: `您的政府信息公开申请（${serial}）需要补正：${items.join('；')}。请于${deadline}前登录网站“用户空间”补正；逾期无正当理由不补正的，视为放弃申请。答复期限自收到补正之日起重新计算。`,
      },
    });
  }

  /** The applicant's correction (online); staff record one that came by letter the same way. */
  async supplement(actor: Actor, id: number, body: SupplementBody): Promise<void> {
    const app = await this.disclosure.find(id);
    if (app.status !== 'correction') {
      if (app.status === 'answered')
        throw new AppError('DISCLOSURE_ANSWERED', { date: shanghaiDate(app.answered_at!), action: '补正' });
      throw new AppError('DISCLOSURE_NOT_IN_CORRECTION');
    }
    if (this.today() > app.correction_deadline!)
      throw new AppError('DISCLOSURE_CORRECTION_EXPIRED', { date: app.correction_deadline! });
    const text = body.text.trim();
    if (!text) throw new AppError('DISCLOSURE_FIELD_REQUIRED', { field: '补正内容' });
    const description = body.description?.trim();
    await this.record(actor, app, {
      from: ['correction'],
      changes: {
        status: 'processing',
        corrected_at: this.clock.now().toISOString(),
        correction_text: text,
        ...(description ? { description } : {}),
      },
      event: { kind: 'corrected', detail: `补正内容：${text}${description ? `；所需信息改为：${description}` : ''}` },
      audit: { action: 'disclosure.corrected', detail: { changedDescription: Boolean(description) } },
    });
  }

  citizenSupplement(citizen: CitizenContext, id: number, body: SupplementBody): Promise<void> {
    return this.disclosure.find(id).then((app) => {
      if (app.citizen_id !== citizen.citizenId) throw new AppError('DISCLOSURE_NOT_FOUND');
      return this.supplement(citizen.actor, id, body);
    });
  }

  // ───────────────────────────── 延期 ─────────────────────────────

  async extend(auth: AuthContext, id: number, body: ExtensionBody): Promise<void> {
    const app = await this.disclosure.find(id);
    this.assertState(app, ['processing', 'consultation', 'fee'], '延长答复期限');
    if (!body.approver.trim() || !body.reason.trim()) throw new AppError('DISCLOSURE_EXTENSION_APPROVER');
    const left = MAX_EXTENSION_DAYS - app.extension_days;
    if (body.days > left) throw new AppError('DISCLOSURE_EXTENSION_INVALID', { max: MAX_EXTENSION_DAYS, left });
    const clock = await this.disclosure.clockOf(app);
    if (clock.overdue) throw new AppError('DISCLOSURE_EXTENSION_LATE', { date: clock.due! });
    const days = app.extension_days + body.days;
    const at = this.clock.now().toISOString();
    const newDue = (await this.disclosure.clockOf({ ...app, extension_days: days, extension_at: at })).due;
    await this.record(auth.actor, app, {
      from: ['processing', 'consultation', 'fee'],
      changes: {
        extension_days: days,
        extension_approver: body.approver.trim(),
        extension_reason: body.reason.trim(),
        extension_at: at,
      },
      event: {
        kind: 'extension',
        detail: `延长${body.days}个工作日，经${body.approver.trim()}同意；理由：${body.reason.trim()}；新的答复期限：${newDue ?? '（暂停计算中）'}`,
      },
      audit: { action: 'disclosure.extension', detail: { days: body.days, approver: body.approver.trim() } },
      notice: {
        kind: 'disclosure.extension',
        subject: '政府信息公开申请延期答复告知',
        text: `您的政府信息公开申请（${serialText(app.year, app.serial)}）因${body.reason.trim()}，经政府信息公开工作机构负责人同意，答复期限延长${body.days}个工作日${newDue ? `，至${newDue}` : ''}。`,
      },
    });
  }

  // ───────────────────────────── 征求第三方意见 ─────────────────────────────

  async startConsultation(auth: AuthContext, id: number, party: string): Promise<void> {
    const app = await this.disclosure.find(id);
    this.assertState(app, ['processing', 'consultation'], '征求第三方意见');
    if (!party.trim()) throw new AppError('DISCLOSURE_FIELD_REQUIRED', { field: '征求意见的第三方' });
    const at = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await repo.insertConsultation(trx, { application_id: id, party: party.trim(), sent_at: at });
      await repo.updateApplication(trx, id, { status: 'consultation', updated_at: at });
      await repo.insertEvent(trx, {
        application_id: id,
        kind: 'consultation',
        detail: `书面征求“${party.trim()}”的意见（第三方应于15个工作日内答复），征求期间不计入答复期限`,
        actor_name: auth.actor.username,
        at,
      });
      await this.audit.record(trx, auth.actor, {
        action: 'disclosure.consultation',
        targetType: 'disclosure_application',
        targetId: id,
        siteId: app.site_id,
        detail: { party: party.trim() },
      });
    });
  }

  async closeConsultation(auth: AuthContext, id: number, consultationId: number, reply: string): Promise<void> {
    const app = await this.disclosure.find(id);
    this.assertState(app, ['consultation'], '登记第三方意见');
    if (!reply.trim()) throw new AppError('DISCLOSURE_FIELD_REQUIRED', { field: '第三方意见' });
    const all = await repo.consultationsOf(this.db, [id]);
    const consultation = all.find((c) => c.id === consultationId);
    if (!consultation) throw new AppError('DISCLOSURE_NOT_FOUND');
    const at = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      if (!(await repo.closeConsultation(trx, consultationId, at, reply.trim())))
        throw new AppError('PARTICIPATION_WRONG_STATE', { what: '该征求意见', state: '已答复', action: '再次登记' });
      const stillOpen = all.filter((c) => c.id !== consultationId && c.replied_at === null);
      if (stillOpen.length === 0) await repo.updateApplication(trx, id, { status: 'processing', updated_at: at });
      await repo.insertEvent(trx, {
        application_id: id,
        kind: 'consultation_reply',
        detail: `“${consultation.party}”的意见：${reply.trim()}`,
        actor_name: auth.actor.username,
        at,
      });
      await this.audit.record(trx, auth.actor, {
        action: 'disclosure.consultation-reply',
        targetType: 'disclosure_application',
        targetId: id,
        siteId: app.site_id,
        detail: { party: consultation.party },
      });
    });
  }

  // ───────────────────────────── 信息处理费 ─────────────────────────────

  async feeNotice(auth: AuthContext, id: number, body: FeeNoticeBody): Promise<void> {
    const app = await this.disclosure.find(id);
    this.assertState(app, ['processing'], '发出收费通知');
    if (app.fee_notice_at)
      throw new AppError('PARTICIPATION_WRONG_STATE', { what: '该申请', state: '已发出收费通知', action: '再次收费' });
    const amount = feeFor(body.method, body.quantity);
    const unit = body.method === 'per_item' ? `（当月第${body.quantity}件）` : `（${body.quantity}页）`;
    if (amount === 0) throw new AppError('DISCLOSURE_FEE_FREE', { method: FEE_METHODS[body.method], quantity: unit });
    const deadline = (await this.calendar.addWorkingDays(this.today(), FEE_PAYMENT_DAYS)).date;
    await this.record(auth.actor, app, {
      from: ['processing'],
      changes: {
        status: 'fee',
        fee_method: body.method,
        fee_quantity: body.quantity,
        fee_amount: amount,
        fee_notice_at: this.clock.now().toISOString(),
        fee_deadline: deadline,
      },
      event: {
        kind: 'fee_notice',
        detail: `${FEE_METHODS[body.method]}${unit}，信息处理费${amount}元，缴费期限${deadline}`,
      },
      audit: { action: 'disclosure.fee-notice', detail: { method: body.method, quantity: body.quantity, amount } },
      notice: {
        kind: 'disclosure.fee',
        subject: '政府信息公开信息处理费收费通知',
        text: `您的政府信息公开申请（${serialText(app.year, app.serial)}）数量、频次超过合理范围，按《政府信息公开信息处理费管理办法》${FEE_METHODS[body.method]}${unit}，应缴纳信息处理费${amount}元。请于${deadline}前缴纳，逾期未缴纳的视为放弃申请；缴费期间不计入答复期限。`,
      },
    });
  }

  async feePaid(auth: AuthContext, id: number): Promise<void> {
    const app = await this.disclosure.find(id);
    this.assertState(app, ['fee'], '登记缴费');
    await this.record(auth.actor, app, {
      from: ['fee'],
      changes: { status: 'processing', fee_paid_at: this.clock.now().toISOString() },
      event: { kind: 'fee_paid', detail: `已缴纳信息处理费${app.fee_amount}元` },
      audit: { action: 'disclosure.fee-paid', detail: { amount: app.fee_amount } },
    });
  }

  // ───────────────────────────── 答复 ─────────────────────────────

  /** The reply template of a disposition, filled in with the application's facts. */
  async draft(id: number, disposition: Disposition, reason: string): Promise<string> {
    const app = await this.disclosure.find(id);
    const detail = await this.disclosure.detail(id);
    const site = await this.sites.get(app.site_id);
    return replyDraft(disposition, {
      applicant: detail.applicantName,
      serial: detail.serial,
      received: chineseDate(`${await this.disclosure.originalReceipt(app)}T04:00:00.000Z`),
      description: app.description,
      reason: reason.trim() || '（请填写理由和依据）',
      organ: site.sponsor || site.name,
      date: chineseDate(this.clock.now()),
    });
  }

  /** Why this disposition may not close this application, or null. */
  private dispositionProblem(app: DisclosureApplication, rule: DispositionRule): string | null {
    const today = this.today();
    if (rule.requires === 'correction' && !app.corrected_at) return '申请人补正之后';
    if (rule.requires === 'correction-lapsed' && !(app.status === 'correction' && today > app.correction_deadline!))
      return '补正期限届满而申请人未补正的申请';
    if (rule.requires === 'fee-lapsed' && !(app.status === 'fee' && today > app.fee_deadline!))
      return '缴费期限届满而申请人未缴费的申请';
    if (app.status === 'correction' && rule.requires !== 'correction-lapsed') return '已补正或补正期限届满的申请';
    if (app.status === 'fee' && rule.requires !== 'fee-lapsed') return '已缴费或缴费期限届满的申请';
    return null;
  }

  async answer(auth: AuthContext, id: number, body: AnswerBody): Promise<void> {
    if (!body.disposition) throw new AppError('DISCLOSURE_DISPOSITION_REQUIRED');
    const app = await this.disclosure.find(id);
    this.assertState(app, ['processing', 'correction', 'fee', 'consultation'], '答复');
    const open = (await repo.consultationsOf(this.db, [id])).find((c) => c.replied_at === null);
    if (open) throw new AppError('DISCLOSURE_CONSULTATION_OPEN', { party: open.party });
    const rule: DispositionRule = DISPOSITIONS[body.disposition];
    const name = dispositionName(body.disposition);
    const problem = this.dispositionProblem(app, rule);
    if (problem) throw new AppError('DISCLOSURE_DISPOSITION_NOT_ALLOWED', { disposition: name, condition: problem });
    const reason = body.reason?.trim() ?? '';
    if (rule.needsReason && !reason) throw new AppError('DISCLOSURE_REASON_REQUIRED', { disposition: name });
    const replyText = body.replyText.trim();
    if (!replyText) throw new AppError('DISCLOSURE_FIELD_REQUIRED', { field: '答复书正文' });
    await this.record(auth.actor, app, {
      from: ['processing', 'correction', 'fee'],
      changes: {
        status: 'answered',
        disposition: body.disposition,
        disposition_reason: reason || null,
        reply_text: replyText,
        answered_at: this.clock.now().toISOString(),
        answered_by: auth.userId,
      },
      event: { kind: 'answered', detail: `办理结果：${name}` },
      audit: { action: 'disclosure.answer', detail: { disposition: body.disposition } },
      notice: {
        kind: 'disclosure.answer',
        subject: '政府信息公开申请答复',
        text: `您的政府信息公开申请（${serialText(app.year, app.serial)}）已答复，办理结果：${name}。请登录网站“用户空间”查看答复书全文。`,
      },
    });
  }
}

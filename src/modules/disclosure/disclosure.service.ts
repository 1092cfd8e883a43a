// 依申请公开: receiving applications (online from the public account, or registered by staff from letters and
// visits, on the same clock), reading them with their statutory clock, and telling the applicant. The steps of
// the procedure (补正, extension, consultation, fee, answer) are disclosure-handling.service.ts.
import type { Db } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/time.ts';
import { shanghaiDate } from '../../platform/time.ts';
import type { Actor, AuditService } from '../../platform/audit/audit.service.ts';
import { AppError } from '../../platform/errors.ts';
import type { CalendarService } from '../../platform/calendar/calendar.service.ts';
import type { ClockState } from '../../platform/calendar/statutory-clock.ts';
import { endOfShanghaiDay } from '../../platform/calendar/working-calendar.ts';
import type { Idempotency } from '../../platform/idempotency.ts';
import type { DisclosureApplication } from './disclosure.tables.ts';
import { normaliseEmail, validChineseId } from '../../platform/crypto/personal-data.ts';
import type { CitizensModule } from '../citizens/citizens.module.ts';
import type { CitizenContext } from '../citizens/citizen-auth.service.ts';
import type { UserSpaceEntry } from '../citizens/user-space.ts';
import type { ColumnsService } from '../columns/columns.service.ts';
import type { AuthContext } from '../auth/auth.service.ts';
import { remindOnce } from '../participation/reminders.ts';
import * as repo from './disclosure.repository.ts';
import {
  CONSULTATION_DAYS,
  CORRECTION_NOTICE_DAYS,
  DUE_SOON_WORKING_DAYS,
  ID_TYPES,
  clockInput,
  isOrganization,
  serialText,
  validCreditCode,
} from './disclosure-rules.ts';
import type { ApplicationDetail, ApplicationSummary, ApplyBody, ListQuery, RegisterBody } from './disclosure.schema.ts';
import { type PersonalFields, nextStep, toDetail, toSummary } from './disclosure.presenter.ts';

const PHONE = /^[0-9+\-() ]{7,20}$/;
const required = (value: string | undefined, field: string) => {
  if (!value?.trim()) throw new AppError('DISCLOSURE_FIELD_REQUIRED', { field });
};

/** 条例 第二十九条: who the applicant is, how to reach them, what they want, in what form — or a clear refusal. */
export function checkApplicant(body: ApplyBody | RegisterBody): void {
  const org = isOrganization(body.applicantType);
  required(body.name, org ? '单位名称' : '姓名');
  required(body.idNumber, org ? '统一社会信用代码' : '身份证件号码');
  required(body.phone, '联系电话');
  required(body.description, '所需政府信息的名称、文号或者便于查询的特征性描述');
  if (org && body.idType !== 'credit_code' && body.idType !== 'other')
    throw new AppError('DISCLOSURE_FIELD_REQUIRED', { field: '统一社会信用代码（法人或其他组织）' });
  if (!org && body.idType === 'credit_code')
    throw new AppError('DISCLOSURE_FIELD_REQUIRED', { field: '身份证件类型（自然人不使用统一社会信用代码）' });
  const id = body.idNumber.trim().toUpperCase();
  if (body.idType === 'id_card' && !validChineseId(id))
    throw new AppError('DISCLOSURE_ID_INVALID', { idType: ID_TYPES.id_card });
  if (body.idType === 'credit_code' && !validCreditCode(id))
    throw new AppError('DISCLOSURE_ID_INVALID', { idType: ID_TYPES.credit_code });
  if (!PHONE.test(body.phone.trim())) throw new AppError('CITIZEN_CONTACT_INVALID', { channel: '联系电话' });
  if (body.email?.trim() && !normaliseEmail(body.email))
    throw new AppError('CITIZEN_CONTACT_INVALID', { channel: '电子邮箱' });
  if (body.deliveryMethod === 'post') required(body.address, '通信地址（邮寄）');
  if (body.deliveryMethod === 'email') required(body.email, '电子邮箱（以电子邮件获取）');
}

const isUniqueViolation = (error: unknown) =>
  /unique|23505|SQLITE_CONSTRAINT/i.test(`${(error as { code?: string }).code ?? ''} ${String(error)}`);

export interface NoticeText {
  kind: string;
  subject: string;
  text: string;
}

export class DisclosureService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly calendar: CalendarService,
    private readonly citizens: CitizensModule,
    private readonly columns: ColumnsService,
    private readonly idempotency: Idempotency,
  ) {}

  // ───────────────────────────── receiving ─────────────────────────────

  /** An application from the public account: received at once (the system confirms receipt with a 回执). */
  async apply(citizen: CitizenContext, siteId: number, body: ApplyBody) {
    checkApplicant(body);
    const at = this.clock.now().toISOString();
    const { result, repeated } = await this.createOnce('disclosure.apply', `citizen:${citizen.citizenId}`, body, () =>
      this.insert(citizen.actor, siteId, body, { channel: 'online', citizenId: citizen.citizenId, at, receivedAt: at }),
    );
    if (!repeated) await this.notify(await this.find(result.id), await this.receiptNotice(result.id));
    return { ...result, repeated };
  }

  /** A letter, fax or visit registered by staff, with the day it was received (签收 / 确认 / 提交). */
  async register(auth: AuthContext, siteId: number, body: RegisterBody) {
    checkApplicant(body);
    const now = this.clock.now();
    const receivedAt = new Date(body.receivedAt);
    if (receivedAt.getTime() > now.getTime())
      throw new AppError('DISCLOSURE_RECEIVED_INVALID', { problem: '不能晚于当前时间' });
    if (now.getTime() - receivedAt.getTime() > 366 * 86_400_000)
      throw new AppError('DISCLOSURE_RECEIVED_INVALID', { problem: '不能早于一年以前' });
    if (body.channel === 'online')
      throw new AppError('DISCLOSURE_RECEIVED_INVALID', {
        problem: '网上申请由申请人在网站提交，工作人员只登记信函、传真和当面申请',
      });
    const { result, repeated } = await this.createOnce('disclosure.register', `staff:${auth.userId}`, body, () =>
      this.insert(auth.actor, siteId, body, {
        channel: body.channel,
        citizenId: null,
        at: now.toISOString(),
        receivedAt: receivedAt.toISOString(),
        registeredBy: auth.userId,
      }),
    );
    return { ...result, repeated };
  }

  private async createOnce(
    scope: string,
    owner: string,
    body: { idempotencyKey: string },
    create: () => (trx: Db) => Promise<{ id: number; serial: string }>,
  ) {
    // The key is loaded before the transaction: on SQLite its first use writes a setting on the one connection.
    await this.citizens.keys.cipher();
    // Two applications numbered at the same moment: the loser of the unique serial tries the next number.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.idempotency.run(scope, owner, body.idempotencyKey, create());
      } catch (error) {
        if (attempt >= 3 || !isUniqueViolation(error)) throw error;
      }
    }
  }

  private insert(
    actor: Actor,
    siteId: number,
    body: ApplyBody | RegisterBody,
    how: { channel: string; citizenId: number | null; at: string; receivedAt: string; registeredBy?: number },
  ) {
    return async (trx: Db) => {
      const cipher = await this.citizens.keys.cipher();
      const enc = (v: string | undefined) => (v?.trim() ? cipher.encrypt(v.trim()) : null);
      const idNumber = body.idNumber.trim().toUpperCase();
      const year = Number(shanghaiDate(how.receivedAt).slice(0, 4));
      const serial = await repo.nextSerial(trx, siteId, year);
      const id = await repo.insertApplication(trx, {
        site_id: siteId,
        year,
        serial,
        channel: how.channel,
        citizen_id: how.citizenId,
        applicant_type: body.applicantType,
        name_enc: cipher.encrypt(body.name.trim()),
        id_type: body.idType,
        id_number_enc: cipher.encrypt(idNumber),
        id_number_hash: cipher.lookupHash('disclosure-id', idNumber),
        contact_person_enc: enc(body.contactPerson),
        phone_enc: cipher.encrypt(body.phone.trim()),
        email_enc: enc(body.email),
        address_enc: enc(body.address),
        postal_code: body.postalCode?.trim() || null,
        description: body.description.trim(),
        doc_number: body.docNumber?.trim() ?? '',
        purpose: body.purpose?.trim() ?? '',
        delivery_form: body.deliveryForm,
        delivery_method: body.deliveryMethod,
        submitted_at: how.at,
        received_at: how.receivedAt,
        status: 'processing',
        registered_by: how.registeredBy ?? null,
        created_at: how.at,
        updated_at: how.at,
      });
      const online = how.channel === 'online';
      await repo.insertEvent(trx, {
        application_id: id,
        kind: online ? 'submitted' : 'registered',
        detail: online
          ? '申请人在网站提交申请，系统即时出具回执'
          : `登记${how.channel === 'letter' ? '信函' : how.channel === 'fax' ? '传真' : '当面'}申请`,
        actor_name: online ? '申请人' : actor.username,
        at: how.at,
      });
      await this.audit.record(trx, actor, {
        action: online ? 'disclosure.apply' : 'disclosure.register',
        targetType: 'disclosure_application',
        targetId: id,
        siteId,
        detail: { serial: serialText(year, serial), channel: how.channel, receivedAt: how.receivedAt },
      });
      return { id, serial: serialText(year, serial) };
    };
  }

  private async receiptNotice(id: number): Promise<NoticeText> {
    const app = await this.find(id);
    const clock = await this.clockOf(app);
    return {
      kind: 'disclosure.receipt',
      subject: '政府信息公开申请回执',
      text: `您的政府信息公开申请（${serialText(app.year, app.serial)}）已收到，收到申请之日为${clock.receivedOn}，本机关将于${clock.due}前答复（补正、征求第三方意见等期间依法不计算在内）。可在网站“用户空间”查看办理进度。`,
    };
  }

  // ───────────────────────────── reading ─────────────────────────────

  async find(id: number): Promise<DisclosureApplication> {
    const app = await repo.findApplication(this.db, id);
    if (!app) throw new AppError('DISCLOSURE_NOT_FOUND');
    return app;
  }

  async clockOf(app: DisclosureApplication): Promise<ClockState> {
    const consultations = await repo.consultationsOf(this.db, [app.id]);
    return this.calendar.clockState(clockInput({ ...app, consultations }));
  }

  /** The day the application itself was received (a later 补正 restarts the count, not this day). */
  async originalReceipt(app: DisclosureApplication): Promise<string> {
    return (await this.calendar.clockState(clockInput({ ...app, correction_sent_at: null, consultations: [] })))
      .receivedOn;
  }

  /** The last day a 补正 notice may be sent (7 working days after receipt), or null once sent or past. */
  async correctionAllowedUntil(app: DisclosureApplication, clock: ClockState): Promise<string | null> {
    if (app.correction_sent_at || app.status === 'answered') return null;
    const until = (await this.calendar.addWorkingDays(clock.receivedOn, CORRECTION_NOTICE_DAYS)).date;
    return shanghaiDate(this.clock.now()) <= until ? until : null;
  }

  private async personal(app: DisclosureApplication): Promise<PersonalFields> {
    const cipher = await this.citizens.keys.cipher();
    const dec = (v: string | null) => (v ? cipher.decrypt(v) : null);
    return {
      name: cipher.decrypt(app.name_enc),
      idNumber: cipher.decrypt(app.id_number_enc),
      contactPerson: dec(app.contact_person_enc),
      phone: cipher.decrypt(app.phone_enc),
      email: dec(app.email_enc),
      address: dec(app.address_enc),
    };
  }

  async summary(app: DisclosureApplication): Promise<ApplicationSummary> {
    const clock = await this.clockOf(app);
    const until = await this.correctionAllowedUntil(app, clock);
    const name = (await this.citizens.keys.cipher()).decrypt(app.name_enc);
    return toSummary(app, name, clock, nextStep(app, clock, until, shanghaiDate(this.clock.now())));
  }

  async list(query: ListQuery): Promise<{ items: ApplicationSummary[]; counts: Record<string, number> }> {
    const rows = await repo.listApplications(this.db, query.siteId, {
      status: query.status === 'open' ? undefined : query.status,
      open: query.status === 'open',
      year: query.year,
    });
    const items: ApplicationSummary[] = [];
    for (const row of rows) items.push(await this.summary(row));
    const q = query.q?.trim();
    const found = q
      ? items.filter((i) => i.serial.includes(q) || i.applicantName.includes(q) || i.description.includes(q))
      : items;
    const counts: Record<string, number> = { open: 0, overdue: 0, dueSoon: 0 };
    for (const i of items) {
      counts[i.status] = (counts[i.status] ?? 0) + 1;
      if (i.status !== 'answered') counts.open! += 1;
      if (i.status !== 'answered' && i.clock.overdue) counts.overdue! += 1;
      if (i.status !== 'answered' && !i.clock.overdue && i.clock.due && i.clock.daysLeft <= DUE_SOON_WORKING_DAYS)
        counts.dueSoon! += 1;
    }
    return { items: found, counts };
  }

  async detail(id: number): Promise<ApplicationDetail> {
    const app = await this.find(id);
    const clock = await this.clockOf(app);
    const until = await this.correctionAllowedUntil(app, clock);
    const personal = await this.personal(app);
    const summary = toSummary(app, personal.name, clock, nextStep(app, clock, until, shanghaiDate(this.clock.now())));
    const consultations = [];
    for (const c of await repo.consultationsOf(this.db, [id]))
      consultations.push({
        ...c,
        dueOn: (await this.calendar.addWorkingDays(shanghaiDate(c.sent_at), CONSULTATION_DAYS)).date,
      });
    return toDetail(summary, app, personal, {
      correctionAllowedUntil: until,
      consultations,
      events: await repo.eventsOf(this.db, id),
      deliveries: await this.citizens.notices.forRecord('disclosure', id),
      nthThisMonth: await this.nthThisMonth(app),
    });
  }

  /** Which application of its calendar month (Asia/Shanghai) this is for the same applicant (信息处理费 按件计收). */
  async nthThisMonth(app: DisclosureApplication): Promise<number> {
    const month = shanghaiDate(app.received_at).slice(0, 7);
    const from = new Date(`${month}-01T00:00:00+08:00`).toISOString();
    return repo.countByApplicant(this.db, app.site_id, app.id_number_hash, from, app.received_at);
  }

  /** The applicant's own application, or DISCLOSURE_NOT_FOUND (another person's id reveals nothing). */
  async ownedBy(citizenId: number, id: number): Promise<ApplicationDetail> {
    const app = await repo.findApplication(this.db, id);
    if (!app || app.citizen_id !== citizenId) throw new AppError('DISCLOSURE_NOT_FOUND');
    const detail = await this.detail(id);
    // The applicant sees what the organ did, not which staff member did it, nor the staff's working notes.
    return {
      ...detail,
      next: '',
      events: detail.events.map((e) => ({ ...e, actorName: e.actorName === '申请人' ? '申请人' : '本机关' })),
    };
  }

  /** The user space's section: each application with its state and statutory deadline. */
  async userSpaceEntries(citizenId: number): Promise<UserSpaceEntry[]> {
    const out: UserSpaceEntry[] = [];
    for (const app of await repo.applicationsOfCitizen(this.db, citizenId)) {
      const s = await this.summary(app);
      out.push({
        title: app.description.length > 40 ? `${app.description.slice(0, 40)}…` : app.description,
        href: `/disclosure/${app.id}`,
        status: s.dispositionName ? `${s.statusName}（${s.dispositionName}）` : s.statusName,
        submittedAt: app.submitted_at,
        deadline:
          app.status === 'answered'
            ? undefined
            : {
                due: s.clock.due ? endOfShanghaiDay(s.clock.due) : null,
                overdue: s.clock.overdue,
                estimated: s.clock.estimated,
                paused: s.clock.paused,
              },
        detail: s.serial,
      });
    }
    return out;
  }

  /** Applications the annual report of `year` counts (see repository). */
  applicationsTouchingYear(siteId: number, year: number): Promise<DisclosureApplication[]> {
    const start = new Date(`${year}-01-01T00:00:00+08:00`).toISOString();
    const end = new Date(`${year + 1}-01-01T00:00:00+08:00`).toISOString();
    return repo.applicationsTouchingYear(this.db, siteId, start, end);
  }

  // ───────────────────────────── telling the applicant ─────────────────────────────

  /**
   * Sends a notice after the change committed: to the account by SMS and e-mail, or — for a letter or a visit —
   * to the phone and mailbox the applicant gave; every delivery is recorded against the application.
   */
  async notify(app: DisclosureApplication, notice: NoticeText): Promise<void> {
    const related = { type: 'disclosure', id: app.id };
    try {
      if (app.citizen_id !== null) {
        await this.citizens.notices.send({ citizenId: app.citizen_id, ...notice, related });
        return;
      }
      const cipher = await this.citizens.keys.cipher();
      const phone = cipher.decrypt(app.phone_enc);
      if (/^1\d{10}$/.test(phone.replace(/\D/g, '')))
        await this.citizens.notices.sendTo('sms', phone.replace(/\D/g, ''), { ...notice, related });
      if (app.email_enc)
        await this.citizens.notices.sendTo('email', cipher.decrypt(app.email_enc), { ...notice, related });
    } catch {
      // A failed delivery is recorded as such and retried; the change it reports has committed regardless.
    }
  }

  // ───────────────────────────── reminders ─────────────────────────────

  /** Reminds the 依申请公开 column's department of answers due within 5 working days and of overdue ones. */
  async remind(): Promise<number> {
    let created = 0;
    const at = this.clock.now().toISOString();
    for (const app of await repo.unansweredApplications(this.db)) {
      const clock = await this.clockOf(app);
      if (!clock.due || clock.paused) continue;
      const level = clock.overdue ? 'overdue' : clock.daysLeft <= DUE_SOON_WORKING_DAYS ? 'soon' : null;
      if (!level) continue;
      const serial = serialText(app.year, app.serial);
      const fresh = await remindOnce(
        this.db,
        this.columns,
        {
          siteId: app.site_id,
          column: '依申请公开',
          kind: 'disclosure-due',
          dedupeKey: `disclosure-due:${app.id}:${clock.due}:${level}`,
          title: level === 'overdue' ? `依申请公开${serial}已超过答复期限` : `依申请公开${serial}即将到期`,
          body:
            level === 'overdue'
              ? `答复期限为${clock.due}，已超期，请尽快答复。`
              : `答复期限为${clock.due}，还剩${clock.daysLeft}个工作日。`,
          link: `/admin/disclosure/${app.id}`,
        },
        at,
      );
      if (fresh) created++;
    }
    return created;
  }
}

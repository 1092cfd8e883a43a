// The office's side of a message before the reply: the dispatcher of 综合处 assigns what no rule routed,
// transfers with a reason, or rejects as 无效留言 (duplicate, abuse, off-topic) with the reason shown to the
// citizen; the department 签收 (signs for) it or sends it back to the dispatcher; a 找错 ticket is closed (办结)
// once the error is put right. Every step is one transaction with its trail entry and audit record.
import { AppError } from '../../platform/errors.ts';
import type { Message } from './interaction.tables.ts';
import { isOpen, STATE_NAMES, type MessageState, crossedVetoLine, vetoLine } from './deadlines.ts';
import type { InteractionCore, StaffActor } from './interaction.core.ts';
import type { Dashboard, MessageDetail, MessageList, MessageQuery, MessageStaffView } from './interaction.schema.ts';
import { eventView, replyView, staffView } from './interaction.presenter.ts';
import { publicSubmitter } from './masking.ts';
import type { MessagesService } from './messages.service.ts';
import * as repo from './messages.repository.ts';
import * as replies from './replies.repository.ts';

const stateName = (s: string) => STATE_NAMES[s as MessageState] ?? s;
const ERROR_CHANNELS = ['local-error', 'national-error'];

export class HandlingService {
  constructor(
    private readonly core: InteractionCore,
    private readonly messages: MessagesService,
  ) {}

  private get deps() {
    return this.core.deps;
  }

  // ───── reading ─────

  async view(m: Message): Promise<MessageStaffView> {
    const approved = (await replies.repliesOf(this.core.db, m.id)).filter((r) => r.state === 'approved');
    const clocks = await this.core.clocks(m, approved.find((r) => r.round === 2)?.approved_at ?? null);
    let submitter = m.reporter || '匿名';
    if (m.citizen_id) {
      const account = await this.deps.citizens.accounts.account(m.citizen_id).catch(() => null);
      submitter = account
        ? [account.displayName, account.phone, account.email].filter(Boolean).join(' · ')
        : '已注销用户';
    } else if (m.reporter) submitter = publicSubmitter(m.reporter);
    return staffView(m, clocks, {
      departmentName: await this.core.departmentName(m.department_id),
      submitter,
      publicUrl: await this.messages.publicUrl(m),
    });
  }

  async list(auth: StaffActor, siteId: number, query: MessageQuery): Promise<MessageList> {
    const box = query.box ?? (this.core.canDispatch(auth, siteId) ? 'dispatch' : 'department');
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const dispatcher = this.core.canDispatch(auth, siteId);
    if ((box === 'dispatch' || box === 'all' || box === 'held') && !dispatcher)
      throw new AppError('MESSAGE_DISPATCH_ONLY');
    if (box === 'department' && auth.departmentId === null) throw new AppError('MESSAGE_NOT_ASSIGNED_TO_YOU');
    const channels = query.channel === 'board' ? ['board'] : query.channel === 'error' ? ERROR_CHANNELS : undefined;
    const states = query.state ? [query.state] : box === 'dispatch' ? ['pending_dispatch'] : undefined;
    const { rows, total } = await repo.listForStaff(
      this.core.db,
      {
        siteId,
        states,
        departmentId: box === 'department' ? auth.departmentId! : undefined,
        category: query.category,
        channels,
        q: query.q,
        held: box === 'held' ? true : box === 'dispatch' ? false : undefined,
      },
      pageSize,
      (page - 1) * pageSize,
    );
    return { items: await Promise.all(rows.map((m) => this.view(m))), total, page, pageSize };
  }

  async detail(auth: StaffActor, id: number): Promise<MessageDetail> {
    const m = await this.core.readable(auth, id);
    const [rows, events] = await Promise.all([replies.repliesOf(this.core.db, id), repo.eventsOf(this.core.db, id)]);
    const names = new Map((await this.deps.departments.list(m.site_id)).map((d) => [d.id, d.name]));
    const views = [];
    for (const r of rows) {
      const request = r.review_request_id ? await this.deps.review.request(r.review_request_id) : null;
      views.push(replyView(r, names.get(r.department_id) ?? '', request?.state ?? null));
    }
    return {
      message: await this.view(m),
      replies: views,
      events: events.map((e) => eventView(e, names)),
      actions: this.actions(auth, m, rows.at(-1)?.state ?? null),
    };
  }

  /** The steps this staff member can take on the message now (the console shows these buttons). */
  actions(auth: StaffActor, m: Message, lastReplyState: string | null): string[] {
    const out: string[] = [];
    const dispatcher = this.core.canDispatch(auth, m.site_id);
    const handler = this.core.isHandler(auth, m);
    if (m.held && dispatcher) return ['release', 'invalid'];
    if (dispatcher && m.state === 'pending_dispatch') out.push('assign');
    if (dispatcher && ['assigned', 'handling'].includes(m.state)) out.push('transfer');
    if (dispatcher && ['pending_dispatch', 'assigned', 'handling'].includes(m.state)) out.push('invalid');
    if (handler && m.state === 'assigned') out.push('sign', 'return');
    if (handler && m.state === 'handling') {
      out.push('draft', 'return');
      if (lastReplyState === 'draft' || lastReplyState === 'returned') out.push('submit-reply');
    }
    if ((handler || dispatcher) && m.state === 'replied' && m.channel !== 'board') out.push('close');
    return out;
  }

  // ───── dispatching ─────

  private assertDispatcher(auth: StaffActor, m: Message): void {
    if (!this.core.canDispatch(auth, m.site_id)) throw new AppError('MESSAGE_DISPATCH_ONLY');
  }

  private assertState(m: Message, allowed: readonly string[], action: string): void {
    if (!allowed.includes(m.state)) throw new AppError('MESSAGE_STATE', { state: stateName(m.state), action });
    if (m.held && action !== '审核') throw new AppError('MESSAGE_HELD');
  }

  private async department(m: Message, departmentId: number): Promise<number> {
    const list = await this.deps.departments.list(m.site_id);
    const d = list.find((x) => x.id === departmentId);
    if (!d) throw new AppError('MESSAGE_DEPARTMENT_INVALID');
    return this.core.liveDepartment(m.site_id, d.id);
  }

  async assign(auth: StaffActor, id: number, departmentId: number, note = ''): Promise<MessageStaffView> {
    const m = await this.core.message(id);
    this.assertDispatcher(auth, m);
    this.assertState(m, ['pending_dispatch'], '分办');
    const target = await this.department(m, departmentId);
    await this.moveTo(auth, m, target, 'assign', note.trim());
    return this.view(await this.core.message(id));
  }

  async transfer(auth: StaffActor, id: number, departmentId: number, reason: string): Promise<MessageStaffView> {
    const m = await this.core.message(id);
    this.assertDispatcher(auth, m);
    this.assertState(m, ['assigned', 'handling'], '转办');
    if (!reason.trim()) throw new AppError('MESSAGE_REASON_REQUIRED', { action: '转办' });
    const target = await this.department(m, departmentId);
    if (target === m.department_id) throw new AppError('MESSAGE_SAME_DEPARTMENT');
    await this.moveTo(auth, m, target, 'transfer', reason.trim());
    return this.view(await this.core.message(id));
  }

  private async moveTo(auth: StaffActor, m: Message, target: number, action: 'assign' | 'transfer', note: string) {
    const at = this.core.now();
    const name = (await this.core.departmentName(target)) ?? '';
    await this.core.db.transaction().execute(async (trx) => {
      await repo.updateMessage(trx, m.id, {
        state: 'assigned',
        department_id: target,
        assigned_at: at,
        signed_at: null,
        updated_at: at,
      });
      await this.core.record(trx, m, {
        action,
        actor: auth.actor,
        actorType: 'staff',
        actorName: auth.displayName,
        from: m.department_id,
        to: target,
        note,
      });
      await this.core.remindStaff(trx, {
        siteId: m.site_id,
        departmentId: target,
        key: `${m.id}:assigned:${target}:${at}`,
        title: `${action === 'transfer' ? '转办' : '分办'}到${name}：${m.title}`,
        body: `留言（${m.tracking_no}）请本部门签收办理${note ? `。说明：${note}` : ''}`,
        messageId: m.id,
      });
    });
    await this.core.changed({ siteId: m.site_id, messageId: m.id, public: false });
  }

  async markInvalid(auth: StaffActor, id: number, reason: string): Promise<MessageStaffView> {
    const m = await this.core.message(id);
    this.assertDispatcher(auth, m);
    if (!['pending_dispatch', 'assigned', 'handling'].includes(m.state))
      throw new AppError('MESSAGE_STATE', { state: stateName(m.state), action: '认定为无效留言' });
    const text = reason.trim();
    if (!text) throw new AppError('MESSAGE_REASON_REQUIRED', { action: '认定无效留言的' });
    const at = this.core.now();
    await this.core.db.transaction().execute(async (trx) => {
      await repo.updateMessage(trx, m.id, {
        state: 'invalid',
        held: 0,
        invalid_reason: text.slice(0, 500),
        invalid_at: at,
        updated_at: at,
      });
      await this.core.record(trx, m, {
        action: 'invalid',
        actor: auth.actor,
        actorType: 'staff',
        actorName: auth.displayName,
        note: text,
      });
    });
    await this.core.changed({ siteId: m.site_id, messageId: m.id, public: false });
    if (m.citizen_id && m.contact_preference !== 'none')
      await this.deps.citizens.notices
        .send({
          citizenId: m.citizen_id,
          kind: 'message.invalid',
          subject: '留言不予受理',
          text: `您的留言（${m.tracking_no}）不予受理，理由：${text}`,
          related: { type: 'message', id: m.id },
          channels: [m.contact_preference as 'sms' | 'email'],
        })
        .catch(() => []);
    return this.view(await this.core.message(id));
  }

  /** A held anonymous report (sent without the proof of work) is released for handling by a moderator. */
  async release(auth: StaffActor, id: number): Promise<MessageStaffView> {
    const m = await this.core.message(id);
    this.assertDispatcher(auth, m);
    if (!m.held) throw new AppError('MESSAGE_STATE', { state: stateName(m.state), action: '审核放行' });
    await this.core.db.transaction().execute(async (trx) => {
      await repo.updateMessage(trx, m.id, { held: 0, updated_at: this.core.now() });
      await this.core.record(trx, m, {
        action: 'release',
        actor: auth.actor,
        actorType: 'staff',
        actorName: auth.displayName,
      });
    });
    return this.view(await this.core.message(id));
  }

  // ───── the department ─────

  async sign(auth: StaffActor, id: number): Promise<MessageStaffView> {
    const m = await this.core.message(id);
    if (!this.core.isHandler(auth, m)) throw new AppError('MESSAGE_NOT_ASSIGNED_TO_YOU');
    this.assertState(m, ['assigned'], '签收');
    await this.signIn(auth, m);
    return this.view(await this.core.message(id));
  }

  /** 签收 (also implied by the first draft). */
  async signIn(auth: StaffActor, m: Message): Promise<void> {
    const at = this.core.now();
    await this.core.db.transaction().execute(async (trx) => {
      await repo.updateMessage(trx, m.id, { state: 'handling', signed_at: at, updated_at: at });
      await this.core.record(trx, m, {
        action: 'sign',
        actor: auth.actor,
        actorType: 'staff',
        actorName: auth.displayName,
        to: m.department_id,
      });
    });
    await this.core.changed({ siteId: m.site_id, messageId: m.id, public: false });
  }

  /** The department says the message is not theirs: back to the dispatcher, with the reason. */
  async returnToDispatcher(auth: StaffActor, id: number, reason: string): Promise<MessageStaffView> {
    const m = await this.core.message(id);
    if (!this.core.isHandler(auth, m)) throw new AppError('MESSAGE_NOT_ASSIGNED_TO_YOU');
    this.assertState(m, ['assigned', 'handling'], '退回分办');
    if (!reason.trim()) throw new AppError('MESSAGE_REASON_REQUIRED', { action: '退回' });
    const at = this.core.now();
    const policy = await this.core.policy(m.site_id);
    await this.core.db.transaction().execute(async (trx) => {
      await repo.updateMessage(trx, m.id, {
        state: 'pending_dispatch',
        department_id: null,
        assigned_at: null,
        signed_at: null,
        updated_at: at,
      });
      await this.core.record(trx, m, {
        action: 'return',
        actor: auth.actor,
        actorType: 'staff',
        actorName: auth.displayName,
        from: m.department_id,
        note: reason.trim(),
      });
      await this.core.remindStaff(trx, {
        siteId: m.site_id,
        departmentId: policy.dispatcherDepartmentId,
        key: `${m.id}:returned:${at}`,
        title: `退回分办：${m.title}`,
        body: `留言（${m.tracking_no}）被退回，理由：${reason.trim()}`,
        messageId: m.id,
      });
    });
    return this.view(await this.core.message(id));
  }

  /** 找错: 办结 once the error is put right (the reply came first, within 3 working days). */
  async close(auth: StaffActor, id: number, note = ''): Promise<MessageStaffView> {
    const m = await this.core.message(id);
    if (!this.core.isHandler(auth, m) && !this.core.canDispatch(auth, m.site_id))
      throw new AppError('MESSAGE_NOT_ASSIGNED_TO_YOU');
    if (m.channel === 'board' || m.state !== 'replied')
      throw new AppError('MESSAGE_STATE', { state: stateName(m.state), action: '办结' });
    const at = this.core.now();
    await this.core.db.transaction().execute(async (trx) => {
      await repo.updateMessage(trx, m.id, { state: 'closed', closed_at: at, updated_at: at });
      await this.core.record(trx, m, {
        action: 'close',
        actor: auth.actor,
        actorType: 'staff',
        actorName: auth.displayName,
        note: note.trim(),
      });
    });
    await this.core.changed({ siteId: m.site_id, messageId: m.id, public: false });
    return this.view(await this.core.message(id));
  }

  // ───── the dashboard ─────

  /** Open messages, overdue and soon due, and the age of each against the 3-month veto line. */
  async dashboard(auth: StaffActor, siteId: number): Promise<Dashboard> {
    const dispatcher = this.core.canDispatch(auth, siteId);
    const now = this.deps.clock.now();
    const open = (await repo.openMessages(this.core.db, siteId)).filter(
      (m) => !m.held && (dispatcher || (auth.departmentId !== null && m.department_id === auth.departmentId)),
    );
    const policy = await this.core.policy(siteId);
    let overdueSign = 0;
    let overdueReply = 0;
    let dueSoon = 0;
    const ages: Dashboard['ages'] = [];
    let crossed = 0;
    for (const m of open) {
      const clocks = await this.core.clocks(m, null, now);
      if (!clocks.sign.completed && clocks.sign.overdue) overdueSign += 1;
      if (clocks.reply.overdue) overdueReply += 1;
      else if (clocks.reply.daysLeft <= policy.remindDaysBefore) dueSoon += 1;
      if (crossedVetoLine(m, now)) crossed += 1;
      ages.push({
        id: m.id,
        trackingNo: m.tracking_no,
        title: m.title,
        departmentName: await this.core.departmentName(m.department_id),
        days: clocks.unansweredDays ?? 0,
        vetoLineAt: vetoLine(m.received_at),
      });
    }
    return {
      open: open.length,
      pendingDispatch: open.filter((m) => m.state === 'pending_dispatch').length,
      overdueSign,
      overdueReply,
      dueSoon,
      ages: ages.sort((a, b) => b.days - a.days).slice(0, 50),
      vetoDays: 90,
      crossedVetoLine: crossed,
    };
  }

  isOpen(m: Message): boolean {
    return isOpen(m.state);
  }
}

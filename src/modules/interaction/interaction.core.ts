// What every part of the interaction module shares: the services it works through, the site's time limits, who
// may do what with a message, the trail and audit of each change, the staff's reminders and change listeners.
import type { AppContext } from '../../context.ts';
import type { Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import type { Message } from './interaction.tables.ts';
import type { Actor } from '../../platform/audit/audit.service.ts';
import { can } from '../../platform/auth/roles.ts';
import { AppError } from '../../platform/errors.ts';
import { readSetting, writeSetting } from '../../platform/settings/settings.repository.ts';
import type { AuthContext } from '../auth/auth.service.ts';
import type { Mailer } from '../../platform/mail.ts';
import { type InteractionPolicy, completePolicy, policyKey } from './policy.ts';
import { type MessageClocks, messageClocks } from './deadlines.ts';
import * as repo from './messages.repository.ts';

/** The services the interaction module works through (never their repositories). */
export type InteractionDeps = Pick<
  AppContext,
  | 'db'
  | 'clock'
  | 'audit'
  | 'calendar'
  | 'sites'
  | 'departments'
  | 'columns'
  | 'content'
  | 'review'
  | 'prepublish'
  | 'publication'
  | 'files'
  | 'citizens'
  | 'idempotency'
  | 'rateLimiter'
  | 'duty'
  | 'users'
  | 'config'
> & { mailer: Mailer };

export type Trx = Transaction<Database>;

export interface MessageChange {
  siteId: number;
  messageId: number;
  /** The public page or list changed (published, withdrawn, a new rating shown …). */
  public: boolean;
}

export type StaffActor = Pick<AuthContext, 'userId' | 'displayName' | 'departmentId' | 'grants' | 'actor'>;

export const SYSTEM_NAME = '系统';

export class InteractionCore {
  private readonly listeners: ((change: MessageChange) => void | Promise<void>)[] = [];
  private readonly policies = new Map<number, { at: number; policy: InteractionPolicy }>();

  constructor(readonly deps: InteractionDeps) {}

  get db() {
    return this.deps.db;
  }

  now(): string {
    return this.deps.clock.now().toISOString();
  }

  // ───── time limits ─────

  async policy(siteId: number): Promise<InteractionPolicy> {
    const cached = this.policies.get(siteId);
    if (cached && Date.now() - cached.at < 30_000) return cached.policy;
    const policy = completePolicy(await readSetting<Partial<InteractionPolicy>>(this.db, policyKey(siteId)));
    if (policy.dispatcherDepartmentId === null) {
      // Until the site names one, what no rule routes goes to 综合处 (or the first department).
      const departments = await this.deps.departments.list(siteId);
      policy.dispatcherDepartmentId = (departments.find((d) => d.name === '综合处') ?? departments[0])?.id ?? null;
    }
    this.policies.set(siteId, { at: Date.now(), policy });
    return policy;
  }

  async savePolicy(trx: Trx, siteId: number, policy: InteractionPolicy): Promise<void> {
    await writeSetting(trx, policyKey(siteId), policy, this.now());
    this.policies.delete(siteId);
  }

  async clocks(m: Message, secondRepliedAt: string | null = null, now = this.deps.clock.now()): Promise<MessageClocks> {
    const [calendar, policy] = await Promise.all([this.deps.calendar.calendar(), this.policy(m.site_id)]);
    return messageClocks(calendar, policy, m, now, secondRepliedAt);
  }

  // ───── who may do what ─────

  canDispatch(auth: StaffActor, siteId: number): boolean {
    return can(auth.grants, 'message.dispatch', siteId);
  }

  /** The assigned department's 承办人. */
  isHandler(auth: StaffActor, m: Pick<Message, 'site_id' | 'department_id'>): boolean {
    return (
      can(auth.grants, 'message.handle', m.site_id) &&
      auth.departmentId !== null &&
      auth.departmentId === m.department_id
    );
  }

  canRead(auth: StaffActor, m: Pick<Message, 'site_id' | 'department_id'>): boolean {
    if (this.canDispatch(auth, m.site_id)) return true;
    return (
      can(auth.grants, 'message.read', m.site_id) && auth.departmentId !== null && auth.departmentId === m.department_id
    );
  }

  async message(id: number): Promise<Message> {
    const m = await repo.findMessage(this.db, id);
    if (!m) throw new AppError('MESSAGE_NOT_FOUND');
    return m;
  }

  /** A citizen's own message (another citizen's is refused, published or not). */
  async ownMessage(citizenId: number, id: number): Promise<Message> {
    const m = await this.message(id);
    if (m.citizen_id !== citizenId) throw new AppError('MESSAGE_NOT_YOURS');
    return m;
  }

  async readable(auth: StaffActor, id: number): Promise<Message> {
    const m = await this.message(id);
    if (!this.canRead(auth, m)) throw new AppError('MESSAGE_NOT_ASSIGNED_TO_YOU');
    return m;
  }

  // ───── trail, audit, reminders ─────

  /** One step of the handling: the trail the office and the citizen read, and the audit record, together. */
  async record(
    trx: Trx,
    m: Pick<Message, 'id' | 'site_id' | 'tracking_no'>,
    step: {
      action: string;
      actor: Actor;
      actorType: 'citizen' | 'staff' | 'system';
      actorName: string;
      from?: number | null;
      to?: number | null;
      note?: string;
      detail?: Record<string, unknown>;
    },
  ): Promise<void> {
    const at = this.now();
    await repo.insertEvent(trx, {
      message_id: m.id,
      action: step.action,
      actor_type: step.actorType,
      actor_id: step.actor.userId,
      actor_name: step.actorName,
      from_department_id: step.from ?? null,
      to_department_id: step.to ?? null,
      note: step.note ?? '',
      at,
    });
    await this.deps.audit.record(trx, step.actor, {
      action: `message.${step.action}`,
      targetType: 'message',
      targetId: m.id,
      siteId: m.site_id,
      detail: {
        trackingNo: m.tracking_no,
        ...(step.from !== undefined ? { from: step.from } : {}),
        ...(step.to !== undefined ? { to: step.to } : {}),
        ...(step.note ? { note: step.note } : {}),
        ...(step.detail ?? {}),
      },
    });
  }

  /** A reminder in the console's bell for a department (or one person), once per key. */
  async remindStaff(
    trx: Trx,
    row: {
      siteId: number;
      departmentId?: number | null;
      userId?: number | null;
      key: string;
      title: string;
      body: string;
      messageId: number;
    },
  ): Promise<boolean> {
    return this.deps.duty.notifyOnce(trx, {
      site_id: row.siteId,
      user_id: row.userId ?? null,
      department_id: row.userId ? null : (row.departmentId ?? null),
      kind: 'message',
      dedupe_key: `message:${row.key}`,
      title: row.title,
      body: row.body,
      link: `/admin/interaction/messages/${row.messageId}`,
      created_at: this.now(),
    });
  }

  onChange(listener: (change: MessageChange) => void | Promise<void>): void {
    this.listeners.push(listener);
  }

  async changed(change: MessageChange): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(change);
      } catch {
        // A listener (cache, statistics) failing must not undo a change that has committed.
      }
    }
  }

  async departmentName(id: number | null): Promise<string | null> {
    if (id === null) return null;
    return (await this.deps.departments.get(id).catch(() => null))?.name ?? null;
  }

  /** Forgets the cached policy (a department was added, the policy saved). */
  forgetPolicy(siteId: number): void {
    this.policies.delete(siteId);
  }

  /** The department a message goes to: a merged department's successor. */
  async liveDepartment(siteId: number, id: number): Promise<number> {
    const list = await this.deps.departments.list(siteId);
    let d = list.find((x) => x.id === id);
    if (!d) throw new AppError('MESSAGE_DEPARTMENT_INVALID');
    for (let i = 0; d.mergedIntoId !== null && i < 10; i++) d = list.find((x) => x.id === d!.mergedIntoId) ?? d;
    return d.id;
  }
}

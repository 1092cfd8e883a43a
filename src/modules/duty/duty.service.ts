// 附件1 as a living table: for every column, who answers for it, how often it must be updated, when it last
// was, and whether it is 正常 / 即将到期 / 已超期 / 空白. The inspection engine reuses columnDuty().
import type { Db } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/time.ts';
import { DAY, shanghaiDate } from '../../platform/time.ts';
import type { Actor, AuditService } from '../../platform/audit/audit.service.ts';
import { readSetting, writeSetting } from '../../platform/settings/settings.repository.ts';
import type { ColumnsService } from '../columns/columns.service.ts';
import type { ColumnNode } from '../columns/columns.schema.ts';
import { columnTrail } from '../columns/columns.presenter.ts';
import * as repo from './duty.repository.ts';
import { disabledMailer, type Mailer } from '../../platform/mail.ts';
import { AppError } from '../../platform/errors.ts';
import { toDutyDashboard } from './duty.presenter.ts';
import type { ColumnDuty, DutyDashboard, DutyStatus, NotificationList } from './duty.schema.ts';

export type { ColumnDuty, DutyStatus } from './duty.schema.ts';

/** A reminder as stored (read state is per reader, in notification_reads). */
export type NotificationRow = Parameters<typeof repo.insertNotificationOnce>[1];

export const DEFAULT_DUE_SOON_DAYS = 3;
export const dueSoonKey = (siteId: number) => `duty.dueSoonDays.${siteId}`;

/** The status of one column at `now`: pure, so the boundaries are easy to test. */
export function dutyStatus(
  lastPublishedAt: string | null,
  maxUpdateDays: number | null,
  now: Date,
  dueSoonDays: number,
): { status: DutyStatus; dueAt: string | null; daysLeft: number | null } {
  if (!lastPublishedAt) return { status: '空白', dueAt: null, daysLeft: null };
  if (maxUpdateDays === null) return { status: '正常', dueAt: null, daysLeft: null };
  const due = new Date(lastPublishedAt).getTime() + maxUpdateDays * DAY;
  const daysLeft = Math.floor((due - now.getTime()) / DAY);
  const dueAt = new Date(due).toISOString();
  if (now.getTime() > due) return { status: '已超期', dueAt, daysLeft };
  if (due - now.getTime() <= dueSoonDays * DAY) return { status: '即将到期', dueAt, daysLeft };
  return { status: '正常', dueAt, daysLeft };
}

/** Columns that carry content themselves: leaves of the tree that are lists or single pages. */
export function dutyColumns(flat: ColumnNode[]): ColumnNode[] {
  return flat.filter((c) => c.children.length === 0 && c.kind !== 'link' && c.visible);
}

export class DutyService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly columns: ColumnsService,
    private readonly mailer: Mailer = disabledMailer,
  ) {}

  async dueSoonDays(siteId: number): Promise<number> {
    return (await readSetting<number>(this.db, dueSoonKey(siteId))) ?? DEFAULT_DUE_SOON_DAYS;
  }

  /** How many days before a column falls due its department is reminded; audited with the change. */
  async setDueSoonDays(actor: Actor, siteId: number, dueSoonDays: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await writeSetting(trx, dueSoonKey(siteId), dueSoonDays, this.clock.now().toISOString());
      await this.audit.record(trx, actor, {
        action: 'duty.settings',
        targetType: 'site',
        targetId: siteId,
        siteId,
        detail: { dueSoonDays },
      });
    });
  }

  /** The site's duty table for a staff member: their department's columns first (or one department's only). */
  async dashboard(
    siteId: number,
    reader: { departmentId: number | null },
    filter: { departmentId?: number } = {},
  ): Promise<DutyDashboard> {
    const [all, dueSoonDays] = await Promise.all([this.columnDuty(siteId), this.dueSoonDays(siteId)]);
    return toDutyDashboard(all, {
      departmentId: filter.departmentId,
      myDepartmentId: reader.departmentId,
      dueSoonDays,
    });
  }

  async columnDuty(siteId: number, now: Date = this.clock.now()): Promise<ColumnDuty[]> {
    const [tree, last, soon] = await Promise.all([
      this.columns.tree(siteId),
      repo.lastPublicationByColumn(this.db, siteId),
      this.dueSoonDays(siteId),
    ]);
    return dutyColumns(tree.flat).map((c) => {
      const pub = last.get(c.id);
      return {
        columnId: c.id,
        name: c.name,
        path: c.path,
        trail: columnTrail(tree, c).join(' / '),
        columnType: c.columnType,
        leadDepartmentId: c.leadDepartmentId,
        leadDepartmentName: c.leadDepartmentName,
        cooperatingDepartmentIds: c.cooperatingDepartmentIds,
        openCooperation: c.openCooperation,
        maxUpdateDays: c.maxUpdateDays,
        marker: c.marker,
        lastPublishedAt: pub?.last ?? null,
        publishedCount: pub?.count ?? 0,
        ...dutyStatus(pub?.last ?? null, c.maxUpdateDays, now, soon),
      };
    });
  }

  /** Reminds the lead department's editors of columns that are due soon, overdue or blank (once per due date). */
  async remind(siteId: number): Promise<number> {
    const now = this.clock.now();
    let created = 0;
    for (const d of await this.columnDuty(siteId, now)) {
      if (d.status === '正常' || d.leadDepartmentId === null) continue;
      const when = d.status === '空白' ? '' : `，应于 ${shanghaiDate(d.dueAt!)} 前更新`;
      const inserted = await repo.insertNotificationOnce(this.db, {
        site_id: siteId,
        user_id: null,
        department_id: d.leadDepartmentId,
        kind: 'column-due',
        dedupe_key: `column-due:${d.columnId}:${d.status}:${d.dueAt ?? d.lastPublishedAt ?? 'blank'}`,
        title: `栏目“${d.trail}”${d.status}`,
        body:
          d.status === '空白'
            ? `栏目“${d.trail}”还没有发布任何信息，请牵头部门尽快补充。`
            : `栏目“${d.trail}”更新周期为 ${d.maxUpdateDays} 天，最近一次发布于 ${shanghaiDate(d.lastPublishedAt!)}${when}。`,
        link: `/admin/duty?column=${d.columnId}`,
        created_at: now.toISOString(),
      });
      if (inserted) {
        created += 1;
        if (this.mailer.enabled) await this.mailReminder(d, when);
      }
    }
    return created;
  }

  private async mailReminder(d: ColumnDuty, when: string): Promise<void> {
    const to = await repo.editorEmails(this.db, d.leadDepartmentId!);
    const text =
      d.status === '空白'
        ? `栏目“${d.trail}”还没有发布任何信息，请尽快补充。`
        : `栏目“${d.trail}”${d.status}：更新周期 ${d.maxUpdateDays} 天，最近一次发布于 ${shanghaiDate(d.lastPublishedAt!)}${when}。`;
    // A failing mail server must not stop the reminders in the console.
    await this.mailer
      .send({ to, subject: `【栏目更新提醒】${d.trail}${d.status}`, text: `${text}\n\n请登录管理后台处理。` })
      .catch(() => {});
  }

  /** Inside the caller's transaction: a reminder, unless one with the same dedupe key exists. */
  notifyOnce(trx: Db, row: NotificationRow): Promise<boolean> {
    return repo.insertNotificationOnce(trx, row);
  }

  /** Inside the caller's transaction: the reminders whose dedupe key starts with `prefix` go (a step was taken). */
  dropNotices(trx: Db, siteId: number, prefix: string): Promise<void> {
    return repo.deleteNotificationsLike(trx, siteId, prefix);
  }

  /** The staff member's newest notifications (with their own read state) and how many are unread in all. */
  async notifications(departmentId: number | null, userId: number): Promise<NotificationList> {
    const [items, unread] = await Promise.all([
      repo.notificationsFor(this.db, departmentId, userId, 50),
      repo.unreadCount(this.db, departmentId, userId),
    ]);
    return { items, unread };
  }

  /** Marks a notification read for this staff member only; it must be addressed to them (or their department). */
  async markRead(auth: { userId: number; departmentId: number | null }, id: number): Promise<void> {
    const n = await repo.findNotification(this.db, id);
    if (!n) throw new AppError('NOTIFICATION_NOT_FOUND');
    const mine = n.user_id === auth.userId || (n.department_id !== null && n.department_id === auth.departmentId);
    if (!mine) throw new AppError('NOTIFICATION_NOT_MINE');
    await repo.markRead(this.db, id, auth.userId, this.clock.now().toISOString());
  }

  markAllRead(auth: { userId: number; departmentId: number | null }): Promise<number> {
    return repo.markAllRead(this.db, auth.departmentId, auth.userId, this.clock.now().toISOString());
  }
}

// 附件1's duty table and the staff's reminders on the wire. TypeBox and pure modules only (the console
// imports these types).
import { Type, type Static } from '@fastify/type-provider-typebox';
import { Nullable, StringEnum } from '../../platform/schemas.ts';
import { COLUMN_TYPES } from '../columns/column-types.ts';
import { COLUMN_MARKERS } from '../columns/columns.schema.ts';

/** 正常: updated within its cycle; 即将到期: due within the reminder days; 已超期: past due; 空白: nothing yet. */
export const DUTY_STATUSES = ['正常', '即将到期', '已超期', '空白'] as const;
export type DutyStatus = (typeof DUTY_STATUSES)[number];

export const ColumnDutySchema = Type.Object({
  columnId: Type.Integer(),
  name: Type.String(),
  path: Type.String(),
  /** 工作动态 / 部门动态 */
  trail: Type.String(),
  columnType: StringEnum(COLUMN_TYPES),
  leadDepartmentId: Nullable(Type.Integer()),
  leadDepartmentName: Nullable(Type.String()),
  cooperatingDepartmentIds: Type.Array(Type.Integer()),
  openCooperation: Type.Boolean(),
  maxUpdateDays: Nullable(Type.Integer()),
  marker: Nullable(StringEnum(COLUMN_MARKERS)),
  lastPublishedAt: Nullable(Type.String()),
  publishedCount: Type.Integer(),
  /** When the column falls due (last publication + cycle), for columns with a cycle. */
  dueAt: Nullable(Type.String()),
  daysLeft: Nullable(Type.Integer()),
  status: StringEnum(DUTY_STATUSES),
});
export type ColumnDuty = Static<typeof ColumnDutySchema>;

export const DutyQuery = Type.Object({ departmentId: Type.Optional(Type.Integer({ minimum: 1 })) });
export type DutyQuery = Static<typeof DutyQuery>;

const count = Type.Integer();
export const DutySummary = Type.Object({ 正常: count, 即将到期: count, 已超期: count, 空白: count });
export type DutySummary = Static<typeof DutySummary>;

/** The table as a department sees it: its own columns first, then by urgency; with counts per status. */
export const DutyDashboard = Type.Object({
  items: Type.Array(ColumnDutySchema),
  summary: DutySummary,
  dueSoonDays: Type.Integer(),
  myDepartmentId: Nullable(Type.Integer()),
});
export type DutyDashboard = Static<typeof DutyDashboard>;

export const DutySettings = Type.Object(
  { dueSoonDays: Type.Integer({ minimum: 0, maximum: 60 }) },
  { additionalProperties: false },
);
export type DutySettings = Static<typeof DutySettings>;

/** A reminder (field names as stored); read_at is this staff member's own read time. */
export const NotificationItem = Type.Object({
  id: Type.Integer(),
  site_id: Type.Integer(),
  user_id: Nullable(Type.Integer()),
  department_id: Nullable(Type.Integer()),
  /** column-due, review-waiting, review-result, and those other modules add (export.tamper …). */
  kind: Type.String(),
  title: Type.String(),
  body: Type.String(),
  link: Type.String(),
  created_at: Type.String(),
  read_at: Nullable(Type.String()),
});
export type NotificationItem = Static<typeof NotificationItem>;

export const NotificationList = Type.Object({ items: Type.Array(NotificationItem), unread: Type.Integer() });
export type NotificationList = Static<typeof NotificationList>;

export const ReadAllResult = Type.Object({ ok: Type.Boolean(), count: Type.Integer() });

import { Type, type Static } from '@fastify/type-provider-typebox';
import { Nullable, StringEnum } from '../../platform/schemas.ts';

export const AUDIT_OUTCOMES = ['success', 'failure'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** Dates are Asia/Shanghai calendar days, both ends included. */
export const AuditQuery = Type.Object({
  from: Type.Optional(Type.String({ format: 'date', description: '起始日期（含）' })),
  to: Type.Optional(Type.String({ format: 'date', description: '截止日期（含）' })),
  actor: Type.Optional(Type.String({ maxLength: 64 })),
  action: Type.Optional(Type.String({ maxLength: 64 })),
  outcome: Type.Optional(StringEnum(AUDIT_OUTCOMES)),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
});
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditItem = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actorName: Type.String(),
  ip: Type.String(),
  action: Type.String(),
  /** The action in Chinese (the action itself when it has no name yet). */
  actionName: Type.String(),
  targetType: Type.String(),
  targetId: Nullable(Type.String()),
  /** What the record points at, by name (a user's name and account, a column's name, an item's title). */
  targetName: Nullable(Type.String()),
  siteId: Nullable(Type.Integer()),
  outcome: StringEnum(AUDIT_OUTCOMES),
  /** What the action recorded (before/after of a change, counts …); its keys depend on the action. */
  detail: Nullable(Type.Record(Type.String(), Type.Unknown())),
});
export type AuditItem = Static<typeof AuditItem>;

export const AuditPage = Type.Object({ items: Type.Array(AuditItem), total: Type.Integer() });
export type AuditPage = Static<typeof AuditPage>;

export const AuditVerifyResult = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer(),
  problems: Type.Array(Type.String()),
});
export type AuditVerifyResult = Static<typeof AuditVerifyResult>;

/** A signed checkpoint of the audit chain head, as the audit administrator sees it. */
export const CheckpointView = Type.Object({
  at: Type.String({ description: '签发时间（UTC）' }),
  lastId: Type.Integer({ description: '当时的链尾记录编号' }),
  lastHash: Type.String(),
  recordCount: Type.Integer(),
  signatureOk: Type.Boolean({ description: '签名与本安装的审计密钥相符' }),
  inFile: Type.Boolean({ description: '在密钥旁的只追加检查点文件中' }),
});
export type CheckpointView = Static<typeof CheckpointView>;

export const CheckpointList = Type.Object({
  items: Type.Array(CheckpointView),
  key: Type.Object({
    algorithm: Type.String({ description: 'hmac-sm3 或 hmac-sha256' }),
    fingerprint: Type.String({ description: '密钥指纹（不泄露密钥）' }),
    keyedFromId: Type.Union([Type.Integer(), Type.Null()], { description: '自此编号起的记录以密钥签名' }),
    keyFile: Type.String(),
    checkpointFile: Type.String(),
  }),
});
export type CheckpointList = Static<typeof CheckpointList>;

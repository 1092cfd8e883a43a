import { Type, type Static } from '@fastify/type-provider-typebox';

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

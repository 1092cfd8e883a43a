import { Type, type Static } from '@fastify/type-provider-typebox';

export const Channel = Type.Union([Type.Literal('sms'), Type.Literal('email')], {
  description: 'sms：手机号码；email：电子邮箱',
});
const Target = Type.String({ minLength: 3, maxLength: 254, description: '手机号码或电子邮箱' });
const Code = Type.String({ pattern: '^\\s*\\d{6}\\s*$', description: '6 位验证码' });
const Password = Type.String({ minLength: 1, maxLength: 128 });
const AccountType = Type.Union([Type.Literal('person'), Type.Literal('organization')], {
  description: 'person：自然人；organization：法人或其他组织',
});

export const CodeRequest = Type.Object(
  {
    purpose: Type.Union([Type.Literal('register'), Type.Literal('reset')]),
    channel: Channel,
    target: Target,
    altcha: Type.Optional(Type.String({ maxLength: 2000, description: '工作量证明（ALTCHA）的解' })),
  },
  { additionalProperties: false },
);
export type CodeRequest = Static<typeof CodeRequest>;

export const CodeSent = Type.Object({
  sent: Type.Boolean(),
  expiresInSeconds: Type.Integer(),
  /** The proof of work was missing: stricter limits applied. */
  verified: Type.Boolean(),
});

export const RegisterRequest = Type.Object(
  {
    channel: Channel,
    target: Target,
    code: Code,
    password: Password,
    displayName: Type.Optional(Type.String({ maxLength: 30 })),
    accountType: AccountType,
    orgName: Type.Optional(Type.String({ maxLength: 200 })),
    creditCode: Type.Optional(Type.String({ maxLength: 18 })),
    acceptTerms: Type.Boolean(),
    acceptPrivacy: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type RegisterRequest = Static<typeof RegisterRequest>;

export const LoginRequest = Type.Object(
  { identifier: Type.String({ minLength: 1, maxLength: 254 }), password: Password },
  { additionalProperties: false },
);

export const ResetRequest = Type.Object(
  { channel: Channel, target: Target, code: Code, password: Password },
  { additionalProperties: false },
);

export const PasswordChange = Type.Object(
  { currentPassword: Password, newPassword: Password },
  { additionalProperties: false },
);

export const ContactCodeRequest = Type.Object({ channel: Channel, target: Target }, { additionalProperties: false });
export const ContactChange = Type.Object(
  { channel: Channel, target: Target, code: Code },
  { additionalProperties: false },
);

export const IdentityUpdate = Type.Object(
  {
    realName: Type.String({ minLength: 1, maxLength: 50 }),
    idNumber: Type.String({ minLength: 15, maxLength: 18 }),
  },
  { additionalProperties: false },
);

export const DeleteRequest = Type.Object(
  { password: Type.Optional(Password), confirm: Type.Literal('注销', { description: '输入“注销”确认' }) },
  { additionalProperties: false },
);

export const AccountView = Type.Object(
  {
    id: Type.Integer(),
    accountType: AccountType,
    displayName: Type.String(),
    phone: Type.Union([Type.String(), Type.Null()], { description: '已脱敏' }),
    email: Type.Union([Type.String(), Type.Null()], { description: '已脱敏' }),
    realName: Type.Union([Type.String(), Type.Null()], { description: '已脱敏' }),
    idNumber: Type.Union([Type.String(), Type.Null()], { description: '已脱敏' }),
    orgName: Type.Union([Type.String(), Type.Null()]),
    creditCode: Type.Union([Type.String(), Type.Null()]),
    hasPassword: Type.Boolean(),
    identityLinked: Type.Boolean(),
    createdAt: Type.String(),
    lastLoginAt: Type.Union([Type.String(), Type.Null()]),
    consents: Type.Array(
      Type.Object({
        document: Type.Union([Type.Literal('terms'), Type.Literal('privacy')]),
        version: Type.String(),
        acceptedAt: Type.String(),
      }),
    ),
  },
  { $id: 'CitizenAccount' },
);
export type AccountViewType = Static<typeof AccountView>;

export const SessionResponse = Type.Object({ account: Type.Ref('CitizenAccount'), csrfToken: Type.String() });

export const SpaceEntry = Type.Object({
  title: Type.String(),
  href: Type.Optional(Type.String()),
  status: Type.Optional(Type.String()),
  submittedAt: Type.Optional(Type.String()),
  deadline: Type.Optional(
    Type.Object({
      due: Type.Union([Type.String(), Type.Null()]),
      overdue: Type.Boolean(),
      estimated: Type.Boolean(),
      paused: Type.Optional(Type.Boolean()),
    }),
  ),
  detail: Type.Optional(Type.String()),
});

export const SpaceResponse = Type.Object({
  sections: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      emptyText: Type.String(),
      action: Type.Optional(Type.Object({ label: Type.String(), href: Type.String() })),
      entries: Type.Array(SpaceEntry),
      placeholder: Type.Boolean(),
    }),
  ),
});

export const NoticeView = Type.Object({
  id: Type.Integer(),
  channel: Channel,
  kind: Type.String(),
  subject: Type.String(),
  target: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('sent'), Type.Literal('failed')]),
  error: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  sentAt: Type.Union([Type.String(), Type.Null()]),
});

export const ChallengeResponse = Type.Object({
  algorithm: Type.String(),
  challenge: Type.String(),
  maxnumber: Type.Integer(),
  salt: Type.String(),
  signature: Type.String(),
});

// ───── support staff ─────

export const CitizenListItem = Type.Object({
  id: Type.Integer(),
  accountType: AccountType,
  displayName: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  idNumber: Type.Union([Type.String(), Type.Null()]),
  orgName: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled'), Type.Literal('deleted')]),
  disabledReason: Type.Union([Type.String(), Type.Null()]),
  identityLinked: Type.Boolean(),
  createdAt: Type.String(),
  lastLoginAt: Type.Union([Type.String(), Type.Null()]),
});
export type CitizenListItemView = Static<typeof CitizenListItem>;

export const CitizenSearchQuery = Type.Object({
  phone: Type.Optional(Type.String({ maxLength: 20, description: '完整手机号码（按密钥散列查找，不解密）' })),
  email: Type.Optional(Type.String({ maxLength: 254 })),
  idNumber: Type.Optional(Type.String({ maxLength: 18 })),
  name: Type.Optional(Type.String({ maxLength: 50 })),
  status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled'), Type.Literal('deleted')])),
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
});

export const CitizenSearchResponse = Type.Object({ total: Type.Integer(), items: Type.Array(CitizenListItem) });
export type CitizenSearchResponse = Static<typeof CitizenSearchResponse>;

export const DisableRequest = Type.Object(
  { reason: Type.String({ minLength: 2, maxLength: 500 }) },
  { additionalProperties: false },
);

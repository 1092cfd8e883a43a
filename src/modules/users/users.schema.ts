import { Type, type Static } from '@fastify/type-provider-typebox';
import { CAPABILITY_NAMES, ROLE_NAMES } from '../../platform/auth/roles.ts';
import { Items, Nullable, StringEnum, ref } from '../../platform/schemas.ts';

export type { Capability, Role } from '../../platform/auth/roles.ts';
export { CAPABILITY_NAMES, ROLE_NAMES, SEPARATED_ROLES } from '../../platform/auth/roles.ts';

export const RoleSchema = StringEnum(ROLE_NAMES, { description: '角色' });
export const CapabilitySchema = StringEnum(CAPABILITY_NAMES, { description: '权限' });

export const RoleGrantSchema = Type.Object({
  role: RoleSchema,
  siteId: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
});
export type RoleGrantInput = Static<typeof RoleGrantSchema>;

export const UserCreate = Type.Object(
  {
    username: Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$', description: '用户名（字母开头，3–32 位）' }),
    displayName: Type.String({ minLength: 2, maxLength: 50, description: '姓名' }),
    departmentId: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
    email: Type.Union([Type.String({ format: 'email', maxLength: 200 }), Type.Null()]),
    roles: Type.Array(RoleGrantSchema, { maxItems: 20 }),
  },
  { additionalProperties: false },
);
export type UserCreate = Static<typeof UserCreate>;

export const UserUpdate = Type.Object(
  {
    displayName: Type.String({ minLength: 2, maxLength: 50 }),
    departmentId: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
    email: Type.Union([Type.String({ format: 'email', maxLength: 200 }), Type.Null()]),
    roles: Type.Array(RoleGrantSchema, { maxItems: 20 }),
    columnGrantIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 500 })),
  },
  { additionalProperties: false },
);
export type UserUpdate = Static<typeof UserUpdate>;

/** A role held on one site (siteId) or on every site (null), with its Chinese name. */
export const RoleGrantView = Type.Object({
  role: RoleSchema,
  roleName: Type.String(),
  siteId: Nullable(Type.Integer()),
});
export type RoleGrantView = Static<typeof RoleGrantView>;
const Grant = RoleGrantView;

export const UserView = Type.Object(
  {
    id: Type.Integer(),
    username: Type.String(),
    displayName: Type.String(),
    departmentId: Type.Union([Type.Integer(), Type.Null()]),
    departmentName: Type.Union([Type.String(), Type.Null()]),
    email: Type.Union([Type.String(), Type.Null()]),
    disabled: Type.Boolean(),
    lockedUntil: Type.Union([Type.String(), Type.Null()]),
    failedLogins: Type.Integer(),
    lastLoginAt: Type.Union([Type.String(), Type.Null()]),
    mustChangePassword: Type.Boolean(),
    roles: Type.Array(Grant),
    columnGrantIds: Type.Array(Type.Integer()),
  },
  { $id: 'User' },
);
export type UserView = Static<typeof UserView>;

export const MeView = Type.Object(
  {
    id: Type.Integer(),
    username: Type.String(),
    displayName: Type.String(),
    departmentId: Type.Union([Type.Integer(), Type.Null()]),
    departmentName: Type.Union([Type.String(), Type.Null()]),
    roles: Type.Array(Grant),
    capabilities: Type.Array(CapabilitySchema),
    mustChangePassword: Type.Boolean(),
    passwordExpired: Type.Boolean(),
  },
  { $id: 'Me' },
);
export type MeView = Static<typeof MeView>;

/** What the console learns at login and from /api/auth/me. */
export const MeResponse = Type.Object({ user: ref(MeView), csrfToken: Type.String() });
export type MeResponse = Static<typeof MeResponse>;

export const RoleOption = Type.Object({ role: RoleSchema, name: Type.String() });
export type RoleOption = Static<typeof RoleOption>;
export const RoleList = Items(RoleOption);

export const UserCreated = Type.Object({ user: ref(UserView), initialPassword: Type.String() });
export type UserCreated = Static<typeof UserCreated>;
export const PasswordIssued = Type.Object({ initialPassword: Type.String() });

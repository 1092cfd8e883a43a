import { Type, type Static } from '@fastify/type-provider-typebox';
import { ROLE_NAMES, type Role } from '../../platform/auth/roles.ts';

export const RoleGrantSchema = Type.Object({
  role: Type.Unsafe<Role>(Type.String({ enum: ROLE_NAMES, description: '角色' })),
  siteId: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
});

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

const Grant = Type.Object({
  role: Type.String(),
  roleName: Type.String(),
  siteId: Type.Union([Type.Integer(), Type.Null()]),
});

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
    capabilities: Type.Array(Type.String()),
    mustChangePassword: Type.Boolean(),
    passwordExpired: Type.Boolean(),
  },
  { $id: 'Me' },
);

// Who to ask for access: the 没有权限 page names the roles that open the page and the people who can help.
import { Type, type Static } from '@fastify/type-provider-typebox';
import { CAPABILITY_NAMES } from '../../platform/auth/roles.ts';
import { Nullable, StringEnum } from '../../platform/schemas.ts';

export const ContactsQuery = Type.Object({
  /** The capabilities the page asks for (any one opens it). */
  capability: Type.Array(StringEnum(CAPABILITY_NAMES), { minItems: 1, maxItems: 16 }),
});
export type ContactsQuery = Static<typeof ContactsQuery>;

export const AccessContact = Type.Object({
  name: Type.String(),
  department: Nullable(Type.String()),
  /** 系统管理员 (grants roles in 用户管理) or 站点管理员 (runs the site the asker works on). */
  roleName: Type.String(),
});
export type AccessContact = Static<typeof AccessContact>;

export const AccessContacts = Type.Object({
  /** The roles that open the page, by their Chinese names. */
  roles: Type.Array(Type.String()),
  contacts: Type.Array(AccessContact),
});
export type AccessContacts = Static<typeof AccessContacts>;

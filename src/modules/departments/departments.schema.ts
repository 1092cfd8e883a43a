import { Type, type Static } from '@fastify/type-provider-typebox';

export const DepartmentView = Type.Object(
  {
    id: Type.Integer(),
    siteId: Type.Integer(),
    name: Type.String(),
    aliases: Type.Array(Type.String()),
    mergedIntoId: Type.Union([Type.Integer(), Type.Null()]),
    sort: Type.Integer(),
  },
  { $id: 'Department' },
);
export type DepartmentView = Static<typeof DepartmentView>;

const Name = Type.String({ minLength: 2, maxLength: 50, description: '部门名称' });
const Aliases = Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 20, description: '别名' });

export const DepartmentCreate = Type.Object(
  { name: Name, aliases: Type.Optional(Aliases) },
  { additionalProperties: false },
);
export const DepartmentUpdate = Type.Object(
  { name: Name, aliases: Aliases, sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })) },
  { additionalProperties: false },
);
export const DepartmentMerge = Type.Object({ intoId: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
export type DepartmentCreate = Static<typeof DepartmentCreate>;
export type DepartmentUpdate = Static<typeof DepartmentUpdate>;
export type DepartmentMerge = Static<typeof DepartmentMerge>;

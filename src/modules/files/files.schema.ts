import { Type, type Static } from '@fastify/type-provider-typebox';

/** An uploaded file as staff see it: its public address is /files/{id}/{name}. */
export const FileView = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  mime: Type.String(),
  size: Type.Integer(),
  url: Type.String(),
  image: Type.Boolean(),
});
export type FileView = Static<typeof FileView>;

export const FileParams = Type.Object({ id: Type.Integer({ minimum: 1 }), name: Type.String() });

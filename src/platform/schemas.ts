// TypeBox building blocks of the modules' *.schema.ts files. This file imports TypeBox only (no Fastify, no
// Node), so the admin console can import the schema files' types, and a changed response shape breaks the
// console's typecheck instead of its pages.
import { Type, type TSchema } from '@fastify/type-provider-typebox';

/**
 * A reference to a schema registered with `app.addSchema` (the API docs define it once), typed as that
 * schema, so a handler's answer is checked against it by the compiler.
 */
export function ref<T extends TSchema>(schema: T): T {
  const id = (schema as { $id?: string }).$id;
  if (!id) throw new Error('ref() needs a schema with an $id registered with app.addSchema');
  return Type.Ref(id) as unknown as T;
}

/** `T | null`. */
export const Nullable = <T extends TSchema>(type: T, options: { description?: string } = {}) =>
  Type.Union([type, Type.Null()], options);

/**
 * One of fixed strings: a JSON-schema `enum` of type string (validated, shown in the API docs) whose static
 * type is the string-literal union of the values.
 */
export const StringEnum = <const V extends readonly [string, ...string[]]>(
  values: V,
  options: { description?: string; default?: V[number] } = {},
) => Type.Unsafe<V[number]>(Type.String({ ...options, enum: [...values] }));

/** `{ items: T[] }`, the shape of every plain list answer. */
export const Items = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item) });

/** A value with its Chinese label, for select boxes. */
export const LabelledOption = Type.Object({ value: Type.String(), label: Type.String() });

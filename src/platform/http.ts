// Shared HTTP types and helpers for route modules.
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@fastify/type-provider-typebox';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export const ErrorResponse = Type.Object(
  { error: Type.Object({ code: Type.String(), message: Type.String(), details: Type.Optional(Type.Unknown()) }) },
  { $id: 'ErrorResponse', description: '错误：稳定的错误码与中文说明' },
);

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const SiteParams = Type.Object({ siteId: Type.Integer({ minimum: 1 }) });
export const Ok = Type.Object({ ok: Type.Boolean() });

/** A file download (XLSX, PDF): the bytes are sent as they are, described as binary in the API docs. */
export const Binary = Type.Unsafe<Buffer>(Type.String({ format: 'binary' }));

/** A text download (CSV): sent as it is, not serialized as JSON. */
export const TextDownload = Type.String({ description: '文本文件' });

export { ref } from './schemas.ts';

/** The error responses a route can answer, for its schema and API docs; each is `{error:{code,message}}`. */
export function errors<const S extends number[]>(...statuses: S): { [K in S[number]]: typeof ErrorResponse } {
  return Object.fromEntries(statuses.map((s) => [s, Type.Ref('ErrorResponse')])) as unknown as {
    [K in S[number]]: typeof ErrorResponse;
  };
}

// Shared HTTP types and helpers for route modules.
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from '@fastify/type-provider-typebox';

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

/** Standard error responses for a route's OpenAPI description. */
export function errors(...statuses: number[]): Record<number, TSchema> {
  return Object.fromEntries(statuses.map((s) => [s, Type.Ref('ErrorResponse')]));
}

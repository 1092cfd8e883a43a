// TypeBox helpers shared by the participation modules' schema files (pure: TypeBox only, so the admin console can
// import the schemas' types).
import { Type, type TNull, type TSchema, type TUnion } from '@fastify/type-provider-typebox';

const described = (table: Record<string, unknown>, description: string) =>
  `${description}：${Object.entries(table)
    .map(([k, v]) => `${k}（${typeof v === 'string' ? v : ((v as { label?: string }).label ?? k)}）`)
    .join('、')}`;

/** A string enumeration of the keys of a label table: `Keys(STATUSES, '办理状态')`. */
export function Keys<T extends Record<string, unknown>>(table: T, description: string) {
  return Type.Unsafe<Extract<keyof T, string>>(
    Type.String({ enum: Object.keys(table), description: described(table, description) }),
  );
}

/** A string enumeration of values. */
export function OneOf<const T extends readonly string[]>(values: T, description: string) {
  return Type.Unsafe<T[number]>(Type.String({ enum: [...values], description }));
}

export const Nullable = <T extends TSchema>(schema: T): TUnion<[T, TNull]> => Type.Union([schema, Type.Null()]);

/** An ISO-8601 instant (UTC on the wire). */
export const Instant = Type.String({ description: 'ISO 8601 时间' });
/** yyyy-MM-dd (Asia/Shanghai). */
export const CivilDay = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: '日期 yyyy-MM-dd' });

/** A statutory clock as the console shows it (platform/calendar/statutory-clock.ts ClockState). */
export const ClockView = Type.Object({
  receivedOn: CivilDay,
  startsCounting: CivilDay,
  limit: Type.Integer(),
  due: Nullable(CivilDay),
  daysUsed: Type.Integer(),
  daysLeft: Type.Integer(),
  overdue: Type.Boolean(),
  paused: Type.Boolean(),
  completed: Type.Boolean(),
  estimated: Type.Boolean(),
});

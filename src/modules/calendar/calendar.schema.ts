import { Type, type Static } from '@fastify/type-provider-typebox';

export const CalendarDayView = Type.Object({
  date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: '日期 yyyy-MM-dd' }),
  off: Type.Boolean({ description: 'true：放假；false：调休上班' }),
  name: Type.String({ minLength: 1, maxLength: 20, description: '节日名称' }),
});
export type CalendarDayView = Static<typeof CalendarDayView>;

export const CalendarYearView = Type.Object({
  year: Type.Integer(),
  source: Type.Union([Type.Literal('shipped'), Type.Literal('entered'), Type.Literal('missing')], {
    description: 'shipped 随系统发布；entered 管理员录入；missing 暂无数据（按周一至周五估算）',
  }),
  note: Type.String(),
  days: Type.Array(CalendarDayView),
  holidays: Type.Integer(),
  makeUpDays: Type.Integer(),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
});
export type CalendarYearView = Static<typeof CalendarYearView>;

export const CalendarYearsResponse = Type.Object({
  years: Type.Array(CalendarYearView),
  today: Type.String(),
});
export type CalendarYearsResponse = Static<typeof CalendarYearsResponse>;

export const CalendarYearParams = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) });

export const CalendarYearInput = Type.Object(
  {
    days: Type.Array(CalendarDayView, { maxItems: 120 }),
    source: Type.String({ maxLength: 500, description: '依据：通知名称或文号' }),
  },
  { additionalProperties: false },
);
export type CalendarYearInput = Static<typeof CalendarYearInput>;

export const CalendarPreviewQuery = Type.Object({
  receivedAt: Type.String({ format: 'date-time', description: '收到时间（ISO）' }),
  workingDays: Type.Integer({ minimum: 0, maximum: 200 }),
});

export const CalendarPreview = Type.Object({
  receivedOn: Type.String(),
  startsCounting: Type.String(),
  due: Type.Union([Type.String(), Type.Null()]),
  estimated: Type.Boolean(),
  estimatedYears: Type.Array(Type.Integer()),
});
export type CalendarPreview = Static<typeof CalendarPreview>;

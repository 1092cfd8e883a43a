// The statutory calendar in the console: which years have data, entering a later year's holidays and 调休
// make-up days from the State Council's notice, and a preview of a deadline.
import type { App } from '../../platform/http.ts';
import { Ok, errors } from '../../platform/http.ts';
import { authOf } from '../../platform/auth/guard.ts';
import type { AppContext } from '../../context.ts';
import { shanghaiDate } from '../../platform/time.ts';
import {
  CalendarPreview,
  CalendarPreviewQuery,
  CalendarYearInput,
  CalendarYearParams,
  CalendarYearsResponse,
} from './calendar.schema.ts';

export async function calendarRoutes(app: App, ctx: AppContext): Promise<void> {
  const { guard, calendar, clock } = ctx;
  const tags = ['法定工作日'];

  app.get(
    '/api/calendar/years',
    {
      schema: { tags, summary: '各年节假日安排', response: { 200: CalendarYearsResponse, ...errors(401, 403) } },
      preHandler: guard({ capability: 'calendar.manage' }),
    },
    async () => ({ years: await calendar.years(), today: shanghaiDate(clock.now()) }),
  );

  app.put(
    '/api/calendar/years/:year',
    {
      schema: {
        tags,
        summary: '录入或更正一年的节假日安排',
        params: CalendarYearParams,
        body: CalendarYearInput,
        response: { 200: Ok, ...errors(400, 401, 403) },
      },
      preHandler: guard({ capability: 'calendar.manage' }),
    },
    async (request) => {
      await calendar.enterYear(authOf(request).actor, request.params.year, request.body.days, request.body.source);
      return { ok: true };
    },
  );

  app.delete(
    '/api/calendar/years/:year',
    {
      schema: {
        tags,
        summary: '删除录入的一年（恢复随系统发布的数据或按周一至周五估算）',
        params: CalendarYearParams,
        response: { 200: Ok, ...errors(401, 403, 404) },
      },
      preHandler: guard({ capability: 'calendar.manage' }),
    },
    async (request) => {
      await calendar.removeYear(authOf(request).actor, request.params.year);
      return { ok: true };
    },
  );

  app.get(
    '/api/calendar/preview',
    {
      schema: {
        tags,
        summary: '试算期限：收到时间 + 工作日',
        querystring: CalendarPreviewQuery,
        response: { 200: CalendarPreview, ...errors(400, 401, 403) },
      },
      preHandler: guard({ capability: 'calendar.manage' }),
    },
    async (request) => {
      const s = await calendar.clockState({
        receivedAt: new Date(request.query.receivedAt).toISOString(),
        workingDays: request.query.workingDays,
      });
      return {
        receivedOn: s.receivedOn,
        startsCounting: s.startsCounting,
        due: s.due,
        estimated: s.estimated,
        estimatedYears: s.estimatedYears,
      };
    },
  );
}

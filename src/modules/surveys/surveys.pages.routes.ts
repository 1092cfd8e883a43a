// The public survey pages: /survey/<id> (the questionnaire, a plain POST form: signed in for account surveys;
// anonymous ones with the form token, a device cookie and the proof of work), /survey/<id>/results (public from
// closing, charts drawn on the server, cached until moderation changes them) and the 公众调查 column's list.
import { createElement } from 'react';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../platform/http.ts';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';
import { newIdempotencyKey } from '../../platform/idempotency.ts';
import { CITIZEN_COOKIE } from '../citizens/citizen-auth.service.ts';
import {
  type Form,
  acceptForms,
  bothPrefixes,
  checkFormToken,
  deviceHash,
  formToken,
  messageOf,
  one,
  redirectTo,
  sendHtml,
  statusOf,
  viewOf,
} from '../participation/page-kit.tsx';
import { href } from '../portal/views/links.ts';
import { ItemList } from '../portal/views/parts.tsx';
import { ResultsPage, SurveyList, SurveyPage } from './surveys.views.tsx';
import { phaseOf } from './surveys.service.ts';
import * as repo from './surveys.repository.ts';
import { PUBLIC_ROUTE } from '../../platform/auth/access.ts';

// Public pages: whether an answer or comment needs a signed-in citizen is the survey's or solicitation's own rule.
const hidden = { config: PUBLIC_ROUTE, schema: { hide: true } };
const RESULTS = /^\/survey\/([1-9]\d{0,9})\/results$/;

export async function surveyPageRoutes(app: App, ctx: AppContext): Promise<void> {
  const surveys = ctx.participation.surveys;

  /** The page for this request: the survey, who is asking, and the form tokens if they may answer now. */
  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    raw: Form = {},
    message: ReturnType<typeof messageOf> | null = null,
    status = 200,
  ) {
    const resolved = await viewOf(ctx, request);
    const id = Number((request.params as { id: string }).id);
    if (!resolved || !Number.isSafeInteger(id)) return reply.callNotFound();
    let found: Awaited<ReturnType<typeof surveys.publicSurvey>>;
    try {
      found = await surveys.publicSurvey(id, resolved.siteId);
    } catch (error) {
      if (error instanceof AppError && error.code === 'SURVEY_NOT_FOUND') return reply.callNotFound();
      throw error;
    }
    const { survey, def, phase } = found;
    const citizen = await ctx.citizens.auth.authenticate(request.cookies[CITIZEN_COOKIE]);
    const anonymous = survey.access === 'anonymous';
    const device = anonymous ? await deviceHash(ctx, request, reply) : undefined;
    const answered = await surveys.hasAnswered(
      id,
      anonymous ? { deviceHash: device } : { citizenId: citizen?.citizenId },
    );
    const query = request.query as Record<string, string>;
    const thanks = query.answered ? { kind: 'info' as const, text: '答卷已提交，感谢您的参与。' } : null;
    let form: { csrf: string; idempotencyKey: string; anonymous: boolean } | null = null;
    if (phase === 'open' && !answered) {
      if (anonymous)
        form = { csrf: await formToken(ctx, request, reply), idempotencyKey: newIdempotencyKey(), anonymous };
      else if (citizen) form = { csrf: citizen.csrfToken, idempotencyKey: newIdempotencyKey(), anonymous };
    }
    return sendHtml(
      reply,
      resolved.view,
      createElement(SurveyPage, {
        view: resolved.view,
        survey,
        def,
        phase,
        form,
        answered: answered && !message,
        signedIn: Boolean(citizen),
        raw: raw as Record<string, string | string[]>,
        message: message ?? thanks,
      }),
      status,
    );
  }

  await app.register(async (scope) => {
    acceptForms(scope);
    for (const path of bothPrefixes('/survey/:id')) {
      scope.get(path, hidden, (request, reply) => render(request, reply));

      scope.post(path, hidden, async (request, reply) => {
        const form = request.body as Form;
        const resolved = await viewOf(ctx, request);
        const id = Number((request.params as { id: string }).id);
        if (!resolved || !Number.isSafeInteger(id)) return reply.callNotFound();
        try {
          const { survey } = await surveys.publicSurvey(id, resolved.siteId);
          if (survey.access === 'anonymous') {
            await checkFormToken(ctx, request, form);
            const check = await ctx.citizens.challenge.checkForm('survey', request.ip, one(form, 'altcha'));
            const device = await deviceHash(ctx, request, reply);
            await surveys.answer(
              resolved.siteId,
              id,
              { deviceHash: device, hold: check.holdForModeration },
              form,
              true,
            );
          } else {
            const citizen = await ctx.citizens.auth.authenticate(request.cookies[CITIZEN_COOKIE]);
            if (!citizen) throw new AppError('CITIZEN_UNAUTHENTICATED');
            if (one(form, '_csrf') !== citizen.csrfToken) throw new AppError('CITIZEN_FORM_EXPIRED');
            await surveys.answer(resolved.siteId, id, { citizenId: citizen.citizenId }, form, true);
          }
          return redirectTo(reply, href(resolved.view, `/survey/${id}?answered=1`));
        } catch (error) {
          if (error instanceof AppError && error.code === 'SURVEY_NOT_FOUND') return reply.callNotFound();
          return render(request, reply, form, messageOf(error), statusOf(error));
        }
      });
    }
  });

  // Results: public from closing; cached per phase, dropped when moderation or publication changes them.
  ctx.portal.registerPage({
    path: RESULTS,
    render: async (page) => {
      const id = Number(page.params![1]);
      const survey = await repo.findSurvey(ctx.db, id);
      if (!survey || survey.site_id !== page.site.id || survey.status !== 'released') return { type: 'not-found' };
      const phase = phaseOf(survey, ctx.clock.now());
      return page.cached(
        async () => {
          const found = await surveys.publicResults(id, page.site.id);
          return page.html(
            createElement(ResultsPage, {
              view: page.view,
              survey: found.survey,
              def: found.def,
              results: found.results,
            }),
          );
        },
        phase === 'closed' ? 'closed' : 'pending',
      );
    },
  });
  ctx.portal.invalidateOn((drop) => surveys.onChange(drop));

  // The 公众调查 column: the surveys with their phase (uncached: a survey opens and closes with time), then the
  // column's other published items.
  ctx.portal.registerColumnContent(
    { name: '公众调查' },
    async ({ page, column }) => {
      const now = ctx.clock.now();
      const list = (await repo.surveysOfSite(ctx.db, page.site.id))
        .filter((s) => s.status === 'released')
        .map((survey) => ({ survey, phase: phaseOf(survey, now) }));
      const notices = new Set(list.map((s) => s.survey.notice_content_id));
      const index = await page.index();
      const others = index
        .inColumn(column.id)
        .filter((i) => !notices.has(i.id))
        .map((i) => ({ title: i.title, url: index.path(i), publishedAt: i.pubDate }));
      return {
        items: [],
        body: createElement(
          'div',
          null,
          createElement(SurveyList, { view: page.view, surveys: list }),
          others.length ? createElement('h2', { id: 'other-items' }, '调查公告与相关信息') : null,
          others.length ? createElement(ItemList, { view: page.view, items: others, labelledBy: 'other-items' }) : null,
        ),
      };
    },
    { variant: () => null },
  );
}

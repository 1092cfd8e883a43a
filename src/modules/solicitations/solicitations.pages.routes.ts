// The public pages of 意见征集: /solicitation/<id> (the draft's text with published comments and, signed in
// while open, the comment form: a plain POST that keeps what was typed when refused) and the 意见征集 column's
// list of solicitations before its other items.
import { createElement } from 'react';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../platform/http.ts';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';
import { CITIZEN_COOKIE } from '../citizens/citizen-auth.service.ts';
import {
  type Form,
  acceptForms,
  bothPrefixes,
  messageOf,
  one,
  redirectTo,
  sendHtml,
  statusOf,
  viewOf,
} from '../participation/page-kit.tsx';
import { href } from '../portal/views/links.ts';
import { ItemList } from '../portal/views/parts.tsx';
import { SolicitationList, SolicitationPage } from './solicitations.views.tsx';
import { PUBLIC_ROUTE } from '../../platform/auth/access.ts';

// Public pages: whether an answer or comment needs a signed-in citizen is the survey's or solicitation's own rule.
const hidden = { config: PUBLIC_ROUTE, schema: { hide: true } };

export async function solicitationPageRoutes(app: App, ctx: AppContext): Promise<void> {
  const solicitations = ctx.participation.solicitations;

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
    let found: Awaited<ReturnType<typeof solicitations.publicSolicitation>>;
    try {
      found = await solicitations.publicSolicitation(id, resolved.siteId);
    } catch (error) {
      if (error instanceof AppError && error.code === 'SOLICITATION_NOT_FOUND') return reply.callNotFound();
      throw error;
    }
    const citizen = await ctx.citizens.auth.authenticate(request.cookies[CITIZEN_COOKIE]);
    const query = request.query as Record<string, string>;
    const thanks = query.commented ? { kind: 'info' as const, text: '意见已提交，经审核后公开。感谢您的参与。' } : null;
    return sendHtml(
      reply,
      resolved.view,
      createElement(SolicitationPage, {
        view: resolved.view,
        solicitation: found.solicitation,
        paragraphs: found.paragraphs,
        comments: found.comments,
        phase: found.phase,
        csrf: citizen?.csrfToken ?? null,
        raw: { paragraphId: one(raw, 'paragraphId'), text: one(raw, 'text') },
        message: message ?? thanks,
      }),
      status,
    );
  }

  await app.register(async (scope) => {
    acceptForms(scope);
    for (const path of bothPrefixes('/solicitation/:id')) {
      scope.get(path, hidden, (request, reply) => render(request, reply));
      scope.post(path, hidden, async (request, reply) => {
        const form = (request.body ?? {}) as Form;
        const resolved = await viewOf(ctx, request);
        const id = Number((request.params as { id: string }).id);
        if (!resolved || !Number.isSafeInteger(id)) return reply.callNotFound();
        try {
          const citizen = await ctx.citizens.auth.authenticate(request.cookies[CITIZEN_COOKIE]);
          if (!citizen) throw new AppError('CITIZEN_UNAUTHENTICATED');
          if (one(form, '_csrf') !== citizen.csrfToken) throw new AppError('CITIZEN_FORM_EXPIRED');
          await solicitations.comment(citizen, resolved.siteId, id, {
            paragraphId: one(form, 'paragraphId') || undefined,
            text: one(form, 'text'),
          });
          return redirectTo(reply, href(resolved.view, `/solicitation/${id}?commented=1#comment-form`));
        } catch (error) {
          if (error instanceof AppError && error.code === 'SOLICITATION_NOT_FOUND') return reply.callNotFound();
          return render(request, reply, form, messageOf(error), statusOf(error));
        }
      });
    }
  });

  // The 意见征集 column: the solicitations with their phase (uncached: they open and close with time), then the
  // column's other published items (the notices are reached through each solicitation).
  ctx.portal.registerColumnContent(
    { name: '意见征集' },
    async ({ page, column }) => {
      const list = await solicitations.released(page.site.id);
      const notices = new Set(list.map((s) => s.solicitation.notice_content_id));
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
          createElement(SolicitationList, { view: page.view, items: list }),
          others.length ? createElement('h2', { id: 'other-items' }, '其他信息') : null,
          others.length ? createElement(ItemList, { view: page.view, items: others, labelledBy: 'other-items' }) : null,
        ),
      };
    },
    { variant: () => null },
  );
  // A notice or an adoption report published or withdrawn changes what the site's cached pages list.
  ctx.portal.invalidateOn((drop) => solicitations.onChange(drop));
}

// The applicant's pages of 依申请公开 (/disclosure/apply, /disclosure/<id>) — plain forms behind the public account —
// and the 依申请公开 column, which shows the organ's guide with the entrance to the online application.
import { createElement } from 'react';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../platform/http.ts';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../platform/errors.ts';
import { newIdempotencyKey } from '../../platform/idempotency.ts';
import { citizenOf } from '../citizens/citizens.guard.ts';
import { publishedSnapshots } from '../portal/public-content.repository.ts';
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
import type { ViewContext } from '../portal/views/types.ts';
import { href } from '../portal/views/links.ts';
import { APPLICANT_TYPES, DELIVERY_FORMS, DELIVERY_METHODS, ID_TYPES } from './disclosure-rules.ts';
import type { ApplyBody } from './disclosure.schema.ts';
import { ApplicationPage, ApplyPage } from './disclosure.views.tsx';
import { GuideBody } from './disclosure-guide.tsx';

const hidden = { schema: { hide: true } };
const APPLY_FIELDS = [
  'applicantType',
  'name',
  'idType',
  'idNumber',
  'contactPerson',
  'phone',
  'email',
  'address',
  'postalCode',
  'description',
  'docNumber',
  'purpose',
  'deliveryForm',
  'deliveryMethod',
] as const;

const pick = <T extends string>(table: Record<T, unknown>, value: string, label: string): T => {
  if (value in table) return value as T;
  throw new AppError('DISCLOSURE_FIELD_REQUIRED', { field: label });
};

/** The form as the service takes it; a missing choice is named as the field to fill in. */
function applyBody(form: Form): ApplyBody {
  return {
    applicantType: pick(APPLICANT_TYPES, one(form, 'applicantType'), '申请人类型'),
    name: one(form, 'name'),
    idType: pick(ID_TYPES, one(form, 'idType'), '证件类型'),
    idNumber: one(form, 'idNumber'),
    contactPerson: one(form, 'contactPerson'),
    phone: one(form, 'phone'),
    email: one(form, 'email'),
    address: one(form, 'address'),
    postalCode: one(form, 'postalCode'),
    description: one(form, 'description').slice(0, 4000),
    docNumber: one(form, 'docNumber').slice(0, 200),
    purpose: one(form, 'purpose').slice(0, 1000),
    deliveryForm: pick(DELIVERY_FORMS, one(form, 'deliveryForm'), '信息的提供形式'),
    deliveryMethod: pick(DELIVERY_METHODS, one(form, 'deliveryMethod'), '获取信息的方式'),
    idempotencyKey: one(form, 'idempotencyKey'),
  };
}

export async function disclosurePageRoutes(app: App, ctx: AppContext): Promise<void> {
  const { disclosure, handling } = ctx.participation;
  const pageGuard = ctx.citizens.guard({ page: true });

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    build: (view: ViewContext, siteId: number) => Promise<ReturnType<typeof createElement>>,
    status = 200,
  ) {
    const resolved = await viewOf(ctx, request);
    if (!resolved) return reply.callNotFound();
    return sendHtml(reply, resolved.view, await build(resolved.view, resolved.siteId), status);
  }

  await app.register(async (scope) => {
    acceptForms(scope);

    for (const path of bothPrefixes('/disclosure/apply')) {
      scope.get(path, { ...hidden, preHandler: pageGuard }, (request, reply) =>
        page(request, reply, async (view) =>
          createElement(ApplyPage, {
            view,
            csrf: citizenOf(request).csrfToken,
            idempotencyKey: newIdempotencyKey(),
            values: {},
          }),
        ),
      );

      scope.post(path, { ...hidden, preHandler: pageGuard }, async (request, reply) => {
        const form = request.body as Form;
        const citizen = citizenOf(request);
        const resolved = await viewOf(ctx, request);
        if (!resolved) return reply.callNotFound();
        try {
          const created = await disclosure.apply(citizen, resolved.siteId, applyBody(form));
          return redirectTo(reply, href(resolved.view, `/disclosure/${created.id}?submitted=1`));
        } catch (error) {
          const values = Object.fromEntries(APPLY_FIELDS.map((f) => [f, one(form, f)]));
          return sendHtml(
            reply,
            resolved.view,
            createElement(ApplyPage, {
              view: resolved.view,
              csrf: citizen.csrfToken,
              idempotencyKey: one(form, 'idempotencyKey') || newIdempotencyKey(),
              values,
              message: messageOf(error),
            }),
            statusOf(error),
          );
        }
      });
    }

    for (const path of bothPrefixes('/disclosure/:id')) {
      scope.get(path, { ...hidden, preHandler: pageGuard }, async (request, reply) => {
        const id = Number((request.params as { id: string }).id);
        if (!Number.isSafeInteger(id) || id < 1) return reply.callNotFound();
        const citizen = citizenOf(request);
        const query = request.query as Record<string, string>;
        try {
          const detail = await disclosure.ownedBy(citizen.citizenId, id);
          const message = query.submitted
            ? { kind: 'info' as const, text: `申请已提交，编号${detail.serial}。回执已发送到您的手机或邮箱。` }
            : query.supplemented
              ? { kind: 'info' as const, text: '补正已提交，答复期限自今日起重新计算。' }
              : null;
          return page(request, reply, async (view) =>
            createElement(ApplicationPage, { view, csrf: citizen.csrfToken, app: detail, message }),
          );
        } catch (error) {
          if (error instanceof AppError && error.code === 'DISCLOSURE_NOT_FOUND') return reply.callNotFound();
          throw error;
        }
      });
    }

    for (const path of bothPrefixes('/disclosure/:id/supplement')) {
      scope.post(path, { ...hidden, preHandler: pageGuard }, async (request, reply) => {
        const id = Number((request.params as { id: string }).id);
        const citizen = citizenOf(request);
        const form = request.body as Form;
        const resolved = await viewOf(ctx, request);
        if (!resolved || !Number.isSafeInteger(id)) return reply.callNotFound();
        try {
          await handling.citizenSupplement(citizen, id, {
            text: one(form, 'text').slice(0, 4000),
            description: one(form, 'description').slice(0, 4000) || undefined,
          });
          return redirectTo(reply, href(resolved.view, `/disclosure/${id}?supplemented=1`));
        } catch (error) {
          const detail = await disclosure.ownedBy(citizen.citizenId, id).catch(() => null);
          if (!detail) return reply.callNotFound();
          return sendHtml(
            reply,
            resolved.view,
            createElement(ApplicationPage, {
              view: resolved.view,
              csrf: citizen.csrfToken,
              app: detail,
              message: messageOf(error),
            }),
            statusOf(error),
          );
        }
      });
    }
  });

  // The 依申请公开 column: the organ's published guide, then the online entrance.
  ctx.portal.registerColumnContent({ name: '依申请公开' }, async ({ page, column }) => {
    const index = await page.index();
    const own = index.inColumn(column.id);
    const snapshots = await publishedSnapshots(
      ctx.db,
      page.site.id,
      own.map((i) => i.id),
    );
    const guide = own.map((i) => snapshots.get(i.id)?.bodyHtml ?? '').find(Boolean) ?? '';
    return { items: [], body: createElement(GuideBody, { view: page.view, guideHtml: guide }) };
  });
}

// The citizen's online-service pages under /user/bsfw/ (personal: never cached, in the layout of the host's site):
// apply for an item or a 一件事 with the materials as file uploads, follow an application, supplement after a 补正,
// rate it when it is completed, download one's own materials. Multipart forms carry the session's CSRF token as
// their first field; it is checked before any file is read.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ReactElement } from 'react';
import type { App } from '../../platform/http.ts';
import type { AppContext } from '../../context.ts';
import { AppError, type ErrorCode } from '../../platform/errors.ts';
import { newIdempotencyKey } from '../../platform/idempotency.ts';
import { CARE_COOKIE, cspFor, type PortalService } from '../portal/portal.service.ts';
import { renderDocument } from '../portal/views/render.tsx';
import { securityHeaders } from '../portal/page-response.ts';
import type { ViewContext } from '../portal/views/types.ts';
import { CITIZEN_COOKIE, type CitizenContext } from '../citizens/citizen-auth.service.ts';
import { citizenOf, loginRedirect } from '../citizens/citizens.guard.ts';
import { declareAccess } from '../../platform/auth/access.ts';
import { applicationPath, itemPath, SERVICES_PATH, themePath } from './catalogue.presenter.ts';
import type { ApplyInput, Upload } from './applications.service.ts';
import { servicesCss } from './services.pages.tsx';
import { ApplicationBody, ApplyForm, type ApplyValues, CitizenServicesFrame, type Message } from './views/citizen.tsx';

const hidden = { schema: { hide: true } };
const MAX_FILE_BYTES = 20 * 1024 * 1024;

interface ApplyFlow {
  path: string;
  page: (
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    message: Message | null,
    fields?: Record<string, string>,
    status?: number,
  ) => Promise<unknown>;
  notFound: ErrorCode;
  /** Submits the application and answers where the citizen goes next. */
  submit: (c: CitizenContext, id: number, input: ApplyInput, uploads: Upload[]) => Promise<string>;
}

interface ParsedForm {
  fields: Record<string, string>;
  uploads: Upload[];
}

export async function serviceCitizenPages(app: App, ctx: AppContext, portal: PortalService): Promise<void> {
  const { citizens, services } = ctx;
  const pageGuard = citizens.guard({ page: true });
  const css = servicesCss();

  async function send(
    request: FastifyRequest,
    reply: FastifyReply,
    build: (view: ViewContext) => ReactElement,
    status = 200,
  ) {
    const urlPath = request.url.split('?')[0]!;
    const match = await portal.resolve(request.host, urlPath);
    if (!match) return reply.status(503).type('text/plain; charset=utf-8').send('网站建设中');
    const model = await portal.model(match.site.id);
    const view = portal.viewContext(
      match.site,
      model,
      { prefix: '', path: urlPath },
      request.cookies[CARE_COOKIE] === '1',
    );
    return reply
      .headers(securityHeaders(cspFor(view.site)))
      .header('cache-control', 'no-store')
      .status(status)
      .type('text/html; charset=utf-8')
      .send(renderDocument(build(view)));
  }

  const messageOf = (error: unknown): Message => {
    if (error instanceof AppError) return { kind: 'error', text: error.message };
    throw error;
  };
  const statusOf = (error: unknown) => (error instanceof AppError ? error.status : 500);

  /** Signs the citizen in for a multipart POST (the CSRF token is checked from the form, see readForm). */
  // Declared for the route table as a citizen route: it signs the citizen in as the citizens' guard does.
  const multipartGuard = declareAccess(
    async function multipartGuard(request: FastifyRequest, reply: FastifyReply) {
      const citizen = await citizens.auth.authenticate(request.cookies[CITIZEN_COOKIE]);
      if (!citizen) return reply.header('cache-control', 'no-store').redirect(loginRedirect(request), 303);
      citizen.actor = { ...citizen.actor, ip: request.ip };
      request.citizen = citizen;
    },
    { kind: 'citizen' },
  );

  /** Reads a multipart form: `_csrf` must come first and match; file fields are named `material:<name>`. */
  async function readForm(request: FastifyRequest, c: CitizenContext): Promise<ParsedForm> {
    const fields: Record<string, string> = {};
    const uploads: Upload[] = [];
    let checked = false;
    for await (const part of request.parts({ limits: { fileSize: MAX_FILE_BYTES, files: 30, fields: 20 } })) {
      if (!checked && !(part.type === 'field' && part.fieldname === '_csrf'))
        throw new AppError('CITIZEN_FORM_EXPIRED');
      if (part.type === 'field') {
        if (part.fieldname === '_csrf') {
          if (part.value !== c.csrfToken) throw new AppError('CITIZEN_FORM_EXPIRED');
          checked = true;
        } else fields[part.fieldname] = String(part.value ?? '');
        continue;
      }
      const bytes = await part.toBuffer();
      if (part.file.truncated)
        throw new AppError('SERVICE_UPLOAD_REFUSED', { name: part.filename, reason: '文件超过 20 MB' });
      if (bytes.length === 0 || !part.filename) continue;
      uploads.push({ material: part.fieldname.replace(/^material:/, ''), filename: part.filename, bytes });
    }
    if (!checked) throw new AppError('CITIZEN_FORM_EXPIRED');
    return { fields, uploads };
  }

  const values = (c: CitizenContext, f: Record<string, string> = {}): ApplyValues => ({
    applicantName: f.applicantName ?? c.displayName,
    contact: f.contact ?? '',
    remark: f.remark ?? '',
  });

  /**
   * The two ways to apply (one item, or a 一件事 sent to several departments) share their page flow: the form page,
   * and a submission that either redirects to what was created or shows the form again with the citizen's input and
   * the reason it was refused; an unknown item or theme is a notice page, not a form.
   */
  const registerApply = (scope: App, flow: ApplyFlow) => {
    const idOf = (request: FastifyRequest) => Number((request.params as { id: string }).id);
    scope.get(flow.path, { ...hidden, preHandler: pageGuard }, async (request, reply) => {
      const id = idOf(request);
      if (!Number.isInteger(id) || id < 1) return reply.callNotFound();
      try {
        return await flow.page(request, reply, id, null);
      } catch (error) {
        if (error instanceof AppError && error.status < 500) return notice(request, reply, error);
        throw error;
      }
    });
    scope.post(flow.path, { ...hidden, preHandler: multipartGuard }, async (request, reply) => {
      const c = citizenOf(request);
      const id = idOf(request);
      let form: ParsedForm = { fields: {}, uploads: [] };
      try {
        form = await readForm(request, c);
        const input = {
          applicantName: form.fields.applicantName ?? '',
          contact: form.fields.contact ?? '',
          remark: form.fields.remark ?? '',
          idempotencyKey: form.fields.idempotencyKey ?? '',
        };
        const target = await flow.submit(c, id, input, form.uploads);
        return reply.header('cache-control', 'no-store').redirect(target, 303);
      } catch (error) {
        if (error instanceof AppError && error.code === flow.notFound) return notice(request, reply, error);
        return flow.page(request, reply, id, messageOf(error), form.fields, statusOf(error));
      }
    });
  };

  await app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
      const out: Record<string, string> = {};
      for (const [k, v] of new URLSearchParams(String(body))) if (!(k in out)) out[k] = v;
      done(null, out);
    });

    // ───── apply for an item ─────
    const applyPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      itemId: number,
      message: Message | null,
      f?: Record<string, string>,
      status = 200,
    ) => {
      const c = citizenOf(request);
      const { item, guide } = await services.applications.applicable(itemId);
      return send(
        request,
        reply,
        (view) => (
          <CitizenServicesFrame
            view={view}
            title={`在线办理：${item.name}`}
            trail={[
              { label: '办事服务', href: SERVICES_PATH },
              { label: item.name, href: itemPath(item.code) },
              { label: '在线办理' },
            ]}
            css={css}
            message={message}
          >
            <ApplyForm
              action={`/user/bsfw/apply/${item.id}`}
              csrf={c.csrfToken}
              idempotencyKey={f?.idempotencyKey ?? newIdempotencyKey()}
              values={values(c, f)}
              materials={guide.data.materials}
              submitLabel="提交申请"
            />
          </CitizenServicesFrame>
        ),
        status,
      );
    };

    registerApply(scope, {
      path: '/user/bsfw/apply/:id',
      page: applyPage,
      notFound: 'SERVICE_ITEM_NOT_FOUND',
      submit: async (c, itemId, input, uploads) => {
        const created = await services.applications.apply(c, itemId, input, uploads);
        return `${applicationPath(created.id)}?submitted=1`;
      },
    });

    // ───── apply for a 一件事 ─────
    const themeOf = async (themeId: number) => {
      const theme = await services.catalogue.theme(themeId);
      if (theme.status !== 'published') throw new AppError('SERVICE_THEME_NOT_FOUND');
      return theme;
    };
    const themePage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      themeId: number,
      message: Message | null,
      f?: Record<string, string>,
      status = 200,
    ) => {
      const c = citizenOf(request);
      const theme = await themeOf(themeId);
      const { materials, guides } = await services.applications.themeMaterials(theme);
      const names = new Map(guides.map((g) => [g.item.id, g.item.name]));
      return send(
        request,
        reply,
        (view) => (
          <CitizenServicesFrame
            view={view}
            title={`在线办理：${theme.name}`}
            trail={[
              { label: '办事服务', href: SERVICES_PATH },
              { label: theme.name, href: themePath(theme.slug) },
              { label: '在线办理' },
            ]}
            css={css}
            message={message}
          >
            <p>
              一次填写、一次提交，系统将申请分送以下部门同步办理：{guides.map((g) => g.item.name).join('、')}
              。同一材料只需上传一次。
            </p>
            <ApplyForm
              action={`/user/bsfw/yjs/${theme.id}`}
              csrf={c.csrfToken}
              idempotencyKey={f?.idempotencyKey ?? newIdempotencyKey()}
              values={values(c, f)}
              materials={materials.map((m) => m.material)}
              extra={materials.map((m) => m.itemIds.map((id) => names.get(id)).join('、'))}
              submitLabel="一次提交，分送办理"
            />
          </CitizenServicesFrame>
        ),
        status,
      );
    };

    registerApply(scope, {
      path: '/user/bsfw/yjs/:id',
      page: themePage,
      notFound: 'SERVICE_THEME_NOT_FOUND',
      submit: async (c, themeId, input, uploads) => {
        const created = await services.applications.applyTheme(c, await themeOf(themeId), input, uploads);
        return `${applicationPath(created.applications[0].id)}?bundle=${encodeURIComponent(created.receiptNo)}`;
      },
    });

    // ───── an application ─────
    const applicationPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      id: number,
      message: Message | null,
      status = 200,
    ) => {
      const c = citizenOf(request);
      const detail = await services.handling.forCitizen(c.citizenId, id);
      return send(
        request,
        reply,
        (view) => (
          <CitizenServicesFrame
            view={view}
            title={`办件：${detail.application.itemName}`}
            trail={[{ label: '用户空间', href: '/user/' }, { label: detail.application.receiptNo }]}
            css={css}
            message={message}
          >
            <ApplicationBody
              detail={detail}
              csrf={c.csrfToken}
              fileHref={(fileId) => `/user/bsfw/applications/${id}/files/${fileId}`}
              supplementAction={`/user/bsfw/applications/${id}/supplement`}
              rateAction={`/user/bsfw/applications/${id}/rate`}
            />
          </CitizenServicesFrame>
        ),
        status,
      );
    };
    const idOf = (request: FastifyRequest) => Number((request.params as { id: string }).id);

    scope.get('/user/bsfw/applications/:id', { ...hidden, preHandler: pageGuard }, async (request, reply) => {
      const query = request.query as Record<string, string | undefined>;
      const message: Message | null = query.submitted
        ? { kind: 'info', text: '申请已提交，请记下受理编号。补正通知和办理结果将通过短信、邮件告知。' }
        : query.bundle
          ? {
              kind: 'info',
              text: `“一件事”申请已提交（申请号 ${query.bundle.slice(0, 40)}），已分送各部门办理，可在用户空间查看每个办件。`,
            }
          : null;
      try {
        return await applicationPage(request, reply, idOf(request), message);
      } catch (error) {
        if (error instanceof AppError && error.status === 404) return reply.callNotFound();
        throw error;
      }
    });

    scope.post(
      '/user/bsfw/applications/:id/supplement',
      { ...hidden, preHandler: multipartGuard },
      async (request, reply) => {
        const c = citizenOf(request);
        try {
          const form = await readForm(request, c);
          await services.applications.supplement(c, idOf(request), form.fields.note ?? '', form.uploads);
          return reply.header('cache-control', 'no-store').redirect(applicationPath(idOf(request)), 303);
        } catch (error) {
          return applicationPage(request, reply, idOf(request), messageOf(error), statusOf(error));
        }
      },
    );

    scope.post('/user/bsfw/applications/:id/rate', { ...hidden, preHandler: pageGuard }, async (request, reply) => {
      const c = citizenOf(request);
      const form = request.body as Record<string, string>;
      try {
        await services.ratings.rate(c, idOf(request), Number(form.level), (form.comment ?? '').trim());
        return reply.header('cache-control', 'no-store').redirect(applicationPath(idOf(request)), 303);
      } catch (error) {
        return applicationPage(request, reply, idOf(request), messageOf(error), statusOf(error));
      }
    });

    scope.get(
      '/user/bsfw/applications/:id/files/:fileId',
      { ...hidden, preHandler: pageGuard },
      async (request, reply) => {
        const c = citizenOf(request);
        const fileId = Number((request.params as { fileId: string }).fileId);
        try {
          await services.applications.own(c.citizenId, idOf(request));
          const file = await services.applications.file(idOf(request), fileId);
          return reply
            .header('content-type', file.meta.mime)
            .header('x-content-type-options', 'nosniff')
            .header('cache-control', 'private, no-store')
            .header(
              'content-disposition',
              `attachment; filename*=UTF-8''${encodeURIComponent(file.meta.original_name)}`,
            )
            .send(file.bytes);
        } catch (error) {
          if (error instanceof AppError && error.status === 404) return reply.callNotFound();
          throw error;
        }
      },
    );
  });

  /** A page that only says why (an item not online, a theme not published). */
  function notice(request: FastifyRequest, reply: FastifyReply, error: AppError) {
    return send(
      request,
      reply,
      (view) => (
        <CitizenServicesFrame
          view={view}
          title="在线办理"
          trail={[{ label: '办事服务', href: SERVICES_PATH }, { label: '在线办理' }]}
          css={css}
          message={{ kind: 'error', text: error.message }}
        >
          <p>
            <a href={SERVICES_PATH}>返回办事服务</a>
          </p>
        </CitizenServicesFrame>
      ),
      error.status,
    );
  }
}

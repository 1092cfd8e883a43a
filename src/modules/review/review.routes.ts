import { Type, type Static } from '@fastify/type-provider-typebox';
import type { App } from '../../platform/http.ts';
import { IdParams, SiteParams, errors } from '../../platform/http.ts';
import { authOf, requireOnSite } from '../../platform/auth/guard.ts';
import { AppError } from '../../platform/errors.ts';
import { can, type Capability } from '../../platform/auth/roles.ts';
import { shanghaiDate } from '../../platform/time.ts';
import type { AppContext } from '../../context.ts';
import { RELEASE_FORMS, SECRET_ANSWERS, STATE_NAMES, STEP_NAMES } from './review.service.ts';
import * as repo from './review.repository.ts';
import { registerRows } from './register.ts';
import { registerPdf, registerXlsx } from './register-export.ts';

const oneOf = <T extends string>(values: readonly T[], description: string) =>
  Type.Unsafe<T>(Type.String({ enum: [...values], description }));

const RegisterQuery = Type.Object({
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
  from: Type.Optional(Type.String({ format: 'date' })),
  to: Type.Optional(Type.String({ format: 'date' })),
  departmentId: Type.Optional(Type.Integer({ minimum: 1 })),
  columnId: Type.Optional(Type.Integer({ minimum: 1 })),
  outcome: Type.Optional(Type.String({ maxLength: 16 })),
  state: Type.Optional(Type.Unsafe<string>(Type.String({ enum: Object.keys(STATE_NAMES), description: '审查状态' }))),
});

const DICTIONARY_READERS: Capability[] = [
  'site.manage',
  'content.write',
  'content.review',
  'content.approve',
  'content.secrecy',
];

const serialText = (r: { year: number; serial: number }) => `${r.year}-${String(r.serial).padStart(4, '0')}`;
const stepView = (s: {
  step: string;
  decision: string;
  opinion: string;
  actor_name: string;
  decided_at: string;
  secret: string | null;
}) => ({
  step: s.step,
  stepName: STEP_NAMES[s.step],
  decision: s.decision,
  opinion: s.opinion,
  actorName: s.actor_name,
  decidedAt: s.decided_at,
  secret: s.secret,
});

const dayStart = (d: string) => new Date(`${d}T00:00:00+08:00`).toISOString();
const dayAfter = (d: string) => new Date(new Date(`${d}T00:00:00+08:00`).getTime() + 86_400_000).toISOString();

export async function reviewRoutes(app: App, ctx: AppContext): Promise<void> {
  const { guard, review, db, sites } = ctx;
  const tags = ['信息发布审查'];

  // Readers of the register and of single requests: the site's content staff and its administrators.
  const canReadRegister = (request: Parameters<typeof authOf>[0], siteId: number) => {
    const a = authOf(request);
    const roles = ['site_admin', 'reviewer', 'leader', 'secrecy_reviewer', 'editor'];
    if (!a.grants.some((g) => roles.includes(g.role) && (g.siteId === null || g.siteId === siteId)))
      throw new AppError('FORBIDDEN');
  };

  app.post(
    '/api/content/:id/submit',
    {
      schema: {
        tags,
        summary: '提交信息发布审查（附件3 审查表）',
        params: IdParams,
        body: Type.Object(
          { secret: oneOf(SECRET_ANSWERS, '是否涉密'), releaseForm: oneOf(RELEASE_FORMS, '发布形式') },
          { additionalProperties: false },
        ),
        response: errors(400, 403, 404, 409, 422),
      },
      preHandler: guard({ capability: 'content.write' }),
    },
    async (request) => {
      const r = await review.submit(authOf(request), request.params.id, request.body);
      return {
        id: r.id,
        serial: `${r.year}-${String(r.serial).padStart(4, '0')}`,
        state: r.state,
        stateName: STATE_NAMES[r.state],
        outcome: r.outcome,
      };
    },
  );

  app.post(
    '/api/review/:id/decide',
    {
      schema: {
        tags,
        summary: '审查决定：同意 / 不同意 / 是否涉密不明确（提请保密审查）',
        params: IdParams,
        body: Type.Object(
          {
            decision: oneOf(['同意', '不同意', '不明确'] as const, '审查意见'),
            opinion: Type.String({ maxLength: 1000 }),
            secret: Type.Optional(oneOf(['是', '否'] as const, '保密审查结论')),
            confirmFindings: Type.Optional(Type.Array(Type.String({ maxLength: 300 }), { maxItems: 100 })),
          },
          { additionalProperties: false },
        ),
        response: errors(400, 403, 404, 409, 422),
      },
      preHandler: guard(),
    },
    async (request) => {
      const r = await review.decide(authOf(request), request.params.id, request.body);
      return { id: r.id, state: r.state, stateName: STATE_NAMES[r.state], outcome: r.outcome };
    },
  );

  app.get(
    '/api/review/inbox',
    {
      schema: { tags, summary: '我的待办：待我审查的，以及被退回给我的' },
      preHandler: guard(),
    },
    async (request) => {
      const { waiting, returned } = await review.inbox(authOf(request));
      const row = (r: (typeof waiting)[number]) => ({
        id: r.id,
        contentId: r.content_id,
        serial: `${r.year}-${String(r.serial).padStart(4, '0')}`,
        title: r.title,
        state: r.state,
        stateName: STATE_NAMES[r.state],
        department: r.department_name,
        column: r.column_name,
        submitter: r.submitter_name,
        submittedAt: r.submitted_at,
        secret: r.secret,
        releaseForm: r.release_form,
        contentType: r.content_type,
      });
      return { waiting: waiting.map(row), returned: returned.map(row) };
    },
  );

  app.get(
    '/api/review/counts',
    {
      schema: {
        tags,
        summary: '待办数量（管理后台菜单角标）',
        response: { 200: Type.Object({ waiting: Type.Integer(), returned: Type.Integer() }) },
      },
      preHandler: guard(),
    },
    async (request) => {
      const { waiting, returned } = await review.inbox(authOf(request));
      return { waiting: waiting.length, returned: returned.length };
    },
  );

  app.get(
    '/api/review/:id',
    {
      schema: {
        tags,
        summary: '一条审查记录（附件3 登记）：审查表、各环节意见，以及该信息的历次审查',
        params: IdParams,
        response: errors(403, 404),
      },
      preHandler: guard(),
    },
    async (request) => {
      const r = await repo.requestWithNames(db, request.params.id);
      if (!r) throw new AppError('NOT_FOUND', '审查记录不存在');
      canReadRegister(request, r.site_id);
      const a = authOf(request);
      const history = await review.history(r.content_id);
      const steps = history.find((h) => h.id === r.id)?.steps ?? [];
      const mayDecide = await review.assertMayDecide(a, r).then(
        () => true,
        () => false,
      );
      return {
        id: r.id,
        siteId: r.site_id,
        contentId: r.content_id,
        contentType: r.content_type,
        contentStatus: r.content_status,
        version: r.content_version,
        serial: serialText(r),
        title: r.title,
        department: r.department_name,
        column: r.column_name,
        submitter: r.submitter_name,
        submittedBy: r.submitted_by,
        submittedAt: r.submitted_at,
        closedAt: r.closed_at,
        secret: r.secret,
        releaseForm: r.release_form,
        state: r.state,
        stateName: STATE_NAMES[r.state] ?? r.state,
        outcome: r.outcome,
        mayDecide,
        checkReport: JSON.parse(r.check_report) as unknown,
        confirmedFindings: JSON.parse(r.confirmed_findings) as string[],
        steps: steps.map(stepView),
        history: history.map((h) => ({
          id: h.id,
          serial: serialText(h),
          state: h.state,
          stateName: STATE_NAMES[h.state] ?? h.state,
          outcome: h.outcome,
          submittedAt: h.submitted_at,
          closedAt: h.closed_at,
          version: h.content_version,
        })),
      };
    },
  );

  const registerFilter = (siteId: number, q: Static<typeof RegisterQuery>) => ({
    siteId,
    year: q.year,
    departmentId: q.departmentId,
    columnId: q.columnId,
    outcome: q.outcome || undefined,
    state: q.state,
    from: q.from ? dayStart(q.from) : undefined,
    to: q.to ? dayAfter(q.to) : undefined,
  });
  app.get(
    '/api/sites/:siteId/register',
    {
      schema: { tags, summary: '信息发布审查登记', params: SiteParams, querystring: RegisterQuery },
      preHandler: guard(),
    },
    async (request) => {
      canReadRegister(request, request.params.siteId);
      return { items: await registerRows(db, registerFilter(request.params.siteId, request.query)) };
    },
  );

  for (const format of ['xlsx', 'pdf'] as const) {
    app.get(
      `/api/sites/:siteId/register.${format}`,
      {
        schema: {
          tags,
          summary: `导出信息发布审查登记（${format.toUpperCase()}）`,
          params: SiteParams,
          querystring: RegisterQuery,
        },
        preHandler: guard(),
      },
      async (request, reply) => {
        canReadRegister(request, request.params.siteId);
        const rows = await registerRows(db, registerFilter(request.params.siteId, request.query));
        const site = await sites.get(request.params.siteId);
        const q = request.query;
        const period = q.year
          ? `${q.year}年`
          : q.from || q.to
            ? `${q.from ?? ''} 至 ${q.to ?? shanghaiDate(new Date())}`
            : undefined;
        const unit = site.sponsor;
        const body =
          format === 'xlsx' ? await registerXlsx(rows, { unit, period }) : await registerPdf(rows, { unit, period });
        reply.header(
          'content-type',
          format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'application/pdf',
        );
        reply.header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(`信息发布审查登记.${format}`)}`,
        );
        return reply.send(body);
      },
    );
  }

  const Dictionaries = Type.Object(
    {
      forbidden: Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 5000 }),
      errorProne: Type.Array(
        Type.Object({
          wrong: Type.String({ minLength: 1, maxLength: 50 }),
          right: Type.String({ minLength: 1, maxLength: 50 }),
        }),
        { maxItems: 5000 },
      ),
      leaders: Type.Array(
        Type.Object({
          name: Type.String({ minLength: 2, maxLength: 20 }),
          posts: Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 10 }),
        }),
        { maxItems: 200 },
      ),
    },
    { additionalProperties: false },
  );

  app.get(
    '/api/sites/:siteId/prepublish/dictionaries',
    {
      schema: {
        tags,
        summary: '错敏词库（禁用词、易错词、领导姓名职务）',
        params: SiteParams,
        response: { 200: Dictionaries },
      },
      preHandler: guard(),
    },
    async (request) => {
      // Read by whoever writes, reviews or manages the site's content (the checks cite these lists); only
      // site administrators change them.
      const a = authOf(request);
      if (!DICTIONARY_READERS.some((c) => can(a.grants, c, request.params.siteId))) throw new AppError('FORBIDDEN');
      return ctx.prepublish.siteDictionaries(request.params.siteId);
    },
  );

  app.put(
    '/api/sites/:siteId/prepublish/dictionaries',
    {
      schema: {
        tags,
        summary: '修改错敏词库',
        params: SiteParams,
        body: Dictionaries,
        response: { 200: Dictionaries, ...errors(400, 403) },
      },
      preHandler: guard({ capability: 'site.manage' }),
    },
    async (request) => {
      const a = requireOnSite(request, 'site.manage', request.params.siteId);
      const before = await ctx.prepublish.siteDictionaries(request.params.siteId);
      await ctx.prepublish.saveDictionaries(request.params.siteId, request.body, ctx.clock.now().toISOString());
      await ctx.audit.recordAlone(a.actor, {
        action: 'prepublish.dictionaries',
        targetType: 'site',
        targetId: request.params.siteId,
        siteId: request.params.siteId,
        detail: {
          before: {
            forbidden: before.forbidden.length,
            errorProne: before.errorProne.length,
            leaders: before.leaders.length,
          },
          after: {
            forbidden: request.body.forbidden.length,
            errorProne: request.body.errorProne.length,
            leaders: request.body.leaders.length,
          },
        },
      });
      return ctx.prepublish.siteDictionaries(request.params.siteId);
    },
  );
}

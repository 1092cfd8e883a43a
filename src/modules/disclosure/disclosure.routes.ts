// 依申请公开 for staff (/api/disclosure/…): the dashboard of applications with their clocks, registration of letters
// and visits, and each step of the procedure. The applicant's side is disclosure.pages.routes.ts (HTML forms) and
// /api/citizen/disclosure (JSON, below).
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../platform/http.ts';
import { IdParams, Ok, errors } from '../../platform/http.ts';
import { requireOnSite } from '../../platform/auth/guard.ts';
import type { AppContext } from '../../context.ts';
import { citizenOf } from '../citizens/citizens.guard.ts';
import {
  ANSWER_WORKING_DAYS,
  CONSULTATION_DAYS,
  CORRECTION_NOTICE_DAYS,
  DISPOSITIONS,
  DISPOSITION_GROUPS,
  DISPOSITION_KEYS,
  type DispositionRule,
  FEE_PAYMENT_DAYS,
  MAX_EXTENSION_DAYS,
} from './disclosure-rules.ts';
import {
  AnswerBody,
  ApplicationDetail,
  ApplicationList,
  ApplyBody,
  ConsultationBody,
  ConsultationReplyBody,
  CorrectionBody,
  Created,
  DraftQuery,
  DraftView,
  ExtensionBody,
  FeeNoticeBody,
  ListQuery,
  RegisterBody,
  RulesView,
  SupplementBody,
} from './disclosure.schema.ts';

const tags = ['依申请公开'];
const OkResponse = { 200: Ok, ...errors(400, 401, 403, 404, 409) };

export async function disclosureRoutes(app: App, ctx: AppContext): Promise<void> {
  const { guard } = ctx;
  const { disclosure, handling } = ctx.participation;
  const staff = guard({ capability: 'disclosure.handle' });

  /** The application's site must be one the staff member handles. */
  const onSiteOf = async (request: FastifyRequest, id: number) => {
    const found = await disclosure.find(id);
    return requireOnSite(request, 'disclosure.handle', found.site_id);
  };

  app.get(
    '/api/disclosure/rules',
    {
      schema: { tags, summary: '办理结果代码、期限等规则', response: { 200: RulesView, ...errors(401, 403) } },
      preHandler: staff,
    },
    async () => ({
      dispositions: DISPOSITION_KEYS.map((code) => {
        const rule: DispositionRule = DISPOSITIONS[code];
        return {
          code,
          group: rule.group,
          groupLabel: DISPOSITION_GROUPS[rule.group],
          label: rule.label,
          needsReason: rule.needsReason,
        };
      }),
      limits: {
        answerDays: ANSWER_WORKING_DAYS,
        maxExtension: MAX_EXTENSION_DAYS,
        correctionNoticeDays: CORRECTION_NOTICE_DAYS,
        consultationDays: CONSULTATION_DAYS,
        feePaymentDays: FEE_PAYMENT_DAYS,
      },
    }),
  );

  app.get(
    '/api/disclosure/applications',
    {
      schema: {
        tags,
        summary: '依申请公开申请列表（含法定期限）',
        querystring: ListQuery,
        response: { 200: ApplicationList, ...errors(400, 401, 403) },
      },
      preHandler: staff,
    },
    async (request) => {
      requireOnSite(request, 'disclosure.handle', request.query.siteId);
      return disclosure.list(request.query);
    },
  );

  app.post(
    '/api/disclosure/applications',
    {
      schema: {
        tags,
        summary: '登记信函、传真或当面提交的申请',
        querystring: Type.Object({ siteId: Type.Integer({ minimum: 1 }) }),
        body: RegisterBody,
        response: { 200: Created, ...errors(400, 401, 403, 409) },
      },
      preHandler: staff,
    },
    async (request) => {
      const auth = requireOnSite(request, 'disclosure.handle', request.query.siteId);
      const { id, serial } = await disclosure.register(auth, request.query.siteId, request.body);
      return { id, serial };
    },
  );

  app.get(
    '/api/disclosure/applications/:id',
    {
      schema: {
        tags,
        summary: '申请详情',
        params: IdParams,
        response: { 200: ApplicationDetail, ...errors(400, 401, 403, 404) },
      },
      preHandler: staff,
    },
    async (request) => {
      await onSiteOf(request, request.params.id);
      return disclosure.detail(request.params.id);
    },
  );

  app.post(
    '/api/disclosure/applications/:id/correction',
    {
      schema: {
        tags,
        summary: '发出补正通知（收到申请之日起7个工作日内，仅一次）',
        params: IdParams,
        body: CorrectionBody,
        response: OkResponse,
      },
      preHandler: staff,
    },
    async (request) => {
      const auth = await onSiteOf(request, request.params.id);
      await handling.requestCorrection(auth, request.params.id, request.body);
      return { ok: true };
    },
  );

  app.post(
    '/api/disclosure/applications/:id/supplement',
    {
      schema: {
        tags,
        summary: '登记申请人以信函等方式提交的补正',
        params: IdParams,
        body: SupplementBody,
        response: OkResponse,
      },
      preHandler: staff,
    },
    async (request) => {
      const auth = await onSiteOf(request, request.params.id);
      await handling.supplement(auth.actor, request.params.id, request.body);
      return { ok: true };
    },
  );

  app.post(
    '/api/disclosure/applications/:id/extension',
    {
      schema: {
        tags,
        summary: '延长答复期限（经负责人同意，最长20个工作日）',
        params: IdParams,
        body: ExtensionBody,
        response: OkResponse,
      },
      preHandler: staff,
    },
    async (request) => {
      const auth = await onSiteOf(request, request.params.id);
      await handling.extend(auth, request.params.id, request.body);
      return { ok: true };
    },
  );

  app.post(
    '/api/disclosure/applications/:id/consultations',
    {
      schema: {
        tags,
        summary: '书面征求第三方意见（期间不计入答复期限）',
        params: IdParams,
        body: ConsultationBody,
        response: OkResponse,
      },
      preHandler: staff,
    },
    async (request) => {
      const auth = await onSiteOf(request, request.params.id);
      await handling.startConsultation(auth, request.params.id, request.body.party);
      return { ok: true };
    },
  );

  app.post(
    '/api/disclosure/applications/:id/consultations/:consultationId/reply',
    {
      schema: {
        tags,
        summary: '登记第三方意见',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }), consultationId: Type.Integer({ minimum: 1 }) }),
        body: ConsultationReplyBody,
        response: OkResponse,
      },
      preHandler: staff,
    },
    async (request) => {
      const auth = await onSiteOf(request, request.params.id);
      await handling.closeConsultation(auth, request.params.id, request.params.consultationId, request.body.reply);
      return { ok: true };
    },
  );

  app.post(
    '/api/disclosure/applications/:id/fee',
    {
      schema: { tags, summary: '发出信息处理费收费通知', params: IdParams, body: FeeNoticeBody, response: OkResponse },
      preHandler: staff,
    },
    async (request) => {
      const auth = await onSiteOf(request, request.params.id);
      await handling.feeNotice(auth, request.params.id, request.body);
      return { ok: true };
    },
  );

  app.post(
    '/api/disclosure/applications/:id/fee-paid',
    { schema: { tags, summary: '登记申请人已缴费', params: IdParams, response: OkResponse }, preHandler: staff },
    async (request) => {
      const auth = await onSiteOf(request, request.params.id);
      await handling.feePaid(auth, request.params.id);
      return { ok: true };
    },
  );

  app.get(
    '/api/disclosure/applications/:id/draft',
    {
      schema: {
        tags,
        summary: '按办理结果生成答复书草稿',
        params: IdParams,
        querystring: DraftQuery,
        response: { 200: DraftView, ...errors(400, 401, 403, 404) },
      },
      preHandler: staff,
    },
    async (request) => {
      await onSiteOf(request, request.params.id);
      return {
        replyText: await handling.draft(request.params.id, request.query.disposition, request.query.reason ?? ''),
      };
    },
  );

  app.post(
    '/api/disclosure/applications/:id/answer',
    {
      schema: { tags, summary: '答复（须选择办理结果）', params: IdParams, body: AnswerBody, response: OkResponse },
      preHandler: staff,
    },
    async (request) => {
      const auth = await onSiteOf(request, request.params.id);
      await handling.answer(auth, request.params.id, request.body);
      return { ok: true };
    },
  );

  // ───── the applicant (public account) ─────
  const citizenGuard = ctx.citizens.guard();

  app.post(
    '/api/citizen/disclosure',
    {
      schema: {
        tags,
        summary: '在线提交政府信息公开申请（公众账号）',
        querystring: Type.Object({ siteId: Type.Integer({ minimum: 1 }) }),
        body: ApplyBody,
        response: { 200: Created, ...errors(400, 401, 403, 404, 409) },
      },
      preHandler: citizenGuard,
    },
    async (request) => {
      await ctx.sites.get(request.query.siteId);
      const { id, serial } = await disclosure.apply(citizenOf(request), request.query.siteId, request.body);
      return { id, serial };
    },
  );

  app.get(
    '/api/citizen/disclosure/:id',
    {
      schema: {
        tags,
        summary: '我的申请（办理进度、补正事项、答复）',
        params: IdParams,
        response: { 200: ApplicationDetail, ...errors(400, 401, 404) },
      },
      preHandler: citizenGuard,
    },
    async (request) => disclosure.ownedBy(citizenOf(request).citizenId, request.params.id),
  );

  app.post(
    '/api/citizen/disclosure/:id/supplement',
    {
      schema: { tags, summary: '提交补正', params: IdParams, body: SupplementBody, response: OkResponse },
      preHandler: citizenGuard,
    },
    async (request) => {
      await handling.citizenSupplement(citizenOf(request), request.params.id, request.body);
      return { ok: true };
    },
  );
}

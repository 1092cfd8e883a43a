// The office's JSON API for messages: the inboxes (待分办, 本部门), a message with its trail and replies, and each
// handling step. Capabilities are checked by the guard; who may act on which message (dispatcher, the assigned
// department) by the services.
import { Type } from '@fastify/type-provider-typebox';
import type { App } from '../../platform/http.ts';
import { IdParams, SiteParams, errors } from '../../platform/http.ts';
import { authOf, requireOnSite } from '../../platform/auth/guard.ts';
import type { AppContext } from '../../context.ts';
import {
  AssignRequest,
  Dashboard,
  DraftRequest,
  MessageDetail,
  MessageList,
  MessageQuery,
  MessageStaffView,
  NoteRequest,
  ReasonRequest,
  ReplyView,
  SubmitReplyRequest,
  TransferRequest,
} from './interaction.schema.ts';
import { sendAttachment } from './attachments.ts';
import { registerInteractionPages } from './interaction.pages.tsx';

const tags = ['互动交流'];
const FileParams = Type.Object({ id: Type.Integer({ minimum: 1 }), fileId: Type.Integer({ minimum: 1 }) });
const Template = Type.Object({ excerptTitle: Type.String(), excerptBody: Type.String(), publish: Type.Boolean() });

export async function interactionRoutes(app: App, ctx: AppContext): Promise<void> {
  const { guard, interaction } = ctx;
  const read = guard({ capability: 'message.read' });
  const dispatch = guard({ capability: 'message.dispatch' });
  const handle = guard({ capability: 'message.handle' });
  const { handling, replies, core } = interaction;
  // The board's public pages: the 网上留言 column, message pages, statistics and the smart Q&A.
  registerInteractionPages(ctx);

  app.get(
    '/api/sites/:siteId/messages',
    {
      schema: {
        tags,
        summary: '留言列表（待分办、本部门、全部、待审核的匿名纠错）',
        params: SiteParams,
        querystring: MessageQuery,
        response: { 200: MessageList, ...errors(400, 401, 403) },
      },
      preHandler: read,
    },
    async (request) => {
      const auth = requireOnSite(request, 'message.read', request.params.siteId);
      return handling.list(auth, request.params.siteId, request.query);
    },
  );

  app.get(
    '/api/sites/:siteId/messages/dashboard',
    {
      schema: {
        tags,
        summary: '留言办理概况：未办结、超期、临期，以及距 3 个月否决线的天数',
        params: SiteParams,
        response: { 200: Dashboard, ...errors(401, 403) },
      },
      preHandler: read,
    },
    async (request) => {
      const auth = requireOnSite(request, 'message.read', request.params.siteId);
      return handling.dashboard(auth, request.params.siteId);
    },
  );

  app.get(
    '/api/messages/:id',
    {
      schema: {
        tags,
        summary: '留言详情：原文、时限、答复、办理记录和可进行的操作',
        params: IdParams,
        response: { 200: MessageDetail, ...errors(401, 403, 404) },
      },
      preHandler: read,
    },
    async (request) => handling.detail(authOf(request), request.params.id),
  );

  app.get(
    '/api/messages/:id/attachments/:fileId',
    { schema: { tags, summary: '下载留言附件（办理人员）', params: FileParams, hide: true }, preHandler: read },
    async (request, reply) =>
      sendAttachment(ctx, reply, await core.readable(authOf(request), request.params.id), request.params.fileId),
  );

  app.get(
    '/api/messages/:id/draft-template',
    {
      schema: {
        tags,
        summary: '拟写答复的初始内容：隐去个人信息的留言标题和内容',
        params: IdParams,
        response: { 200: Template, ...errors(401, 403, 404) },
      },
      preHandler: read,
    },
    async (request) => replies.template(authOf(request), request.params.id),
  );

  const step = { 200: MessageStaffView, ...errors(400, 401, 403, 404, 409) };

  app.post(
    '/api/messages/:id/assign',
    {
      schema: { tags, summary: '分办到部门', params: IdParams, body: AssignRequest, response: step },
      preHandler: dispatch,
    },
    async (request) =>
      handling.assign(authOf(request), request.params.id, request.body.departmentId, request.body.note ?? ''),
  );

  app.post(
    '/api/messages/:id/transfer',
    {
      schema: {
        tags,
        summary: '转办到其他部门（须说明理由）',
        params: IdParams,
        body: TransferRequest,
        response: step,
      },
      preHandler: dispatch,
    },
    async (request) =>
      handling.transfer(authOf(request), request.params.id, request.body.departmentId, request.body.reason),
  );

  app.post(
    '/api/messages/:id/invalid',
    {
      schema: {
        tags,
        summary: '认定为无效留言（重复、恶意、与政务无关等，理由告知留言人）',
        params: IdParams,
        body: ReasonRequest,
        response: step,
      },
      preHandler: dispatch,
    },
    async (request) => handling.markInvalid(authOf(request), request.params.id, request.body.reason),
  );

  app.post(
    '/api/messages/:id/release',
    {
      schema: { tags, summary: '审核放行未经安全验证的匿名纠错', params: IdParams, response: step },
      preHandler: dispatch,
    },
    async (request) => handling.release(authOf(request), request.params.id),
  );

  app.post(
    '/api/messages/:id/sign',
    { schema: { tags, summary: '签收', params: IdParams, response: step }, preHandler: handle },
    async (request) => handling.sign(authOf(request), request.params.id),
  );

  app.post(
    '/api/messages/:id/return',
    {
      schema: { tags, summary: '退回分办（非本部门职责）', params: IdParams, body: ReasonRequest, response: step },
      preHandler: handle,
    },
    async (request) => handling.returnToDispatcher(authOf(request), request.params.id, request.body.reason),
  );

  app.post(
    '/api/messages/:id/close',
    {
      schema: { tags, summary: '找错留言办结', params: IdParams, body: NoteRequest, response: step },
      preHandler: read,
    },
    async (request) => handling.close(authOf(request), request.params.id, request.body.note ?? ''),
  );

  app.put(
    '/api/messages/:id/draft',
    {
      schema: {
        tags,
        summary: '保存答复草稿（含公开的留言摘录）',
        params: IdParams,
        body: DraftRequest,
        response: { 200: ReplyView, ...errors(400, 401, 403, 404, 409) },
      },
      preHandler: handle,
    },
    async (request) => replies.saveDraft(authOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/messages/:id/submit-reply',
    {
      schema: {
        tags,
        summary: '提交答复审核（发布前检查、附件3 审查登记，审核人、分管领导审批后答复并公开）',
        params: IdParams,
        body: SubmitReplyRequest,
        response: { 200: ReplyView, ...errors(400, 401, 403, 404, 409, 422) },
      },
      preHandler: handle,
    },
    async (request) => replies.submit(authOf(request), request.params.id, request.body.secret ?? '否'),
  );
}

// The reply: the department's 承办人 drafts it with the excerpt of the message to be published (edited from the
// original, personal data masked; the original is kept), and submits it. Submission is the 附件3 release review of
// the message's content item: the pre-publish checks (错敏词 block), the department's 审核人 and 分管领导, the
// register. The review's outcome is read back (reconcile): approved → the reply is sent to the citizen and, when it
// may be published, shown on the site; returned → the draft is open again with the opinion. Then the citizen rates
// it, and if unsatisfied may ask once for a second handling.
import { AppError } from '../../platform/errors.ts';
import type { Message, MessageReply } from './interaction.tables.ts';
import type { AuthContext } from '../auth/auth.service.ts';
import { STATE_NAMES, type MessageState } from './deadlines.ts';
import type { InteractionCore } from './interaction.core.ts';
import type { CitizenMessageView, DraftRequest, ReplyView } from './interaction.schema.ts';
import { replyView } from './interaction.presenter.ts';
import { boardListColumn } from './board.ts';
import { maskPersonal } from './masking.ts';
import { cleanText, LIMITS, type MessagesService } from './messages.service.ts';
import type { HandlingService } from './handling.service.ts';
import { type ReplyRelease, releaseInput, releaseSnapshot } from './reply-content.ts';
import * as repo from './messages.repository.ts';
import * as replies from './replies.repository.ts';

export const REPLY_MIN_CHARS = 15;
export const RATINGS = ['满意', '基本满意', '不满意'] as const;
const stateName = (s: string) => STATE_NAMES[s as MessageState] ?? s;

export class RepliesService {
  constructor(
    private readonly core: InteractionCore,
    private readonly handling: HandlingService,
    private readonly messages: MessagesService,
  ) {}

  private get deps() {
    return this.core.deps;
  }

  /** The excerpt a new draft starts from: the citizen's words with personal data masked. */
  async template(
    auth: AuthContext,
    id: number,
  ): Promise<{ excerptTitle: string; excerptBody: string; publish: boolean }> {
    const m = await this.core.readable(auth, id);
    const names = m.citizen_id
      ? [(await this.deps.citizens.accounts.account(m.citizen_id).catch(() => null))?.displayName ?? '']
      : [m.reporter];
    const today = this.deps.clock.now();
    return {
      excerptTitle: maskPersonal(m.title, names, today),
      excerptBody: maskPersonal(m.body, names, today),
      publish: m.publish_consent === 1 && m.channel === 'board',
    };
  }

  private current(rows: MessageReply[], round: number): MessageReply | undefined {
    return rows.filter((r) => r.round === round).at(-1);
  }

  async saveDraft(auth: AuthContext, id: number, input: DraftRequest): Promise<ReplyView> {
    let m = await this.core.message(id);
    if (!this.core.isHandler(auth, m)) throw new AppError('MESSAGE_NOT_ASSIGNED_TO_YOU');
    if (!['assigned', 'handling'].includes(m.state))
      throw new AppError('MESSAGE_STATE', { state: stateName(m.state), action: '拟写答复' });
    const body = cleanText(input.body, '答复内容', 1, 5000);
    if ([...body].length < REPLY_MIN_CHARS) throw new AppError('MESSAGE_REPLY_TOO_SHORT', { min: REPLY_MIN_CHARS });
    const excerptTitle = cleanText(input.excerptTitle, '公开的留言标题', 2, LIMITS.titleMax);
    const excerptBody = cleanText(input.excerptBody, '公开的留言内容', 1, LIMITS.bodyMax);
    if (input.publish && m.publish_consent !== 1) throw new AppError('MESSAGE_NO_CONSENT');
    if (m.state === 'assigned') {
      await this.handling.signIn(auth, m);
      m = await this.core.message(id);
    }
    const rows = await replies.repliesOf(this.core.db, id);
    const open = this.current(rows, m.round);
    if (open && open.state === 'in_review')
      throw new AppError('MESSAGE_STATE', { state: '答复审核中', action: '修改答复' });
    const at = this.core.now();
    // Read before the transaction: the content service reads outside it (one connection on SQLite).
    const reusable = await this.reusableContent(rows);
    const values = {
      body,
      excerpt_title: excerptTitle,
      excerpt_body: excerptBody,
      publish: input.publish ? (1 as const) : (0 as const),
      department_id: m.department_id!,
      updated_at: at,
    };
    const replyId = await this.core.db.transaction().execute(async (trx) => {
      if (open && (open.state === 'draft' || open.state === 'returned') && open.department_id === m.department_id) {
        await replies.updateReply(trx, open.id, { ...values, author_id: auth.userId });
        await this.deps.audit.record(trx, auth.actor, {
          action: 'message.draft',
          targetType: 'message',
          targetId: m.id,
          siteId: m.site_id,
          detail: { replyId: open.id, chars: [...body].length, publish: input.publish },
        });
        return open.id;
      }
      const newId = await replies.insertReply(trx, {
        ...values,
        message_id: m.id,
        round: m.round,
        author_id: auth.userId,
        state: 'draft',
        // A returned draft's content item carries on (its versions show the changes); a classified one cannot.
        content_id: reusable,
        review_request_id: null,
        return_opinion: null,
        submitted_at: null,
        approved_at: null,
        created_at: at,
      });
      await this.core.record(trx, m, {
        action: 'draft',
        actor: auth.actor,
        actorType: 'staff',
        actorName: auth.displayName,
        detail: { replyId: newId, round: m.round },
      });
      return newId;
    });
    return this.view(replyId);
  }

  private async view(replyId: number): Promise<ReplyView> {
    const r = (await replies.findReply(this.core.db, replyId))!;
    const request = r.review_request_id ? await this.deps.review.request(r.review_request_id) : null;
    return replyView(r, (await this.core.departmentName(r.department_id)) ?? '', request?.state ?? null);
  }

  private async reusableContent(rows: MessageReply[]): Promise<number | null> {
    const contentId =
      rows
        .map((r) => r.content_id)
        .filter((c): c is number => c !== null)
        .at(-1) ?? null;
    if (contentId === null) return null;
    const item = await this.deps.content.item(contentId).catch(() => null);
    return item && item.status !== 'classified' ? contentId : null;
  }

  /** Sends the draft into the release review: pre-publish checks first, then the content item and the 附件3 form. */
  async submit(auth: AuthContext, id: number, secret: '否' | '不明确' = '否'): Promise<ReplyView> {
    const m = await this.core.message(id);
    if (!this.core.isHandler(auth, m)) throw new AppError('MESSAGE_NOT_ASSIGNED_TO_YOU');
    if (m.state !== 'handling') throw new AppError('MESSAGE_STATE', { state: stateName(m.state), action: '提交答复' });
    const rows = await replies.repliesOf(this.core.db, id);
    const draft = this.current(rows, m.round);
    if (!draft || !['draft', 'returned'].includes(draft.state)) throw new AppError('MESSAGE_REPLY_EMPTY');
    const tree = await this.deps.columns.tree(m.site_id);
    const column = boardListColumn(tree.flat);
    if (!column) throw new AppError('MESSAGE_NO_BOARD_COLUMN', { name: '网上留言' });
    const departmentName = (await this.core.departmentName(draft.department_id)) ?? '';
    const release: ReplyRelease = {
      columnId: column.id,
      category: m.category,
      departmentName,
      excerptTitle: draft.excerpt_title,
      excerptBody: draft.excerpt_body,
      earlier: rows
        .filter((r) => r.state === 'approved' && r.publish === 1)
        .map((r) => ({ round: r.round, body: r.body })),
      reply: draft.body,
      round: draft.round,
    };
    const report = await this.deps.prepublish.check(m.site_id, releaseSnapshot(release), []);
    if (report.findings.some((f) => f.check === 'forbidden-word'))
      throw new AppError(
        'MESSAGE_FORBIDDEN_WORDS',
        {},
        {
          findings: report.findings,
        },
      );
    await this.ensureWriter(auth, column.id);
    let contentId = draft.content_id;
    if (contentId === null) contentId = await this.deps.content.create(auth, m.site_id, releaseInput(release));
    else {
      const { type: _type, ...update } = releaseInput(release);
      await this.deps.content.update(auth, contentId, { ...update, note: `留言答复（${m.tracking_no}）` });
    }
    await replies.updateReply(this.core.db, draft.id, { content_id: contentId });
    const request = await this.deps.review.submit(auth, contentId, {
      secret,
      releaseForm: draft.publish ? '网站公开' : '其他',
    });
    const at = this.core.now();
    await this.core.db.transaction().execute(async (trx) => {
      await replies.updateReply(trx, draft.id, {
        state: 'in_review',
        review_request_id: request.id,
        return_opinion: null,
        submitted_at: at,
        updated_at: at,
      });
      await repo.updateMessage(trx, m.id, { state: 'in_review', updated_at: at });
      await this.core.record(trx, m, {
        action: 'reply-submit',
        actor: auth.actor,
        actorType: 'staff',
        actorName: auth.displayName,
        note: `登记序号 ${request.serial}`,
        detail: { replyId: draft.id, contentId, requestId: request.id, publish: draft.publish === 1 },
      });
    });
    await this.core.changed({ siteId: m.site_id, messageId: m.id, public: false });
    return this.view(draft.id);
  }

  /**
   * Departments answering messages write in the 网上留言 column (附件1: 配合部门 “相关处室”): the replying
   * department is added to its cooperating departments when it is not there yet.
   */
  private async ensureWriter(auth: AuthContext, columnId: number): Promise<void> {
    const column = await this.deps.columns.get(columnId);
    const departmentId = auth.departmentId!;
    if (column.leadDepartmentId === departmentId || column.cooperatingDepartmentIds.includes(departmentId)) return;
    await this.deps.columns.update(auth.actor, column.id, {
      name: column.name,
      fullName: column.fullName,
      slug: column.slug,
      columnType: column.columnType as never,
      kind: column.kind as 'list',
      linkUrl: column.linkUrl,
      description: column.description,
      keywords: column.keywords,
      visible: column.visible,
      leadDepartmentId: column.leadDepartmentId,
      cooperatingDepartmentIds: [...column.cooperatingDepartmentIds, departmentId],
      openCooperation: true,
      maxUpdateDays: column.maxUpdateDays,
    });
  }

  // ───── the review's outcome ─────

  /** Reads the review's decisions back for every reply still in review (after each decision, and by a job). */
  async reconcile(onlyContentId?: number): Promise<number> {
    const pending = onlyContentId
      ? (await replies.repliesOfContent(this.core.db, onlyContentId)).filter((r) => r.state === 'in_review')
      : await replies.repliesInReview(this.core.db);
    let settled = 0;
    for (const r of pending) {
      if (!r.review_request_id) continue;
      const request = await this.deps.review.request(r.review_request_id);
      if (!request || !['approved', 'rejected', 'closed'].includes(request.state)) continue;
      const steps = (await this.deps.review.history(request.content_id)).find((h) => h.id === request.id)?.steps ?? [];
      const last = steps.at(-1);
      if (request.state === 'approved')
        await this.approved(r, request.closed_at ?? this.core.now(), last?.actor_name ?? '');
      else
        await this.returned(
          r,
          request.state === 'closed'
            ? '经保密审查属于涉密信息，不得公开答复，请修改后重新提交'
            : (last?.opinion ?? '审查未通过'),
          last?.actor_name ?? '',
          request.state === 'closed',
        );
      settled += 1;
    }
    return settled;
  }

  private async approved(r: MessageReply, at: string, approver: string): Promise<void> {
    const m = await this.core.message(r.message_id);
    if (r.state !== 'in_review') return;
    await this.core.db.transaction().execute(async (trx) => {
      await replies.updateReply(trx, r.id, { state: 'approved', approved_at: at, updated_at: at });
      await repo.updateMessage(trx, m.id, {
        state: 'replied',
        replied_at: m.replied_at ?? at,
        published_reply_id: r.publish ? r.id : m.published_reply_id,
        published_at: r.publish ? (m.published_at ?? at) : m.published_at,
        updated_at: at,
      });
      await this.core.record(trx, m, {
        action: 'reply-approved',
        actor: { userId: null, username: 'system', ip: '' },
        actorType: 'system',
        actorName: approver || '分管领导',
        detail: { replyId: r.id, round: r.round, published: r.publish === 1 },
      });
    });
    await this.core.changed({ siteId: m.site_id, messageId: m.id, public: r.publish === 1 });
    if (m.citizen_id && m.contact_preference !== 'none')
      await this.deps.citizens.notices
        .send({
          citizenId: m.citizen_id,
          kind: 'message.replied',
          subject: '留言已答复',
          text: `您的留言（${m.tracking_no}）已答复，请登录用户空间查看答复并评价。`,
          related: { type: 'message', id: m.id },
          channels: [m.contact_preference as 'sms' | 'email'],
        })
        .catch(() => []);
  }

  private async returned(r: MessageReply, opinion: string, by: string, classified: boolean): Promise<void> {
    const m = await this.core.message(r.message_id);
    const at = this.core.now();
    await this.core.db.transaction().execute(async (trx) => {
      await replies.updateReply(trx, r.id, {
        state: 'returned',
        return_opinion: opinion,
        ...(classified ? { content_id: null } : {}),
        updated_at: at,
      });
      await repo.updateMessage(trx, m.id, { state: 'handling', updated_at: at });
      await this.core.record(trx, m, {
        action: 'reply-returned',
        actor: { userId: null, username: 'system', ip: '' },
        actorType: 'system',
        actorName: by || '审核人',
        note: opinion,
      });
      await this.core.remindStaff(trx, {
        siteId: m.site_id,
        departmentId: r.department_id,
        key: `${m.id}:returned:${r.id}:${at}`,
        title: `答复被退回：${m.title}`,
        body: `留言（${m.tracking_no}）的答复未通过审核：${opinion}`,
        messageId: m.id,
      });
    });
  }

  /** 撤稿 of a reply's content item takes the message off the site (the record stays). */
  async withdrawn(contentId: number): Promise<void> {
    for (const r of await replies.repliesOfContent(this.core.db, contentId)) {
      const m = await this.core.message(r.message_id);
      if (!m.published_at) continue;
      await this.core.db.transaction().execute(async (trx) => {
        await repo.updateMessage(trx, m.id, {
          published_at: null,
          published_reply_id: null,
          updated_at: this.core.now(),
        });
        await this.core.record(trx, m, {
          action: 'withdraw',
          actor: { userId: null, username: 'system', ip: '' },
          actorType: 'system',
          actorName: '系统',
          note: '答复页面已撤稿',
        });
      });
      await this.core.changed({ siteId: m.site_id, messageId: m.id, public: true });
    }
  }

  // ───── the citizen's rating and second handling ─────

  async rateView(citizenId: number, id: number, rating: string, comment = ''): Promise<CitizenMessageView> {
    await this.rate(citizenId, id, rating, comment);
    return this.messages.mine(citizenId, id);
  }

  async askSecondView(citizenId: number, id: number, reason: string): Promise<CitizenMessageView> {
    await this.askSecond(citizenId, id, reason);
    return this.messages.mine(citizenId, id);
  }

  async rate(citizenId: number, id: number, rating: string, comment = ''): Promise<Message> {
    const m = await this.core.message(id);
    if (m.citizen_id !== citizenId) throw new AppError('MESSAGE_NOT_YOURS');
    if (!(RATINGS as readonly string[]).includes(rating)) throw new AppError('MESSAGE_RATING_INVALID');
    if (m.channel !== 'board' || !['replied', 'closed'].includes(m.state))
      throw new AppError('MESSAGE_STATE', { state: stateName(m.state), action: '评价' });
    const ratedThisRound = m.rated_at !== null && (m.round === 1 || (m.second_requested_at ?? '') < m.rated_at);
    if (ratedThisRound) throw new AppError('MESSAGE_ALREADY_RATED');
    const text = comment.trim().slice(0, 500);
    const at = this.core.now();
    const citizen = await this.deps.citizens.accounts.account(citizenId);
    await this.core.db.transaction().execute(async (trx) => {
      await repo.updateMessage(trx, m.id, { rating, rating_comment: text || null, rated_at: at, updated_at: at });
      await this.core.record(trx, m, {
        action: 'rate',
        actor: { userId: null, username: `citizen:${citizenId}`, ip: '' },
        actorType: 'citizen',
        actorName: citizen.displayName,
        note: text ? `${rating}：${text}` : rating,
        detail: { rating, round: m.round },
      });
    });
    await this.core.changed({ siteId: m.site_id, messageId: m.id, public: m.published_at !== null });
    return this.core.message(id);
  }

  async askSecond(citizenId: number, id: number, reason: string): Promise<Message> {
    const m = await this.core.message(id);
    if (m.citizen_id !== citizenId) throw new AppError('MESSAGE_NOT_YOURS');
    if (m.second_requested_at) throw new AppError('MESSAGE_SECOND_USED');
    if (m.rating !== '不满意' || m.round !== 1) throw new AppError('MESSAGE_SECOND_NOT_ALLOWED');
    const text = cleanText(reason, '申请二次办理的理由', 5, 1000);
    const at = this.core.now();
    const citizen = await this.deps.citizens.accounts.account(citizenId);
    await this.core.db.transaction().execute(async (trx) => {
      await repo.updateMessage(trx, m.id, {
        state: 'handling',
        round: 2,
        second_requested_at: at,
        second_reason: text,
        updated_at: at,
      });
      await this.core.record(trx, m, {
        action: 'second',
        actor: { userId: null, username: `citizen:${citizenId}`, ip: '' },
        actorType: 'citizen',
        actorName: citizen.displayName,
        note: text,
        to: m.department_id,
      });
      await this.core.remindStaff(trx, {
        siteId: m.site_id,
        departmentId: m.department_id,
        key: `${m.id}:second`,
        title: `二次办理：${m.title}`,
        body: `留言人对答复不满意并申请二次办理（${m.tracking_no}），请在 5 个工作日内重新答复。理由：${text}`,
        messageId: m.id,
      });
    });
    await this.core.changed({ siteId: m.site_id, messageId: m.id, public: false });
    return this.core.message(id);
  }
}

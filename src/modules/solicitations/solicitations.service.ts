// 意见征集 and 意见反馈: a 政策文件 still in draft is opened for comment for a period (30 days unless set otherwise,
// as 重大行政决策 solicitations usually run); its notice goes through the 附件3 review; signed-in citizens comment on
// the whole text or a paragraph, and comments appear once moderated; after closing the department records each
// comment's adoption with reasons and writes the adoption report (收到 N 条，采纳/部分采纳/未采纳), reviewed like
// any item and published in 意见反馈, linked both ways. The report is due one month after closing; the column's
// department is reminded before and after.
import type { Db } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/time.ts';
import { DAY, shanghaiDate, shanghaiDateTime } from '../../platform/time.ts';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { AppError } from '../../platform/errors.ts';
import type { Solicitation } from './solicitations.tables.ts';
import type { AuthContext } from '../auth/auth.service.ts';
import type { CitizenContext } from '../citizens/citizen-auth.service.ts';
import type { UserSpaceEntry } from '../citizens/user-space.ts';
import type { ColumnsService } from '../columns/columns.service.ts';
import type { ContentService } from '../content/content.service.ts';
import { plainText } from '../content/sanitize.ts';
import type { PublicationChange } from '../publication/publication.service.ts';
import type { Release } from '../participation/release.ts';
import { remindOnce } from '../participation/reminders.ts';
import { feedbackDue, PHASE_NAMES, phaseOf } from '../surveys/surveys.service.ts';
import * as repo from './solicitations.repository.ts';
import type {
  AdoptBody,
  CommentBody,
  CommentView,
  ModerateBody,
  Paragraph,
  SolicitationDetail,
  SolicitationInput,
  SolicitationSummary,
} from './solicitations.schema.ts';
import { adoptionReportHtml, noticeHtml } from './solicitation-html.ts';

export const DEFAULT_DAYS = 30;
export const COMMENT_MAX = 2000;
/** Reminders start a week before the feedback is due. */
const FEEDBACK_SOON_DAYS = 7;

/** The draft's text as paragraphs (headings, paragraphs, list items), each with a stable id for comments. */
export function paragraphsOf(html: string): Paragraph[] {
  const out: Paragraph[] = [];
  for (const m of html.matchAll(/<(p|h[2-6]|li)\b[^>]*>([\s\S]*?)<\/\1>/gi)) {
    const text = plainText(m[2]!).trim();
    if (text) out.push({ id: `p${out.length + 1}`, text, heading: /^h/i.test(m[1]!) });
  }
  return out;
}

export const paragraphLabel = (paragraphs: Paragraph[], id: string | null) => {
  if (id === null) return '全文';
  const i = paragraphs.findIndex((p) => p.id === id);
  return i < 0 ? '全文' : `第${i + 1}段`;
};

/** 张** : the commenter's name as published. */
const maskName = (name: string) =>
  name.length <= 1 ? name : `${[...name][0]}${'*'.repeat(Math.min(2, [...name].length - 1))}`;

export class SolicitationsService {
  private readonly listeners: ((siteId: number) => void)[] = [];

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly content: ContentService,
    private readonly columns: ColumnsService,
    private readonly release: Release,
  ) {
    release.onChange((change) => this.onPublication(change));
  }

  onChange(listener: (siteId: number) => void): void {
    this.listeners.push(listener);
  }

  private changed(siteId: number) {
    for (const l of this.listeners) l(siteId);
  }

  draftPolicies(siteId: number) {
    return repo.draftPolicies(this.db, siteId);
  }

  private async policyOf(siteId: number, contentId: number) {
    const item = await this.content.item(contentId).catch(() => null);
    if (!item || item.site_id !== siteId || item.type !== 'policy' || item.published_version !== null)
      throw new AppError('SOLICITATION_POLICY_INVALID');
    return item;
  }

  private period(input: SolicitationInput) {
    const days = input.days ?? DEFAULT_DAYS;
    const opens = new Date(input.opensAt);
    const closes = new Date(opens.getTime() + days * DAY);
    if (closes.getTime() <= this.clock.now().getTime())
      throw new AppError('PARTICIPATION_TIMES_INVALID', { problem: '征求意见期须在今天之后结束' });
    return { days, opensAt: opens.toISOString(), closesAt: closes.toISOString() };
  }

  async create(auth: AuthContext, siteId: number, input: SolicitationInput): Promise<number> {
    const policy = await this.policyOf(siteId, input.policyContentId);
    const { days, opensAt, closesAt } = this.period(input);
    const paragraphs = paragraphsOf(policy.body_html);
    if (paragraphs.length === 0) throw new AppError('SOLICITATION_POLICY_INVALID');
    const at = this.clock.now().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const id = await repo.insertSolicitation(trx, {
        site_id: siteId,
        department_id: auth.departmentId,
        policy_content_id: policy.id,
        title: input.title?.trim() || `关于《${policy.title}（征求意见稿）》公开征求意见的公告`,
        intro: input.intro.trim(),
        paragraphs: JSON.stringify(paragraphs),
        days,
        opens_at: opensAt,
        closes_at: closesAt,
        status: 'draft',
        notice_content_id: null,
        released_at: null,
        feedback_content_id: null,
        feedback_published_at: null,
        created_by: auth.userId,
        created_at: at,
        updated_at: at,
      });
      await this.audit.record(trx, auth.actor, {
        action: 'solicitation.create',
        targetType: 'solicitation',
        targetId: id,
        siteId,
        detail: { policy: policy.id, days, paragraphs: paragraphs.length },
      });
      return id;
    });
  }

  async find(id: number): Promise<Solicitation> {
    const s = await repo.findSolicitation(this.db, id);
    if (!s) throw new AppError('SOLICITATION_NOT_FOUND');
    return s;
  }

  async update(auth: AuthContext, id: number, input: SolicitationInput): Promise<void> {
    const s = await this.find(id);
    const returned = s.status === 'in_review' && !(await this.release.inReview(s.notice_content_id));
    if (s.status !== 'draft' && !returned) throw new AppError('PARTICIPATION_NOT_EDITABLE', { what: '该意见征集' });
    const policy = await this.policyOf(s.site_id, input.policyContentId);
    const { days, opensAt, closesAt } = this.period(input);
    await this.db.transaction().execute(async (trx) => {
      await repo.updateSolicitation(trx, id, {
        policy_content_id: policy.id,
        title: input.title?.trim() || s.title,
        intro: input.intro.trim(),
        paragraphs: JSON.stringify(paragraphsOf(policy.body_html)),
        days,
        opens_at: opensAt,
        closes_at: closesAt,
        status: 'draft',
        updated_at: this.clock.now().toISOString(),
      });
      await this.audit.record(trx, auth.actor, {
        action: 'solicitation.update',
        targetType: 'solicitation',
        targetId: id,
        siteId: s.site_id,
        detail: { days },
      });
    });
  }

  /** The notice, with the draft's text, to the 附件3 review; the period runs from its opening time. */
  async submit(auth: AuthContext, id: number) {
    const s = await this.find(id);
    const returned = s.status === 'in_review' && !(await this.release.inReview(s.notice_content_id));
    if (s.status !== 'draft' && !returned) throw new AppError('PARTICIPATION_NOT_EDITABLE', { what: '该意见征集' });
    const released = await this.release.submit(
      auth,
      s.site_id,
      {
        column: '意见征集',
        type: 'article',
        title: s.title,
        source: '',
        bodyHtml: noticeHtml(s, JSON.parse(s.paragraphs)),
      },
      s.notice_content_id,
    );
    await this.db.transaction().execute(async (trx) => {
      await repo.updateSolicitation(trx, id, {
        status: 'in_review',
        notice_content_id: released.contentId,
        updated_at: this.clock.now().toISOString(),
      });
      await this.audit.record(trx, auth.actor, {
        action: 'solicitation.submit',
        targetType: 'solicitation',
        targetId: id,
        siteId: s.site_id,
        detail: { contentId: released.contentId, reviewRequestId: released.reviewRequestId },
      });
    });
    return released;
  }

  async onPublication(change: PublicationChange): Promise<void> {
    for (const s of await repo.byContent(this.db, change.contentId)) {
      const at = this.clock.now().toISOString();
      const published = change.kind === 'published';
      if (s.notice_content_id === change.contentId)
        await repo.updateSolicitation(
          this.db,
          s.id,
          published
            ? { status: 'released', released_at: s.released_at ?? at, updated_at: at }
            : { status: 'withdrawn', updated_at: at },
        );
      if (s.feedback_content_id === change.contentId)
        await repo.updateSolicitation(this.db, s.id, {
          feedback_published_at: published ? (s.feedback_published_at ?? at) : null,
          updated_at: at,
        });
      this.changed(s.site_id);
    }
  }

  // ───────────────────────────── comments ─────────────────────────────

  async publicSolicitation(id: number, siteId: number) {
    const s = await repo.findSolicitation(this.db, id);
    if (!s || s.site_id !== siteId || s.status !== 'released') throw new AppError('SOLICITATION_NOT_FOUND');
    const paragraphs = JSON.parse(s.paragraphs) as Paragraph[];
    const comments = (await repo.commentsOf(this.db, id, ['approved'])).map((c) =>
      this.commentView(c, paragraphs, true),
    );
    return { solicitation: s, paragraphs, comments, phase: phaseOf(s, this.clock.now()) };
  }

  async comment(citizen: CitizenContext, siteId: number, id: number, body: CommentBody): Promise<number> {
    const { solicitation: s, paragraphs, phase } = await this.publicSolicitation(id, siteId);
    if (phase !== 'open')
      throw new AppError('SOLICITATION_NOT_OPEN', {
        state:
          phase === 'scheduled'
            ? `尚未开始（${shanghaiDate(s.opens_at)} 开始）`
            : `已于 ${shanghaiDateTime(s.closes_at).slice(0, 16)} 结束`,
      });
    const text = body.text.trim();
    if (!text || text.length > COMMENT_MAX) throw new AppError('SOLICITATION_COMMENT_INVALID', { max: COMMENT_MAX });
    const paragraphId = body.paragraphId?.trim() || null;
    if (paragraphId && !paragraphs.some((p) => p.id === paragraphId))
      throw new AppError('SOLICITATION_PARAGRAPH_UNKNOWN');
    const at = this.clock.now().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const commentId = await repo.insertComment(trx, {
        solicitation_id: id,
        citizen_id: citizen.citizenId,
        author_name: citizen.displayName,
        paragraph_id: paragraphId,
        text,
        submitted_at: at,
      });
      await this.audit.record(trx, citizen.actor, {
        action: 'solicitation.comment',
        targetType: 'solicitation',
        targetId: id,
        siteId,
        detail: { commentId, paragraph: paragraphId },
      });
      return commentId;
    });
  }

  private commentView(
    c: import('./solicitations.tables.ts').SolicitationComment,
    paragraphs: Paragraph[],
    forPublic: boolean,
  ): CommentView {
    return {
      id: c.id,
      paragraphId: c.paragraph_id,
      paragraphLabel: paragraphLabel(paragraphs, c.paragraph_id),
      authorName: forPublic ? maskName(c.author_name) : c.author_name,
      text: c.text,
      status: c.status as CommentView['status'],
      moderationNote: forPublic ? '' : c.moderation_note,
      adoption: c.adoption as CommentView['adoption'],
      adoptionReason: c.adoption_reason,
      submittedAt: c.submitted_at,
    };
  }

  async moderate(auth: AuthContext, id: number, commentId: number, body: ModerateBody): Promise<void> {
    const s = await this.find(id);
    const at = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const ok = await repo.updateComment(trx, commentId, id, {
        status: body.decision === 'approve' ? 'approved' : 'rejected',
        moderation_note: body.note?.trim() ?? '',
        moderated_by: auth.userId,
        moderated_at: at,
      });
      if (!ok) throw new AppError('SOLICITATION_COMMENT_NOT_FOUND');
      await this.audit.record(trx, auth.actor, {
        action: 'solicitation.moderate',
        targetType: 'solicitation',
        targetId: id,
        siteId: s.site_id,
        detail: { commentId, decision: body.decision },
      });
    });
    this.changed(s.site_id);
  }

  /** After closing: each comment's adoption; 部分采纳 and 未采纳 need their reason. */
  async adopt(auth: AuthContext, id: number, commentId: number, body: AdoptBody): Promise<void> {
    const s = await this.find(id);
    if (s.closes_at > this.clock.now().toISOString())
      throw new AppError('SOLICITATION_NOT_CLOSED', { date: shanghaiDate(s.closes_at) });
    if (body.adoption !== '采纳' && !body.reason.trim())
      throw new AppError('SOLICITATION_REASON_REQUIRED', { adoption: body.adoption });
    await this.db.transaction().execute(async (trx) => {
      const ok = await repo.updateComment(trx, commentId, id, {
        adoption: body.adoption,
        adoption_reason: body.reason.trim(),
      });
      if (!ok) throw new AppError('SOLICITATION_COMMENT_NOT_FOUND');
      await this.audit.record(trx, auth.actor, {
        action: 'solicitation.adopt',
        targetType: 'solicitation',
        targetId: id,
        siteId: s.site_id,
        detail: { commentId, adoption: body.adoption },
      });
    });
  }

  /** The adoption report (意见采纳情况反馈) to the review; refused until every comment has its adoption and reason. */
  async submitFeedback(auth: AuthContext, id: number) {
    const s = await this.find(id);
    if (s.status !== 'released')
      throw new AppError('PARTICIPATION_WRONG_STATE', { what: '该意见征集', state: '未发布', action: '撰写反馈' });
    if (s.closes_at > this.clock.now().toISOString())
      throw new AppError('SOLICITATION_NOT_CLOSED', { date: shanghaiDate(s.closes_at) });
    const all = await repo.commentsOf(this.db, id);
    const considered = all.filter((c) => c.status !== 'pending');
    const pending = all.filter((c) => c.status === 'pending').length;
    const missing = considered.filter(
      (c) => c.status === 'approved' && (!c.adoption || (c.adoption !== '采纳' && !c.adoption_reason?.trim())),
    );
    if (pending + missing.length > 0)
      throw new AppError('SOLICITATION_ADOPTION_MISSING', { count: pending + missing.length });
    const paragraphs = JSON.parse(s.paragraphs) as Paragraph[];
    const released = await this.release.submit(
      auth,
      s.site_id,
      {
        column: '意见反馈',
        type: 'article',
        title: `${s.title.replace(/^关于|公开征求意见的公告$/g, '')}意见采纳情况反馈`,
        source: '',
        bodyHtml: adoptionReportHtml(
          s,
          paragraphs,
          all.map((c) => this.commentView(c, paragraphs, true)),
        ),
      },
      s.feedback_content_id,
    );
    await this.db.transaction().execute(async (trx) => {
      await repo.updateSolicitation(trx, id, {
        feedback_content_id: released.contentId,
        updated_at: this.clock.now().toISOString(),
      });
      await this.audit.record(trx, auth.actor, {
        action: 'solicitation.feedback-submit',
        targetType: 'solicitation',
        targetId: id,
        siteId: s.site_id,
        detail: { contentId: released.contentId, reviewRequestId: released.reviewRequestId },
      });
    });
    return released;
  }

  // ───────────────────────────── views ─────────────────────────────

  private async summaries(list: Solicitation[]): Promise<SolicitationSummary[]> {
    const counts = await repo.countComments(
      this.db,
      list.map((s) => s.id),
    );
    const now = this.clock.now();
    const out: SolicitationSummary[] = [];
    for (const s of list) {
      const n = (status?: string) =>
        counts
          .filter((c) => c.solicitation_id === s.id && (!status || c.status === status))
          .reduce((a, c) => a + Number(c.n), 0);
      const phase = phaseOf(s, now);
      const due = feedbackDue(s.closes_at);
      out.push({
        id: s.id,
        siteId: s.site_id,
        title: s.title,
        policyContentId: s.policy_content_id,
        status: s.status as SolicitationSummary['status'],
        phase,
        phaseName: PHASE_NAMES[phase],
        days: s.days,
        opensAt: s.opens_at,
        closesAt: s.closes_at,
        noticeContentId: s.notice_content_id,
        reviewState: await this.release.reviewState(s.notice_content_id),
        comments: n(),
        pending: n('pending'),
        feedbackContentId: s.feedback_content_id,
        feedbackReviewState: await this.release.reviewState(s.feedback_content_id),
        feedbackPublishedAt: s.feedback_published_at,
        feedbackDue: due,
        feedbackOverdue:
          phase === 'closed' &&
          (s.feedback_published_at ? shanghaiDate(s.feedback_published_at) > due : shanghaiDate(now) > due),
      });
    }
    return out;
  }

  async list(siteId: number) {
    return this.summaries(await repo.solicitationsOfSite(this.db, siteId));
  }

  async detail(id: number): Promise<SolicitationDetail> {
    const s = await this.find(id);
    const [summary] = await this.summaries([s]);
    const paragraphs = JSON.parse(s.paragraphs) as Paragraph[];
    return {
      ...summary!,
      intro: s.intro,
      paragraphs,
      comments: (await repo.commentsOf(this.db, id)).map((c) => this.commentView(c, paragraphs, false)),
    };
  }

  /** The site's released solicitations with their phase now (the 意见征集 column). */
  async released(siteId: number) {
    const now = this.clock.now();
    return (await repo.solicitationsOfSite(this.db, siteId))
      .filter((s) => s.status === 'released')
      .map((solicitation) => ({ solicitation, phase: phaseOf(solicitation, now) }));
  }

  async closedBetween(siteId: number, from: string, to: string) {
    return this.summaries(await repo.closedBetween(this.db, siteId, from, to));
  }

  async userSpaceEntries(citizenId: number): Promise<UserSpaceEntry[]> {
    const status = { pending: '待审核', approved: '已公开', rejected: '未公开' } as Record<string, string>;
    return (await repo.commentsOfCitizen(this.db, citizenId)).map((c) => ({
      title: `意见征集：${c.title}`,
      href: `/solicitation/${c.id}`,
      status: `${status[c.status] ?? c.status}${c.adoption ? `，${c.adoption}` : ''}`,
      submittedAt: c.submitted_at,
    }));
  }

  /** Reminds the 意见反馈 column's department a week before the feedback is due, and again once it is overdue. */
  async remind(): Promise<number> {
    const now = this.clock.now();
    const today = shanghaiDate(now);
    let created = 0;
    for (const s of await repo.awaitingFeedback(this.db, now.toISOString())) {
      const due = feedbackDue(s.closes_at);
      const soon = shanghaiDate(new Date(new Date(`${due}T00:00:00+08:00`).getTime() - FEEDBACK_SOON_DAYS * DAY));
      const level = today > due ? 'overdue' : today >= soon ? 'soon' : null;
      if (!level) continue;
      const fresh = await remindOnce(
        this.db,
        this.columns,
        {
          siteId: s.site_id,
          column: '意见反馈',
          kind: 'solicitation-feedback',
          dedupeKey: `solicitation-feedback:${s.id}:${level}`,
          title: level === 'overdue' ? `意见征集反馈已超期：${s.title}` : `意见征集反馈即将到期：${s.title}`,
          body: `征求意见已于${shanghaiDate(s.closes_at)}结束，意见采纳情况须于${due}前公开反馈。`,
          link: `/admin/solicitations/${s.id}`,
        },
        now.toISOString(),
      );
      if (fresh) created++;
    }
    return created;
  }
}

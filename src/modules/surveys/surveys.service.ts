// 公众调查: staff build a questionnaire; its notice goes through the 附件3 review and, once published, the survey
// opens at its time; citizens answer once per account (or, anonymous, once per device with the proof of work);
// staff watch live results and moderate free text; the results are public from closing, with charts; the raw
// answers export as XLSX.
import type { Db } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/time.ts';
import { DAY, shanghaiDate, shanghaiDateTime } from '../../platform/time.ts';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { AppError } from '../../platform/errors.ts';
import type { Survey } from './surveys.tables.ts';
import type { AuthContext } from '../auth/auth.service.ts';
import type { UserSpaceEntry } from '../citizens/user-space.ts';
import type { PublicationChange } from '../publication/publication.service.ts';
import type { Release } from '../participation/release.ts';
import { esc } from '../annual-reports/disclosure-report-html.ts';
import * as repo from './surveys.repository.ts';
import {
  type Answers,
  QUESTION_TYPES,
  type SurveyDefinition,
  answersFromForm,
  assertDefinition,
  validateAnswers,
} from './survey-definition.ts';
import { type SurveyResults, computeResults } from './survey-results.ts';
import type { ModerationDecision, SurveyDetail, SurveyInput, SurveySummary } from './surveys.schema.ts';
import { surveyXlsx } from './survey-export.ts';

export type SurveyPhase = SurveySummary['phase'];
export const PHASE_NAMES: Record<SurveyPhase, string> = {
  draft: '草稿',
  in_review: '审查中',
  scheduled: '未开始',
  open: '进行中',
  closed: '已结束',
  withdrawn: '已撤回',
};

/** One month after closing: the 调查征集 bonus wants feedback within a month of every activity. */
export function feedbackDue(closesAt: string): string {
  const d = new Date(closesAt);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return shanghaiDate(d);
}

export function phaseOf(s: Pick<Survey, 'status' | 'opens_at' | 'closes_at'>, now: Date): SurveyPhase {
  if (s.status === 'draft' || s.status === 'in_review' || s.status === 'withdrawn') return s.status as SurveyPhase;
  const at = now.toISOString();
  return at < s.opens_at ? 'scheduled' : at < s.closes_at ? 'open' : 'closed';
}

export interface Respondent {
  citizenId?: number;
  deviceHash?: string;
  /** Anonymous without the proof of work: counted once a moderator accepts it. */
  hold?: boolean;
}

export class SurveysService {
  private readonly listeners: ((siteId: number) => void)[] = [];

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly release: Release,
  ) {
    release.onChange((change) => this.onPublication(change));
  }

  /** The site's public survey pages change (release, withdrawal, moderation). */
  onChange(listener: (siteId: number) => void): void {
    this.listeners.push(listener);
  }

  private changed(siteId: number) {
    for (const l of this.listeners) l(siteId);
  }

  private checkTimes(input: SurveyInput) {
    const opens = new Date(input.opensAt).getTime();
    const closes = new Date(input.closesAt).getTime();
    if (closes <= opens) throw new AppError('PARTICIPATION_TIMES_INVALID', { problem: '结束时间须晚于开始时间' });
    if (closes <= this.clock.now().getTime())
      throw new AppError('PARTICIPATION_TIMES_INVALID', { problem: '结束时间须晚于现在' });
    if (closes - opens > 366 * DAY)
      throw new AppError('PARTICIPATION_TIMES_INVALID', { problem: '调查期限不能超过一年' });
  }

  async create(auth: AuthContext, siteId: number, input: SurveyInput): Promise<number> {
    assertDefinition({ questions: input.questions });
    this.checkTimes(input);
    const at = this.clock.now().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const id = await repo.insertSurvey(trx, {
        site_id: siteId,
        department_id: auth.departmentId,
        title: input.title.trim(),
        intro: input.intro.trim(),
        questions: JSON.stringify({ questions: input.questions }),
        access: input.access,
        opens_at: new Date(input.opensAt).toISOString(),
        closes_at: new Date(input.closesAt).toISOString(),
        status: 'draft',
        notice_content_id: null,
        released_at: null,
        withdrawn_at: null,
        created_by: auth.userId,
        created_at: at,
        updated_at: at,
      });
      await this.audit.record(trx, auth.actor, {
        action: 'survey.create',
        targetType: 'survey',
        targetId: id,
        siteId,
        detail: { title: input.title, questions: input.questions.length, access: input.access },
      });
      return id;
    });
  }

  async find(id: number): Promise<Survey> {
    const s = await repo.findSurvey(this.db, id);
    if (!s) throw new AppError('SURVEY_NOT_FOUND');
    return s;
  }

  private async assertEditable(s: Survey): Promise<void> {
    const returned = s.status === 'in_review' && !(await this.release.inReview(s.notice_content_id));
    if (s.status !== 'draft' && !returned) throw new AppError('PARTICIPATION_NOT_EDITABLE', { what: '该调查' });
  }

  async update(auth: AuthContext, id: number, input: SurveyInput): Promise<void> {
    const s = await this.find(id);
    await this.assertEditable(s);
    assertDefinition({ questions: input.questions });
    this.checkTimes(input);
    await this.db.transaction().execute(async (trx) => {
      await repo.updateSurvey(trx, id, {
        title: input.title.trim(),
        intro: input.intro.trim(),
        questions: JSON.stringify({ questions: input.questions }),
        access: input.access,
        opens_at: new Date(input.opensAt).toISOString(),
        closes_at: new Date(input.closesAt).toISOString(),
        status: 'draft',
        updated_at: this.clock.now().toISOString(),
      });
      await this.audit.record(trx, auth.actor, {
        action: 'survey.update',
        targetType: 'survey',
        targetId: id,
        siteId: s.site_id,
        detail: { questions: input.questions.length },
      });
    });
  }

  /** The notice (调查公告) to the 附件3 review; the survey opens once it is published and its time has come. */
  async submit(auth: AuthContext, id: number) {
    const s = await this.find(id);
    await this.assertEditable(s);
    if (s.closes_at <= this.clock.now().toISOString())
      throw new AppError('PARTICIPATION_TIMES_INVALID', { problem: '结束时间已过，请修改后再提交' });
    const def = JSON.parse(s.questions) as SurveyDefinition;
    const released = await this.release.submit(
      auth,
      s.site_id,
      { column: '公众调查', type: 'article', title: s.title, source: '', bodyHtml: this.noticeHtml(s, def) },
      s.notice_content_id,
    );
    await this.db.transaction().execute(async (trx) => {
      await repo.updateSurvey(trx, id, {
        status: 'in_review',
        notice_content_id: released.contentId,
        updated_at: this.clock.now().toISOString(),
      });
      await this.audit.record(trx, auth.actor, {
        action: 'survey.submit',
        targetType: 'survey',
        targetId: id,
        siteId: s.site_id,
        detail: { contentId: released.contentId, reviewRequestId: released.reviewRequestId },
      });
    });
    return released;
  }

  private noticeHtml(s: Survey, def: SurveyDefinition): string {
    const when = (iso: string) => shanghaiDateTime(iso).slice(0, 16);
    const how =
      s.access === 'account'
        ? '请登录本网站统一公众账号后参与，每个账号可提交一次。'
        : '无需登录，匿名参与，每台设备可提交一次。';
    return [
      ...s.intro
        .split(/\r?\n/)
        .filter((l) => l.trim())
        .map((l) => `<p>${esc(l.trim())}</p>`),
      `<p>调查时间：${when(s.opens_at)} 至 ${when(s.closes_at)}。${how}</p>`,
      `<p>调查共 ${def.questions.length} 题：</p>`,
      `<ol>${def.questions.map((q) => `<li>${esc(q.title)}（${QUESTION_TYPES[q.type]}）</li>`).join('')}</ol>`,
      `<p><a href="/survey/${s.id}">进入问卷，参与调查</a>。调查结束后公布调查结果。</p>`,
    ].join('\n');
  }

  async onPublication(change: PublicationChange): Promise<void> {
    for (const s of await repo.surveysByNotice(this.db, change.contentId)) {
      const at = this.clock.now().toISOString();
      await repo.updateSurvey(
        this.db,
        s.id,
        change.kind === 'published'
          ? { status: 'released', released_at: s.released_at ?? at, withdrawn_at: null, updated_at: at }
          : { status: 'withdrawn', withdrawn_at: at, updated_at: at },
      );
      this.changed(s.site_id);
    }
  }

  /**
   * Ends an open survey now (the period was set too long, or enough answers came in): answers stop and the
   * results are public from this moment, as at a normal closing; the one-month feedback clock starts now.
   */
  async close(auth: AuthContext, id: number): Promise<void> {
    const s = await this.find(id);
    const now = this.clock.now();
    const phase = phaseOf(s, now);
    if (phase !== 'open') throw new AppError('SURVEY_CLOSE_NOT_OPEN', { state: PHASE_NAMES[phase] });
    const at = now.toISOString();
    await this.db.transaction().execute(async (trx) => {
      await repo.updateSurvey(trx, id, { closes_at: at, updated_at: at });
      await this.audit.record(trx, auth.actor, {
        action: 'survey.close',
        targetType: 'survey',
        targetId: id,
        siteId: s.site_id,
        detail: { plannedClose: s.closes_at },
      });
    });
    this.changed(s.site_id);
  }

  // ───────────────────────────── answering ─────────────────────────────

  /** A released survey the public may see (and, when open, answer). */
  async publicSurvey(
    id: number,
    siteId: number,
  ): Promise<{ survey: Survey; def: SurveyDefinition; phase: SurveyPhase }> {
    const s = await repo.findSurvey(this.db, id);
    if (!s || s.site_id !== siteId || s.status !== 'released') throw new AppError('SURVEY_NOT_FOUND');
    return { survey: s, def: JSON.parse(s.questions) as SurveyDefinition, phase: phaseOf(s, this.clock.now()) };
  }

  async hasAnswered(surveyId: number, who: Respondent): Promise<boolean> {
    if (who.citizenId === undefined && who.deviceHash === undefined) return false;
    return Boolean(await repo.findResponseBy(this.db, surveyId, who));
  }

  /**
   * Records an answer: refused unless the survey is released and open, from the right kind of respondent, and
   * first from this account or device (the unique index decides between two at once).
   */
  async answer(
    siteId: number,
    id: number,
    who: Respondent,
    input: Record<string, unknown>,
    fromForm = false,
  ): Promise<number> {
    const { survey, def, phase } = await this.publicSurvey(id, siteId);
    if (phase !== 'open') {
      const state =
        phase === 'scheduled'
          ? `尚未开始（${shanghaiDateTime(survey.opens_at).slice(0, 16)} 开始）`
          : `已于 ${shanghaiDateTime(survey.closes_at).slice(0, 16)} 结束`;
      throw new AppError('SURVEY_NOT_OPEN', { state });
    }
    if (survey.access === 'account' && who.citizenId === undefined) throw new AppError('CITIZEN_UNAUTHENTICATED');
    const respondent = survey.access === 'account' ? { citizenId: who.citizenId } : { deviceHash: who.deviceHash };
    if (survey.access === 'anonymous' && !who.deviceHash) throw new AppError('CITIZEN_FORM_EXPIRED');
    const answers: Answers = validateAnswers(def, fromForm ? answersFromForm(def, input as never) : input);
    const whoName = survey.access === 'account' ? '每个账号' : '每台设备';
    if (await this.hasAnswered(id, respondent)) throw new AppError('SURVEY_ALREADY_ANSWERED', { who: whoName });
    const at = this.clock.now().toISOString();
    try {
      return await this.db.transaction().execute(async (trx) => {
        const responseId = await repo.insertResponse(trx, {
          survey_id: id,
          citizen_id: respondent.citizenId ?? null,
          device_hash: respondent.deviceHash ?? null,
          answers: JSON.stringify(answers),
          status: survey.access === 'anonymous' && who.hold ? 'held' : 'counted',
          submitted_at: at,
        });
        for (const q of def.questions)
          if (q.type === 'text' && typeof answers[q.id] === 'string')
            await repo.insertText(trx, {
              survey_id: id,
              response_id: responseId,
              question_id: q.id,
              text: answers[q.id] as string,
            });
        return responseId;
      });
    } catch (error) {
      if (/unique|23505|SQLITE_CONSTRAINT/i.test(String((error as { code?: string }).code ?? error)))
        throw new AppError('SURVEY_ALREADY_ANSWERED', { who: whoName });
      throw error;
    }
  }

  // ───────────────────────────── results ─────────────────────────────

  /** Counted answers (and, for staff, every free-text answer; for the public, the approved ones). */
  async results(s: Survey, forPublic: boolean): Promise<SurveyResults> {
    const def = JSON.parse(s.questions) as SurveyDefinition;
    const responses = (await repo.responsesOf(this.db, s.id, ['counted'])).map((r) => JSON.parse(r.answers) as Answers);
    const texts = new Map<string, string[]>();
    for (const t of await repo.textsOf(this.db, s.id, forPublic ? ['approved'] : ['approved', 'pending'])) {
      if (t.response_status !== 'counted') continue;
      texts.set(t.question_id, [...(texts.get(t.question_id) ?? []), t.text]);
    }
    return computeResults(def, responses, texts);
  }

  /** The public results: only once the survey has closed. */
  async publicResults(id: number, siteId: number) {
    const found = await this.publicSurvey(id, siteId);
    if (found.phase !== 'closed') return { ...found, results: null };
    return { ...found, results: await this.results(found.survey, true) };
  }

  async list(siteId: number): Promise<SurveySummary[]> {
    const surveys = await repo.surveysOfSite(this.db, siteId);
    return this.summaries(surveys);
  }

  private async summaries(surveys: Survey[]): Promise<SurveySummary[]> {
    const ids = surveys.map((s) => s.id);
    const counts = await repo.countResponses(this.db, ids);
    const pending = await repo.countPendingTexts(this.db, ids);
    const now = this.clock.now();
    const out: SurveySummary[] = [];
    for (const s of surveys) {
      const phase = phaseOf(s, now);
      const n = (status: string) => Number(counts.find((c) => c.survey_id === s.id && c.status === status)?.n ?? 0);
      out.push({
        id: s.id,
        siteId: s.site_id,
        title: s.title,
        access: s.access as SurveySummary['access'],
        status: s.status as SurveySummary['status'],
        phase,
        phaseName: PHASE_NAMES[phase],
        opensAt: s.opens_at,
        closesAt: s.closes_at,
        releasedAt: s.released_at,
        noticeContentId: s.notice_content_id,
        reviewState: await this.release.reviewState(s.notice_content_id),
        responses: n('counted'),
        held: n('held'),
        pendingTexts: Number(pending.find((p) => p.survey_id === s.id)?.n ?? 0),
        feedbackDue: feedbackDue(s.closes_at),
      });
    }
    return out;
  }

  async detail(id: number): Promise<SurveyDetail> {
    const s = await this.find(id);
    const [summary] = await this.summaries([s]);
    const def = JSON.parse(s.questions) as SurveyDefinition;
    return {
      ...summary!,
      intro: s.intro,
      questions: def.questions as SurveyDetail['questions'],
      results: await this.results(s, false),
    };
  }

  // ───────────────────────────── moderation and export ─────────────────────────────

  async moderationQueue(id: number) {
    const s = await this.find(id);
    const def = JSON.parse(s.questions) as SurveyDefinition;
    const title = (qid: string) => def.questions.find((q) => q.id === qid)?.title ?? qid;
    const texts = (await repo.textsOf(this.db, id, ['pending'])).map((t) => ({
      id: t.id,
      kind: 'text' as const,
      questionTitle: title(t.question_id),
      text: t.text,
      status: t.status,
      submittedAt: t.submitted_at,
    }));
    const held = (await repo.responsesOf(this.db, id, ['held'])).map((r) => ({
      id: r.id,
      kind: 'response' as const,
      questionTitle: '匿名答卷（提交时未完成工作量证明）',
      text: summarise(def, JSON.parse(r.answers) as Answers),
      status: r.status,
      submittedAt: r.submitted_at,
    }));
    return [...held, ...texts];
  }

  async moderate(auth: AuthContext, id: number, itemId: number, input: ModerationDecision): Promise<void> {
    const s = await this.find(id);
    const at = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const ok =
        input.kind === 'text'
          ? await repo.moderateText(
              trx,
              itemId,
              id,
              input.decision === 'approve' ? 'approved' : 'rejected',
              auth.userId,
              at,
            )
          : await repo.setResponseStatus(trx, itemId, id, input.decision === 'approve' ? 'counted' : 'rejected');
      if (!ok) throw new AppError('NOT_FOUND');
      await this.audit.record(trx, auth.actor, {
        action: 'survey.moderate',
        targetType: 'survey',
        targetId: id,
        siteId: s.site_id,
        detail: { kind: input.kind, itemId, decision: input.decision },
      });
    });
    this.changed(s.site_id);
  }

  async exportXlsx(id: number): Promise<Buffer> {
    const s = await this.find(id);
    return surveyXlsx(s, JSON.parse(s.questions) as SurveyDefinition, await repo.responsesOf(this.db, id));
  }

  // ───────────────────────────── for others ─────────────────────────────

  async userSpaceEntries(citizenId: number): Promise<UserSpaceEntry[]> {
    return (await repo.responsesOfCitizen(this.db, citizenId)).map((r) => ({
      title: `公众调查：${r.title}`,
      href: `/survey/${r.id}`,
      status: r.closes_at <= this.clock.now().toISOString() ? '调查已结束，可查看结果' : '已提交答卷',
      submittedAt: r.submitted_at,
    }));
  }

  /** Released surveys that closed in [from, to): activities of the 调查征集 indicator and the 年度报表. */
  async closedBetween(siteId: number, from: string, to: string) {
    const surveys = await repo.closedBetween(this.db, siteId, from, to);
    return this.summaries(surveys);
  }
}

function summarise(def: SurveyDefinition, answers: Answers): string {
  return def.questions
    .filter((q) => answers[q.id] !== undefined)
    .map((q, i) => {
      const a = answers[q.id]!;
      const text =
        typeof a === 'string'
          ? a
          : typeof a === 'number'
            ? q.type === 'rating'
              ? `${a}分`
              : (q.options?.[a] ?? '')
            : Array.isArray(a)
              ? a.map((o) => q.options?.[o]).join('、')
              : Object.entries(a)
                  .map(([r, c]) => `${q.rows?.[Number(r)]}：${q.options?.[c]}`)
                  .join('；');
      return `${i + 1}.${text}`;
    })
    .join('　');
}

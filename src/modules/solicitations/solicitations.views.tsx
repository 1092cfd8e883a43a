// The public pages of 意见征集: the draft's text paragraph by paragraph with the published comments under it, the
// comment form (signed in, on the whole text or a paragraph, plain POST), the links to the notice and, once
// published, to the adoption report in 意见反馈; and the 意见征集 column's list of solicitations.
import type { Solicitation } from './solicitations.tables.ts';
import { shanghaiDateTime } from '../../platform/time.ts';
import { columnHref, href } from '../portal/views/links.ts';
import type { ViewContext } from '../portal/views/types.ts';
import { Field, Hidden, type PageMessage, PageShell, findColumn } from '../participation/page-kit.tsx';
import { PHASE_NAMES, type SurveyPhase } from '../surveys/surveys.service.ts';
import type { CommentView, Paragraph } from './solicitations.schema.ts';
import { COMMENT_MAX } from './solicitations.service.ts';

const when = (iso: string) => shanghaiDateTime(iso).slice(0, 16);
const day = (iso: string) => when(iso).slice(0, 10);

/** The published page of a content item in the named column, or null when the column is absent. */
export function itemHref(view: ViewContext, columnName: string, contentId: number | null): string | null {
  if (contentId === null) return null;
  const found = findColumn(view, columnName);
  return found ? `${columnHref(view, found.column)}${contentId}.html` : null;
}

function Comment({ c }: { c: CommentView }) {
  return (
    <li>
      <p className="pp-meta">
        <span>{c.authorName}</span>
        <time dateTime={c.submittedAt}>{when(c.submittedAt)}</time>
        {c.adoption ? <span className="pp-status closed">{c.adoption}</span> : null}
      </p>
      <p>{c.text}</p>
      {c.adoption && c.adoptionReason ? <p className="pp-hint">采纳情况说明：{c.adoptionReason}</p> : null}
    </li>
  );
}

export interface SolicitationPageProps {
  view: ViewContext;
  solicitation: Solicitation;
  paragraphs: Paragraph[];
  comments: CommentView[];
  phase: SurveyPhase;
  /** The signed-in citizen's form token; null when not signed in. */
  csrf: string | null;
  raw?: { paragraphId?: string; text?: string };
  message?: PageMessage | null;
}

export function SolicitationPage({
  view,
  solicitation: s,
  paragraphs,
  comments,
  phase,
  csrf,
  raw = {},
  message,
}: SolicitationPageProps) {
  const self = href(view, `/solicitation/${s.id}`);
  const notice = itemHref(view, '意见征集', s.notice_content_id);
  const feedback = s.feedback_published_at ? itemHref(view, '意见反馈', s.feedback_content_id) : null;
  const whole = comments.filter((c) => c.paragraphId === null);
  return (
    <PageShell view={view} title={s.title} column="意见征集" message={message} noindex={Boolean(csrf)}>
      <p className="pp-meta">
        <span className={`pp-status ${phase === 'open' ? 'open' : 'closed'}`}>{PHASE_NAMES[phase]}</span>
        <span>
          征求意见时间：<time dateTime={s.opens_at}>{day(s.opens_at)}</time> 至{' '}
          <time dateTime={s.closes_at}>{when(s.closes_at)}</time>（{s.days}天）
        </span>
        <span>公开意见 {comments.length} 条</span>
      </p>
      {s.intro
        .split(/\r?\n/)
        .filter((l) => l.trim())
        .map((l) => (
          <p key={l}>{l}</p>
        ))}
      <ul className="pp-links">
        {notice ? (
          <li>
            <a href={notice}>征求意见公告</a>
          </li>
        ) : null}
        {feedback ? (
          <li>
            <a href={feedback}>意见采纳情况反馈</a>
          </li>
        ) : phase === 'closed' ? (
          <li>征求意见已结束，意见采纳情况将在结束后一个月内公开反馈。</li>
        ) : null}
      </ul>
      <section aria-labelledby="draft-text">
        <h2 id="draft-text">征求意见稿全文</h2>
        {paragraphs.map((p, i) => {
          const mine = comments.filter((c) => c.paragraphId === p.id);
          return (
            <div key={p.id} id={p.id} className="pp-paragraph">
              {p.heading ? <h3>{p.text}</h3> : <p>{p.text}</p>}
              {mine.length ? (
                <details>
                  <summary>
                    对第{i + 1}段的意见（{mine.length}条）
                  </summary>
                  <ul className="pp-comments">
                    {mine.map((c) => (
                      <Comment key={c.id} c={c} />
                    ))}
                  </ul>
                </details>
              ) : null}
            </div>
          );
        })}
      </section>
      <section aria-labelledby="whole-comments">
        <h2 id="whole-comments">对全文的意见</h2>
        {whole.length ? (
          <ul className="pp-comments">
            {whole.map((c) => (
              <Comment key={c.id} c={c} />
            ))}
          </ul>
        ) : (
          <p>暂无经审核公开的意见。</p>
        )}
      </section>
      <section aria-labelledby="comment-form">
        <h2 id="comment-form">发表意见</h2>
        {phase === 'scheduled' ? (
          <p>征求意见将于 {when(s.opens_at)} 开始。</p>
        ) : phase !== 'open' ? (
          <p>征求意见已于 {when(s.closes_at)} 结束。</p>
        ) : !csrf ? (
          <p>
            <a className="pp-button" href={`/user/login?back=${encodeURIComponent(self)}`}>
              登录后发表意见
            </a>
          </p>
        ) : (
          <form method="post" className="pp-form" action={self}>
            <Hidden csrf={csrf} />
            <Field id="paragraphId" label="针对内容">
              <select id="paragraphId" name="paragraphId" defaultValue={raw.paragraphId ?? ''}>
                <option value="">全文</option>
                {paragraphs.map((p, i) => (
                  <option key={p.id} value={p.id}>
                    第{i + 1}段：{[...p.text].slice(0, 20).join('')}
                    {[...p.text].length > 20 ? '…' : ''}
                  </option>
                ))}
              </select>
            </Field>
            <Field
              id="text"
              label="意见建议"
              required
              hint={`最多 ${COMMENT_MAX} 字；意见经审核后公开，署名只显示姓氏。`}
            >
              <textarea
                id="text"
                name="text"
                rows={6}
                maxLength={COMMENT_MAX}
                required
                aria-describedby="text-hint"
                defaultValue={raw.text ?? ''}
              />
            </Field>
            <div className="pp-actions">
              <button type="submit">提交意见</button>
            </div>
          </form>
        )}
      </section>
    </PageShell>
  );
}

export function SolicitationList({
  view,
  items,
}: {
  view: ViewContext;
  items: { solicitation: Solicitation; phase: SurveyPhase }[];
}) {
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="solicitations-title">
      <h2 id="solicitations-title">征求意见</h2>
      <ul className="pp-list">
        {items.map(({ solicitation: s, phase }) => {
          const feedback = s.feedback_published_at ? itemHref(view, '意见反馈', s.feedback_content_id) : null;
          return (
            <li key={s.id}>
              <h3>
                <a href={href(view, `/solicitation/${s.id}`)}>{s.title}</a>
              </h3>
              <p className="pp-meta">
                <span className={`pp-status ${phase === 'open' ? 'open' : 'closed'}`}>{PHASE_NAMES[phase]}</span>
                <span>
                  <time dateTime={s.opens_at}>{day(s.opens_at)}</time> 至{' '}
                  <time dateTime={s.closes_at}>{day(s.closes_at)}</time>
                </span>
                {feedback ? <a href={feedback}>意见采纳情况反馈</a> : null}
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

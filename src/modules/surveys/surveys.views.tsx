// The public survey pages: the questionnaire as a plain form (every question type, required marks, conditions in
// words), the results with server-drawn charts and their data tables, and the 公众调查 column's list.
import type { ViewContext } from '../portal/views/types.ts';
import { href } from '../portal/views/links.ts';
import { shanghaiDateTime } from '../../platform/time.ts';
import { renderChart } from '../../platform/charts.ts';
import { ChallengeBox } from '../citizens/views/frame.tsx';
import { Hidden, type PageMessage, PageShell } from '../participation/page-kit.tsx';
import type { Survey } from './surveys.tables.ts';
import { type Question, type SurveyDefinition, conditionText } from './survey-definition.ts';
import { type SurveyResults, questionChart } from './survey-results.ts';
import { PHASE_NAMES, type SurveyPhase } from './surveys.service.ts';

const when = (iso: string) => shanghaiDateTime(iso).slice(0, 16);
type Raw = Record<string, string | string[]>;
const has = (raw: Raw, name: string, value: string) => {
  const v = raw[name];
  return Array.isArray(v) ? v.includes(value) : v === value;
};

function Required({ q }: { q: Question }) {
  return q.required ? (
    <span className="pp-required">
      {' '}
      *<span className="visually-hidden">（必答）</span>
    </span>
  ) : null;
}

function QuestionField({ def, q, no, raw }: { def: SurveyDefinition; q: Question; no: number; raw: Raw }) {
  const name = `q_${q.id}`;
  const condition = conditionText(def, q);
  const legend = (
    <legend>
      {no}. {q.title}
      <Required q={q} />
    </legend>
  );
  const note = condition ? <p className="pp-condition">{condition}</p> : null;
  // Read by the conditions script: the earlier question's field name and the option values that show this one.
  const showIf = q.showIf ? `q_${q.showIf.question}:${q.showIf.anyOf.join(',')}` : undefined;
  if (q.type === 'text')
    return (
      <div className="pp-question pp-field" data-show-if={showIf}>
        <label htmlFor={name}>
          {no}. {q.title}
          <Required q={q} />
        </label>
        {note}
        <textarea
          id={name}
          name={name}
          rows={4}
          maxLength={q.maxLength ?? 500}
          defaultValue={String(raw[name] ?? '')}
        />
        <span className="pp-hint">最多 {q.maxLength ?? 500} 字；公开的调查结果只显示经审核的文字意见。</span>
      </div>
    );
  if (q.type === 'matrix')
    return (
      <fieldset className="pp-question" data-show-if={showIf}>
        {legend}
        {note}
        <div className="table-scroll">
          <table className="pp-matrix">
            <thead>
              <tr>
                <td />
                {(q.options ?? []).map((o) => (
                  <th scope="col" key={o}>
                    {o}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {(q.rows ?? []).map((row, r) => (
                <tr key={row}>
                  <th scope="row">{row}</th>
                  {(q.options ?? []).map((o, c) => (
                    <td key={o}>
                      <input
                        type="radio"
                        name={`${name}_${r}`}
                        value={c}
                        aria-label={`${row}：${o}`}
                        defaultChecked={has(raw, `${name}_${r}`, String(c))}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </fieldset>
    );
  const choices =
    q.type === 'rating' ? Array.from({ length: q.scale ?? 5 }, (_x, k) => `${k + 1}分`) : (q.options ?? []);
  const multiple = q.type === 'multiple';
  return (
    <fieldset className="pp-question" data-show-if={showIf}>
      {legend}
      {note}
      {multiple && q.maxChoices ? <p className="pp-hint">最多选择 {q.maxChoices} 项</p> : null}
      <div className={`pp-choices${q.type === 'rating' ? ' inline' : ''}`}>
        {choices.map((label, k) => {
          const value = q.type === 'rating' ? String(k + 1) : String(k);
          return (
            <label key={label}>
              <input
                type={multiple ? 'checkbox' : 'radio'}
                name={name}
                value={value}
                defaultChecked={has(raw, name, value)}
              />{' '}
              {label}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

export interface SurveyPageProps {
  view: ViewContext;
  survey: Survey;
  def: SurveyDefinition;
  phase: SurveyPhase;
  /** The form's tokens when it may be answered here; null: show why not (sign-in, answered, closed). */
  form: { csrf: string; idempotencyKey: string; anonymous: boolean } | null;
  answered: boolean;
  signedIn: boolean;
  raw?: Raw;
  message?: PageMessage | null;
}

export function SurveyPage({ view, survey, def, phase, form, answered, signedIn, raw = {}, message }: SurveyPageProps) {
  const results = href(view, `/survey/${survey.id}/results`);
  return (
    <PageShell
      view={view}
      title={survey.title}
      column="公众调查"
      message={message}
      challenge={Boolean(form?.anonymous)}
      conditions={Boolean(form) && def.questions.some((q) => q.showIf)}
      noindex={Boolean(form)}
    >
      <p className="pp-meta">
        <span className={`pp-status ${phase === 'open' ? 'open' : 'closed'}`}>{PHASE_NAMES[phase]}</span>
        <span>
          调查时间：<time dateTime={survey.opens_at}>{when(survey.opens_at)}</time> 至{' '}
          <time dateTime={survey.closes_at}>{when(survey.closes_at)}</time>
        </span>
        <span>{survey.access === 'account' ? '登录后参与，每个账号一次' : '匿名参与，每台设备一次'}</span>
      </p>
      {survey.intro
        .split(/\r?\n/)
        .filter((l) => l.trim())
        .map((l) => (
          <p key={l}>{l}</p>
        ))}
      {phase === 'closed' ? (
        <p>
          本次调查已结束。<a href={results}>查看调查结果</a>
        </p>
      ) : phase === 'scheduled' ? (
        <p>调查将于 {when(survey.opens_at)} 开始。</p>
      ) : answered ? (
        <p className="pp-message">您已参加本次调查，感谢您的参与。调查结束后可在本页查看调查结果。</p>
      ) : !form ? (
        <p>
          {signedIn ? null : (
            <a
              className="pp-button"
              href={`/user/login?back=${encodeURIComponent(href(view, `/survey/${survey.id}`))}`}
            >
              登录后参与调查
            </a>
          )}
        </p>
      ) : (
        <form method="post" className="pp-form" action={href(view, `/survey/${survey.id}`)} data-survey="">
          <Hidden csrf={form.csrf} idempotencyKey={form.idempotencyKey} />
          <p className="pp-hint">
            带 <span className="pp-required">*</span> 的为必答题。
          </p>
          {def.questions.map((q, i) => (
            <QuestionField key={q.id} def={def} q={q} no={i + 1} raw={raw} />
          ))}
          {form.anonymous ? <ChallengeBox /> : null}
          <div className="pp-actions">
            <button type="submit">提交答卷</button>
          </div>
        </form>
      )}
    </PageShell>
  );
}

export function ResultsPage({
  view,
  survey,
  def,
  results,
}: {
  view: ViewContext;
  survey: Survey;
  def: SurveyDefinition;
  results: SurveyResults | null;
}) {
  return (
    <PageShell
      view={view}
      title={`${survey.title}调查结果`}
      column="公众调查"
      trail={[{ label: survey.title, href: href(view, `/survey/${survey.id}`) }]}
      meta={[
        { name: 'ArticleTitle', content: `${survey.title}调查结果` },
        { name: 'PubDate', content: shanghaiDateTime(survey.closes_at) },
        { name: 'ContentSource', content: view.site.sponsor || view.site.name },
      ]}
    >
      {!results ? (
        <p>调查结果将于调查结束（{when(survey.closes_at)}）后公布。</p>
      ) : (
        <>
          <p className="pp-meta">
            <span>
              调查时间：{when(survey.opens_at)} 至 {when(survey.closes_at)}
            </span>
            <span>有效答卷 {results.responses} 份</span>
            <span>
              结果公布时间：<time dateTime={survey.closes_at}>{when(survey.closes_at)}</time>
            </span>
          </p>
          {results.questions.map((r) => {
            const spec = questionChart(def, r);
            return (
              <section key={r.id} aria-labelledby={`result-${r.id}`}>
                <h2 id={`result-${r.id}`}>
                  {r.no}. {r.title}
                </h2>
                <p className="pp-hint">
                  回答人数 {r.answered}
                  {r.average !== null ? `，平均 ${r.average} 分` : ''}
                </p>
                {spec ? (
                  // biome-ignore lint/security/noDangerouslySetInnerHtml: platform/charts.ts escapes every text it draws
                  <div dangerouslySetInnerHTML={{ __html: renderChart(spec, { id: `chart-${r.id}` }).html }} />
                ) : null}
                {r.type === 'text' ? (
                  r.texts.length ? (
                    <ul className="pp-texts">
                      {r.texts.map((t, k) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: the same text may be given twice
                        <li key={k}>{t}</li>
                      ))}
                    </ul>
                  ) : (
                    <p>暂无经审核公开的文字意见。</p>
                  )
                ) : null}
              </section>
            );
          })}
        </>
      )}
    </PageShell>
  );
}

export function SurveyList({
  view,
  surveys,
}: {
  view: ViewContext;
  surveys: { survey: Survey; phase: SurveyPhase }[];
}) {
  if (surveys.length === 0) return null;
  return (
    <section aria-labelledby="surveys-title">
      <h2 id="surveys-title">网上调查</h2>
      <ul className="pp-list">
        {surveys.map(({ survey, phase }) => (
          <li key={survey.id}>
            <h3>
              <a href={href(view, `/survey/${survey.id}`)}>{survey.title}</a>
            </h3>
            <p className="pp-meta">
              <span className={`pp-status ${phase === 'open' ? 'open' : 'closed'}`}>{PHASE_NAMES[phase]}</span>
              <span>
                <time dateTime={survey.opens_at}>{when(survey.opens_at).slice(0, 10)}</time> 至{' '}
                <time dateTime={survey.closes_at}>{when(survey.closes_at).slice(0, 10)}</time>
              </span>
              {phase === 'closed' ? <a href={href(view, `/survey/${survey.id}/results`)}>调查结果</a> : null}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

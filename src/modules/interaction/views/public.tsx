// The public pages of the message board, rendered on the server and readable without JavaScript: the list of
// published messages (search, department and category filters, paging), each message's page with 留言时间, 答复时间,
// 答复单位 and 答复内容, the statistics (受理反馈情况统计) with charts and tables, and the smart Q&A.
import type { ReactNode } from 'react';
import { shanghaiDate, shanghaiDateTime } from '../../../platform/time.ts';
import { Layout } from '../../portal/views/Layout.tsx';
import { Breadcrumbs, ColumnNav, EmptyState } from '../../portal/views/parts.tsx';
import { columnHref, href } from '../../portal/views/links.ts';
import type { Crumb, PublicColumn, ViewContext } from '../../portal/views/types.ts';
import type { MetaTag } from '../../portal/meta.ts';
import type { StatsReport } from '../interaction.schema.ts';
import type { QaAnswer } from '../qa.service.ts';

export interface Frame {
  view: ViewContext;
  title: string;
  meta: MetaTag[];
  css: string;
}

const html = (markup: string) => ({ __html: markup });

/** Paragraphs of plain text (the text is escaped by React). */
function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n+/)
        .filter((p) => p.trim())
        .map((p, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs have no identity but their order.
          <p key={i}>{p}</p>
        ))}
    </>
  );
}

/** A page of the 互动交流 section: breadcrumbs, the section's navigation beside the content. */
function SectionPage({
  frame,
  trail,
  section,
  current,
  children,
}: {
  frame: Frame;
  trail: Crumb[];
  section: PublicColumn | null;
  current: PublicColumn | null;
  children: ReactNode;
}) {
  const { view } = frame;
  return (
    <Layout
      view={view}
      title={frame.title}
      meta={frame.meta}
      section={section ? { topId: section.id, isTopPage: false } : undefined}
    >
      <link rel="stylesheet" href={frame.css} />
      <div className="container">
        <Breadcrumbs view={view} trail={trail} />
        <div className="column-layout">
          <div className="column-main interaction-page">{children}</div>
          {section ? (
            <ColumnNav
              view={view}
              section={section}
              current={current ?? section}
              trailIds={new Set([section.id, ...(current ? [current.id] : [])])}
            />
          ) : null}
        </div>
      </div>
    </Layout>
  );
}

// ───── the list of published messages ─────

export interface ListRow {
  title: string;
  url: string;
  category: string;
  department: string;
  receivedAt: string;
  repliedAt: string | null;
}

export interface ListFilters {
  q: string;
  department: number | null;
  category: string;
}

export function MessageListBody({
  view,
  css,
  rows,
  filters,
  departments,
  action,
  submitHref,
}: {
  view: ViewContext;
  css: string;
  rows: ListRow[];
  filters: ListFilters;
  departments: { id: number; name: string }[];
  action: string;
  submitHref: string;
}) {
  return (
    <div className="interaction-list">
      <link rel="stylesheet" href={css} />
      <p className="interaction-actions">
        <a className="interaction-button" href={submitHref}>
          我要留言
        </a>
      </p>
      {/* biome-ignore lint/a11y/useSemanticElements: role=search on the form is what assistive technology supports today. */}
      <form className="interaction-filters" method="get" action={action} role="search" aria-label="查找留言">
        <label htmlFor="msg-q">关键词</label>
        <input id="msg-q" type="search" name="q" defaultValue={filters.q} maxLength={50} />
        <label htmlFor="msg-dept">答复单位</label>
        <select id="msg-dept" name="dept" defaultValue={filters.department ? String(filters.department) : ''}>
          <option value="">全部</option>
          {departments.map((d) => (
            <option key={d.id} value={String(d.id)}>
              {d.name}
            </option>
          ))}
        </select>
        <label htmlFor="msg-cat">类型</label>
        <select id="msg-cat" name="cat" defaultValue={filters.category}>
          <option value="">全部</option>
          <option value="咨询">咨询</option>
          <option value="建议">建议</option>
          <option value="投诉">投诉</option>
        </select>
        <button type="submit">查询</button>
      </form>
      {rows.length === 0 ? (
        <EmptyState>
          {filters.q || filters.department || filters.category ? '没有找到符合条件的留言。' : undefined}
        </EmptyState>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1).
        <section className="table-scroll" aria-label="留言列表" tabIndex={0}>
          <table className="interaction-table">
            <caption className="visually-hidden">已答复的网民留言</caption>
            <thead>
              <tr>
                <th scope="col">标题</th>
                <th scope="col">类型</th>
                <th scope="col">答复单位</th>
                <th scope="col">留言时间</th>
                <th scope="col">答复时间</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.url}>
                  <th scope="row">
                    <a href={href(view, r.url)}>{r.title}</a>
                  </th>
                  <td>{r.category}</td>
                  <td>{r.department}</td>
                  <td>
                    <time dateTime={r.receivedAt}>{shanghaiDate(r.receivedAt)}</time>
                  </td>
                  <td>{r.repliedAt ? <time dateTime={r.repliedAt}>{shanghaiDate(r.repliedAt)}</time> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}

// ───── one message ─────

export interface MessagePageView {
  title: string;
  category: string;
  trackingNo: string;
  submitter: string;
  excerpt: string;
  receivedAt: string;
  replies: { round: number; department: string; repliedAt: string; body: string }[];
  rating: string | null;
}

export function MessagePage({
  frame,
  column,
  section,
  trail,
  message,
}: {
  frame: Frame;
  column: PublicColumn;
  section: PublicColumn | null;
  trail: Crumb[];
  message: MessagePageView;
}) {
  const first = message.replies[0];
  return (
    <SectionPage frame={frame} trail={trail} section={section} current={column}>
      <article className="message-article" aria-labelledby="message-title">
        <h1 id="message-title">{message.title}</h1>
        <dl className="message-facts">
          <dt>留言类型</dt>
          <dd>{message.category}</dd>
          <dt>留言人</dt>
          <dd>{message.submitter}</dd>
          <dt>留言时间</dt>
          <dd>
            <time dateTime={message.receivedAt}>{shanghaiDateTime(message.receivedAt)}</time>
          </dd>
          {first ? (
            <>
              <dt>答复单位</dt>
              <dd>{first.department}</dd>
              <dt>答复时间</dt>
              <dd>
                <time dateTime={first.repliedAt}>{shanghaiDateTime(first.repliedAt)}</time>
              </dd>
            </>
          ) : null}
          {message.rating ? (
            <>
              <dt>留言人评价</dt>
              <dd>{message.rating}</dd>
            </>
          ) : null}
        </dl>
        <section className="message-block" aria-labelledby="message-content">
          <h2 id="message-content">留言内容</h2>
          <Paragraphs text={message.excerpt} />
        </section>
        {message.replies.map((r) => (
          <section key={r.round} className="message-block message-reply" aria-labelledby={`reply-${r.round}`}>
            <h2 id={`reply-${r.round}`}>{r.round === 1 ? '答复内容' : '二次办理答复内容'}</h2>
            <p className="message-reply-meta">
              答复单位：{r.department}　答复时间：<time dateTime={r.repliedAt}>{shanghaiDateTime(r.repliedAt)}</time>
            </p>
            <Paragraphs text={r.body} />
          </section>
        ))}
      </article>
    </SectionPage>
  );
}

// ───── statistics ─────

const percent = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);
const days = (v: number | null) => (v === null ? '—' : `${v}`);

function StatsTable({ caption, rows, first }: { caption: string; rows: StatsReport['byMonth']; first: string }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1).
    <section className="table-scroll" aria-label={caption} tabIndex={0}>
      <table className="interaction-table stats-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{first}</th>
            <th scope="col">收到留言</th>
            <th scope="col">有效留言</th>
            <th scope="col">已答复</th>
            <th scope="col">按时答复</th>
            <th scope="col">按时答复率</th>
            <th scope="col">平均答复用时（工作日）</th>
            <th scope="col">办理中</th>
            <th scope="col">满意与基本满意/评价数</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              <td>{r.received}</td>
              <td>{r.valid}</td>
              <td>{r.replied}</td>
              <td>{r.onTime}</td>
              <td>{percent(r.onTimeRate)}</td>
              <td>{days(r.averageDays)}</td>
              <td>{r.open}</td>
              <td>
                {r.satisfied}/{r.rated}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function StatsPage({
  frame,
  section,
  trail,
  report,
  charts,
  updatedAt,
}: {
  frame: Frame;
  section: PublicColumn | null;
  trail: Crumb[];
  report: StatsReport;
  /** Server-drawn charts (SVG, text alternative and data table), already safe HTML. */
  charts: string[];
  updatedAt: string;
}) {
  const t = report.total;
  return (
    <SectionPage frame={frame} trail={trail} section={section} current={null}>
      <h1>留言受理反馈情况统计</h1>
      <p className="stats-range">
        统计期间：{report.from.replace('-', '年')}月至{report.to.replace('-', '年')}月（按留言时间），数据更新至{' '}
        <time dateTime={updatedAt}>{shanghaiDateTime(updatedAt)}</time>
        。答复时间以审核通过、正式答复的时间为准，时限按法定工作日计算。
      </p>
      <ul className="stats-summary">
        <li>
          收到留言 <strong>{t.received}</strong> 件
        </li>
        <li>
          有效留言 <strong>{t.valid}</strong> 件
        </li>
        <li>
          已答复 <strong>{t.replied}</strong> 件
        </li>
        <li>
          按时答复率 <strong>{percent(t.onTimeRate)}</strong>
        </li>
        <li>
          平均答复用时 <strong>{days(t.averageDays)}</strong> 个工作日
        </li>
      </ul>
      {charts.map((c) => (
        // biome-ignore lint/security/noDangerouslySetInnerHtml: drawn by platform/charts.ts, which escapes every text.
        <div key={c.slice(0, 80)} className="stats-chart" dangerouslySetInnerHTML={html(c)} />
      ))}
      <StatsTable caption="按月统计" rows={report.byMonth} first="月份" />
      <StatsTable caption="按答复单位统计" rows={report.byDepartment} first="答复单位" />
      <StatsTable caption="按留言类型统计" rows={report.byCategory} first="类型" />
    </SectionPage>
  );
}

// ───── smart Q&A ─────

export function QaPage({
  frame,
  section,
  trail,
  q,
  result,
  pair,
  popular,
  error,
}: {
  frame: Frame;
  section: PublicColumn | null;
  trail: Crumb[];
  q: string;
  result: QaAnswer | null;
  pair: { question: string; answer: string; department: string | null; updatedAt: string } | null;
  popular: { id: number; question: string; url: string }[];
  error: string | null;
}) {
  const { view } = frame;
  return (
    <SectionPage frame={frame} trail={trail} section={section} current={null}>
      <h1>智能问答</h1>
      {/* biome-ignore lint/a11y/useSemanticElements: role=search on the form is what assistive technology supports today. */}
      <form className="qa-form" method="get" action={href(view, '/qa')} role="search" aria-label="智能问答">
        <label htmlFor="qa-q">请输入您的问题（可输入拼音或简拼）</label>
        <div className="qa-row">
          <input id="qa-q" type="search" name="q" defaultValue={q} maxLength={100} required />
          <button type="submit">提问</button>
        </div>
      </form>
      {error ? (
        <p className="interaction-message error" role="alert">
          {error}
        </p>
      ) : null}
      {pair ? (
        <article className="qa-answer" aria-labelledby="qa-pair">
          <h2 id="qa-pair">{pair.question}</h2>
          <Paragraphs text={pair.answer} />
          <p className="qa-source">
            来源：常见问题{pair.department ? `（${pair.department}）` : ''}，更新于 {shanghaiDate(pair.updatedAt)}
          </p>
        </article>
      ) : null}
      {result ? <QaResult view={view} result={result} /> : null}
      {!result && !pair && popular.length ? (
        <section aria-labelledby="qa-popular">
          <h2 id="qa-popular">常见问题</h2>
          <ul className="qa-list">
            {popular.map((p) => (
              <li key={p.id}>
                <a href={href(view, p.url)}>{p.question}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </SectionPage>
  );
}

function QaResult({ view, result }: { view: ViewContext; result: QaAnswer }) {
  const a = result.answer;
  return (
    <section className="qa-result" aria-labelledby="qa-result-title" aria-live="polite">
      <h2 id="qa-result-title">{a ? (a.kind === 'knowledge' ? '答复' : '以下信息可能对您有帮助') : '没有找到答案'}</h2>
      {a ? (
        <div className="qa-answer">
          {a.kind === 'knowledge' ? <Paragraphs text={a.text} /> : <p>{a.snippet}</p>}
          <p className="qa-source">
            来源：{a.kindLabel}《<a href={href(view, a.url)}>{a.title}</a>》
          </p>
        </div>
      ) : (
        <p>知识库和网站信息中没有找到与“{result.query}”相符的答案。</p>
      )}
      {result.sources.length ? (
        <>
          <h3>相关信息</h3>
          <ul className="qa-list">
            {result.sources.map((s) => (
              <li key={s.url}>
                <span className="qa-kind">{s.kindLabel}</span> <a href={href(view, s.url)}>{s.title}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {result.related.length ? (
        <>
          <h3>相关问题</h3>
          <ul className="qa-list">
            {result.related.map((r) => (
              <li key={r.id}>
                <a href={href(view, r.url)}>{r.question}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="qa-handoff">
        <a className="interaction-button" href={result.handoff.url}>
          {result.handoff.label}
        </a>
      </p>
    </section>
  );
}

export { columnHref };

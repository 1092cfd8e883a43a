// The two releases of a solicitation, as rich text within the content allow-list: the notice (征求意见公告) with the
// draft's full text, and the adoption report (意见采纳情况反馈) with every comment's adoption and reason, each
// linking to the solicitation's page (which links back to both).
import type { Solicitation } from './solicitations.tables.ts';
import { shanghaiDate } from '../../platform/time.ts';
import { esc } from '../annual-reports/disclosure-report-html.ts';
import type { CommentView, Paragraph } from './solicitations.schema.ts';

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => `<p>${esc(l)}</p>`)
    .join('');

export function noticeHtml(s: Solicitation, paragraphs: Paragraph[]): string {
  return [
    lines(s.intro),
    `<p>征求意见时间：${shanghaiDate(s.opens_at)}至${shanghaiDate(s.closes_at)}（${s.days}天）。社会公众可登录本网站统一公众账号，<a href="/solicitation/${s.id}">在线对全文或具体段落提出意见</a>；意见经审核后公开，征求意见结束后一个月内公开意见采纳情况。</p>`,
    '<h2>征求意见稿全文</h2>',
    ...paragraphs.map((p) => (p.heading ? `<h3>${esc(p.text)}</h3>` : `<p>${esc(p.text)}</p>`)),
  ].join('\n');
}

export function adoptionReportHtml(s: Solicitation, _paragraphs: Paragraph[], comments: CommentView[]): string {
  const counted = comments.filter((c) => c.status !== 'pending');
  const published = comments.filter((c) => c.status === 'approved');
  const by = (a: string) => published.filter((c) => c.adoption === a).length;
  const rows = published
    .map(
      (c, i) =>
        `<tr><td>${i + 1}</td><td>${esc(c.paragraphLabel)}</td><td>${esc(c.text)}</td><td>${esc(c.adoption ?? '')}</td><td>${esc(c.adoptionReason ?? '')}</td></tr>`,
    )
    .join('');
  return [
    `<p>${esc(s.title.replace(/^关于/, '').replace(/的公告$/, ''))}期间（${shanghaiDate(s.opens_at)}至${shanghaiDate(s.closes_at)}），共收到意见建议${counted.length}条，其中经审核公开${published.length}条。经认真研究，采纳${by('采纳')}条，部分采纳${by('部分采纳')}条，未采纳${by('未采纳')}条。现将意见采纳情况反馈如下。</p>`,
    `<p>征求意见页面及公开的意见：<a href="/solicitation/${s.id}">${esc(s.title)}</a>。</p>`,
    '<table><caption>意见采纳情况</caption><thead><tr><th scope="col">序号</th><th scope="col">针对内容</th><th scope="col">意见建议</th><th scope="col">采纳情况</th><th scope="col">理由</th></tr></thead>',
    `<tbody>${rows}</tbody></table>`,
    counted.length > published.length
      ? `<p>另有${counted.length - published.length}条意见因与征求意见内容无关或含有不宜公开的内容未予公开，已一并研究。</p>`
      : '',
    '<p>感谢社会各界对本项工作的关心和支持。</p>',
  ].join('\n');
}

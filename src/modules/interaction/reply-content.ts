// A reply goes through the 附件3 release review as a content item in the 网上留言 column: its title is the
// published excerpt's title, its body the excerpt and the reply as the public page shows them. The review
// approves exactly this text (a version of the item), the register lists it like any release, and search indexes
// it, so the smart Q&A and site search find published replies.
import type { ContentCreate } from '../content/content.schema.ts';
import type { ContentSnapshot } from '../content/content-types.ts';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Plain text → paragraphs of escaped text. */
export function paragraphs(text: string): string {
  return text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('');
}

export interface ReplyRelease {
  columnId: number;
  category: string;
  departmentName: string;
  excerptTitle: string;
  excerptBody: string;
  /** Every approved reply before this one (a second handling shows both). */
  earlier: { round: number; body: string }[];
  reply: string;
  round: number;
}

export function releaseBody(r: ReplyRelease): string {
  const replies = [...r.earlier, { round: r.round, body: r.reply }];
  return [
    `<h2>留言内容（${escapeHtml(r.category)}）</h2>`,
    paragraphs(r.excerptBody),
    `<h2>答复（${escapeHtml(r.departmentName)}）</h2>`,
    ...replies.map(
      (x) => (replies.length > 1 ? `<h3>${x.round === 1 ? '首次答复' : '二次办理答复'}</h3>` : '') + paragraphs(x.body),
    ),
  ].join('');
}

/** The item as the content service takes it. */
export function releaseInput(r: ReplyRelease): ContentCreate {
  const title = [...r.excerptTitle].length >= 2 ? r.excerptTitle : `${r.category}：${r.excerptTitle}`;
  return {
    type: 'article',
    columnId: r.columnId,
    title,
    source: r.departmentName,
    summary: [...r.excerptBody.replace(/\s+/g, ' ')].slice(0, 120).join(''),
    keywords: `${r.category},网上留言`,
    bodyHtml: releaseBody(r),
  };
}

/** The same, as the pre-publish checks read it (run before anything is written, to refuse early). */
export function releaseSnapshot(r: ReplyRelease): ContentSnapshot {
  const input = releaseInput(r);
  return {
    type: 'article',
    columnId: r.columnId,
    extraColumnIds: [],
    title: input.title,
    subtitle: '',
    source: input.source ?? '',
    author: '',
    summary: input.summary ?? '',
    keywords: input.keywords ?? '',
    coverFileId: null,
    bodyHtml: input.bodyHtml ?? '',
    fields: {},
    attachments: [],
    policyIds: [],
    sort: 0,
  };
}

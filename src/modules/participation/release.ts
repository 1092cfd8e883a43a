// What participation publishes on the site goes through the 附件3 release review like any item: a survey's notice,
// a solicitation's notice and its adoption report, the annual reports, a proposal's reply. Each becomes a content
// item in its column (written through the content service, so the editor's column duties apply) and is submitted
// through the review service; the module learns of the publication from the publication service's changes.
import type { AuthContext } from '../auth/auth.service.ts';
import type { ColumnsService } from '../columns/columns.service.ts';
import type { ColumnNode } from '../columns/columns.schema.ts';
import type { ContentService } from '../content/content.service.ts';
import type { ContentCreate } from '../content/content.schema.ts';
import type { PublicationChange, PublicationService } from '../publication/publication.service.ts';
import type { ReviewService } from '../review/review.service.ts';
import { AppError } from '../../platform/errors.ts';

export interface ReleaseItem {
  /** The column's name path as 附件1 has it, its last segment enough when unique: `意见反馈`. */
  column: string;
  type: 'article' | 'page';
  title: string;
  bodyHtml: string;
  source: string;
  summary?: string;
  attachments?: { fileId: number; name: string }[];
}

export interface Released {
  contentId: number;
  reviewRequestId: number;
  reviewState: string;
}

export class Release {
  constructor(
    private readonly content: ContentService,
    private readonly review: ReviewService,
    private readonly columns: ColumnsService,
    private readonly publication: PublicationService,
  ) {}

  /** The site's column of that name (the deepest match of a `a/b` path), or PARTICIPATION_COLUMN_MISSING. */
  async column(siteId: number, name: string): Promise<ColumnNode> {
    const tree = await this.columns.tree(siteId);
    const last = name.split('/').pop()!;
    const found = tree.flat.find((c) => c.name === last && c.kind !== 'link');
    if (!found) throw new AppError('PARTICIPATION_COLUMN_MISSING', { column: last });
    return found;
  }

  /**
   * Writes the item (a new one, or a new version of `contentId` when it exists and may still change) and submits
   * it to the release review as 网站公开, 不涉密 (the reviewers may still send it to the 保密审查员).
   */
  async submit(auth: AuthContext, siteId: number, item: ReleaseItem, contentId: number | null): Promise<Released> {
    const column = await this.column(siteId, item.column);
    const editable = {
      columnId: column.id,
      title: item.title,
      source: item.source,
      summary: item.summary ?? '',
      bodyHtml: item.bodyHtml,
      attachments: item.attachments ?? [],
    };
    let id = contentId;
    if (id !== null) await this.content.update(auth, id, { ...editable, note: '重新生成' });
    else id = await this.content.create(auth, siteId, { type: item.type, ...editable } satisfies ContentCreate);
    const request = await this.review.submit(auth, id, { secret: '否', releaseForm: '网站公开' });
    return { contentId: id, reviewRequestId: request.id, reviewState: request.state };
  }

  /** Runs `listener` after each publication or withdrawal commits. */
  onChange(listener: (change: PublicationChange) => void | Promise<void>): void {
    this.publication.onChange(listener);
  }

  /** Whether the item's latest submission still waits for a reviewer (a returned one may be changed again). */
  async inReview(contentId: number | null): Promise<boolean> {
    const state = await this.reviewState(contentId);
    return state === 'secrecy_review' || state === 'dept_review' || state === 'leader_review';
  }

  /** The review state of an item's latest submission, in Chinese (待工作机构审查 …), or null when never submitted. */
  async reviewState(contentId: number | null): Promise<string | null> {
    if (contentId === null) return null;
    const history = await this.review.history(contentId);
    return history.at(-1)?.state ?? null;
  }
}

// Publication and withdrawal: the only writer of published_items, the public projection that the public site,
// search and inspection read. PubDate is the server's time of first publication and never moves earlier.
import type { Db } from '../../platform/db/database.ts';
import type { ContentItem, ReviewRequest } from '../../platform/db/schema.ts';
import type { Clock } from '../../platform/time.ts';
import type { Actor, AuditService } from '../../platform/audit/audit.service.ts';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.service.ts';
import { AppError } from '../../platform/errors.ts';
import { ChangeListeners, type ChangeListener } from '../../platform/listeners.ts';
import type { AuthContext } from '../auth/auth.service.ts';
import type { ContentSnapshot } from '../content/content-types.ts';
import * as contentRepo from '../content/content.repository.ts';
import type { ContentService } from '../content/content.service.ts';
import { plainText } from '../content/sanitize.ts';
import * as reviewRepo from '../review/review.repository.ts';
import * as repo from './publication.repository.ts';

/** What changed on the public site, so caches and the search index follow at once. */
export interface PublicationChange {
  siteId: number;
  contentId: number;
  columnIds: number[];
  kind: 'published' | 'withdrawn';
}
export type PublicationListener = ChangeListener<PublicationChange>;

const FILE_URL = /\/files\/(\d+)\//g;

function fileIdsOf(s: ContentSnapshot): number[] {
  const inBody = [...s.bodyHtml.matchAll(FILE_URL)].map((m) => Number(m[1]));
  return [...new Set([...s.attachments.map((a) => a.fileId), ...(s.coverFileId ? [s.coverFileId] : []), ...inBody])];
}

export class PublicationService {
  private readonly changes = new ChangeListeners<PublicationChange>();
  private pending: PublicationChange[] = [];

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly content: ContentService,
  ) {}

  onChange(listener: PublicationListener): () => void {
    return this.changes.subscribe(listener);
  }

  /** Listeners run after the transaction commits; callers flush once it has. */
  async flushChanges(): Promise<void> {
    const changes = this.pending;
    this.pending = [];
    for (const change of changes) await this.changes.emit(change);
  }

  /** Called inside the approving transaction: publish now, at the scheduled time, or (其他) not on the web. */
  async onApproved(trx: Db, actor: Actor, request: ReviewRequest): Promise<void> {
    const item = (await contentRepo.findItem(trx, request.content_id))!;
    const now = this.clock.now().toISOString();
    if (request.release_form === '其他') {
      await this.content.setPublicationState(trx, item.id, {
        status: item.published_version ? item.status : 'draft',
        updated_at: now,
      });
      return;
    }
    if (item.publish_at && item.publish_at > now) {
      await this.content.setPublicationState(trx, item.id, {
        status: item.published_version ? item.status : 'scheduled',
        updated_at: now,
      });
      return;
    }
    await this.publish(trx, actor, item, request);
  }

  private async publish(trx: Db, actor: Actor, item: ContentItem, request: ReviewRequest): Promise<void> {
    if (item.status === 'classified' || request.secret === '是') throw new AppError('CLASSIFIED');
    const version = await contentRepo.findVersion(trx, item.id, request.content_version);
    if (!version) throw new AppError('APPROVED_VERSION_NOT_FOUND');
    const snapshot = JSON.parse(version.snapshot) as ContentSnapshot;
    const now = this.clock.now().toISOString();
    const firstPublishedAt = item.first_published_at ?? now;
    const bodyPublic = request.release_form === '网站公开';
    const summary = snapshot.summary || plainText(snapshot.bodyHtml).slice(0, 120);
    await repo.upsertPublished(trx, {
      content_id: item.id,
      site_id: item.site_id,
      column_id: snapshot.columnId,
      type: snapshot.type,
      title: snapshot.title,
      summary: bodyPublic ? summary : '',
      pub_date: firstPublishedAt,
      updated_at: item.first_published_at ? now : null,
      version: request.content_version,
      body_public: bodyPublic ? 1 : 0,
      index_no: item.index_no,
      doc_number: snapshot.fields.docNumber ?? null,
      issuing_organ: snapshot.fields.issuingOrgan ?? null,
      written_date: snapshot.fields.writtenDate ?? null,
      theme: snapshot.fields.theme ?? null,
      validity: snapshot.fields.validity ?? null,
      sort: snapshot.sort,
      snapshot: JSON.stringify(bodyPublic ? snapshot : { ...snapshot, bodyHtml: '', attachments: [], summary: '' }),
    });
    await repo.replacePublishedFiles(trx, item.id, bodyPublic ? fileIdsOf(snapshot) : []);
    await this.content.setPublicationState(trx, item.id, {
      status: 'published',
      published_version: request.content_version,
      first_published_at: firstPublishedAt,
      last_published_at: now,
      publish_at: null,
      withdrawn_at: null,
      withdraw_reason: null,
      updated_at: now,
    });
    await this.audit.record(trx, actor, {
      action: 'content.publish',
      targetType: 'content',
      targetId: item.id,
      siteId: item.site_id,
      detail: {
        version: request.content_version,
        pubDate: firstPublishedAt,
        update: !!item.first_published_at,
        releaseForm: request.release_form,
      },
    });
    this.pending.push({
      siteId: item.site_id,
      contentId: item.id,
      columnIds: [snapshot.columnId, ...snapshot.extraColumnIds],
      kind: 'published',
    });
  }

  /** 撤稿 by a staff member who writes in the item's column. */
  async withdrawBy(auth: AuthContext, contentId: number, reason: string): Promise<void> {
    await this.content.assertColumnWriter(auth, await this.content.item(contentId));
    await this.withdraw(auth.actor, contentId, reason);
  }

  /** 撤稿: the item leaves the public site; its record, register entries and audit trail stay. */
  async withdraw(actor: Actor, contentId: number, reason: string): Promise<void> {
    const item = await this.content.item(contentId);
    if (!['published', 'scheduled'].includes(item.status)) throw new AppError('WITHDRAW_NOT_PUBLISHED');
    if (!reason.trim()) throw new AppError('WITHDRAW_REASON_REQUIRED');
    await this.db.transaction().execute((trx) => this.withdrawIn(trx, actor, item, reason.trim()));
    await this.flushChanges();
  }

  private async withdrawIn(trx: Db, actor: Actor, item: ContentItem, reason: string): Promise<void> {
    const published = await repo.findPublished(trx, item.id);
    await repo.deletePublished(trx, item.id);
    const now = this.clock.now().toISOString();
    await this.content.setPublicationState(trx, item.id, {
      status: 'withdrawn',
      withdrawn_at: now,
      withdraw_reason: reason,
      withdraw_at: null,
      publish_at: null,
      updated_at: now,
    });
    await this.audit.record(trx, actor, {
      action: 'content.withdraw',
      targetType: 'content',
      targetId: item.id,
      siteId: item.site_id,
      detail: { reason },
    });
    if (published) {
      const snapshot = JSON.parse(published.snapshot) as ContentSnapshot;
      this.pending.push({
        siteId: item.site_id,
        contentId: item.id,
        columnIds: [published.column_id, ...snapshot.extraColumnIds],
        kind: 'withdrawn',
      });
    }
  }

  /** Sets when an item goes online and/or offline. Times in the past are refused: no backdating. */
  async schedule(
    actor: Actor,
    contentId: number,
    times: { publishAt?: string | null; withdrawAt?: string | null },
  ): Promise<void> {
    const item = await this.content.item(contentId);
    if (item.status === 'classified') throw new AppError('CLASSIFIED');
    const now = this.clock.now().toISOString();
    for (const [label, value] of [
      ['定时发布', times.publishAt],
      ['定时撤稿', times.withdrawAt],
    ] as const) {
      if (value && new Date(value).toISOString() <= now) throw new AppError('SCHEDULE_IN_PAST', { what: label });
    }
    if (times.publishAt && item.status === 'published') throw new AppError('ALREADY_PUBLISHED');
    const changes = {
      ...(times.publishAt !== undefined
        ? { publish_at: times.publishAt ? new Date(times.publishAt).toISOString() : null }
        : {}),
      ...(times.withdrawAt !== undefined
        ? { withdraw_at: times.withdrawAt ? new Date(times.withdrawAt).toISOString() : null }
        : {}),
    };
    await this.db.transaction().execute(async (trx) => {
      await this.content.setPublicationState(trx, item.id, changes);
      await this.audit.record(trx, actor, {
        action: 'content.schedule',
        targetType: 'content',
        targetId: item.id,
        siteId: item.site_id,
        detail: changes,
      });
    });
  }

  /** The scheduled job: publishes approved items whose time has come and withdraws those due to go offline. */
  async runDue(): Promise<{ published: number; withdrawn: number }> {
    const now = this.clock.now().toISOString();
    let published = 0;
    let withdrawn = 0;
    for (const item of await repo.dueForPublication(this.db, now)) {
      const request = await reviewRepo.latestRequestFor(this.db, item.id);
      if (request?.state !== 'approved') continue;
      await this.db.transaction().execute((trx) => this.publish(trx, SYSTEM_ACTOR, item, request));
      published += 1;
    }
    for (const item of await repo.dueForWithdrawal(this.db, now)) {
      await this.db.transaction().execute((trx) => this.withdrawIn(trx, SYSTEM_ACTOR, item, '到达定时撤稿时间'));
      withdrawn += 1;
    }
    await this.flushChanges();
    return { published, withdrawn };
  }
}

// The editor's helpers around the working copy: the per-user autosave slot (typing never creates versions),
// the pre-publish checks run on the text being written (nothing is submitted), and the signed, expiring
// preview link of a draft or a version, rendered as its public page for staff entitled to the draft only.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import type { ContentItem } from '../../platform/db/schema.ts';
import type { Clock } from '../../platform/time.ts';
import { MINUTE } from '../../platform/time.ts';
import { AppError } from '../../platform/errors.ts';
import { can } from '../../platform/auth/roles.ts';
import { settingOnce } from '../../platform/settings/settings.repository.ts';
import type { AuthContext } from '../auth/auth.service.ts';
import type { CheckResult } from '../prepublish/prepublish.schema.ts';
import type { PrepublishGate } from '../review/prepublish-gate.ts';
import * as reviewRepo from '../review/review.repository.ts';
import * as filesRepo from '../files/files.repository.ts';
import type { SitesService } from '../sites/sites.service.ts';
import type { ContentService } from './content.service.ts';
import type { ContentSnapshot } from './content-types.ts';
import { sanitizeRichText } from './sanitize.ts';
import * as repo from './autosave.repository.ts';
import type { AutosaveBody, AutosaveView, CheckDraft, PreviewLink } from './editor.schema.ts';

/** How long a preview link opens the page: long enough to read it, short enough not to be passed around. */
export const PREVIEW_TTL_MS = 30 * MINUTE;
const PREVIEW_KEY = 'content.previewKey';

/** What a verified preview link names. */
export interface PreviewClaim {
  contentId: number;
  version: number;
  userId: number;
  expiresAt: number;
}

const b64 = (b: Buffer) => b.toString('base64url');

export class ContentEditorService {
  private key: Promise<Buffer> | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly content: ContentService,
    private readonly gate: PrepublishGate,
    private readonly sites: SitesService,
  ) {}

  // ── autosave ──

  private async slotOf(auth: AuthContext, target: { contentId: number } | { siteId: number }) {
    if ('contentId' in target) {
      const item = await this.content.item(target.contentId);
      await this.content.assertCanEdit(auth, item);
      return { slot: repo.contentSlot(item.id), siteId: item.site_id, item };
    }
    return { slot: repo.newItemSlot(target.siteId), siteId: target.siteId, item: null };
  }

  /** Overwrites this staff member's slot for the item (or the site's new item); no version, no audit record. */
  async autosave(
    auth: AuthContext,
    target: { contentId: number } | { siteId: number },
    body: AutosaveBody,
  ): Promise<{ savedAt: string }> {
    const { slot, siteId, item } = await this.slotOf(auth, target);
    const savedAt = this.clock.now().toISOString();
    await repo.upsertAutosave(this.db, {
      user_id: auth.userId,
      slot,
      site_id: siteId,
      content_id: item?.id ?? null,
      base_version: item ? body.baseVersion : null,
      title: body.title,
      payload: body.payload,
      saved_at: savedAt,
    });
    return { savedAt };
  }

  /** The staff member's own autosave of the item (nobody else's), with the item's version now. */
  async autosaved(auth: AuthContext, target: { contentId: number } | { siteId: number }): Promise<AutosaveView | null> {
    const slot = 'contentId' in target ? repo.contentSlot(target.contentId) : repo.newItemSlot(target.siteId);
    const row = await repo.findAutosave(this.db, auth.userId, slot);
    if (!row) return null;
    const item = row.content_id ? await this.content.item(row.content_id) : null;
    return {
      siteId: row.site_id,
      contentId: row.content_id,
      baseVersion: row.base_version,
      currentVersion: item?.version ?? null,
      title: row.title,
      payload: row.payload,
      savedAt: row.saved_at,
    };
  }

  async discardAutosave(auth: AuthContext, target: { contentId: number } | { siteId: number }): Promise<void> {
    const slot = 'contentId' in target ? repo.contentSlot(target.contentId) : repo.newItemSlot(target.siteId);
    await repo.deleteAutosave(this.db, auth.userId, slot);
  }

  // ── checks while writing ──

  /** The pre-publish checks on the text being written: every finding, warnings too; nothing is stored. */
  async check(siteId: number, draft: CheckDraft): Promise<CheckResult> {
    const snapshot: ContentSnapshot = {
      type: 'article',
      columnId: 0,
      extraColumnIds: [],
      title: draft.title ?? '',
      subtitle: draft.subtitle ?? '',
      source: '',
      author: '',
      summary: draft.summary ?? '',
      keywords: '',
      coverFileId: null,
      bodyHtml: sanitizeRichText(draft.bodyHtml ?? ''),
      fields: {},
      attachments: draft.attachments ?? [],
      policyIds: [],
      sort: 0,
    };
    const files = await filesRepo.findFiles(
      this.db,
      snapshot.attachments.map((a) => a.fileId),
    );
    if (files.some((f) => f.site_id !== siteId)) throw new AppError('FILES_NOT_ON_SITE');
    return this.gate.check(siteId, snapshot, []);
  }

  // ── preview ──

  /**
   * Staff entitled to an item's draft: the site's administrators, whoever writes in its column, its author,
   * the reviewers and leaders of its department, the secrecy reviewers of the site, and whoever a step of its
   * review is assigned to. 涉密 items have no preview at all.
   */
  async assertEntitled(auth: AuthContext, item: ContentItem): Promise<void> {
    if (item.status === 'classified') throw new AppError('PREVIEW_CLASSIFIED');
    const open = await reviewRepo.openRequestFor(this.db, item.id);
    if (open?.secret === '是') throw new AppError('PREVIEW_CLASSIFIED');
    if (can(auth.grants, 'site.manage', item.site_id) || item.created_by === auth.userId) return;
    if (can(auth.grants, 'content.secrecy', item.site_id)) return;
    const sameDepartment = auth.departmentId !== null && auth.departmentId === item.department_id;
    if (
      sameDepartment &&
      (can(auth.grants, 'content.review', item.site_id) || can(auth.grants, 'content.approve', item.site_id))
    )
      return;
    if (open && (await reviewRepo.assignedTo(this.db, open.id, open.state)) === auth.userId) return;
    if (can(auth.grants, 'content.write', item.site_id)) {
      const writer = await this.content.assertColumnWriter(auth, item).then(
        () => true,
        () => false,
      );
      if (writer) return;
    }
    throw new AppError('PREVIEW_NOT_ENTITLED');
  }

  private signingKey(): Promise<Buffer> {
    this.key ??= settingOnce(this.db, PREVIEW_KEY, b64(randomBytes(32)), this.clock.now().toISOString()).then((k) =>
      Buffer.from(k, 'base64url'),
    );
    return this.key;
  }

  private async sign(payload: string): Promise<string> {
    return b64(
      createHmac('sha256', await this.signingKey())
        .update(payload)
        .digest(),
    );
  }

  /** A link to the item's working copy (or a version) as its public page, for this staff member, for 30 minutes. */
  async previewLink(auth: AuthContext, contentId: number, version?: number): Promise<PreviewLink> {
    const item = await this.content.item(contentId);
    await this.assertEntitled(auth, item);
    const v = version ?? item.version;
    await this.content.versionSnapshot(contentId, v);
    const expiresAt = this.clock.now().getTime() + PREVIEW_TTL_MS;
    const payload = `${contentId}.${v}.${auth.userId}.${expiresAt}`;
    const token = `${payload}.${await this.sign(payload)}`;
    return { url: `/api/preview/${token}`, version: v, expiresAt: new Date(expiresAt).toISOString() };
  }

  /** The link's claim when its signature holds, it has not expired and it was made for this staff member. */
  async verify(auth: AuthContext, token: string): Promise<PreviewClaim> {
    const parts = token.split('.');
    if (parts.length !== 5 || !parts.slice(0, 4).every((p) => /^\d{1,15}$/.test(p)))
      throw new AppError('PREVIEW_LINK_INVALID');
    const payload = parts.slice(0, 4).join('.');
    const expected = Buffer.from(await this.sign(payload));
    const given = Buffer.from(parts[4]!);
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new AppError('PREVIEW_LINK_INVALID');
    const [contentId, version, userId, expiresAt] = parts.slice(0, 4).map(Number) as [number, number, number, number];
    if (expiresAt < this.clock.now().getTime()) throw new AppError('PREVIEW_LINK_INVALID');
    if (userId !== auth.userId) throw new AppError('PREVIEW_NOT_YOURS');
    return { contentId, version, userId, expiresAt };
  }

  /** What the preview renders: the version's snapshot, its files, and the dates the public page would show. */
  async previewInput(auth: AuthContext, token: string) {
    const claim = await this.verify(auth, token);
    const item = await this.content.item(claim.contentId);
    await this.assertEntitled(auth, item);
    const snapshot = await this.content.versionSnapshot(item.id, claim.version);
    const fileIds = [
      ...snapshot.attachments.map((a) => a.fileId),
      ...(snapshot.coverFileId ? [snapshot.coverFileId] : []),
    ];
    const latest = await reviewRepo.latestRequestFor(this.db, item.id);
    return {
      site: await this.sites.get(item.site_id),
      contentId: item.id,
      snapshot,
      indexNo: item.index_no,
      pubDate: item.first_published_at ?? this.clock.now().toISOString(),
      files: await filesRepo.findFiles(this.db, fileIds),
      bodyPublic: (latest?.release_form ?? '网站公开') === '网站公开',
    };
  }
}

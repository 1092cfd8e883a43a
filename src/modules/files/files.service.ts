import type { Db } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/time.ts';
import type { Actor, AuditService } from '../../platform/audit/audit.service.ts';
import type { FileStore } from '../../platform/files/file-store.ts';
import { inspectUpload } from '../../platform/files/upload-policy.ts';
import { AppError } from '../../platform/errors.ts';
import type { StoredFile } from '../../platform/db/schema.ts';
import * as repo from './files.repository.ts';
import { toFileView } from './files.presenter.ts';
import type { FileView } from './files.schema.ts';

export { fileUrl, toFileView } from './files.presenter.ts';

export class FilesService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly store: FileStore,
  ) {}

  async upload(actor: Actor, siteId: number, bytes: Buffer, name: string): Promise<FileView> {
    const verdict = await inspectUpload(bytes, name);
    if ('refused' in verdict) {
      await this.audit.recordAlone(actor, {
        action: 'file.upload',
        targetType: 'file',
        siteId,
        outcome: 'failure',
        detail: { name, reason: verdict.refused },
      });
      throw new AppError('UPLOAD_REFUSED', { reason: verdict.refused });
    }
    const stored = await this.store.put(bytes);
    const id = await this.db.transaction().execute(async (trx) => {
      const fileId = await repo.insertFile(trx, {
        site_id: siteId,
        sha256: stored.sha256,
        original_name: verdict.name,
        mime: verdict.mime,
        size: stored.size,
        storage_key: stored.key,
        created_by: actor.userId,
        created_at: this.clock.now().toISOString(),
      });
      await this.audit.record(trx, actor, {
        action: 'file.upload',
        targetType: 'file',
        targetId: fileId,
        siteId,
        detail: { name: verdict.name, mime: verdict.mime, size: stored.size, sha256: stored.sha256 },
      });
      return fileId;
    });
    return toFileView((await repo.findFile(this.db, id))!);
  }

  async get(id: number): Promise<StoredFile> {
    const file = await repo.findFile(this.db, id);
    if (!file) throw new AppError('FILE_NOT_FOUND');
    return file;
  }

  async views(ids: number[]): Promise<FileView[]> {
    const rows = await repo.findFiles(this.db, ids);
    return ids
      .map((id) => rows.find((r) => r.id === id))
      .filter((r): r is StoredFile => !!r)
      .map(toFileView);
  }

  /** A stored file and whether a published item links it (then anyone may read it); null when there is none. */
  async lookup(id: number): Promise<{ file: StoredFile; published: boolean } | null> {
    const file = await repo.findFile(this.db, id);
    return file ? { file, published: await repo.isPublished(this.db, id) } : null;
  }

  /** The files of a site among `ids` (a reference to another site's file does not count). */
  async ofSite(siteId: number, ids: number[]): Promise<StoredFile[]> {
    return (await repo.findFiles(this.db, ids)).filter((f) => f.site_id === siteId);
  }

  isPublic(id: number): Promise<boolean> {
    return repo.isPublished(this.db, id);
  }

  read(file: StoredFile): Promise<Buffer> {
    return this.store.read(file.storage_key);
  }
}

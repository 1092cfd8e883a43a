import type { Db } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/time.ts';
import type { Actor, AuditService } from '../../platform/audit/audit.service.ts';
import type { FileStore } from '../../platform/files/file-store.ts';
import { inspectUpload } from '../../platform/files/upload-policy.ts';
import { AppError } from '../../platform/errors.ts';
import type { StoredFile } from '../../platform/db/schema.ts';
import * as repo from './files.repository.ts';

export interface FileView {
  id: number;
  name: string;
  mime: string;
  size: number;
  url: string;
  image: boolean;
}

/** Stable public address of a file: id plus its (URL-encoded) name. */
export const fileUrl = (f: Pick<StoredFile, 'id' | 'original_name'>) =>
  `/files/${f.id}/${encodeURIComponent(f.original_name)}`;

export const toFileView = (f: StoredFile): FileView => ({
  id: f.id,
  name: f.original_name,
  mime: f.mime,
  size: f.size,
  url: fileUrl(f),
  image: f.mime.startsWith('image/'),
});

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
      throw new AppError('UNSUPPORTED_FILE', verdict.refused);
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
    if (!file) throw new AppError('NOT_FOUND', '文件不存在');
    return file;
  }

  async views(ids: number[]): Promise<FileView[]> {
    const rows = await repo.findFiles(this.db, ids);
    return ids
      .map((id) => rows.find((r) => r.id === id))
      .filter((r): r is StoredFile => !!r)
      .map(toFileView);
  }

  isPublic(id: number): Promise<boolean> {
    return repo.isPublished(this.db, id);
  }

  read(file: StoredFile): Promise<Buffer> {
    return this.store.read(file.storage_key);
  }
}

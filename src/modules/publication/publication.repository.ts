import type { Kysely, Transaction } from 'kysely';
import type { Database, PublishedItem } from '../../platform/db/schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export async function upsertPublished(db: Executor, row: PublishedItem): Promise<void> {
  await db.deleteFrom('published_items').where('content_id', '=', row.content_id).execute();
  await db.insertInto('published_items').values(row).execute();
}

export const findPublished = (db: Executor, contentId: number) =>
  db.selectFrom('published_items').selectAll().where('content_id', '=', contentId).executeTakeFirst();

export async function deletePublished(db: Executor, contentId: number): Promise<void> {
  await db.deleteFrom('published_files').where('content_id', '=', contentId).execute();
  await db.deleteFrom('published_items').where('content_id', '=', contentId).execute();
}

export async function replacePublishedFiles(db: Executor, contentId: number, fileIds: number[]): Promise<void> {
  await db.deleteFrom('published_files').where('content_id', '=', contentId).execute();
  if (fileIds.length) {
    const existing = (await db.selectFrom('files').select('id').where('id', 'in', fileIds).execute()).map((f) => f.id);
    if (existing.length)
      await db
        .insertInto('published_files')
        .values(existing.map((file_id) => ({ file_id, content_id: contentId })))
        .execute();
  }
}

export const dueForPublication = (db: Executor, now: string) =>
  db.selectFrom('content_items').selectAll().where('status', '=', 'scheduled').where('publish_at', '<=', now).execute();

export const dueForWithdrawal = (db: Executor, now: string) =>
  db
    .selectFrom('content_items')
    .selectAll()
    .where('status', '=', 'published')
    .where('withdraw_at', '<=', now)
    .execute();

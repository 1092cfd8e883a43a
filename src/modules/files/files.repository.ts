import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export async function insertFile(
  db: Executor,
  row: {
    site_id: number;
    sha256: string;
    original_name: string;
    mime: string;
    size: number;
    storage_key: string;
    created_by: number | null;
    created_at: string;
  },
) {
  return (await db.insertInto('files').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export const findFile = (db: Executor, id: number) =>
  db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();

export const findFiles = (db: Executor, ids: number[]) =>
  ids.length ? db.selectFrom('files').selectAll().where('id', 'in', ids).execute() : Promise.resolve([]);

export async function isPublished(db: Executor, fileId: number): Promise<boolean> {
  return !!(await db.selectFrom('published_files').select('file_id').where('file_id', '=', fileId).executeTakeFirst());
}

export async function fileIdsOfSite(db: Executor, siteId: number): Promise<number[]> {
  return (await db.selectFrom('files').select('id').where('site_id', '=', siteId).execute()).map((f) => f.id);
}

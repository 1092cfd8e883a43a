// The autosave slots: one row per staff member and item (or site, for an item not yet created), overwritten.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import type { ContentAutosave } from './content.tables.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export const contentSlot = (contentId: number) => `content:${contentId}`;
export const newItemSlot = (siteId: number) => `new:${siteId}`;

export const findAutosave = (db: Executor, userId: number, slot: string) =>
  db
    .selectFrom('content_autosaves')
    .selectAll()
    .where('user_id', '=', userId)
    .where('slot', '=', slot)
    .executeTakeFirst();

/** Writes the slot in one statement (insert or overwrite), so two tabs of the same editor never collide. */
export async function upsertAutosave(db: Executor, row: Omit<ContentAutosave, 'id'>): Promise<void> {
  await db
    .insertInto('content_autosaves')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['user_id', 'slot']).doUpdateSet({
        base_version: row.base_version,
        title: row.title,
        payload: row.payload,
        saved_at: row.saved_at,
      }),
    )
    .execute();
}

export async function deleteAutosave(db: Executor, userId: number, slot: string): Promise<void> {
  await db.deleteFrom('content_autosaves').where('user_id', '=', userId).where('slot', '=', slot).execute();
}

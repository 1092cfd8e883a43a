// All SQL of service cards (搜索即服务): per site, in the administrators' order.
import { type Executor, type SearchCardRow, type SearchCardsTable, sdb } from './search.tables.ts';

// ---------- service cards ----------

export const listCards = (db: Executor, siteId: number) =>
  sdb(db)
    .selectFrom('search_cards')
    .selectAll()
    .where('site_id', '=', siteId)
    .orderBy('sort')
    .orderBy('id')
    .execute() as Promise<SearchCardRow[]>;

export const findCard = (db: Executor, id: number) =>
  sdb(db).selectFrom('search_cards').selectAll().where('id', '=', id).executeTakeFirst() as Promise<
    SearchCardRow | undefined
  >;

export async function insertCard(db: Executor, row: Omit<SearchCardsTable, 'id'>): Promise<number> {
  const r = await sdb(db).insertInto('search_cards').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateCard(
  db: Executor,
  id: number,
  changes: Partial<Omit<SearchCardsTable, 'id' | 'site_id' | 'created_at'>>,
): Promise<void> {
  await sdb(db).updateTable('search_cards').set(changes).where('id', '=', id).execute();
}

export async function deleteCard(db: Executor, id: number): Promise<void> {
  await sdb(db).deleteFrom('search_cards').where('id', '=', id).execute();
}

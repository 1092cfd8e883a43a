// The names of the records audit entries point at (a user's name, a column's, an item's title), so the audit
// administrator reads “用户 张三（zh_bianji）” instead of an identity number.
import type { Db } from '../../platform/db/database.ts';

const ids = (values: string[]) => [...new Set(values.map(Number).filter((n) => Number.isSafeInteger(n) && n > 0))];

export async function userNames(db: Db, values: string[]) {
  const list = ids(values);
  if (list.length === 0) return [];
  return db.selectFrom('users').select(['id', 'display_name', 'username']).where('id', 'in', list).execute();
}

export async function departmentNames(db: Db, values: string[]) {
  const list = ids(values);
  if (list.length === 0) return [];
  return db.selectFrom('departments').select(['id', 'name']).where('id', 'in', list).execute();
}

export async function columnNames(db: Db, values: string[]) {
  const list = ids(values);
  if (list.length === 0) return [];
  return db.selectFrom('columns').select(['id', 'name']).where('id', 'in', list).execute();
}

export async function siteNames(db: Db, values: string[]) {
  const list = ids(values);
  if (list.length === 0) return [];
  return db.selectFrom('sites').select(['id', 'name']).where('id', 'in', list).execute();
}

/** Titles of items, except 涉密 ones: their title stays in the item, not in the audit administrator's list. */
export async function contentTitles(db: Db, values: string[]) {
  const list = ids(values);
  if (list.length === 0) return [];
  return db
    .selectFrom('content_items')
    .select(['id', 'title'])
    .where('id', 'in', list)
    .where('status', '!=', 'classified')
    .execute();
}

export async function datasetTitles(db: Db, values: string[]) {
  const list = ids(values);
  if (list.length === 0) return [];
  return db.selectFrom('datasets').select(['id', 'title']).where('id', 'in', list).execute();
}

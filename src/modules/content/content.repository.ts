import type { Kysely, Transaction } from 'kysely';
import type { ContentItem, Database } from '../../platform/db/schema.ts';

type Executor = Kysely<Database> | Transaction<Database>;
type ItemRow = Omit<ContentItem, 'id'>;

export async function insertItem(db: Executor, row: ItemRow): Promise<number> {
  return (await db.insertInto('content_items').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export const updateItem = (db: Executor, id: number, changes: Partial<ItemRow>) =>
  db.updateTable('content_items').set(changes).where('id', '=', id).execute();

export const findItem = (db: Executor, id: number) =>
  db.selectFrom('content_items').selectAll().where('id', '=', id).executeTakeFirst();

export async function listItems(
  db: Executor,
  siteId: number,
  filter: {
    columnId?: number;
    status?: string;
    type?: string;
    q?: string;
    createdBy?: number;
    columnIds?: number[];
    reviewState?: string;
  },
  limit: number,
  offset: number,
) {
  let q = db.selectFrom('content_items').where('site_id', '=', siteId);
  if (filter.columnId) q = q.where('column_id', '=', filter.columnId);
  if (filter.columnIds)
    q = filter.columnIds.length ? q.where('column_id', 'in', filter.columnIds) : q.where('id', '=', -1);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.type) q = q.where('type', '=', filter.type);
  if (filter.createdBy) q = q.where('created_by', '=', filter.createdBy);
  if (filter.q) q = q.where('title', 'like', `%${filter.q}%`);
  if (filter.reviewState === 'none') {
    q = q.where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('review_requests')
            .select('review_requests.id')
            .whereRef('review_requests.content_id', '=', 'content_items.id'),
        ),
      ),
    );
  } else if (filter.reviewState) {
    // The state of the item's latest submission.
    const state = filter.reviewState;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('review_requests as latest')
          .select('latest.id')
          .whereRef('latest.content_id', '=', 'content_items.id')
          .where('latest.state', '=', state)
          .where((inner) =>
            inner.not(
              inner.exists(
                inner
                  .selectFrom('review_requests as newer')
                  .select('newer.id')
                  .whereRef('newer.content_id', '=', 'latest.content_id')
                  .whereRef('newer.id', '>', 'latest.id'),
              ),
            ),
          ),
      ),
    );
  }
  const [items, count] = await Promise.all([
    q.selectAll().orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

export async function insertVersion(
  db: Executor,
  row: { content_id: number; version: number; snapshot: string; created_by: number; created_at: string; note: string },
) {
  await db.insertInto('content_versions').values(row).execute();
}

export const listVersions = (db: Executor, contentId: number) =>
  db
    .selectFrom('content_versions')
    .leftJoin('users', 'users.id', 'content_versions.created_by')
    .select([
      'content_versions.version',
      'content_versions.created_at',
      'content_versions.note',
      'users.display_name as author',
    ])
    .where('content_id', '=', contentId)
    .orderBy('version', 'desc')
    .execute();

export const findVersion = (db: Executor, contentId: number, version: number) =>
  db
    .selectFrom('content_versions')
    .selectAll()
    .where('content_id', '=', contentId)
    .where('version', '=', version)
    .executeTakeFirst();

export async function replaceExtraColumns(db: Executor, contentId: number, columnIds: number[]) {
  await db.deleteFrom('content_columns').where('content_id', '=', contentId).execute();
  if (columnIds.length)
    await db
      .insertInto('content_columns')
      .values(columnIds.map((column_id) => ({ content_id: contentId, column_id })))
      .execute();
}

export async function replaceAttachments(
  db: Executor,
  contentId: number,
  attachments: { fileId: number; name: string }[],
) {
  await db.deleteFrom('content_attachments').where('content_id', '=', contentId).execute();
  if (attachments.length) {
    await db
      .insertInto('content_attachments')
      .values(attachments.map((a, sort) => ({ content_id: contentId, file_id: a.fileId, name: a.name, sort })))
      .execute();
  }
}

export async function replacePolicyLinks(db: Executor, interpretationId: number, policyIds: number[]) {
  await db.deleteFrom('content_links').where('interpretation_id', '=', interpretationId).execute();
  if (policyIds.length) {
    await db
      .insertInto('content_links')
      .values(policyIds.map((policy_id) => ({ interpretation_id: interpretationId, policy_id })))
      .execute();
  }
}

export async function extraColumnsOf(db: Executor, contentId: number): Promise<number[]> {
  return (await db.selectFrom('content_columns').select('column_id').where('content_id', '=', contentId).execute()).map(
    (r) => r.column_id,
  );
}

export async function attachmentsOf(db: Executor, contentId: number): Promise<{ fileId: number; name: string }[]> {
  const rows = await db
    .selectFrom('content_attachments')
    .select(['file_id', 'name'])
    .where('content_id', '=', contentId)
    .orderBy('sort')
    .execute();
  return rows.map((a) => ({ fileId: a.file_id, name: a.name }));
}

/** Published leader items of a site (领导信息): their names and the posts in their fields. */
export const publishedLeaders = (db: Executor, siteId: number) =>
  db
    .selectFrom('content_items')
    .select(['title', 'fields'])
    .where('site_id', '=', siteId)
    .where('type', '=', 'leader')
    .where('status', '=', 'published')
    .execute();

/** Ids of a site's items that have a page or will have one (published, scheduled or draft). */
export async function linkableItemIds(db: Executor, siteId: number): Promise<number[]> {
  return (
    await db
      .selectFrom('content_items')
      .select('id')
      .where('site_id', '=', siteId)
      .where('status', 'in', ['published', 'scheduled', 'draft'])
      .execute()
  ).map((i) => i.id);
}

export async function policiesOf(db: Executor, interpretationId: number): Promise<number[]> {
  return (
    await db.selectFrom('content_links').select('policy_id').where('interpretation_id', '=', interpretationId).execute()
  ).map((r) => r.policy_id);
}

export async function interpretationsOf(db: Executor, policyId: number): Promise<number[]> {
  return (
    await db.selectFrom('content_links').select('interpretation_id').where('policy_id', '=', policyId).execute()
  ).map((r) => r.interpretation_id);
}

export async function countByColumn(db: Executor, siteId: number): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('content_items')
    .select(['column_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('site_id', '=', siteId)
    .groupBy('column_id')
    .execute();
  return new Map(rows.map((r) => [r.column_id, Number(r.n)]));
}

export async function indexNumbersLike(db: Executor, siteId: number, prefix: string): Promise<string[]> {
  return (
    await db
      .selectFrom('content_items')
      .select('index_no')
      .where('site_id', '=', siteId)
      .where('index_no', 'like', `${prefix}%`)
      .execute()
  )
    .map((r) => r.index_no!)
    .filter(Boolean);
}

export async function itemsByIds(db: Executor, ids: number[]) {
  return ids.length
    ? db
        .selectFrom('content_items')
        .select(['id', 'title', 'type', 'status', 'site_id'])
        .where('id', 'in', ids)
        .execute()
    : [];
}

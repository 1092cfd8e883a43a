// SQL of the service catalogue: items, the structured guides saved with each content version, the departments'
// registered numbers, the integrated thematic services (一件事), and the reads of the site's policy library and
// published items the guides link to.
import type { Kysely, Updateable } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Database } from '../../platform/db/schema.ts';
import type {
  ServiceDepartmentContactsTable,
  ServiceGuideVersionsTable,
  ServiceItemsTable,
  ServiceThemesTable,
} from './services.tables.ts';

type Q = Db | Kysely<Database>;

// ───── items ─────

export async function insertItem(db: Q, values: Omit<ServiceItemsTable, 'id'>): Promise<number> {
  const row = await db.insertInto('service_items').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export const updateItem = (db: Q, id: number, values: Updateable<ServiceItemsTable>) =>
  db.updateTable('service_items').set(values).where('id', '=', id).execute();

export const findItem = (db: Q, id: number) =>
  db.selectFrom('service_items').selectAll().where('id', '=', id).executeTakeFirst();

export const findItemByCode = (db: Q, siteId: number, code: string) =>
  db.selectFrom('service_items').selectAll().where('site_id', '=', siteId).where('code', '=', code).executeTakeFirst();

export const findItemByContent = (db: Q, contentId: number) =>
  db.selectFrom('service_items').selectAll().where('content_id', '=', contentId).executeTakeFirst();

/** A site's items (all, or only those in use), in catalogue order. */
export function listItems(db: Q, siteId: number, activeOnly: boolean) {
  let q = db.selectFrom('service_items').selectAll().where('site_id', '=', siteId);
  if (activeOnly) q = q.where('status', '=', 'active');
  return q.orderBy('sort').orderBy('code').execute();
}

export const itemsByIds = (db: Q, ids: readonly number[]) =>
  ids.length
    ? db
        .selectFrom('service_items')
        .selectAll()
        .where('id', 'in', [...ids])
        .execute()
    : Promise.resolve([]);

// ───── guide versions ─────

export async function insertGuideVersion(db: Q, values: Omit<ServiceGuideVersionsTable, 'id'>): Promise<number> {
  const row = await db.insertInto('service_guide_versions').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** The guide as last saved (the working copy). */
export const latestGuide = (db: Q, itemId: number) =>
  db
    .selectFrom('service_guide_versions')
    .selectAll()
    .where('item_id', '=', itemId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();

export const guideAtVersion = (db: Q, contentId: number, version: number) =>
  db
    .selectFrom('service_guide_versions')
    .selectAll()
    .where('content_id', '=', contentId)
    .where('content_version', '=', version)
    .executeTakeFirst();

/**
 * The published guide of each item of a site: the guide saved with the content version that publication put on
 * the public site (published_items is the public projection; a withdrawn guide has no row there).
 */
export const publishedGuides = (db: Q, siteId: number) =>
  db
    .selectFrom('service_items as i')
    .innerJoin('published_items as p', 'p.content_id', 'i.content_id')
    .innerJoin('service_guide_versions as g', (join) =>
      join.onRef('g.content_id', '=', 'p.content_id').onRef('g.content_version', '=', 'p.version'),
    )
    .select([
      'i.id as itemId',
      'p.content_id as contentId',
      'p.version as version',
      'p.pub_date as pubDate',
      'p.updated_at as updatedAt',
      'p.column_id as columnId',
      'g.data as data',
    ])
    .where('i.site_id', '=', siteId)
    .execute();

/** The state of each item's content (working version, published version, status) for the console. */
export const contentStates = (db: Q, contentIds: readonly number[]) =>
  contentIds.length
    ? db
        .selectFrom('content_items')
        .select(['id', 'version', 'published_version', 'status', 'column_id'])
        .where('id', 'in', [...contentIds])
        .execute()
    : Promise.resolve([]);

/** The newest review request of each content item (to show 审查中 / 已退回 next to a guide). */
export const latestReviews = (db: Q, contentIds: readonly number[]) =>
  contentIds.length
    ? db
        .selectFrom('review_requests')
        .select(['id', 'content_id', 'content_version', 'state', 'outcome', 'submitted_at'])
        .where('content_id', 'in', [...contentIds])
        .orderBy('id', 'desc')
        .execute()
    : Promise.resolve([]);

// ───── the policy library and published files ─────

/** Published 政策文件 of a site (the policy library a guide's 设定依据 links to). */
export const policyLibrary = (db: Q, siteId: number) =>
  db
    .selectFrom('published_items')
    .select(['content_id', 'title', 'summary', 'body_public', 'column_id', 'doc_number', 'pub_date'])
    .where('site_id', '=', siteId)
    .where('type', '=', 'policy')
    .orderBy('pub_date', 'desc')
    .execute();

/** Content items of type 政策文件 by id, published or not (to tell “withdrawn” from “unknown”). */
export const policyItems = (db: Q, ids: readonly number[]) =>
  ids.length
    ? db
        .selectFrom('content_items')
        .select(['id', 'site_id', 'title', 'type', 'status'])
        .where('id', 'in', [...ids])
        .execute()
    : Promise.resolve([]);

export const filesByIds = (db: Q, ids: readonly number[]) =>
  ids.length
    ? db
        .selectFrom('files')
        .select(['id', 'site_id', 'original_name', 'mime', 'size'])
        .where('id', 'in', [...ids])
        .execute()
    : Promise.resolve([]);

// ───── department contacts ─────

export const listContacts = (db: Q, siteId: number) =>
  db.selectFrom('service_department_contacts').selectAll().where('site_id', '=', siteId).execute();

export const findContacts = (db: Q, departmentId: number) =>
  db.selectFrom('service_department_contacts').selectAll().where('department_id', '=', departmentId).executeTakeFirst();

export const upsertContacts = (db: Q, values: ServiceDepartmentContactsTable) =>
  db
    .insertInto('service_department_contacts')
    .values(values)
    .onConflict((oc) =>
      oc.column('department_id').doUpdateSet({
        consult_phones: values.consult_phones,
        complaint_phones: values.complaint_phones,
        updated_at: values.updated_at,
      }),
    )
    .execute();

// ───── themes (一件事) ─────

export async function insertTheme(db: Q, values: Omit<ServiceThemesTable, 'id'>): Promise<number> {
  const row = await db.insertInto('service_themes').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export const updateTheme = (db: Q, id: number, values: Updateable<ServiceThemesTable>) =>
  db.updateTable('service_themes').set(values).where('id', '=', id).execute();

export const findTheme = (db: Q, id: number) =>
  db.selectFrom('service_themes').selectAll().where('id', '=', id).executeTakeFirst();

export const findThemeBySlug = (db: Q, siteId: number, slug: string) =>
  db.selectFrom('service_themes').selectAll().where('site_id', '=', siteId).where('slug', '=', slug).executeTakeFirst();

export function listThemes(db: Q, siteId: number, publishedOnly: boolean) {
  let q = db.selectFrom('service_themes').selectAll().where('site_id', '=', siteId);
  if (publishedOnly) q = q.where('status', '=', 'published');
  return q.orderBy('id').execute();
}

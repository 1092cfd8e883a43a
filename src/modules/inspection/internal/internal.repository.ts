import type { Db } from '../../../platform/db/database.ts';

export async function publishedCountByColumn(db: Db, siteId: number): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('published_items')
    .select(['column_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('site_id', '=', siteId)
    .groupBy('column_id')
    .execute();
  return new Map(rows.map((r) => [r.column_id, Number(r.n)]));
}

export async function publishedLeaders(db: Db, siteId: number) {
  const rows = await db
    .selectFrom('published_items')
    .select(['content_id', 'column_id', 'title', 'snapshot'])
    .where('site_id', '=', siteId)
    .where('type', '=', 'leader')
    .execute();
  return rows.map((r) => {
    const fields = (JSON.parse(r.snapshot) as { fields: { post?: string; resume?: string; duties?: string } }).fields;
    return {
      id: r.content_id,
      columnId: r.column_id,
      name: r.title.trim(),
      post: fields.post?.trim() ?? '',
      resume: fields.resume?.trim() ?? '',
      duties: fields.duties?.trim() ?? '',
    };
  });
}

export const publishedPolicies = (db: Db, siteId: number) =>
  db
    .selectFrom('published_items')
    .select(['content_id as id', 'column_id as columnId', 'title', 'issuing_organ as issuingOrgan'])
    .where('site_id', '=', siteId)
    .where('type', '=', 'policy')
    .orderBy('content_id')
    .execute();

/** The names a site publishes in: its sponsor (主办单位), organizer (承办单位) and the site's own name. */
export async function siteIssuers(db: Db, siteId: number): Promise<string[]> {
  const site = await db
    .selectFrom('sites')
    .select(['sponsor', 'organizer', 'name'])
    .where('id', '=', siteId)
    .executeTakeFirstOrThrow();
  return [site.sponsor, site.organizer, site.name].filter((n): n is string => Boolean(n?.trim()));
}

export async function publishedInterpretations(db: Db, siteId: number) {
  const rows = await db
    .selectFrom('published_items')
    .select(['content_id', 'column_id', 'title', 'snapshot'])
    .where('site_id', '=', siteId)
    .where('type', '=', 'interpretation')
    .orderBy('content_id')
    .execute();
  return rows.map((r) => ({
    id: r.content_id,
    columnId: r.column_id,
    title: r.title,
    form: (JSON.parse(r.snapshot) as { fields: { form?: string } }).fields.form ?? null,
  }));
}

/** Every 解读关联 of the site with whether each side is public. */
export async function interpretationLinks(db: Db, siteId: number) {
  const rows = await db
    .selectFrom('content_links')
    .innerJoin('content_items as i', 'i.id', 'content_links.interpretation_id')
    .leftJoin('published_items as pi', 'pi.content_id', 'content_links.interpretation_id')
    .leftJoin('published_items as pp', 'pp.content_id', 'content_links.policy_id')
    .select([
      'content_links.interpretation_id',
      'content_links.policy_id',
      'pi.content_id as ip',
      'pp.content_id as pp',
    ])
    .where('i.site_id', '=', siteId)
    .execute();
  return rows.map((r) => ({
    interpretationId: r.interpretation_id,
    policyId: r.policy_id,
    interpretationPublished: r.ip !== null,
    policyPublished: r.pp !== null,
  }));
}

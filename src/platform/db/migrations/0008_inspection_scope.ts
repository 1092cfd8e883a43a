// Frozen once shipped. Manual inspection findings belong to a site of the platform (or, recorded by an
// inspector of every site, to none): a site administrator sees and records findings only for their own
// site, and a site's findings count only in that site's runs. Findings recorded before keep site_id null.
// (inspection_runs.status is a plain varchar(16): the new 'cancelled' status needs no change.)
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('inspection_manual_findings')
    .addColumn('site_id', 'integer', (c) => c.references('sites.id'))
    .execute();
  await db.schema
    .createIndex('inspection_manual_findings_target')
    .on('inspection_manual_findings')
    .columns(['target_url', 'site_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('The inspection scope migration cannot be reverted');
}

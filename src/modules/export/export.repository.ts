// The export's SQL: the site's published files, and who is told about tampering.
import type { Db } from '../../platform/db/database.ts';

/** Every file of the site that is public (attached to or shown in a published item), by id. */
export async function publishedFiles(db: Db, siteId: number): Promise<{ id: number; original_name: string }[]> {
  return db
    .selectFrom('published_files')
    .innerJoin('files', 'files.id', 'published_files.file_id')
    .select(['files.id', 'files.original_name'])
    .where('files.site_id', '=', siteId)
    .distinct()
    .orderBy('files.id')
    .execute();
}

/** Active security administrators (安全管理员) of the site or of every site. */
export async function securityAdmins(db: Db, siteId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('user_roles')
    .innerJoin('users', 'users.id', 'user_roles.user_id')
    .select('users.id')
    .where('user_roles.role', '=', 'sec_admin')
    .where((eb) => eb.or([eb('user_roles.site_id', 'is', null), eb('user_roles.site_id', '=', siteId)]))
    .where('users.disabled', '=', 0)
    .distinct()
    .orderBy('users.id')
    .execute();
  return rows.map((r) => r.id);
}

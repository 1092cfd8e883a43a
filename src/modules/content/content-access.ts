// Need-to-know for items not (or not yet) public. A working copy is seen by its department (the item's, and the
// department of each submission, whose 审核人 and 分管领导 are on its review path), its author, and the 保密审查员
// when it was sent to them; nobody else — not other departments' editors, not the site administrator of another
// department, never the system, security or audit administrators (they hold no content role). A 涉密 item's body
// (and its versions and files) is seen only by its department's 分管领导 and the 保密审查员.
import type { ContentItem, StoredFile } from '../../platform/db/schema.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { can, type Role } from '../../platform/auth/roles.ts';
import type { AuthContext } from '../auth/auth.service.ts';
import * as repo from './content.repository.ts';

/** Roles that work on a site's content: the only ones that see any working copy at all. */
export const CONTENT_ROLES: readonly Role[] = ['editor', 'site_admin', 'reviewer', 'leader', 'secrecy_reviewer'];

/** Whether the staff member works on this site's content (a content role there). */
export function worksOnContent(auth: AuthContext, siteId: number): boolean {
  return auth.grants.some((g) => CONTENT_ROLES.includes(g.role) && (g.siteId === null || g.siteId === siteId));
}

/** The roles that make a staff member part of their department's publishing (the 保密审查员 is not: see above). */
const DEPARTMENT_ROLES: readonly Role[] = ['editor', 'site_admin', 'reviewer', 'leader'];

export function visibilityOf(auth: AuthContext, siteId: number): repo.Visibility {
  const inDepartment = auth.grants.some(
    (g) => DEPARTMENT_ROLES.includes(g.role) && (g.siteId === null || g.siteId === siteId),
  );
  return {
    userId: auth.userId,
    departmentId: inDepartment ? auth.departmentId : null,
    secrecyReviewer: can(auth.grants, 'content.secrecy', siteId),
  };
}

/** May see the item's working copy (title, state, fields); a 涉密 item's body is checked apart. */
export async function mayRead(db: Db, auth: AuthContext, item: ContentItem): Promise<boolean> {
  if (!worksOnContent(auth, item.site_id)) return false;
  return repo.isVisible(db, item.id, visibilityOf(auth, item.site_id));
}

/** A 涉密 item's body: its department's 分管领导 and the site's 保密审查员 only. */
export function mayReadSecretBody(auth: AuthContext, item: ContentItem): boolean {
  if (can(auth.grants, 'content.secrecy', item.site_id)) return true;
  return (
    can(auth.grants, 'content.approve', item.site_id) &&
    auth.departmentId !== null &&
    auth.departmentId === item.department_id
  );
}

/** Refuses unless the staff member may read the item's working copy and, for a 涉密 item, its body. */
export async function assertMayReadBody(db: Db, auth: AuthContext, item: ContentItem): Promise<void> {
  if (!(await mayRead(db, auth, item))) throw new AppError('CONTENT_NOT_READABLE');
  if (item.status === 'classified' && !mayReadSecretBody(auth, item)) throw new AppError('CONTENT_SECRET_BODY');
}

/**
 * An unpublished file: its uploader (while working on the site's content), or whoever may read the body of an
 * item that uses it. Never the three administrators.
 */
export async function mayReadFile(
  db: Db,
  auth: AuthContext,
  file: Pick<StoredFile, 'id' | 'site_id' | 'created_by'>,
): Promise<boolean> {
  if (!worksOnContent(auth, file.site_id)) return false;
  const users = await repo.itemsUsingFile(db, file.id);
  for (const item of users) {
    if (item.status === 'classified' && !mayReadSecretBody(auth, item)) continue;
    if (await mayRead(db, auth, item)) return true;
  }
  // The uploader sees a file no readable item uses yet (just uploaded); a 涉密 item's file stays closed.
  return file.created_by === auth.userId && !users.some((i) => i.status === 'classified');
}

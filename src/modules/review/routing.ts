// Who may take the step a request waits in. A step belongs to a group, never to one person: the department's
// 审核人 (or 分管领导) — any member may act — or every 保密审查员 of the site. The submitter and the item's author
// are never in it. When the group is empty (the submitter is the department's only reviewer), the step goes
// to the reviewer the site administrator designated for that department and step; no level is skipped. A
// site administrator may also reassign a waiting step to one named person.
import type { Kysely, Transaction } from 'kysely';
import type { Database, ReviewRequest } from '../../platform/db/schema.ts';
import * as repo from './review.repository.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export const STEP_GROUPS = {
  secrecy_review: { role: 'secrecy_reviewer', step: 'secrecy', roleName: '保密审查员', anyDepartment: true },
  dept_review: { role: 'reviewer', step: 'dept', roleName: '审核人', anyDepartment: false },
  leader_review: { role: 'leader', step: 'leader', roleName: '分管领导', anyDepartment: false },
} as const;
export type WaitingState = keyof typeof STEP_GROUPS;

export const isWaiting = (state: string): state is WaitingState => state in STEP_GROUPS;

/** How the step reached the people who may take it. */
export type RouteKind = 'group' | 'designate' | 'assigned' | 'none';

export interface StepRoute {
  kind: RouteKind;
  userIds: number[];
  names: string[];
}

/** The people who may take the request's current step, and how they were chosen. */
export async function routeOf(
  db: Executor,
  request: Pick<ReviewRequest, 'id' | 'site_id' | 'department_id' | 'state' | 'submitted_by'>,
  creatorId: number,
): Promise<StepRoute> {
  if (!isWaiting(request.state)) return { kind: 'none', userIds: [], names: [] };
  const group = STEP_GROUPS[request.state];
  const excluded = [request.submitted_by, creatorId];
  const named = async (kind: RouteKind, userIds: number[]): Promise<StepRoute> => {
    const names = await repo.userNames(db, userIds);
    return { kind, userIds, names: userIds.map((id) => names.get(id) ?? `#${id}`) };
  };
  const assigned = await repo.assignedTo(db, request.id, request.state);
  if (assigned !== null && !excluded.includes(assigned)) return named('assigned', [assigned]);
  const members = await repo.staffWithRole(
    db,
    request.site_id,
    group.role,
    group.anyDepartment ? null : request.department_id,
    excluded,
  );
  if (members.length) return named('group', members);
  if (!group.anyDepartment) {
    const designate = await repo.designateOf(db, request.site_id, request.department_id, group.step);
    if (designate && !designate.disabled && !excluded.includes(designate.user_id))
      return named('designate', [designate.user_id]);
  }
  return { kind: 'none', userIds: [], names: [] };
}

/** What the submitter is told about where the step went. */
export function routeText(state: string, route: StepRoute): string {
  if (!isWaiting(state)) return '';
  const { roleName } = STEP_GROUPS[state];
  const who = route.names.join('、');
  switch (route.kind) {
    case 'group':
      return `已送${roleName}（${who}，任一人可办理）`;
    case 'designate':
      return `本部门没有其他${roleName}，已送站点管理员指定的${roleName}${who}`;
    case 'assigned':
      return `已由站点管理员改派给${who}`;
    case 'none':
      return `本部门暂无其他${roleName}可以办理，已通知站点管理员指定或改派`;
  }
}

// Reminders of the release review in the staff's bell: whoever can take the next step is told that an item
// waits for them (linking to the review page), and the submitter learns the result. A “waiting for you”
// reminder disappears once the step is taken, by them or by a colleague. Written in the review's transaction.
import type { ReviewRequest } from '../../platform/db/schema.ts';
import type { Db } from '../../platform/db/database.ts';
import { findDepartment } from '../departments/departments.repository.ts';
import type { DutyService } from '../duty/duty.service.ts';
import * as repo from './review.repository.ts';
import { serialText as serialOf } from './review.presenter.ts';

/** The duty module keeps the staff's reminders; the review writes its own through it. */
type Notices = Pick<DutyService, 'notifyOnce' | 'dropNotices'>;

const WAITING: Record<string, { role: string; step: string; anyDepartment: boolean }> = {
  secrecy_review: { role: 'secrecy_reviewer', step: '保密审查', anyDepartment: true },
  dept_review: { role: 'reviewer', step: '审查（工作机构或人员审查）', anyDepartment: false },
  leader_review: { role: 'leader', step: '审批（分管领导审批）', anyDepartment: false },
};

export const waitingPrefix = (requestId: number) => `review-waiting:${requestId}:`;

/** Links of the console (stored with the /admin prefix, as the bell expects). */
export const reviewLink = (r: Pick<ReviewRequest, 'id' | 'content_id'>) =>
  `/admin/inbox/${r.id}?content=${r.content_id}`;

/**
 * After a request entered `request.state` at `at`: drops the previous step's “waiting” reminders and writes
 * the new ones (or the result for the submitter). `creatorId` is the item's author, who can never decide either.
 */
export async function notifyReviewState(
  trx: Db,
  notices: Notices,
  request: ReviewRequest,
  at: string,
  opts: { creatorId: number; decidedBy?: string; opinion?: string },
): Promise<void> {
  await notices.dropNotices(trx, request.site_id, waitingPrefix(request.id));
  const waiting = WAITING[request.state];
  if (waiting) {
    const department = await findDepartment(trx, request.department_id);
    const users = await repo.staffWithRole(
      trx,
      request.site_id,
      waiting.role,
      waiting.anyDepartment ? null : request.department_id,
      [request.submitted_by, opts.creatorId],
    );
    for (const userId of users) {
      await notices.notifyOnce(trx, {
        site_id: request.site_id,
        user_id: userId,
        department_id: null,
        kind: 'review-waiting',
        dedupe_key: `${waitingPrefix(request.id)}${request.state}:${userId}:${at}`,
        title: `待您审查：${request.title}`,
        body: `${department?.name ?? ''}提交的“${request.title}”（登记序号 ${serialOf(request)}）等待您${waiting.step}。`,
        link: reviewLink(request),
        created_at: at,
      });
    }
    return;
  }
  const result: Record<string, { title: string; body: string } | undefined> = {
    rejected: {
      title: `被退回：${request.title}`,
      body: `${opts.decidedBy ?? '审查人'}不同意发布（登记序号 ${serialOf(request)}）：${opts.opinion ?? ''}。请修改后重新提交。`,
    },
    approved: {
      title: `审查同意：${request.title}`,
      body: `“${request.title}”（登记序号 ${serialOf(request)}）已经分管领导审批同意，按发布形式处理。`,
    },
    closed: {
      title: `涉密不发布：${request.title}`,
      body: `“${request.title}”（登记序号 ${serialOf(request)}）经审查属于涉密信息，不得在网站发布。`,
    },
  };
  const r = result[request.state];
  if (!r || !opts.decidedBy) return; // The submitter's own 涉密=是 at submission needs no reminder.
  await notices.notifyOnce(trx, {
    site_id: request.site_id,
    user_id: request.submitted_by,
    department_id: null,
    kind: 'review-result',
    dedupe_key: `review-result:${request.id}:${request.state}`,
    title: r.title,
    body: r.body,
    link: `/admin/content/${request.content_id}`,
    created_at: at,
  });
}

// Chinese labels and tag colours of the release review (附件3).
import type { ReleaseForm, ReviewState, SecretAnswer } from '../../../../src/modules/review/review.schema.ts';

export const STATE_COLORS: Record<ReviewState, string> = {
  secrecy_review: 'purple',
  dept_review: 'processing',
  leader_review: 'blue',
  approved: 'success',
  rejected: 'warning',
  closed: 'error',
};

/** The states in which a submission still waits for a decision. */
export const OPEN_STATES: readonly ReviewState[] = ['secrecy_review', 'dept_review', 'leader_review'];

/** The review states as the server names them (STATE_NAMES), in workflow order, for filters. */
export const REVIEW_STATE_OPTIONS: { value: ReviewState; label: string }[] = [
  { value: 'secrecy_review', label: '待保密审查' },
  { value: 'dept_review', label: '待工作机构审查' },
  { value: 'leader_review', label: '待分管领导审批' },
  { value: 'approved', label: '已同意' },
  { value: 'rejected', label: '已退回' },
  { value: 'closed', label: '涉密不发布' },
];

export const OUTCOME_COLORS: Record<string, string> = {
  审查中: 'processing',
  同意: 'success',
  不同意: 'warning',
  涉密不发布: 'error',
};

export const SECRET_HELP: Record<SecretAnswer, string> = {
  是: '涉密信息一律不得在网站发布：提交后登记为“涉密不发布”，此信息以后也不能再编辑或发布。',
  否: '不涉密：依次由工作机构（审核人）审查、分管领导审批，同意后发布。',
  不明确: '是否涉密不明确：先送保密审查员进行保密审查，确认不涉密后再进入工作机构审查。',
};

export const RELEASE_HELP: Record<ReleaseForm, string> = {
  网站公开: '审批同意后在网站公开全文。',
  依申请提供: '网站只公开目录信息（标题等），全文依申请提供。',
  其他: '审批同意后不在网站发布。',
};

// Stored review rows (review_requests, review_steps) → the views of submissions, the inbox and the register.
import type { ReviewRequest, ReviewStep as ReviewStepRow } from '../../platform/db/schema.ts';
import type { ContentStatus, ContentType } from '../content/content-types.ts';
import type { CheckResult } from '../prepublish/prepublish.schema.ts';
import {
  REVIEW_STATES,
  REVIEW_STEPS,
  type DecideResult,
  type InboxRow,
  type RegisterColumnBox,
  type RegisterOpinion,
  type RegisterRow,
  type ReleaseForm,
  type ReviewHistoryEntry,
  type ReviewOutcome,
  type ReviewRecord,
  type ReviewRequestView,
  type ReviewState,
  type ReviewStep,
  type ReviewStepView,
  type SecretAnswer,
  type StepDecision,
  type SubmitResult,
} from './review.schema.ts';

/** 2026-0001: the year and the register's 序号 of a submission. */
export const serialText = (r: Pick<ReviewRequest, 'year' | 'serial'>) =>
  `${r.year}-${String(r.serial).padStart(4, '0')}`;

export const stateName = (state: string) => REVIEW_STATES[state as ReviewState] ?? state;

/** The form's fields of a stored request, typed as the enumerations they were validated against. */
function formOf(r: ReviewRequest) {
  return {
    state: r.state as ReviewState,
    stateName: stateName(r.state),
    outcome: r.outcome as ReviewOutcome,
    secret: r.secret as SecretAnswer,
    releaseForm: r.release_form as ReleaseForm,
  };
}

export const toStepView = (s: ReviewStepRow): ReviewStepView => ({
  step: s.step as ReviewStep,
  stepName: REVIEW_STEPS[s.step as ReviewStep],
  decision: s.decision as StepDecision,
  opinion: s.opinion,
  actorName: s.actor_name,
  decidedAt: s.decided_at,
  secret: s.secret as SecretAnswer | null,
});

export const toSubmitResult = (r: ReviewRequest): SubmitResult => {
  const { state, stateName: name, outcome } = formOf(r);
  return { id: r.id, serial: serialText(r), state, stateName: name, outcome };
};

export const toDecideResult = (r: ReviewRequest): DecideResult => {
  const { state, stateName: name, outcome } = formOf(r);
  return { id: r.id, state, stateName: name, outcome };
};

/** A request with its steps, as the item's history holds it. */
export type RequestWithSteps = ReviewRequest & { steps: ReviewStepRow[] };

export const toReviewRecord = (r: RequestWithSteps): ReviewRecord => ({
  id: r.id,
  serial: serialText(r),
  ...formOf(r),
  submittedAt: r.submitted_at,
  version: r.content_version,
  checkReport: JSON.parse(r.check_report) as CheckResult,
  confirmedFindings: JSON.parse(r.confirmed_findings) as string[],
  steps: r.steps.map(toStepView),
});

const toHistoryEntry = (h: ReviewRequest): ReviewHistoryEntry => {
  const { state, stateName: name, outcome } = formOf(h);
  return {
    id: h.id,
    serial: serialText(h),
    state,
    stateName: name,
    outcome,
    submittedAt: h.submitted_at,
    closedAt: h.closed_at,
    version: h.content_version,
  };
};

/** A request with the names the console shows (review.repository's requestsWithNames). */
export type NamedRequest = ReviewRequest & {
  content_type: string;
  content_status: string;
  submitter_name: string;
  department_name: string;
  column_name: string;
};

export const toInboxRow = (r: NamedRequest): InboxRow => {
  const { state, stateName: name, secret, releaseForm } = formOf(r);
  return {
    id: r.id,
    contentId: r.content_id,
    serial: serialText(r),
    title: r.title,
    state,
    stateName: name,
    department: r.department_name,
    column: r.column_name,
    submitter: r.submitter_name,
    submittedAt: r.submitted_at,
    secret,
    releaseForm,
    contentType: r.content_type as ContentType,
  };
};

export function toReviewRequestView(
  r: NamedRequest,
  history: RequestWithSteps[],
  mayDecide: boolean,
): ReviewRequestView {
  const steps = history.find((h) => h.id === r.id)?.steps ?? [];
  return {
    id: r.id,
    siteId: r.site_id,
    contentId: r.content_id,
    contentType: r.content_type as ContentType,
    contentStatus: r.content_status as ContentStatus,
    version: r.content_version,
    serial: serialText(r),
    title: r.title,
    department: r.department_name,
    column: r.column_name,
    submitter: r.submitter_name,
    submittedBy: r.submitted_by,
    submittedAt: r.submitted_at,
    closedAt: r.closed_at,
    ...formOf(r),
    mayDecide,
    checkReport: JSON.parse(r.check_report) as CheckResult,
    confirmedFindings: JSON.parse(r.confirmed_findings) as string[],
    steps: steps.map(toStepView),
    history: history.map(toHistoryEntry),
  };
}

const BOXED: readonly RegisterColumnBox[] = ['部门动态', '通知公告', '便民信息', '最多跑一次改革'];

/** A register row: the request and the last decision of each step (a step taken again replaces the earlier). */
export function toRegisterRow(
  r: ReviewRequest & { department_name: string; column_name: string; submitter_name: string },
  steps: ReviewStepRow[],
): RegisterRow {
  const last = (step: ReviewStep): RegisterOpinion | null => {
    const found = steps.filter((s) => s.request_id === r.id && s.step === step).pop();
    return found
      ? {
          decision: found.decision as StepDecision,
          opinion: found.opinion,
          name: found.actor_name,
          at: found.decided_at,
        }
      : null;
  };
  return {
    id: r.id,
    contentId: r.content_id,
    year: r.year,
    serial: r.serial,
    serialText: serialText(r),
    department: r.department_name,
    title: r.title,
    secret: r.secret as SecretAnswer,
    releaseForm: r.release_form as ReleaseForm,
    column: r.column_name,
    columnBox: BOXED.includes(r.column_name as RegisterColumnBox) ? (r.column_name as RegisterColumnBox) : '其他',
    submitter: r.submitter_name,
    submittedAt: r.submitted_at,
    state: r.state as ReviewState,
    stateName: stateName(r.state),
    outcome: r.outcome as ReviewOutcome,
    secrecy: last('secrecy'),
    dept: last('dept'),
    leader: last('leader'),
  };
}

// Application rows, events and clocks → API views.
import type { ClockState } from '../../platform/calendar/statutory-clock.ts';
import { shanghaiDate } from '../../platform/time.ts';
import type {
  ServiceApplicationEventRow,
  ServiceApplicationRow,
  ServiceRatingRow,
  ServiceRectificationRow,
} from './services.tables.ts';
import type {
  ApplicationSummary,
  DeadlineView,
  EventView,
  RatingView,
  RectificationView,
} from './applications.schema.ts';
import { type ApplicationClocks, currentDeadline } from './application-clock.ts';
import {
  ACTION_NAMES,
  type ApplicationAction,
  type ApplicationState,
  levelName,
  RECTIFICATION_STATE_NAMES,
  type RectificationState,
  STATE_NAMES,
} from './service-types.ts';

export function deadlineView(kind: string, s: ClockState): DeadlineView {
  return {
    kind,
    due: s.due,
    dueAt: s.dueAt,
    daysUsed: s.daysUsed,
    daysLeft: s.daysLeft,
    limit: s.limit,
    overdue: s.overdue,
    paused: s.paused,
    completed: s.completed,
    estimated: s.estimated,
  };
}

export interface SummaryFacts {
  itemName: string;
  itemCode: string;
  departmentName: string;
  bundleReceiptNo: string | null;
  clocks: ApplicationClocks;
  ratingLevel: number | null;
}

export function toSummary(app: ServiceApplicationRow, facts: SummaryFacts): ApplicationSummary {
  const current = currentDeadline(app, facts.clocks);
  return {
    id: app.id,
    siteId: app.site_id,
    receiptNo: app.receipt_no,
    bundleReceiptNo: facts.bundleReceiptNo,
    itemId: app.item_id,
    itemName: facts.itemName,
    itemCode: facts.itemCode,
    departmentId: app.department_id,
    departmentName: facts.departmentName,
    applicantName: app.applicant_name,
    state: app.state as ApplicationState,
    stateName: STATE_NAMES[app.state as ApplicationState] ?? app.state,
    submittedAt: app.submitted_at,
    acceptedAt: app.accepted_at,
    completedAt: app.completed_at,
    outcome: app.outcome,
    deadline: current ? deadlineView(current.kind, current.state) : null,
    escalated: app.escalated_at !== null,
    ratingLevel: facts.ratingLevel,
  };
}

export function parseDetail(json: string): { missing?: string[] } {
  try {
    return JSON.parse(json) ?? {};
  } catch {
    return {};
  }
}

export function toEventView(e: ServiceApplicationEventRow): EventView {
  return {
    id: e.id,
    action: e.action,
    actionName: ACTION_NAMES[e.action as ApplicationAction] ?? e.action,
    fromState: e.from_state,
    toState: e.to_state,
    note: e.note,
    missing: parseDetail(e.detail).missing ?? [],
    actorKind: e.actor_kind,
    actorName: e.actor_name,
    at: e.at,
  };
}

export const toRatingView = (r: ServiceRatingRow): RatingView => ({
  id: r.id,
  applicationId: r.application_id,
  level: r.level,
  levelName: levelName(r.level),
  comment: r.comment,
  ratedAt: r.rated_at,
});

export function toRectificationView(
  r: ServiceRectificationRow,
  facts: {
    rating: ServiceRatingRow;
    departmentName: string;
    application: { id: number; receiptNo: string; itemName: string };
    today: string;
  },
): RectificationView {
  return {
    id: r.id,
    ratingId: r.rating_id,
    siteId: r.site_id,
    departmentId: r.department_id,
    departmentName: facts.departmentName,
    application: facts.application,
    rating: toRatingView(facts.rating),
    state: r.state as RectificationState,
    stateName: RECTIFICATION_STATE_NAMES[r.state as RectificationState] ?? r.state,
    dueOn: r.due_on,
    overdue:
      r.state === 'open' ? facts.today > r.due_on : r.rectified_at ? shanghaiDate(r.rectified_at) > r.due_on : false,
    measures: r.measures,
    rectifiedAt: r.rectified_at,
    rectifiedBy: r.rectified_by,
    revisitResult: r.revisit_result,
    revisitNote: r.revisit_note,
    revisitedAt: r.revisited_at,
    revisitedBy: r.revisited_by,
    createdAt: r.created_at,
  };
}

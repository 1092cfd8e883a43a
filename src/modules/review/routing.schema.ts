// The review's routing on the wire: items waiting in a step (for the site administrator, with who may take
// them and for how long they have waited), reassigning a step, and the designated reviewers per department.
import { Type, type Static } from '@fastify/type-provider-typebox';
import { Nullable, StringEnum } from '../../platform/schemas.ts';
import { OPEN_STATES, REVIEW_STATES, type ReviewState } from './review.schema.ts';

export const ROUTE_KINDS = ['group', 'designate', 'assigned', 'none'] as const;
export const DESIGNATE_STEPS = ['dept', 'leader'] as const;
export type DesignateStep = (typeof DESIGNATE_STEPS)[number];

export const WaitingItem = Type.Object({
  id: Type.Integer(),
  contentId: Type.Integer(),
  serial: Type.String(),
  title: Type.String(),
  department: Type.String(),
  departmentId: Type.Integer(),
  submitter: Type.String(),
  state: StringEnum(OPEN_STATES as unknown as [ReviewState, ...ReviewState[]]),
  stateName: Type.String(),
  /** ISO UTC: when the request entered this step. */
  waitingSince: Type.String(),
  waitingHours: Type.Number(),
  /** group: any member may act; designate: the designated reviewer; assigned: reassigned; none: nobody can. */
  route: StringEnum(ROUTE_KINDS),
  /** Who may take the step now. */
  deciders: Type.Array(Type.String()),
  escalatedAt: Nullable(Type.String()),
  /** Nobody can take it, or it has waited longer than the escalation time. */
  stuck: Type.Boolean(),
});
export type WaitingItem = Static<typeof WaitingItem>;

export const WaitingList = Type.Object({
  items: Type.Array(WaitingItem),
  escalateHours: Type.Integer(),
});
export type WaitingList = Static<typeof WaitingList>;

export const ReassignBody = Type.Object(
  {
    userId: Type.Integer({ minimum: 1, description: '改派给（须有该环节的角色，不能是提交人）' }),
    reason: Type.String({ minLength: 2, maxLength: 300, description: '改派原因' }),
  },
  { additionalProperties: false },
);
export type ReassignBody = Static<typeof ReassignBody>;

export const ReassignResult = Type.Object({ routedTo: Type.String() });
export type ReassignResult = Static<typeof ReassignResult>;

export const Designate = Type.Object({
  departmentId: Type.Integer(),
  department: Type.String(),
  step: StringEnum(DESIGNATE_STEPS),
  userId: Type.Integer(),
  name: Type.String(),
  designatedAt: Type.String(),
});
export type Designate = Static<typeof Designate>;

export const DesignateBody = Type.Object(
  {
    departmentId: Type.Integer({ minimum: 1 }),
    step: StringEnum(DESIGNATE_STEPS, { description: 'dept：审核人；leader：分管领导' }),
    userId: Nullable(Type.Integer({ minimum: 1 }), { description: '为空时取消指定' }),
  },
  { additionalProperties: false },
);
export type DesignateBody = Static<typeof DesignateBody>;

/** A staff member who may be designated or assigned: holds the step's role on the site. */
export const Candidate = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  department: Nullable(Type.String()),
  roles: Type.Array(Type.String()),
});
export type Candidate = Static<typeof Candidate>;

export const stateName = (state: string) => REVIEW_STATES[state as ReviewState] ?? state;

// Rows → API views of messages, replies and the handling trail.
import type { ClockState } from '../../platform/calendar/statutory-clock.ts';
import type { Message, MessageEvent, MessageReply } from './interaction.tables.ts';
import { CHANNEL_NAMES, type Channel } from './policy.ts';
import { CITIZEN_STATE_NAMES, type MessageClocks, type MessageState, STATE_NAMES, vetoLine } from './deadlines.ts';
import type { CitizenMessageView, Deadline, MessageStaffView, ReplyView } from './interaction.schema.ts';

export const REPLY_STATE_NAMES: Record<string, string> = {
  draft: '草稿',
  in_review: '审核中',
  approved: '已审核通过',
  returned: '已退回修改',
};

export const EVENT_NAMES: Record<string, string> = {
  submit: '提交留言',
  route: '按规则分办',
  assign: '分办',
  transfer: '转办',
  return: '退回分办',
  invalid: '认定无效留言',
  sign: '签收',
  draft: '拟写答复',
  'reply-submit': '提交答复审核',
  'reply-approved': '答复审核通过',
  'reply-returned': '答复被退回',
  rate: '评价',
  second: '申请二次办理',
  remind: '临期提醒',
  escalate: '超期督办',
  import: '导入',
  close: '办结',
  release: '审核通过（匿名纠错）',
  publish: '公开',
  withdraw: '撤销公开',
};

type Attachments = { fileId: number; name: string }[];

export const attachmentsOf = (m: Pick<Message, 'attachments'>): Attachments => JSON.parse(m.attachments) as Attachments;

export function deadlineView(c: ClockState): Deadline {
  return {
    due: c.due,
    dueAt: c.dueAt,
    overdue: c.overdue,
    daysLeft: c.daysLeft,
    completed: c.completed,
    estimated: c.estimated,
  };
}

export function staffView(
  m: Message,
  clocks: MessageClocks,
  extra: { departmentName: string | null; submitter: string; publicUrl: string | null },
): MessageStaffView {
  return {
    id: m.id,
    siteId: m.site_id,
    trackingNo: m.tracking_no,
    channel: m.channel,
    channelName: CHANNEL_NAMES[m.channel as Channel] ?? m.channel,
    category: m.category,
    state: m.state,
    stateName: STATE_NAMES[m.state as MessageState] ?? m.state,
    held: m.held === 1,
    title: m.title,
    body: m.body,
    pageUrl: m.page_url,
    attachments: attachmentsOf(m).map((a) => ({
      ...a,
      url: `/api/messages/${m.id}/attachments/${a.fileId}`,
    })),
    publishConsent: m.publish_consent === 1,
    contactPreference: m.contact_preference,
    submitter: extra.submitter,
    departmentId: m.department_id,
    departmentName: extra.departmentName,
    round: m.round,
    receivedAt: m.received_at,
    assignedAt: m.assigned_at,
    signedAt: m.signed_at,
    repliedAt: m.replied_at,
    closedAt: m.closed_at,
    invalidReason: m.invalid_reason,
    rating: m.rating,
    ratingComment: m.rating_comment,
    secondReason: m.second_reason,
    publishedAt: m.published_at,
    publicUrl: extra.publicUrl,
    deadlines: {
      sign: deadlineView(clocks.sign),
      reply: deadlineView(clocks.reply),
      target: deadlineView(clocks.target),
      close: clocks.close
        ? {
            due: clocks.close.due,
            dueAt: clocks.close.dueAt,
            overdue: clocks.close.overdue,
            daysLeft: 0,
            completed: clocks.close.completed,
            estimated: clocks.close.estimated,
          }
        : null,
    },
    unansweredDays: clocks.unansweredDays,
    vetoLineAt: vetoLine(m.received_at),
  };
}

export function replyView(r: MessageReply, departmentName: string, reviewState: string | null): ReplyView {
  return {
    id: r.id,
    round: r.round,
    departmentId: r.department_id,
    departmentName,
    body: r.body,
    excerptTitle: r.excerpt_title,
    excerptBody: r.excerpt_body,
    publish: r.publish === 1,
    state: r.state,
    stateName: REPLY_STATE_NAMES[r.state] ?? r.state,
    contentId: r.content_id,
    reviewRequestId: r.review_request_id,
    reviewState,
    returnOpinion: r.return_opinion,
    submittedAt: r.submitted_at,
    approvedAt: r.approved_at,
    updatedAt: r.updated_at,
  };
}

export function eventView(e: MessageEvent, names: Map<number, string>) {
  return {
    action: e.action,
    actionName: EVENT_NAMES[e.action] ?? e.action,
    actorName: e.actor_name,
    fromDepartment: e.from_department_id === null ? null : (names.get(e.from_department_id) ?? null),
    toDepartment: e.to_department_id === null ? null : (names.get(e.to_department_id) ?? null),
    note: e.note,
    at: e.at,
  };
}

export function citizenView(
  m: Message,
  clocks: MessageClocks,
  replies: { round: number; departmentName: string; body: string; repliedAt: string }[],
  publicUrl: string | null,
): CitizenMessageView {
  const replied = m.state === 'replied' || m.state === 'closed';
  const roundRated = m.rated_at !== null && (m.round === 1 || (m.second_requested_at ?? '') < m.rated_at);
  return {
    id: m.id,
    trackingNo: m.tracking_no,
    channel: m.channel,
    category: m.category,
    title: m.title,
    body: m.body,
    pageUrl: m.page_url,
    attachments: attachmentsOf(m),
    status: CITIZEN_STATE_NAMES[m.state as MessageState] ?? m.state,
    receivedAt: m.received_at,
    replyDue: deadlineView(clocks.reply),
    replies,
    invalidReason: m.invalid_reason,
    rating: m.rating,
    ratingComment: m.rating_comment,
    canRate: replied && m.channel === 'board' && !roundRated,
    canAskSecond: replied && m.channel === 'board' && m.rating === '不满意' && m.round === 1 && roundRated,
    secondRequested: m.second_requested_at !== null,
    publishConsent: m.publish_consent === 1,
    publicUrl,
  };
}

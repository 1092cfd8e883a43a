// Stored applications → the views of the console and the user space. Personal fields arrive decrypted (the service
// holds the key); the clock arrives computed from the calendar of the moment.
import type { ClockState } from '../../platform/calendar/statutory-clock.ts';
import type { DisclosureApplication, DisclosureConsultation, DisclosureEvent } from './disclosure.tables.ts';
import type { NoticeDelivery } from '../citizens/notices.service.ts';
import { shanghaiDate } from '../../platform/time.ts';
import {
  type ApplicantType,
  type Channel,
  type DeliveryForm,
  type DeliveryMethod,
  type Disposition,
  type FeeMethod,
  type IdType,
  type Status,
  STATUSES,
  applicantTypeLabel,
  dispositionName,
  serialText,
} from './disclosure-rules.ts';
import type { ApplicationDetail, ApplicationSummary } from './disclosure.schema.ts';

export interface PersonalFields {
  name: string;
  idNumber: string;
  contactPerson: string | null;
  phone: string;
  email: string | null;
  address: string | null;
}

export const EVENT_LABELS: Record<string, string> = {
  submitted: '提交申请（网上）',
  registered: '登记收到申请',
  correction: '发出补正通知',
  corrected: '申请人补正',
  extension: '延长答复期限',
  consultation: '征求第三方意见',
  consultation_reply: '收到第三方意见',
  fee_notice: '发出收费通知',
  fee_paid: '缴纳信息处理费',
  answered: '作出答复',
};

const clockView = (c: ClockState) => ({
  receivedOn: c.receivedOn,
  startsCounting: c.startsCounting,
  limit: c.limit,
  due: c.due,
  daysUsed: c.daysUsed,
  daysLeft: c.daysLeft,
  overdue: c.overdue,
  paused: c.paused,
  completed: c.completed,
  estimated: c.estimated,
});

/** What the staff must do next, in words. */
export function nextStep(app: DisclosureApplication, clock: ClockState, correctionUntil: string | null, today: string) {
  switch (app.status as Status) {
    case 'answered':
      return `已于 ${shanghaiDate(app.answered_at!)} 答复`;
    case 'correction':
      return today > app.correction_deadline!
        ? `补正期限（${app.correction_deadline}）已过，可按“逾期不补正”办结`
        : `等待申请人补正（期限 ${app.correction_deadline}）`;
    case 'consultation':
      return '等待第三方意见，期间不计入答复期限';
    case 'fee':
      return today > app.fee_deadline!
        ? `缴费期限（${app.fee_deadline}）已过，可按“逾期未缴费”办结`
        : `等待缴纳信息处理费（期限 ${app.fee_deadline}），期间不计入答复期限`;
    default: {
      const due = clock.due
        ? `答复期限 ${clock.due}${clock.overdue ? '（已超期）' : `，剩余 ${clock.daysLeft} 个工作日`}`
        : '';
      return correctionUntil ? `如需补正，须于 ${correctionUntil} 前发出通知；${due}` : due;
    }
  }
}

export function toSummary(
  app: DisclosureApplication,
  name: string,
  clock: ClockState,
  next: string,
): ApplicationSummary {
  const disposition = app.disposition as Disposition | null;
  return {
    id: app.id,
    siteId: app.site_id,
    serial: serialText(app.year, app.serial),
    channel: app.channel as Channel,
    applicantType: app.applicant_type as ApplicantType,
    applicantTypeLabel: applicantTypeLabel(app.applicant_type as ApplicantType),
    applicantName: name,
    description: app.description,
    status: app.status as Status,
    statusName: STATUSES[app.status as Status],
    submittedAt: app.submitted_at,
    receivedAt: app.received_at,
    disposition,
    dispositionName: disposition ? dispositionName(disposition) : null,
    answeredAt: app.answered_at,
    clock: clockView(clock),
    next,
  };
}

export function toDetail(
  summary: ApplicationSummary,
  app: DisclosureApplication,
  personal: PersonalFields,
  extra: {
    correctionAllowedUntil: string | null;
    consultations: (DisclosureConsultation & { dueOn: string })[];
    events: DisclosureEvent[];
    deliveries: NoticeDelivery[];
    nthThisMonth: number;
  },
): ApplicationDetail {
  return {
    ...summary,
    idType: app.id_type as IdType,
    idNumber: personal.idNumber,
    contactPerson: personal.contactPerson,
    phone: personal.phone,
    email: personal.email,
    address: personal.address,
    postalCode: app.postal_code,
    docNumber: app.doc_number,
    purpose: app.purpose,
    deliveryForm: app.delivery_form as DeliveryForm,
    deliveryMethod: app.delivery_method as DeliveryMethod,
    correction: app.correction_sent_at
      ? {
          items: JSON.parse(app.correction_items ?? '[]') as string[],
          sentAt: app.correction_sent_at,
          deadline: app.correction_deadline!,
          correctedAt: app.corrected_at,
          text: app.correction_text,
        }
      : null,
    correctionAllowedUntil: extra.correctionAllowedUntil,
    extension: app.extension_at
      ? {
          days: app.extension_days,
          approver: app.extension_approver ?? '',
          reason: app.extension_reason ?? '',
          at: app.extension_at,
        }
      : null,
    consultations: extra.consultations.map((c) => ({
      id: c.id,
      party: c.party,
      sentAt: c.sent_at,
      dueOn: c.dueOn,
      repliedAt: c.replied_at,
      reply: c.reply,
    })),
    fee: app.fee_notice_at
      ? {
          method: app.fee_method as FeeMethod,
          quantity: app.fee_quantity ?? 0,
          amount: app.fee_amount ?? 0,
          noticeAt: app.fee_notice_at,
          deadline: app.fee_deadline!,
          paidAt: app.fee_paid_at,
        }
      : null,
    nthThisMonth: extra.nthThisMonth,
    dispositionReason: app.disposition_reason,
    replyText: app.reply_text,
    events: extra.events.map((e) => ({
      kind: e.kind,
      label: EVENT_LABELS[e.kind] ?? e.kind,
      detail: e.detail,
      actorName: e.actor_name,
      at: e.at,
    })),
    deliveries: extra.deliveries.map((d) => ({
      channel: d.channel === 'sms' ? '短信' : '电子邮件',
      kind: d.kind,
      subject: d.subject,
      target: d.target,
      status: d.status === 'sent' ? '已送达' : d.status === 'failed' ? '发送失败' : '发送中',
      sentAt: d.sentAt,
      createdAt: d.createdAt,
    })),
  };
}

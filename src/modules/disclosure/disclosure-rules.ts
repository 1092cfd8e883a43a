// The rules of 依申请公开 as data: who may apply (Table 三's applicant columns), how an application arrives and when
// it counts as received (条例 第三十一条), the time limits (第三十条, 第三十二条, 第三十三条), the dispositions of the
// annual report format (国办公开办函〔2021〕30号), each with its reply template, and the 信息处理费 of 国办函〔2020〕109号.
// Pure: no database, no clock; the service and the annual report read these.
import type { ClockInput, ClockPause } from '../../platform/calendar/statutory-clock.ts';
import { DISCLOSURE_RECEIPT } from '../../platform/calendar/statutory-clock.ts';

/** 条例 第三十三条: answered within 20 working days of receipt … */
export const ANSWER_WORKING_DAYS = 20;
/** … extended by at most 20 with the consent of the head of the 政府信息公开工作机构. */
export const MAX_EXTENSION_DAYS = 20;
/** 条例 第三十条: one 补正 notice, within 7 working days of receipt. */
export const CORRECTION_NOTICE_DAYS = 7;
/** A reasonable time for the applicant to correct, unless staff set another. */
export const DEFAULT_CORRECTION_DAYS = 15;
/** 条例 第三十二条: a consulted third party answers within 15 working days. */
export const CONSULTATION_DAYS = 15;
/** 国办函〔2020〕109号 第七条: the fee is paid within 20 working days of the notice. */
export const FEE_PAYMENT_DAYS = 20;
/** Reminders start this many working days before the due day. */
export const DUE_SOON_WORKING_DAYS = 5;

export const APPLICANT_TYPES = {
  person: '自然人',
  business: '商业企业',
  research: '科研机构',
  public_welfare: '社会公益组织',
  legal_service: '法律服务机构',
  other_org: '其他',
} as const;
export type ApplicantType = keyof typeof APPLICANT_TYPES;
export const APPLICANT_TYPE_KEYS = Object.keys(APPLICANT_TYPES) as ApplicantType[];
export const isOrganization = (t: ApplicantType) => t !== 'person';
/** How the type reads in full: 自然人 or 法人或其他组织（商业企业）. */
export const applicantTypeLabel = (t: ApplicantType) =>
  t === 'person' ? APPLICANT_TYPES.person : `法人或其他组织（${APPLICANT_TYPES[t]}）`;

export const ID_TYPES = {
  id_card: '居民身份证',
  passport: '护照',
  hk_macao: '港澳居民来往内地通行证',
  taiwan: '台湾居民来往大陆通行证',
  credit_code: '统一社会信用代码',
  other: '其他有效证件',
} as const;
export type IdType = keyof typeof ID_TYPES;

const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** 统一社会信用代码 (GB 32100-2015): 18 characters, the last a check character over the first 17. */
export function validCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return false;
  const sum = CODE_WEIGHTS.reduce((s, w, i) => s + CODE_CHARS.indexOf(code[i]!) * w, 0);
  return CODE_CHARS[(31 - (sum % 31)) % 31] === code[17];
}

/** How an application arrived; each has its own day of receipt (条例 第三十一条). */
export const CHANNELS = {
  online: { label: '网上申请', receipt: '双方确认之日（提交时系统即时出具回执）' },
  letter: { label: '信函申请', receipt: '本机关签收之日（平常信函为确认之日）' },
  in_person: { label: '当面申请', receipt: '申请人提交之日' },
  fax: { label: '传真申请', receipt: '双方确认之日' },
} as const;
export type Channel = keyof typeof CHANNELS;

export const DELIVERY_FORMS = { paper: '纸质', electronic: '电子' } as const;
export type DeliveryForm = keyof typeof DELIVERY_FORMS;
export const DELIVERY_METHODS = { post: '邮寄', email: '电子邮件', pickup: '当面领取', online: '网上获取' } as const;
export type DeliveryMethod = keyof typeof DELIVERY_METHODS;

export const STATUSES = {
  processing: '办理中',
  correction: '待补正',
  consultation: '征求第三方意见',
  fee: '待缴纳信息处理费',
  answered: '已答复',
} as const;
export type Status = keyof typeof STATUSES;

/** The result groups of Table 三, 三、本年度办理结果 (一)–(六). */
export const DISPOSITION_GROUPS = {
  public: '（一）予以公开',
  partial: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  withheld: '（三）不予公开',
  unavailable: '（四）无法提供',
  not_processed: '（五）不予处理',
  other: '（六）其他处理',
} as const;
export type DispositionGroup = keyof typeof DISPOSITION_GROUPS;

export interface DispositionRule {
  group: DispositionGroup;
  /** The row label of Table 三. */
  label: string;
  /** The reply must give the ground (不予公开, 部分公开, 不予处理 …): the reason field is required. */
  needsReason: boolean;
  /** Allowed only after a 补正 (补正后仍不明确, 逾期不补正) or an unpaid fee notice. */
  requires?: 'correction' | 'correction-lapsed' | 'fee-lapsed';
  /** The 告知书 text; {applicant} {serial} {received} {description} {reason} {organ} {date} are filled in. */
  template: string;
}

const CLOSE = '\n\n如对本答复不服，可以自收到本告知书之日起六十日内依法申请行政复议，或者在六个月内依法提起行政诉讼。';
const HEAD =
  '{applicant}：\n\n本机关于{received}收到您（单位）提出的政府信息公开申请（{serial}），申请获取“{description}”。';

export const DISPOSITIONS = {
  public: {
    group: 'public',
    label: '予以公开',
    needsReason: false,
    template: `${HEAD}经审查，您申请获取的政府信息属于公开范围，现予以公开，具体内容见附件（或按您要求的方式提供）。${CLOSE}`,
  },
  partial: {
    group: 'partial',
    label: '部分公开',
    needsReason: true,
    template: `${HEAD}经审查，您申请获取的政府信息中含有不应当公开的内容：{reason}。根据《中华人民共和国政府信息公开条例》第三十七条，本机关对可以公开的部分予以提供，对不予公开的内容说明理由如上。${CLOSE}`,
  },
  'withheld.state_secret': {
    group: 'withheld',
    label: '1.属于国家秘密',
    needsReason: true,
    template: `${HEAD}经审查，您申请获取的信息属于国家秘密（{reason}），根据《中华人民共和国政府信息公开条例》第十四条，不予公开。${CLOSE}`,
  },
  'withheld.law': {
    group: 'withheld',
    label: '2.其他法律行政法规禁止公开',
    needsReason: true,
    template: `${HEAD}经审查，您申请获取的信息属于法律、行政法规禁止公开的信息（{reason}），根据《中华人民共和国政府信息公开条例》第十四条，不予公开。${CLOSE}`,
  },
  'withheld.safety': {
    group: 'withheld',
    label: '3.危及“三安全一稳定”',
    needsReason: true,
    template: `${HEAD}经审查，您申请获取的信息公开后可能危及国家安全、公共安全、经济安全、社会稳定（{reason}），根据《中华人民共和国政府信息公开条例》第十四条，不予公开。${CLOSE}`,
  },
  'withheld.third_party': {
    group: 'withheld',
    label: '4.保护第三方合法权益',
    needsReason: true,
    template: `${HEAD}经审查，您申请获取的信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害（{reason}），根据《中华人民共和国政府信息公开条例》第十五条，不予公开。${CLOSE}`,
  },
  'withheld.internal': {
    group: 'withheld',
    label: '5.属于三类内部事务信息',
    needsReason: true,
    template: `${HEAD}经审查，您申请获取的信息属于人事管理、后勤管理、内部工作流程等内部事务信息（{reason}），根据《中华人民共和国政府信息公开条例》第十六条第一款，不予公开。${CLOSE}`,
  },
  'withheld.process': {
    group: 'withheld',
    label: '6.属于四类过程性信息',
    needsReason: true,
    template: `${HEAD}经审查，您申请获取的信息属于讨论记录、过程稿、磋商信函、请示报告等过程性信息（{reason}），根据《中华人民共和国政府信息公开条例》第十六条第二款，不予公开。${CLOSE}`,
  },
  'withheld.enforcement': {
    group: 'withheld',
    label: '7.属于行政执法案卷',
    needsReason: true,
    template: `${HEAD}经审查，您申请获取的信息属于行政执法案卷信息（{reason}），根据《中华人民共和国政府信息公开条例》第十六条第二款，不予公开。${CLOSE}`,
  },
  'withheld.query': {
    group: 'withheld',
    label: '8.属于行政查询事项',
    needsReason: true,
    template: `${HEAD}经审查，您申请获取的信息属于有关法律、行政法规规定的行政查询事项（{reason}），请按照相关规定办理查询。${CLOSE}`,
  },
  'unavailable.not_held': {
    group: 'unavailable',
    label: '1.本机关不掌握相关政府信息',
    needsReason: false,
    template: `${HEAD}经检索查找，本机关未制作或获取您所申请的政府信息，该政府信息不存在。根据《中华人民共和国政府信息公开条例》第三十六条第四项，特此告知。{reason}${CLOSE}`,
  },
  'unavailable.needs_creation': {
    group: 'unavailable',
    label: '2.没有现成信息需要另行制作',
    needsReason: false,
    template: `${HEAD}经审查，本机关没有现成的相关信息，您的申请需要本机关对现有政府信息进行加工、分析。根据《中华人民共和国政府信息公开条例》第三十八条，本机关可以不予提供。{reason}${CLOSE}`,
  },
  'unavailable.unclear': {
    group: 'unavailable',
    label: '3.补正后申请内容仍不明确',
    needsReason: true,
    requires: 'correction',
    template: `${HEAD}本机关已向您发出补正通知，您补正后的申请内容仍不明确（{reason}），本机关无法提供。${CLOSE}`,
  },
  'not_processed.petition': {
    group: 'not_processed',
    label: '1.信访举报投诉类申请',
    needsReason: false,
    template: `${HEAD}经审查，您的申请实为信访、投诉、举报等诉求，根据《中华人民共和国政府信息公开条例》第三十九条第一款，本机关不作为政府信息公开申请处理，请通过相应渠道提出。{reason}${CLOSE}`,
  },
  'not_processed.repeat': {
    group: 'not_processed',
    label: '2.重复申请',
    needsReason: true,
    template: `${HEAD}经审查，您已就相同内容提出过申请，本机关已作出答复（{reason}）。根据《中华人民共和国政府信息公开条例》第三十六条第六项，不予重复处理。${CLOSE}`,
  },
  'not_processed.publication': {
    group: 'not_processed',
    label: '3.要求提供公开出版物',
    needsReason: true,
    template: `${HEAD}您申请获取的信息属于公开出版物（{reason}），根据《中华人民共和国政府信息公开条例》第三十九条第二款，请通过公开出版物的获取途径获取。${CLOSE}`,
  },
  'not_processed.excessive': {
    group: 'not_processed',
    label: '4.无正当理由大量反复申请',
    needsReason: true,
    template: `${HEAD}您的申请数量、频次明显超过合理范围，经要求说明理由，本机关认为理由不合理（{reason}）。根据《中华人民共和国政府信息公开条例》第三十五条，不予处理。${CLOSE}`,
  },
  'not_processed.confirmation': {
    group: 'not_processed',
    label: '5.要求行政机关确认或重新出具已获取信息',
    needsReason: true,
    template: `${HEAD}您的申请系要求本机关确认或者重新出具已获取的信息（{reason}），不属于政府信息公开申请的处理范围。${CLOSE}`,
  },
  'other.no_correction': {
    group: 'other',
    label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    needsReason: false,
    requires: 'correction-lapsed',
    template: `${HEAD}本机关已向您发出补正通知，您无正当理由逾期未补正。根据《中华人民共和国政府信息公开条例》第三十条，视为放弃申请，本机关不再处理该政府信息公开申请。{reason}${CLOSE}`,
  },
  'other.no_payment': {
    group: 'other',
    label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    needsReason: false,
    requires: 'fee-lapsed',
    template: `${HEAD}本机关已向您发出收费通知，您逾期未缴纳信息处理费。根据《政府信息公开信息处理费管理办法》，视为放弃申请，本机关不再处理该政府信息公开申请。{reason}${CLOSE}`,
  },
  'other.other': {
    group: 'other',
    label: '3.其他',
    needsReason: true,
    template: `${HEAD}{reason}${CLOSE}`,
  },
} as const satisfies Record<string, DispositionRule>;
export type Disposition = keyof typeof DISPOSITIONS;
export const DISPOSITION_KEYS = Object.keys(DISPOSITIONS) as Disposition[];
export const isDisposition = (value: string): value is Disposition => value in DISPOSITIONS;

/** 部分公开 / 不予公开（属于国家秘密）… as a reader of the reply sees it. */
export function dispositionName(code: Disposition): string {
  const rule: DispositionRule = DISPOSITIONS[code];
  const group = DISPOSITION_GROUPS[rule.group].replace(/^（.）/, '').replace(/（.*$/, '');
  return rule.group === 'public' || rule.group === 'partial' ? group : `${group}（${rule.label.replace(/^\d\./, '')}）`;
}

export interface ReplyValues {
  applicant: string;
  serial: string;
  received: string;
  description: string;
  reason: string;
  organ: string;
  date: string;
}

/** The reply (告知书) of a disposition, filled in; staff edit it before sending. */
export function replyDraft(code: Disposition, values: ReplyValues): string {
  const text = (DISPOSITIONS[code] as DispositionRule).template.replace(
    /\{(\w+)\}/g,
    (whole, name: string) => (values as unknown as Record<string, string>)[name] ?? whole,
  );
  return `${text}\n\n${values.organ}\n${values.date}`;
}

/** 依申〔2026〕第12号 */
export const serialText = (year: number, serial: number) => `依申〔${year}〕第${serial}号`;

// ───────────────────────────── 信息处理费 (国办函〔2020〕109号) ─────────────────────────────

export const FEE_METHODS = { per_item: '按件计收', per_volume: '按量计收' } as const;
export type FeeMethod = keyof typeof FEE_METHODS;

/**
 * 按件计收: the same applicant's applications to this organ in one calendar month — the first 10 are free, the
 * 11th to 30th cost 100 元 each, and from the 31st each further band of 10 costs 100 元 more per application.
 * Returns the fee of the application that is the `nth` of the month.
 */
export function perItemFee(nth: number): number {
  if (nth <= 10) return 0;
  if (nth <= 30) return 100;
  return 100 + Math.ceil((nth - 30) / 10) * 100;
}

/**
 * 按量计收: pages of one application — up to 30 free, 31–100 at 10 元, 101–200 at 20 元, beyond 200 at 40 元 a
 * page, each band charged only for its own pages (累进).
 */
export function perVolumeFee(pages: number): number {
  const band = (from: number, to: number, price: number) => Math.max(0, Math.min(pages, to) - from) * price;
  return band(30, 100, 10) + band(100, 200, 20) + band(200, Number.POSITIVE_INFINITY, 40);
}

export function feeFor(method: FeeMethod, quantity: number): number {
  return method === 'per_item' ? perItemFee(quantity) : perVolumeFee(quantity);
}

// ───────────────────────────── the clock ─────────────────────────────

export interface ClockFacts {
  received_at: string;
  correction_sent_at: string | null;
  corrected_at: string | null;
  extension_days: number;
  extension_at: string | null;
  fee_notice_at: string | null;
  fee_paid_at: string | null;
  answered_at: string | null;
  consultations: { sent_at: string; replied_at: string | null }[];
}

/**
 * The statutory clock of an application: 20 working days from receipt (a holiday receipt moves to the next
 * working day); the 补正 restarts it from receipt of the correction; consultations of third parties and the time
 * a fee notice waits for payment are not counted; the extension adds its days.
 */
export function clockInput(facts: ClockFacts): ClockInput {
  const pauses: ClockPause[] = [];
  if (facts.correction_sent_at)
    pauses.push({ kind: 'correction-restart', from: facts.correction_sent_at, to: facts.corrected_at });
  for (const c of facts.consultations) pauses.push({ kind: 'consultation', from: c.sent_at, to: c.replied_at });
  if (facts.fee_notice_at) pauses.push({ kind: 'other', from: facts.fee_notice_at, to: facts.fee_paid_at });
  return {
    receivedAt: facts.received_at,
    workingDays: ANSWER_WORKING_DAYS,
    rule: DISCLOSURE_RECEIPT,
    pauses,
    extensions: facts.extension_days ? [{ days: facts.extension_days, at: facts.extension_at ?? undefined }] : [],
    completedAt: facts.answered_at,
  };
}

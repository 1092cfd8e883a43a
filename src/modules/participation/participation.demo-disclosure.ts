// Demo 依申请公开: a year of applications received by letter, in person and by fax, registered by the 综合处 on the
// statutory clock and handled through the steps of the regulation (补正, consultation, extension) to answers of
// several dispositions, with two still open at the end (one waiting for its 补正).
import type { AppContext } from '../../context.ts';
import { DAY, type ManualClock, MINUTE } from '../../platform/time.ts';
import { newIdempotencyKey } from '../../platform/idempotency.ts';
import type { AuthContext } from '../auth/auth.service.ts';
import type { Disposition } from '../disclosure/disclosure-rules.ts';

interface DemoApplication {
  daysAgo: number;
  channel: 'letter' | 'in_person' | 'fax';
  person: boolean;
  description: string;
  /** Working steps before the answer. */
  correction?: boolean;
  consultation?: string;
  extension?: boolean;
  answer?: { disposition: Disposition; reason?: string };
}

const APPLICATIONS: DemoApplication[] = [
  {
    daysAgo: 372,
    channel: 'letter',
    person: true,
    description: '市政务服务中心年度窗口服务评价结果',
    answer: { disposition: 'public' },
  },
  {
    daysAgo: 350,
    channel: 'in_person',
    person: false,
    description: '政务服务中心进驻部门窗口设置及人员配备情况',
    extension: true,
    answer: { disposition: 'partial', reason: '窗口人员的个人信息' },
  },
  {
    daysAgo: 330,
    channel: 'letter',
    person: true,
    description: '2025年市政务服务中心窗口服务满意度调查报告',
    answer: { disposition: 'public' },
  },
  {
    daysAgo: 300,
    channel: 'in_person',
    person: true,
    description: '本市不动产登记“一窗受理”改革实施方案',
    answer: { disposition: 'public' },
  },
  {
    daysAgo: 270,
    channel: 'letter',
    person: false,
    description: '市政务服务中心大厅装修项目的招标文件和中标结果',
    answer: { disposition: 'partial', reason: '投标人报价明细涉及商业秘密' },
  },
  {
    daysAgo: 240,
    channel: 'fax',
    person: false,
    description: '某公司企业开办全程电子化办理记录',
    consultation: '南江某科技有限公司',
    answer: { disposition: 'withheld.third_party', reason: '第三方不同意公开且不公开不会对公共利益造成重大影响' },
  },
  {
    daysAgo: 210,
    channel: 'letter',
    person: true,
    description: '2019年以前政务服务窗口人员考勤记录',
    answer: { disposition: 'unavailable.not_held' },
  },
  {
    daysAgo: 180,
    channel: 'in_person',
    person: true,
    description: '政务服务事项清单（2026年版）',
    correction: true,
    answer: { disposition: 'public' },
  },
  {
    daysAgo: 150,
    channel: 'letter',
    person: true,
    description: '12345热线工单办理情况月报',
    extension: true,
    answer: { disposition: 'public' },
  },
  {
    daysAgo: 120,
    channel: 'letter',
    person: true,
    description: '市政务办内部讨论记录',
    answer: { disposition: 'withheld.process', reason: '属于行政机关在履行行政管理职能过程中形成的讨论记录' },
  },
  {
    daysAgo: 95,
    channel: 'in_person',
    person: false,
    description: '政务服务“好差评”差评整改台账',
    answer: { disposition: 'partial', reason: '台账中的评价人个人信息' },
  },
  {
    daysAgo: 60,
    channel: 'letter',
    person: true,
    description: '2025年市政务服务中心窗口服务满意度调查报告',
    answer: { disposition: 'not_processed.repeat', reason: '已于本年度答复同一申请' },
  },
  { daysAgo: 12, channel: 'letter', person: true, description: '政务服务中心延时服务安排' },
  { daysAgo: 6, channel: 'in_person', person: true, description: '相关文件', correction: true },
];

export async function seedDemoDisclosure(
  seed: AppContext,
  clock: ManualClock,
  siteId: number,
  now: Date,
  officer: AuthContext,
): Promise<number> {
  let count = 0;
  const at = (t: Date) => {
    if (t.getTime() > clock.now().getTime() && t.getTime() <= now.getTime()) clock.set(t);
  };
  const later = (days: number) => at(new Date(clock.now().getTime() + days * DAY + 7 * MINUTE));
  const { disclosure, handling } = seed.participation;
  for (const [n, a] of APPLICATIONS.entries()) {
    const received = new Date(now.getTime() - a.daysAgo * DAY);
    at(new Date(received.getTime() + 60 * MINUTE));
    const { id } = (await disclosure.register(officer, siteId, {
      applicantType: a.person ? 'person' : 'business',
      name: a.person ? ['王小明', '李红', '张伟', '赵敏'][n % 4]! : '南江某律师事务所',
      idType: a.person ? 'id_card' : 'credit_code',
      idNumber: a.person ? '11010519491231002X' : '91320100MA1MXXX12J',
      ...(a.person ? {} : { applicantType: 'legal_service' }),
      phone: `1390000${String(1000 + n)}`,
      email: `applicant${n}@example.com`,
      description: a.description,
      deliveryForm: 'electronic',
      deliveryMethod: 'email',
      channel: a.channel,
      receivedAt: received.toISOString(),
      idempotencyKey: newIdempotencyKey(),
    } as never)) as { id: number };
    count += 1;
    if (a.correction) {
      later(2);
      await handling.requestCorrection(officer, id, {
        items: ['请明确所需政府信息的名称、文号或者便于查询的其他特征性描述'],
      });
      if (!a.answer) continue;
      later(3);
      await handling.supplement(officer.actor, id, {
        text: '所需信息为市政务办公布的政务服务事项清单（2026年版）全文。',
      });
    }
    if (a.consultation) {
      later(3);
      await handling.startConsultation(officer, id, a.consultation);
      later(10);
      const detail = (await disclosure.detail(id)) as unknown as { consultations: { id: number }[] };
      const consultation = detail.consultations.at(-1);
      if (consultation) await handling.closeConsultation(officer, id, consultation.id, '不同意公开');
    }
    if (a.extension) {
      later(18);
      await handling.extend(officer, id, { days: 10, approver: '周海涛', reason: '需要汇总多个科室的工单数据' });
    }
    if (!a.answer) continue;
    later(a.extension ? 8 : 12);
    const reason = a.answer.reason ?? '';
    await handling.answer(officer, id, {
      disposition: a.answer.disposition,
      reason,
      replyText: await handling.draft(id, a.answer.disposition, reason),
    });
  }
  return count;
}

// 依申请公开 on real dates of the shipped 2026 calendar (中秋 09-25…27, 国庆 10-01…07, 调休 09-20 and 10-10), each
// due date asserted exactly: a holiday submission received on the next working day, a 补正 answered after ten days
// restarting the clock, an extension, a third-party consultation; and the refusals the regulation demands.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECT, call, login, mainSiteId, staff, testEnv } from '../../../test/helpers.ts';
import { citizenCall, citizenOutbox, loginCitizen, registerCitizen } from '../../../test/citizens.ts';
import { ManualClock } from '../../platform/time.ts';
import { newIdempotencyKey } from '../../platform/idempotency.ts';

const shanghai = (local: string) => new Date(`${local}+08:00`).toISOString();

const application = (over: Record<string, unknown> = {}) => ({
  applicantType: 'person',
  name: '王小明',
  idType: 'id_card',
  idNumber: '11010519491231002X',
  phone: '13912345678',
  email: 'wang@example.com',
  description: '2026年市民服务中心窗口服务满意度调查报告',
  deliveryForm: 'electronic',
  deliveryMethod: 'email',
  idempotencyKey: newIdempotencyKey(),
  ...over,
});

async function setup() {
  const clock = new ManualClock(shanghai('2026-09-25T10:00:00'));
  const env = await testEnv({ clock });
  const siteId = await mainSiteId(env.ctx);
  await staff(env.ctx, 'gk1', ['editor'], '综合处', siteId);
  const box = citizenOutbox(env.ctx);
  const registered = await registerCitizen(env.app, env.ctx, { phone: '13912345678' });
  // Sessions time out as the clock moves on by days: each request signs in afresh, as a person would.
  const officer = {
    call: async (method: string, url: string, payload?: unknown) =>
      call(env.app, await login(env.app, 'gk1'), method, url, payload),
  };
  const citizen = {
    call: async (method: string, url: string, payload?: unknown) =>
      citizenCall(env.app, await loginCitizen(env.app, registered.identifier), method, url, payload),
  };
  const apply = async (over: Record<string, unknown> = {}) => {
    const res = await citizen.call('POST', `/api/citizen/disclosure?siteId=${siteId}`, application(over));
    assert.equal(res.statusCode, 200, res.body);
    return res.json().id as number;
  };
  const detail = async (id: number) => (await officer.call('GET', `/api/disclosure/applications/${id}`)).json();
  return { env, clock, siteId, officer, citizen, box, apply, detail };
}

test(`an application submitted on the 中秋 holiday is received on the next working day; 补正 after ten days restarts the clock (${DIALECT})`, async (t) => {
  const { env, clock, officer, citizen, box, apply, detail } = await setup();
  t.after(() => env.close());
  const id = await apply();
  let d = await detail(id);
  assert.equal(d.clock.receivedOn, '2026-09-28', '09-25 is 中秋: received on Monday 09-28');
  assert.equal(d.clock.startsCounting, '2026-09-29');
  assert.equal(d.clock.due, '2026-10-30', '20 working days, 国庆 skipped, 10-10 (调休) counted');
  assert.equal(d.correctionAllowedUntil, '2026-10-13', '7 working days after receipt');
  assert.equal(d.serial, '依申〔2026〕第1号');
  assert.match(box.sms.sent.at(-1)!.text, /收到申请之日为2026-09-28.*2026-10-30前答复/);

  // 补正 on 09-30, listing what is missing.
  clock.set(shanghai('2026-09-30T09:00:00'));
  const corr = await officer.call('POST', `/api/disclosure/applications/${id}/correction`, {
    items: ['请说明所需报告的年度和具体名称'],
    deadline: '2026-10-23',
  });
  assert.equal(corr.statusCode, 200, corr.body);
  d = await detail(id);
  assert.equal(d.status, 'correction');
  assert.equal(d.clock.paused, true);
  assert.equal(d.clock.due, null, 'no due day while waiting for the correction');
  assert.match(box.sms.sent.at(-1)!.text, /需要补正：请说明所需报告的年度/);
  const again = await officer.call('POST', `/api/disclosure/applications/${id}/correction`, { items: ['再补正'] });
  assert.equal(again.json().error.code, 'DISCLOSURE_CORRECTION_ONCE');

  // The applicant corrects ten days later, on Saturday 10-10 (a 调休 working day): received that day.
  clock.set(shanghai('2026-10-10T11:00:00'));
  const sup = await citizen.call('POST', `/api/citizen/disclosure/${id}/supplement`, {
    text: '所需为2026年上半年的满意度调查报告',
  });
  assert.equal(sup.statusCode, 200, sup.body);
  d = await detail(id);
  assert.equal(d.status, 'processing');
  assert.equal(d.clock.receivedOn, '2026-10-10');
  assert.equal(d.clock.due, '2026-11-06', 'the 20 working days restart after the correction');

  // The answer needs a disposition code; 部分公开 needs its reason; nothing changes on refusal.
  const none = await officer.call('POST', `/api/disclosure/applications/${id}/answer`, { replyText: '答复' });
  assert.equal(none.json().error.code, 'DISCLOSURE_DISPOSITION_REQUIRED');
  assert.equal(none.json().error.message, '答复前须选择办理结果（处理类型）');
  const noReason = await officer.call('POST', `/api/disclosure/applications/${id}/answer`, {
    disposition: 'partial',
    replyText: '答复',
  });
  assert.equal(noReason.json().error.code, 'DISCLOSURE_REASON_REQUIRED');
  assert.equal((await detail(id)).status, 'processing');
  const draft = await officer.call('GET', `/api/disclosure/applications/${id}/draft?disposition=public`);
  assert.match(draft.json().replyText, /王小明：[\s\S]*2026年9月28日收到/);
  const ok = await officer.call('POST', `/api/disclosure/applications/${id}/answer`, {
    disposition: 'public',
    replyText: draft.json().replyText,
  });
  assert.equal(ok.statusCode, 200, ok.body);
  d = await detail(id);
  assert.equal(d.status, 'answered');
  assert.equal(d.dispositionName, '予以公开');
  assert.equal(d.clock.overdue, false);
  assert.ok(
    d.deliveries.some((x: { kind: string; status: string }) => x.kind === 'disclosure.answer' && x.status === '已送达'),
  );
  const late = await officer.call('POST', `/api/disclosure/applications/${id}/extension`, {
    days: 5,
    approver: '张主任',
    reason: '需要检索档案',
  });
  assert.equal(late.json().error.code, 'DISCLOSURE_ANSWERED');
});

test(`an extension of up to 20 working days with its approver, and a third-party consultation not counted (${DIALECT})`, async (t) => {
  const { env, clock, officer, apply, detail } = await setup();
  t.after(() => env.close());
  const extended = await apply();
  const consulted = await apply();

  clock.set(shanghai('2026-10-20T15:00:00'));
  const noApprover = await officer.call('POST', `/api/disclosure/applications/${extended}/extension`, {
    days: 20,
    approver: ' ',
    reason: '涉及多个处室',
  });
  assert.equal(noApprover.json().error.code, 'DISCLOSURE_EXTENSION_APPROVER');
  const res = await officer.call('POST', `/api/disclosure/applications/${extended}/extension`, {
    days: 20,
    approver: '综合处处长 李明',
    reason: '需要调取多个年度的档案',
  });
  assert.equal(res.statusCode, 200, res.body);
  let d = await detail(extended);
  assert.equal(d.clock.due, '2026-11-27', '2026-10-30 plus 20 working days');
  assert.equal(d.extension.approver, '综合处处长 李明');
  const more = await officer.call('POST', `/api/disclosure/applications/${extended}/extension`, {
    days: 1,
    approver: '李明',
    reason: '再延',
  });
  assert.equal(more.json().error.code, 'DISCLOSURE_EXTENSION_INVALID');

  // Consultation sent 10-09, reply 10-23: the days after sending up to the reply are not counted.
  clock.set(shanghai('2026-10-09T10:00:00'));
  await officer.call('POST', `/api/disclosure/applications/${consulted}/consultations`, {
    party: '南江市某科技有限公司',
  });
  d = await detail(consulted);
  assert.equal(d.status, 'consultation');
  assert.equal(d.clock.paused, true);
  assert.equal(d.consultations[0].dueOn, '2026-10-29', 'the third party answers within 15 working days');
  const early = await officer.call('POST', `/api/disclosure/applications/${consulted}/answer`, {
    disposition: 'public',
    replyText: '答复',
  });
  assert.equal(early.json().error.code, 'DISCLOSURE_CONSULTATION_OPEN');
  clock.set(shanghai('2026-10-23T16:00:00'));
  await officer.call('POST', `/api/disclosure/applications/${consulted}/consultations/${d.consultations[0].id}/reply`, {
    reply: '不同意公开涉及本公司报价的内容',
  });
  clock.set(shanghai('2026-10-26T09:00:00'));
  d = await detail(consulted);
  assert.equal(d.status, 'processing');
  assert.equal(d.clock.daysUsed, 5, '09-29, 09-30, 10-08, 10-09 and 10-26');
  assert.equal(d.clock.due, '2026-11-16');
});

test(`补正 only within 7 working days; fees only above the thresholds; staff-registered letters on the same clock (${DIALECT})`, async (t) => {
  const { env, clock, siteId, officer, apply, detail } = await setup();
  t.after(() => env.close());
  const id = await apply();
  clock.set(shanghai('2026-10-14T09:00:00'));
  const late = await officer.call('POST', `/api/disclosure/applications/${id}/correction`, { items: ['补充'] });
  assert.equal(late.json().error.code, 'DISCLOSURE_CORRECTION_LATE');
  assert.match(late.json().error.message, /最迟2026-10-13/);

  const free = await officer.call('POST', `/api/disclosure/applications/${id}/fee`, {
    method: 'per_volume',
    quantity: 30,
  });
  assert.equal(free.json().error.code, 'DISCLOSURE_FEE_FREE');
  const fee = await officer.call('POST', `/api/disclosure/applications/${id}/fee`, {
    method: 'per_volume',
    quantity: 150,
  });
  assert.equal(fee.statusCode, 200, fee.body);
  const d = await detail(id);
  assert.equal(d.fee.amount, 70 * 10 + 50 * 20, '31–100 pages at 10 元, 101–150 at 20 元');
  assert.equal(d.fee.deadline, '2026-11-11');
  assert.equal(d.status, 'fee');

  // A letter signed for on Sunday 2026-09-27 (a holiday): received on the next working day, like an online one.
  const letter = await officer.call('POST', `/api/disclosure/applications?siteId=${siteId}`, {
    ...application({
      applicantType: 'business',
      name: '南江某律师事务所',
      idType: 'credit_code',
      idNumber: '91320100MA1XXXXX0A',
    }),
    channel: 'letter',
    receivedAt: shanghai('2026-09-27T10:00:00'),
  });
  assert.equal(letter.json().error.code, 'DISCLOSURE_ID_INVALID');
  const ok = await officer.call('POST', `/api/disclosure/applications?siteId=${siteId}`, {
    ...application({
      applicantType: 'legal_service',
      name: '南江某律师事务所',
      idType: 'credit_code',
      idNumber: '91320100MA1MXXX12J',
    }),
    channel: 'letter',
    receivedAt: shanghai('2026-09-27T10:00:00'),
  });
  assert.equal(ok.statusCode, 200, ok.body);
  const registered = await detail(ok.json().id);
  assert.equal(registered.clock.receivedOn, '2026-09-28');
  assert.equal(registered.clock.due, '2026-10-30');
  assert.equal(registered.applicantTypeLabel, '法人或其他组织（法律服务机构）');

  const missing = await officer.call('POST', `/api/disclosure/applications?siteId=${siteId}`, {
    ...application({ description: '  ' }),
    channel: 'in_person',
    receivedAt: shanghai('2026-10-14T08:30:00'),
  });
  assert.equal(missing.json().error.code, 'DISCLOSURE_FIELD_REQUIRED');
  assert.match(missing.json().error.message, /所需政府信息/);
});

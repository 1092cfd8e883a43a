// The applicant's pages: the application form (条例 第二十九条's fields), and the application as the applicant
// follows it — receipt, deadline, the 补正 notice with its form, extension and fee notices, the answer.
import type { ViewContext } from '../portal/views/types.ts';
import { href } from '../portal/views/links.ts';
import { shanghaiDate, shanghaiDateTime } from '../../platform/time.ts';
import { Field, Hidden, type PageMessage, PageShell } from '../participation/page-kit.tsx';
import {
  APPLICANT_TYPES,
  DELIVERY_FORMS,
  DELIVERY_METHODS,
  FEE_METHODS,
  ID_TYPES,
  ANSWER_WORKING_DAYS,
} from './disclosure-rules.ts';
import type { ApplicationDetail } from './disclosure.schema.ts';

export type ApplyValues = Record<string, string>;

const Options = ({ table }: { table: Record<string, string> }) => (
  <>
    {Object.entries(table).map(([value, label]) => (
      <option key={value} value={value}>
        {label}
      </option>
    ))}
  </>
);

function Radios({ name, table, checked }: { name: string; table: Record<string, string>; checked: string }) {
  return (
    <div className="pp-choices inline">
      {Object.entries(table).map(([value, label]) => (
        <label key={value}>
          <input type="radio" name={name} value={value} defaultChecked={value === checked} required /> {label}
        </label>
      ))}
    </div>
  );
}

export function ApplyPage({
  view,
  csrf,
  idempotencyKey,
  values,
  message,
}: {
  view: ViewContext;
  csrf: string;
  idempotencyKey: string;
  values: ApplyValues;
  message?: PageMessage | null;
}) {
  const v = (name: string) => values[name] ?? '';
  return (
    <PageShell view={view} title="在线申请政府信息公开" column="依申请公开" message={message} noindex>
      <p>
        请如实填写下列信息（带 <span className="pp-required">*</span>{' '}
        的为必填项）。提交后系统即时出具回执，本机关自收到申请之日起 {ANSWER_WORKING_DAYS}{' '}
        个工作日内答复；节假日提交的，以下一个工作日为收到申请之日。办理进度和答复可在“用户空间”查看，重要通知同时以短信或电子邮件发送。
      </p>
      <form method="post" className="pp-form" action={href(view, '/disclosure/apply')}>
        <Hidden csrf={csrf} idempotencyKey={idempotencyKey} />
        <fieldset>
          <legend>申请人信息</legend>
          <Field id="applicantType" label="申请人类型" required hint="法人或其他组织请选择所属类别">
            <select
              id="applicantType"
              name="applicantType"
              aria-describedby="applicantType-hint"
              defaultValue={v('applicantType') || 'person'}
            >
              <Options
                table={Object.fromEntries(
                  Object.entries(APPLICANT_TYPES).map(([k, label]) => [
                    k,
                    k === 'person' ? label : `法人或其他组织：${label}`,
                  ]),
                )}
              />
            </select>
          </Field>
          <Field id="name" label="姓名或单位名称" required>
            <input
              id="name"
              type="text"
              name="name"
              defaultValue={v('name')}
              maxLength={200}
              required
              autoComplete="name"
            />
          </Field>
          <Field id="idType" label="证件类型" required>
            <select id="idType" name="idType" defaultValue={v('idType') || 'id_card'}>
              <Options table={ID_TYPES} />
            </select>
          </Field>
          <Field id="idNumber" label="证件号码或统一社会信用代码" required>
            <input id="idNumber" type="text" name="idNumber" defaultValue={v('idNumber')} maxLength={30} required />
          </Field>
          <Field id="contactPerson" label="联系人" hint="法人或其他组织填写">
            <input
              id="contactPerson"
              type="text"
              name="contactPerson"
              defaultValue={v('contactPerson')}
              maxLength={50}
              aria-describedby="contactPerson-hint"
            />
          </Field>
          <Field id="phone" label="联系电话" required>
            <input
              id="phone"
              type="tel"
              name="phone"
              defaultValue={v('phone')}
              maxLength={30}
              required
              autoComplete="tel"
            />
          </Field>
          <Field id="email" label="电子邮箱">
            <input
              id="email"
              type="email"
              name="email"
              defaultValue={v('email')}
              maxLength={254}
              autoComplete="email"
            />
          </Field>
          <Field id="address" label="通信地址" hint="选择邮寄时必填">
            {/* street-address is a multi-line field: HTML allows it on a textarea only. */}
            <textarea
              id="address"
              name="address"
              rows={2}
              defaultValue={v('address')}
              maxLength={300}
              aria-describedby="address-hint"
              autoComplete="street-address"
            />
          </Field>
          <Field id="postalCode" label="邮政编码">
            <input
              id="postalCode"
              type="text"
              name="postalCode"
              defaultValue={v('postalCode')}
              maxLength={10}
              inputMode="numeric"
              autoComplete="postal-code"
            />
          </Field>
        </fieldset>
        <fieldset>
          <legend>所需信息</legend>
          <Field id="description" label="所需政府信息的名称、文号或者便于查询的特征性描述" required>
            <textarea
              id="description"
              name="description"
              defaultValue={v('description')}
              maxLength={4000}
              required
              rows={5}
            />
          </Field>
          <Field id="docNumber" label="文号（如知道）">
            <input id="docNumber" type="text" name="docNumber" defaultValue={v('docNumber')} maxLength={200} />
          </Field>
          <Field id="purpose" label="用途（选填）" hint="法律不要求说明用途，填写有助于准确提供">
            <textarea
              id="purpose"
              name="purpose"
              defaultValue={v('purpose')}
              maxLength={1000}
              rows={2}
              aria-describedby="purpose-hint"
            />
          </Field>
        </fieldset>
        <fieldset>
          <legend>
            信息的提供形式<span className="pp-required"> *</span>
          </legend>
          <Radios name="deliveryForm" table={DELIVERY_FORMS} checked={v('deliveryForm') || 'electronic'} />
        </fieldset>
        <fieldset>
          <legend>
            获取信息的方式<span className="pp-required"> *</span>
          </legend>
          <Radios name="deliveryMethod" table={DELIVERY_METHODS} checked={v('deliveryMethod') || 'online'} />
        </fieldset>
        <div className="pp-actions">
          <button type="submit">提交申请</button>
        </div>
      </form>
    </PageShell>
  );
}

const when = (iso: string) => shanghaiDateTime(iso).slice(0, 16);

export function ApplicationPage({
  view,
  csrf,
  app,
  message,
}: {
  view: ViewContext;
  csrf: string;
  app: ApplicationDetail;
  message?: PageMessage | null;
}) {
  const { clock } = app;
  return (
    <PageShell
      view={view}
      title={`政府信息公开申请 ${app.serial}`}
      column="依申请公开"
      trail={[{ label: '用户空间', href: '/user/' }]}
      message={message}
      noindex
    >
      <dl className="pp-dl">
        <dt>办理状态</dt>
        <dd>
          <span className={`pp-status ${app.status === 'answered' ? 'closed' : 'open'}`}>{app.statusName}</span>
          {app.dispositionName ? `（${app.dispositionName}）` : null}
        </dd>
        <dt>所需信息</dt>
        <dd>{app.description}</dd>
        <dt>提交时间</dt>
        <dd>{when(app.submittedAt)}</dd>
        <dt>收到申请之日</dt>
        <dd>{clock.receivedOn}</dd>
        <dt>答复期限</dt>
        <dd>
          {app.status === 'answered'
            ? `已于 ${shanghaiDate(app.answeredAt!)} 答复`
            : clock.due
              ? `${clock.due}（法定期限${clock.limit}个工作日${clock.estimated ? '，暂按工作日估算' : ''}）`
              : '暂停计算（补正、征求第三方意见或缴费期间依法不计算在内）'}
        </dd>
      </dl>

      {app.status === 'correction' && app.correction ? (
        <section aria-labelledby="correction-title">
          <h2 id="correction-title">补正通知</h2>
          <p>请补正以下事项，并于 {app.correction.deadline} 前提交；答复期限自收到补正之日起重新计算：</p>
          <ul>
            {app.correction.items.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
          <form method="post" className="pp-form" action={href(view, `/disclosure/${app.id}/supplement`)}>
            <Hidden csrf={csrf} />
            <Field id="text" label="补正内容" required>
              <textarea id="text" name="text" maxLength={4000} rows={5} required />
            </Field>
            <Field id="newDescription" label="补正后的所需信息描述（如需修改）">
              <textarea
                id="newDescription"
                name="description"
                maxLength={4000}
                rows={3}
                defaultValue={app.description}
              />
            </Field>
            <div className="pp-actions">
              <button type="submit">提交补正</button>
            </div>
          </form>
        </section>
      ) : null}

      {app.fee && !app.fee.paidAt ? (
        <section aria-labelledby="fee-title">
          <h2 id="fee-title">信息处理费</h2>
          <p>
            按{FEE_METHODS[app.fee.method]}应缴纳信息处理费 {app.fee.amount} 元，请于 {app.fee.deadline}{' '}
            前缴纳；逾期未缴纳的视为放弃申请。缴费期间不计入答复期限。
          </p>
        </section>
      ) : null}

      {app.replyText ? (
        <section aria-labelledby="reply-title">
          <h2 id="reply-title">答复书</h2>
          <div className="pp-reply">{app.replyText}</div>
        </section>
      ) : null}

      <h2>办理过程</h2>
      <ol className="pp-timeline">
        {app.events.map((e) => (
          <li key={`${e.at}-${e.kind}`}>
            <time dateTime={e.at}>{when(e.at)}</time>
            <strong>{e.label}</strong>
            {e.kind === 'answered' || e.kind === 'extension' || e.kind === 'correction' ? `：${e.detail}` : null}
          </li>
        ))}
      </ol>

      {app.deliveries.length ? (
        <>
          <h2>短信和邮件通知</h2>
          <table className="pp-table">
            <caption className="visually-hidden">通知送达情况</caption>
            <thead>
              <tr>
                <th scope="col">通知</th>
                <th scope="col">方式</th>
                <th scope="col">接收</th>
                <th scope="col">状态</th>
                <th scope="col">时间</th>
              </tr>
            </thead>
            <tbody>
              {app.deliveries.map((d) => (
                <tr key={`${d.createdAt}-${d.channel}-${d.kind}`}>
                  <td>{d.subject}</td>
                  <td>{d.channel}</td>
                  <td>{d.target}</td>
                  <td>{d.status}</td>
                  <td>{when(d.sentAt ?? d.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      <p>
        <a href="/user/">返回用户空间</a>
      </p>
    </PageShell>
  );
}

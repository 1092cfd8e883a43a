// The citizen's pages of online services, in the portal's layout: the application form generated from the guide
// (or from a 一件事's merged materials), the receipt, and an application's page with its state, steps, deadline,
// notices, materials, the 补正 form and the 好差评 form. Plain forms that work without JavaScript.
import type { ReactNode } from 'react';
import { Layout } from '../../portal/views/Layout.tsx';
import { Breadcrumbs } from '../../portal/views/parts.tsx';
import type { Crumb, ViewContext } from '../../portal/views/types.ts';
import { siteMeta } from '../../portal/meta.ts';
import { pageTitle } from '../../portal/portal.service.ts';
import { shanghaiDate, shanghaiDateTime } from '../../../platform/time.ts';
import type { ApplicationDetail, DeadlineView } from '../applications.schema.ts';
import type { GuideMaterial } from '../guide.ts';
import { isElectronic } from '../applications.service.ts';
import { RATING_LEVELS } from '../service-types.ts';

export interface Message {
  kind: 'error' | 'info';
  text: string;
}

export function CitizenServicesFrame({
  view,
  title,
  trail,
  css,
  message,
  children,
}: {
  view: ViewContext;
  title: string;
  trail: Crumb[];
  css: string;
  message?: Message | null;
  children: ReactNode;
}) {
  return (
    <Layout view={view} title={pageTitle(view.site, title)} meta={siteMeta(view.site)} noindex>
      <link rel="stylesheet" href={css} />
      <div className="container svc-page">
        <Breadcrumbs view={view} trail={trail} />
        <h1>{title}</h1>
        {message ? (
          <p className={`svc-message ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
            {message.text}
          </p>
        ) : null}
        {children}
      </div>
    </Layout>
  );
}

export interface ApplyValues {
  applicantName: string;
  contact: string;
  remark: string;
}

/** One file input per material (materials only on paper are listed for the window). */
export function MaterialInputs({ materials, extra }: { materials: GuideMaterial[]; extra?: string[] }) {
  return (
    <fieldset>
      <legend>申请材料</legend>
      <p className="hint">支持 PDF、图片（JPG、PNG）、Word、Excel 等格式，单个文件不超过 20 MB；文件类型按内容识别。</p>
      {materials.map((m, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rendered once to static HTML, never reconciled
        <div className="svc-field" key={i}>
          <label htmlFor={`m-${i}`}>
            {m.name}
            {m.required && isElectronic(m) ? '（必需）' : '（可选）'}
          </label>
          {isElectronic(m) ? (
            <input
              id={`m-${i}`}
              type="file"
              name={`material:${m.name}`}
              required={m.required}
              aria-describedby={`m-${i}-hint`}
            />
          ) : (
            <span id={`m-${i}`}>须提交纸质材料，请在领取结果时交窗口核验。</span>
          )}
          <span className="hint" id={`m-${i}-hint`}>
            {[m.form, m.medium, m.copies ? `${m.copies}份` : '', m.notes, extra?.[i] ? `用于：${extra[i]}` : '']
              .filter(Boolean)
              .join('；')}
          </span>
        </div>
      ))}
    </fieldset>
  );
}

export function ApplyForm({
  action,
  csrf,
  idempotencyKey,
  values,
  materials,
  extra,
  submitLabel,
}: {
  action: string;
  csrf: string;
  idempotencyKey: string;
  values: ApplyValues;
  materials: GuideMaterial[];
  extra?: string[];
  submitLabel: string;
}) {
  return (
    <form className="svc-form" method="post" action={action} encType="multipart/form-data">
      <input type="hidden" name="_csrf" value={csrf} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <fieldset>
        <legend>申请人信息</legend>
        <div className="svc-field">
          <label htmlFor="applicantName">申请人（个人姓名或单位名称）</label>
          <input
            id="applicantName"
            name="applicantName"
            defaultValue={values.applicantName}
            maxLength={100}
            required
            autoComplete="name"
          />
        </div>
        <div className="svc-field">
          <label htmlFor="contact">联系电话</label>
          <input
            id="contact"
            name="contact"
            type="tel"
            defaultValue={values.contact}
            maxLength={30}
            required
            autoComplete="tel"
            aria-describedby="contact-hint"
          />
          <span className="hint" id="contact-hint">
            手机号码或带区号的固定电话，用于通知补正和办理结果。
          </span>
        </div>
        <div className="svc-field">
          <label htmlFor="remark">申请说明（可选）</label>
          <textarea id="remark" name="remark" rows={4} maxLength={2000} defaultValue={values.remark} />
        </div>
      </fieldset>
      <MaterialInputs materials={materials} extra={extra} />
      <p className="hint">提交后生成受理编号；办件进度、补正通知和办理结果会通过短信、邮件告知，并可在用户空间查看。</p>
      <button type="submit">{submitLabel}</button>
    </form>
  );
}

export function DeadlineText({ d }: { d: DeadlineView }) {
  if (d.completed) return <span>已完成（用时 {d.daysUsed} 个工作日）</span>;
  if (d.paused) return <span>补正期间暂停计时</span>;
  return (
    <span className={d.overdue ? 'svc-overdue' : undefined}>
      {d.due ? `${d.due}前` : ''}（{d.overdue ? '已超期' : `剩余 ${d.daysLeft} 个工作日`}）
      {d.estimated ? '，暂按工作日估算' : ''}
    </span>
  );
}

export function ApplicationBody({
  detail,
  csrf,
  fileHref,
  supplementAction,
  rateAction,
}: {
  detail: ApplicationDetail;
  csrf: string;
  fileHref: (fileId: number) => string;
  supplementAction: string;
  rateAction: string;
}) {
  const a = detail.application;
  const correction = [...detail.events].reverse().find((e) => e.action === 'correction');
  return (
    <>
      <div className="table-scroll">
        <table className="svc-facts">
          <tbody>
            <tr>
              <th scope="row">受理编号</th>
              <td>
                {a.receiptNo}
                {a.bundleReceiptNo ? `（一件事申请号 ${a.bundleReceiptNo}）` : ''}
              </td>
            </tr>
            <tr>
              <th scope="row">事项</th>
              <td>{a.itemName}</td>
            </tr>
            <tr>
              <th scope="row">办理部门</th>
              <td>{a.departmentName}</td>
            </tr>
            <tr>
              <th scope="row">当前状态</th>
              <td className="svc-state">
                {a.stateName}
                {a.outcome ? `（${a.outcome}）` : ''}
              </td>
            </tr>
            <tr>
              <th scope="row">提交时间</th>
              <td>{shanghaiDateTime(a.submittedAt)}</td>
            </tr>
            {a.deadline ? (
              <tr>
                <th scope="row">{a.deadline.kind === '受理' ? '受理期限' : `${a.deadline.kind}时限`}</th>
                <td>
                  <DeadlineText d={a.deadline} />
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      {a.state === 'correction' && correction ? (
        <section aria-labelledby="s-correction">
          <h2 id="s-correction">需要补正的全部内容</h2>
          <ol>
            {correction.missing.map((m, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rendered once to static HTML, never reconciled
              <li key={i}>{m}</li>
            ))}
          </ol>
          {correction.note ? <p>{correction.note}</p> : null}
          <form className="svc-form" method="post" action={supplementAction} encType="multipart/form-data">
            <input type="hidden" name="_csrf" value={csrf} />
            <fieldset>
              <legend>提交补正材料</legend>
              {detail.materials
                .filter((m) => m.electronic)
                .map((m, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rendered once to static HTML, never reconciled
                  <div className="svc-field" key={i}>
                    <label htmlFor={`s-${i}`}>{m.name}</label>
                    <input id={`s-${i}`} type="file" name={`material:${m.name}`} />
                  </div>
                ))}
              <div className="svc-field">
                <label htmlFor="note">补正说明</label>
                <textarea id="note" name="note" rows={3} maxLength={2000} />
              </div>
            </fieldset>
            <button type="submit">提交补正</button>
          </form>
        </section>
      ) : null}
      {a.state === 'completed' && !detail.rating ? (
        <section aria-labelledby="s-rate">
          <h2 id="s-rate">服务评价（好差评）</h2>
          <form className="svc-form svc-rating" method="post" action={rateAction}>
            <input type="hidden" name="_csrf" value={csrf} />
            <fieldset>
              <legend>您对本次办理的总体评价</legend>
              {RATING_LEVELS.map((l) => (
                <label key={l.level}>
                  <input type="radio" name="level" value={l.level} required /> {l.name}
                </label>
              ))}
            </fieldset>
            <div className="svc-field">
              <label htmlFor="comment">意见和建议（可选）</label>
              <textarea id="comment" name="comment" rows={3} maxLength={1000} />
            </div>
            <button type="submit">提交评价</button>
          </form>
        </section>
      ) : null}
      {detail.rating ? (
        <section aria-labelledby="s-rating">
          <h2 id="s-rating">我的评价</h2>
          <p>
            {detail.rating.levelName}（{shanghaiDate(detail.rating.ratedAt)}）
            {detail.rating.comment ? `：${detail.rating.comment}` : ''}
          </p>
          {detail.rectification ? (
            <p>
              整改情况：{detail.rectification.stateName}
              {detail.rectification.measures ? `。${detail.rectification.measures}` : ''}
            </p>
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="s-steps">
        <h2 id="s-steps">办理过程</h2>
        <ol className="svc-timeline">
          {detail.events.map((e) => (
            <li key={e.id}>
              <time dateTime={e.at}>{shanghaiDateTime(e.at)}</time> {e.actionName}（{e.actorName}）
              {e.note ? `：${e.note}` : ''}
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="s-files">
        <h2 id="s-files">已提交的材料</h2>
        <ul>
          {detail.materials.flatMap((m) =>
            m.files.map((f) => (
              <li key={f.id}>
                {m.name}：<a href={fileHref(f.id)}>{f.name}</a>
                {f.round > 0 ? '（补正）' : ''}
              </li>
            )),
          )}
        </ul>
      </section>
      {detail.notices.length ? (
        <section aria-labelledby="s-notices">
          <h2 id="s-notices">通知送达情况</h2>
          <ul>
            {detail.notices.map((n, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rendered once to static HTML, never reconciled
              <li key={i}>
                {shanghaiDateTime(n.createdAt)} {n.channel === 'sms' ? '短信' : '邮件'} {n.target}：{n.subject}（
                {n.status === 'sent' ? '已送达' : n.status === 'failed' ? '发送失败，系统将重试' : '发送中'}）
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

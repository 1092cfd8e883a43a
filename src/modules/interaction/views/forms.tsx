// The citizen's own pages of the message board, in the account pages' frame: the form to leave a message (works
// without JavaScript, attachments as a plain multipart form), one's message with its status, deadline, replies,
// rating and second handling, and the local 纠错 form reachable from every page's footer.
import { shanghaiDate, shanghaiDateTime } from '../../../platform/time.ts';
import { ChallengeBox, CitizenFrame, Field, FormTokens, type PageMessage } from '../../citizens/views/frame.tsx';
import type { ViewContext } from '../../portal/views/types.ts';
import type { CitizenMessageView } from '../interaction.schema.ts';

export interface FormPageBase {
  view: ViewContext;
  assets: { css: string; js: string; own: string };
  csrf: string;
  message?: PageMessage | null;
}

const USER_SPACE = { label: '用户空间', href: '/user/' };

export interface MessageFormValues {
  category: string;
  title: string;
  body: string;
  publishConsent: boolean;
  contactPreference: string;
}

export function SubmitPage(
  p: FormPageBase & {
    values: MessageFormValues;
    idempotencyKey: string;
    siteCode: string | null;
    limits: { titleMax: number; bodyMax: number; attachments: number; attachmentMb: number };
    hasPhone: boolean;
    hasEmail: boolean;
  },
) {
  const v = p.values;
  const action = p.siteCode ? `/user/messages/new?site=${encodeURIComponent(p.siteCode)}` : '/user/messages/new';
  return (
    <CitizenFrame view={p.view} title="我要留言" parent={USER_SPACE} message={p.message} assets={p.assets}>
      <link rel="stylesheet" href={p.assets.own} />
      <p>
        请如实填写您要咨询、建议或投诉的事项。提交后立即获得查询编号，一般咨询 1 个工作日内、其他留言最迟 5
        个工作日内答复，可在用户空间查看办理进度。涉及信访、纪检举报的事项请通过专门渠道反映。
      </p>
      <form className="citizen-form" method="post" action={action} encType="multipart/form-data">
        <FormTokens csrf={p.csrf} idempotencyKey={p.idempotencyKey} />
        <fieldset>
          <legend>留言类型</legend>
          <div className="citizen-choice">
            {['咨询', '建议', '投诉'].map((c) => (
              <label key={c}>
                <input type="radio" name="category" value={c} defaultChecked={v.category === c} required /> {c}
              </label>
            ))}
          </div>
        </fieldset>
        <Field id="msg-title" label="标题" hint={`不超过 ${p.limits.titleMax} 个字。`}>
          <input
            id="msg-title"
            type="text"
            name="title"
            defaultValue={v.title}
            maxLength={p.limits.titleMax}
            required
            aria-describedby="msg-title-hint"
          />
        </Field>
        <Field id="msg-body" label="内容" hint={`不超过 ${p.limits.bodyMax} 个字。请勿填写身份证号码等个人信息。`}>
          <textarea
            id="msg-body"
            name="body"
            rows={8}
            defaultValue={v.body}
            maxLength={p.limits.bodyMax}
            required
            aria-describedby="msg-body-hint"
          />
        </Field>
        <Field
          id="msg-files"
          label="附件（选填）"
          hint={`最多 ${p.limits.attachments} 个，每个不超过 ${p.limits.attachmentMb} MB；支持图片、PDF、Word、Excel。`}
        >
          <input
            id="msg-files"
            type="file"
            name="attachments"
            multiple
            accept=".png,.jpg,.jpeg,.gif,.webp,.pdf,.docx,.xlsx,.doc,.xls,.wps"
            aria-describedby="msg-files-hint"
          />
        </Field>
        <fieldset>
          <legend>是否公开</legend>
          <label>
            <input type="checkbox" name="publishConsent" value="1" defaultChecked={v.publishConsent} />{' '}
            同意答复后在网站公开我的留言（姓名、电话等个人信息将隐去）
          </label>
        </fieldset>
        <fieldset>
          <legend>答复通知方式</legend>
          <div className="citizen-choice">
            <label>
              <input
                type="radio"
                name="contactPreference"
                value="sms"
                defaultChecked={v.contactPreference === 'sms'}
                disabled={!p.hasPhone}
              />{' '}
              短信{p.hasPhone ? '' : '（未登记手机号码）'}
            </label>
            <label>
              <input
                type="radio"
                name="contactPreference"
                value="email"
                defaultChecked={v.contactPreference === 'email'}
                disabled={!p.hasEmail}
              />{' '}
              电子邮件{p.hasEmail ? '' : '（未登记邮箱）'}
            </label>
            <label>
              <input
                type="radio"
                name="contactPreference"
                value="none"
                defaultChecked={v.contactPreference === 'none'}
              />{' '}
              不需要通知，我到用户空间查看
            </label>
          </div>
        </fieldset>
        <div className="citizen-actions">
          <button type="submit">提交留言</button>
        </div>
      </form>
    </CitizenFrame>
  );
}

export function MyMessagePage(p: FormPageBase & { m: CitizenMessageView; created: boolean }) {
  const m = p.m;
  const due = m.replyDue;
  return (
    <CitizenFrame view={p.view} title="我的留言" parent={USER_SPACE} message={p.message} assets={p.assets}>
      <link rel="stylesheet" href={p.assets.own} />
      {p.created ? (
        <p className="citizen-message info" role="status">
          留言已提交，查询编号 <strong>{m.trackingNo}</strong>
          {due.due ? `，将于 ${due.due} 前答复` : ''}。
        </p>
      ) : null}
      <dl className="message-facts">
        <dt>查询编号</dt>
        <dd>{m.trackingNo}</dd>
        <dt>类型</dt>
        <dd>{m.category}</dd>
        <dt>状态</dt>
        <dd>{m.status}</dd>
        <dt>留言时间</dt>
        <dd>{shanghaiDateTime(m.receivedAt)}</dd>
        {m.replies.length === 0 && !m.invalidReason && due.due ? (
          <>
            <dt>答复期限</dt>
            <dd>
              {due.due}
              {due.overdue ? '（已超期，已督促办理）' : ''}
              {due.estimated ? '（暂按工作日估算）' : ''}
            </dd>
          </>
        ) : null}
        {m.pageUrl ? (
          <>
            <dt>纠错页面</dt>
            <dd>{m.pageUrl}</dd>
          </>
        ) : null}
        {m.publicUrl ? (
          <>
            <dt>公开页面</dt>
            <dd>
              <a href={m.publicUrl}>查看公开的留言和答复</a>
            </dd>
          </>
        ) : null}
      </dl>
      <section className="message-block" aria-labelledby="mine-title">
        <h2 id="mine-title">{m.title}</h2>
        {m.body.split(/\n+/).map((line, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs have no identity but their order.
          <p key={i}>{line}</p>
        ))}
        {m.attachments.length ? (
          <ul>
            {m.attachments.map((a) => (
              <li key={a.fileId}>
                <a href={`/api/citizen/messages/${m.id}/attachments/${a.fileId}`}>{a.name}</a>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      {m.invalidReason ? (
        <section className="message-block" aria-labelledby="invalid-title">
          <h2 id="invalid-title">不予受理</h2>
          <p>理由：{m.invalidReason}</p>
        </section>
      ) : null}
      {m.replies.map((r) => (
        <section key={r.round} className="message-block message-reply" aria-labelledby={`mine-reply-${r.round}`}>
          <h2 id={`mine-reply-${r.round}`}>{r.round === 1 ? '答复' : '二次办理答复'}</h2>
          <p className="message-reply-meta">
            答复单位：{r.departmentName}　答复时间：{shanghaiDateTime(r.repliedAt)}
          </p>
          {r.body.split(/\n+/).map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs have no identity but their order.
            <p key={i}>{line}</p>
          ))}
        </section>
      ))}
      {m.rating ? (
        <p>
          您的评价：<strong>{m.rating}</strong>
          {m.ratingComment ? `（${m.ratingComment}）` : ''}
        </p>
      ) : null}
      {m.canRate ? <RatingForm id={m.id} csrf={p.csrf} /> : null}
      {m.canAskSecond ? <SecondForm id={m.id} csrf={p.csrf} /> : null}
    </CitizenFrame>
  );
}

function RatingForm({ id, csrf }: { id: number; csrf: string }) {
  return (
    <form className="citizen-form" method="post" action={`/user/messages/${id}/rating`}>
      <FormTokens csrf={csrf} />
      <fieldset>
        <legend>对答复的评价</legend>
        <div className="citizen-choice">
          {['满意', '基本满意', '不满意'].map((r) => (
            <label key={r}>
              <input type="radio" name="rating" value={r} required /> {r}
            </label>
          ))}
        </div>
        <Field id="rating-comment" label="意见（选填）">
          <textarea id="rating-comment" name="comment" rows={3} maxLength={500} />
        </Field>
      </fieldset>
      <div className="citizen-actions">
        <button type="submit">提交评价</button>
      </div>
    </form>
  );
}

function SecondForm({ id, csrf }: { id: number; csrf: string }) {
  return (
    <form className="citizen-form" method="post" action={`/user/messages/${id}/second`}>
      <FormTokens csrf={csrf} />
      <fieldset>
        <legend>申请二次办理（限一次）</legend>
        <Field id="second-reason" label="不满意的理由和诉求">
          <textarea id="second-reason" name="reason" rows={4} maxLength={1000} required />
        </Field>
      </fieldset>
      <div className="citizen-actions">
        <button type="submit">申请二次办理</button>
      </div>
    </form>
  );
}

export function JiucuoPage(
  p: FormPageBase & {
    pageUrl: string;
    description: string;
    idempotencyKey: string;
    signedInAs: string | null;
    siteCode: string | null;
    done: { trackingNo: string; held: boolean } | null;
  },
) {
  const action = p.siteCode ? `/user/jiucuo?site=${encodeURIComponent(p.siteCode)}` : '/user/jiucuo';
  return (
    <CitizenFrame view={p.view} title="网站纠错" message={p.message} assets={p.assets} challenge={!p.signedInAs}>
      <link rel="stylesheet" href={p.assets.own} />
      {p.done ? (
        <p className="citizen-message info" role="status">
          感谢您的纠错，查询编号 <strong>{p.done.trackingNo}</strong>。我们将在 3 个工作日内答复，一个月内办结
          {p.done.held ? '（未完成安全验证的匿名纠错需经人工审核后受理）' : ''}。
        </p>
      ) : null}
      <p>
        发现本网站页面上的错别字、错误链接、信息过时或无法访问等问题，请在这里告诉我们。也可以通过页面底部的“我为政府网站找错”向全国政府网站找错平台反映。
        {p.signedInAs ? ` 您正以“${p.signedInAs}”的身份提交，答复将通知您。` : ' 登录后提交可收到答复通知。'}
      </p>
      <form className="citizen-form" method="post" action={action}>
        <FormTokens csrf={p.csrf} idempotencyKey={p.idempotencyKey} />
        <Field id="jc-url" label="出错页面的网址" hint="从哪个页面进入本表单，已自动填入。">
          <input
            id="jc-url"
            type="text"
            name="pageUrl"
            defaultValue={p.pageUrl}
            maxLength={1000}
            required
            aria-describedby="jc-url-hint"
          />
        </Field>
        <Field id="jc-desc" label="问题描述" hint="不超过 1000 个字。">
          <textarea
            id="jc-desc"
            name="description"
            rows={6}
            defaultValue={p.description}
            maxLength={1000}
            required
            aria-describedby="jc-desc-hint"
          />
        </Field>
        {p.signedInAs ? null : <ChallengeBox />}
        <div className="citizen-actions">
          <button type="submit">提交纠错</button>
        </div>
      </form>
    </CitizenFrame>
  );
}

/** A refused look at a message (not one's own, or gone): the reason and the way back. */
export function MessageErrorPage(p: Omit<FormPageBase, 'csrf'>) {
  return (
    <CitizenFrame view={p.view} title="我的留言" parent={USER_SPACE} message={p.message} assets={p.assets}>
      <p>
        <a href="/user/">返回用户空间</a>
      </p>
    </CitizenFrame>
  );
}

export const dayOf = shanghaiDate;

// The public account's pages. Every form posts to its own URL and works without JavaScript; fields keep what was
// typed when a page is shown again (never passwords); React escapes every value.
import type { ViewContext } from '../../portal/views/types.ts';
import type { Agreement } from '../agreements.ts';
import type { AccountView } from '../citizens.presenter.ts';
import type { RenderedSection } from '../user-space.ts';
import type { NoticeDelivery } from '../notices.service.ts';
import { shanghaiDate, shanghaiDateTime } from '../../../platform/time.ts';
import { ChallengeBox, CitizenFrame, ContactFields, Field, FormTokens, type PageMessage } from './frame.tsx';

export interface PageBase {
  view: ViewContext;
  assets: { css: string; js: string };
  message?: PageMessage | null;
  /** The form's CSRF token (the session's, or the anonymous form token). */
  csrf: string;
}

const SPACE = { label: '用户空间', href: '/user/' };

export function LoginPage(p: PageBase & { identifier: string; back: string; oidcName: string | null }) {
  return (
    <CitizenFrame view={p.view} title="登录" message={p.message} assets={p.assets}>
      <p>一个账号，可在本网站留言咨询、在线办事、参与调查征集和申请政府信息公开。</p>
      <form className="citizen-form" method="post" action="/user/login">
        <FormTokens csrf={p.csrf} />
        <input type="hidden" name="back" value={p.back} />
        <Field id="login-identifier" label="手机号码或电子邮箱">
          <input
            id="login-identifier"
            type="text"
            name="identifier"
            defaultValue={p.identifier}
            autoComplete="username"
            maxLength={254}
            required
          />
        </Field>
        <Field id="login-password" label="密码">
          <input id="login-password" type="password" name="password" autoComplete="current-password" required />
        </Field>
        <div className="citizen-actions">
          <button type="submit">登录</button>
        </div>
      </form>
      <ul className="citizen-links">
        <li>
          <a href="/user/register">注册账号</a>
        </li>
        <li>
          <a href="/user/reset">忘记密码</a>
        </li>
        {p.oidcName ? (
          <li>
            <a href={`/user/oidc/start?back=${encodeURIComponent(p.back)}`}>使用{p.oidcName}登录</a>
            （登录即表示同意<a href="/user/terms">《用户协议》</a>和<a href="/user/privacy">《隐私政策》</a>）
          </li>
        ) : null}
      </ul>
    </CitizenFrame>
  );
}

export interface RegisterValues {
  channel: string;
  target: string;
  displayName: string;
  accountType: string;
  orgName: string;
  creditCode: string;
  codeSent: boolean;
}

export function RegisterPage(p: PageBase & { values: RegisterValues }) {
  const v = p.values;
  return (
    <CitizenFrame view={p.view} title="注册" message={p.message} assets={p.assets} challenge>
      <p>
        使用手机号码或电子邮箱注册，外地用户同样可以注册。先获取验证码，再设置密码完成注册。已有账号请
        <a href="/user/login">登录</a>。
      </p>
      <form className="citizen-form" method="post" action="/user/register">
        <FormTokens csrf={p.csrf} />
        <ContactFields channel={v.channel} target={v.target} idPrefix="reg" />
        <ChallengeBox />
        <div className="citizen-actions">
          <button type="submit" name="action" value="code" className="secondary">
            {v.codeSent ? '重新获取验证码' : '获取验证码'}
          </button>
        </div>
        <fieldset>
          <legend>设置账号</legend>
          <Field id="reg-code" label="验证码" hint="6 位数字，10 分钟内有效。">
            <input
              id="reg-code"
              type="text"
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              aria-describedby="reg-code-hint"
            />
          </Field>
          <Field id="reg-password" label="密码" hint="至少 10 位，包含大写字母、小写字母、数字、符号中的至少 3 类。">
            <input
              id="reg-password"
              type="password"
              name="password"
              autoComplete="new-password"
              aria-describedby="reg-password-hint"
            />
          </Field>
          <Field id="reg-name" label="昵称（选填）" hint="公开留言时显示的称呼，不必填写真实姓名。">
            <input
              id="reg-name"
              type="text"
              name="displayName"
              defaultValue={v.displayName}
              maxLength={30}
              aria-describedby="reg-name-hint"
            />
          </Field>
          <fieldset>
            <legend>账号类型</legend>
            <div className="citizen-choice">
              <label>
                <input
                  type="radio"
                  name="accountType"
                  value="person"
                  defaultChecked={v.accountType !== 'organization'}
                />{' '}
                个人
              </label>
              <label>
                <input
                  type="radio"
                  name="accountType"
                  value="organization"
                  defaultChecked={v.accountType === 'organization'}
                />{' '}
                法人或其他组织
              </label>
            </div>
          </fieldset>
          <Field id="reg-org" label="单位名称（法人填写）">
            <input id="reg-org" type="text" name="orgName" defaultValue={v.orgName} maxLength={200} />
          </Field>
          <Field id="reg-credit" label="统一社会信用代码（法人填写）">
            <input id="reg-credit" type="text" name="creditCode" defaultValue={v.creditCode} maxLength={18} />
          </Field>
          <div className="citizen-field">
            <label>
              <input type="checkbox" name="acceptTerms" value="1" /> 我已阅读并同意
              <a href="/user/terms">《用户协议》</a>
            </label>
            <label>
              <input type="checkbox" name="acceptPrivacy" value="1" /> 我已阅读并同意
              <a href="/user/privacy">《隐私政策》</a>
            </label>
          </div>
        </fieldset>
        <div className="citizen-actions">
          <button type="submit" name="action" value="register">
            注册
          </button>
        </div>
      </form>
    </CitizenFrame>
  );
}

export function ResetPage(p: PageBase & { channel: string; target: string; codeSent: boolean }) {
  return (
    <CitizenFrame view={p.view} title="找回密码" message={p.message} assets={p.assets} challenge>
      <p>验证码将发送到注册时使用的手机号码或电子邮箱，验证后即可设置新密码。</p>
      <form className="citizen-form" method="post" action="/user/reset">
        <FormTokens csrf={p.csrf} />
        <ContactFields channel={p.channel} target={p.target} idPrefix="reset" />
        <ChallengeBox />
        <div className="citizen-actions">
          <button type="submit" name="action" value="code" className="secondary">
            {p.codeSent ? '重新获取验证码' : '获取验证码'}
          </button>
        </div>
        <Field id="reset-code" label="验证码">
          <input
            id="reset-code"
            type="text"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
          />
        </Field>
        <Field id="reset-password" label="新密码" hint="至少 10 位，包含大写字母、小写字母、数字、符号中的至少 3 类。">
          <input
            id="reset-password"
            type="password"
            name="password"
            autoComplete="new-password"
            aria-describedby="reset-password-hint"
          />
        </Field>
        <div className="citizen-actions">
          <button type="submit" name="action" value="reset">
            设置新密码
          </button>
        </div>
      </form>
    </CitizenFrame>
  );
}

export function AgreementPage(p: Omit<PageBase, 'csrf'> & { agreement: Agreement }) {
  return (
    <CitizenFrame view={p.view} title={p.agreement.title} assets={p.assets}>
      <div className="agreement">
        <p>版本：{p.agreement.version}</p>
        {p.agreement.sections.map((s) => (
          <section key={s.heading}>
            <h2>{s.heading}</h2>
            {s.paragraphs.map((text) => (
              <p key={text}>{text}</p>
            ))}
          </section>
        ))}
      </div>
    </CitizenFrame>
  );
}

const CHANNEL = { sms: '短信', email: '邮件' } as const;
const NOTICE_STATUS = { sent: '已发送', failed: '发送失败', pending: '发送中' } as const;

function SpaceNav() {
  return (
    <nav className="user-space-nav" aria-label="账号设置">
      <ul>
        <li>
          <a href="/user/contact">更换手机号码或邮箱</a>
        </li>
        <li>
          <a href="/user/password">修改密码</a>
        </li>
        <li>
          <a href="/user/delete">注销账号</a>
        </li>
      </ul>
    </nav>
  );
}

function Section({ section }: { section: RenderedSection }) {
  const headingId = `section-${section.id}`;
  return (
    <section className="user-section" aria-labelledby={headingId} data-section={section.id}>
      <h2 id={headingId}>{section.title}</h2>
      {section.action ? (
        <p>
          <a href={section.action.href}>{section.action.label}</a>
        </p>
      ) : null}
      {section.entries.length === 0 ? (
        <p className="empty">{section.emptyText}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">事项</th>
              <th scope="col">状态</th>
              <th scope="col">提交时间</th>
              <th scope="col">办理期限</th>
            </tr>
          </thead>
          <tbody>
            {section.entries.map((e) => (
              <tr key={`${e.href ?? e.title}|${e.submittedAt ?? ''}`}>
                <td>
                  {e.href ? <a href={e.href}>{e.title}</a> : e.title}
                  {e.detail ? <div className="hint">{e.detail}</div> : null}
                </td>
                <td>{e.status ?? '—'}</td>
                <td>{e.submittedAt ? shanghaiDate(e.submittedAt) : '—'}</td>
                <td>
                  {e.deadline ? (
                    <span className={e.deadline.overdue ? 'deadline-overdue' : undefined}>
                      {e.deadline.paused ? '暂停计时' : (e.deadline.due ?? '—')}
                      {e.deadline.overdue ? '（已超期）' : ''}
                      {e.deadline.estimated ? '（暂按工作日估算）' : ''}
                    </span>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function SpacePage(
  p: PageBase & { account: AccountView; sections: RenderedSection[]; notices: NoticeDelivery[] },
) {
  const a = p.account;
  return (
    <CitizenFrame view={p.view} title="用户空间" message={p.message} assets={p.assets}>
      <section className="user-account" aria-labelledby="account-title">
        <h2 id="account-title">账号信息</h2>
        <dl>
          <dt>昵称</dt>
          <dd>{a.displayName}</dd>
          <dt>账号类型</dt>
          <dd>{a.accountType === 'organization' ? `法人或其他组织（${a.orgName ?? ''}）` : '个人'}</dd>
          <dt>手机号码</dt>
          <dd>{a.phone ?? '未登记'}</dd>
          <dt>电子邮箱</dt>
          <dd>{a.email ?? '未登记'}</dd>
          {a.realName ? (
            <>
              <dt>实名信息</dt>
              <dd>
                {a.realName} {a.idNumber}
              </dd>
            </>
          ) : null}
          <dt>注册时间</dt>
          <dd>{shanghaiDateTime(a.createdAt)}</dd>
        </dl>
        <SpaceNav />
        <form method="post" action="/user/logout">
          <FormTokens csrf={p.csrf} />
          <div className="citizen-actions">
            <button type="submit" className="secondary">
              退出登录
            </button>
          </div>
        </form>
      </section>
      {p.sections.map((s) => (
        <Section key={s.id} section={s} />
      ))}
      <section className="user-section" aria-labelledby="notices-title">
        <h2 id="notices-title">短信和邮件通知</h2>
        {p.notices.length === 0 ? (
          <p className="empty">还没有发给您的通知。</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">通知</th>
                <th scope="col">方式</th>
                <th scope="col">送达情况</th>
                <th scope="col">时间</th>
              </tr>
            </thead>
            <tbody>
              {p.notices.map((n) => (
                <tr key={n.id}>
                  <td>{n.subject}</td>
                  <td>
                    {CHANNEL[n.channel]} {n.target}
                  </td>
                  <td>{NOTICE_STATUS[n.status]}</td>
                  <td>{shanghaiDateTime(n.sentAt ?? n.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </CitizenFrame>
  );
}

export function PasswordPage(p: PageBase) {
  return (
    <CitizenFrame view={p.view} title="修改密码" parent={SPACE} message={p.message} assets={p.assets}>
      <form className="citizen-form" method="post" action="/user/password">
        <FormTokens csrf={p.csrf} />
        <Field id="pw-current" label="当前密码">
          <input id="pw-current" type="password" name="currentPassword" autoComplete="current-password" required />
        </Field>
        <Field id="pw-new" label="新密码" hint="至少 10 位，包含大写字母、小写字母、数字、符号中的至少 3 类。">
          <input
            id="pw-new"
            type="password"
            name="newPassword"
            autoComplete="new-password"
            required
            aria-describedby="pw-new-hint"
          />
        </Field>
        <div className="citizen-actions">
          <button type="submit">修改密码</button>
        </div>
      </form>
    </CitizenFrame>
  );
}

export function ContactPage(p: PageBase & { channel: string; target: string; codeSent: boolean }) {
  return (
    <CitizenFrame view={p.view} title="更换手机号码或邮箱" parent={SPACE} message={p.message} assets={p.assets}>
      <p>新的号码或邮箱需通过验证码确认后才会生效。</p>
      <form className="citizen-form" method="post" action="/user/contact">
        <FormTokens csrf={p.csrf} />
        <ContactFields channel={p.channel} target={p.target} idPrefix="contact" />
        <div className="citizen-actions">
          <button type="submit" name="action" value="code" className="secondary">
            {p.codeSent ? '重新获取验证码' : '获取验证码'}
          </button>
        </div>
        <Field id="contact-code" label="验证码">
          <input
            id="contact-code"
            type="text"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
          />
        </Field>
        <div className="citizen-actions">
          <button type="submit" name="action" value="change">
            确认更换
          </button>
        </div>
      </form>
    </CitizenFrame>
  );
}

export function DeletePage(p: PageBase & { hasPassword: boolean }) {
  return (
    <CitizenFrame view={p.view} title="注销账号" parent={SPACE} message={p.message} assets={p.assets}>
      <p>
        注销后，您的手机号码、电子邮箱、姓名、证件号码等个人信息将被删除且无法恢复；已公开的留言和答复按规定保留，但不再显示与您相关的信息。
      </p>
      <form className="citizen-form" method="post" action="/user/delete">
        <FormTokens csrf={p.csrf} />
        {p.hasPassword ? (
          <Field id="del-password" label="密码">
            <input id="del-password" type="password" name="password" autoComplete="current-password" required />
          </Field>
        ) : null}
        <Field id="del-confirm" label="请输入“注销”二字确认">
          <input id="del-confirm" type="text" name="confirm" required maxLength={10} />
        </Field>
        <div className="citizen-actions">
          <button type="submit" className="danger">
            注销账号
          </button>
        </div>
      </form>
    </CitizenFrame>
  );
}

export function DonePage(
  p: Omit<PageBase, 'csrf'> & { title: string; text: string; link: { label: string; href: string } },
) {
  return (
    <CitizenFrame view={p.view} title={p.title} assets={p.assets} message={{ kind: 'info', text: p.text }}>
      <p>
        <a href={p.link.href}>{p.link.label}</a>
      </p>
    </CitizenFrame>
  );
}

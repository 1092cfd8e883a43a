// The frame of every account page: the portal's Layout (meta tags, header, footer with the 找错 entry), the
// module's stylesheet, breadcrumbs, the heading and the outcome of the last submission.
import type { ReactNode } from 'react';
import { Layout } from '../../portal/views/Layout.tsx';
import { Breadcrumbs } from '../../portal/views/parts.tsx';
import type { ViewContext } from '../../portal/views/types.ts';
import { siteMeta } from '../../portal/meta.ts';
import { pageTitle } from '../../portal/portal.service.ts';

export interface PageMessage {
  kind: 'error' | 'info';
  text: string;
}

export interface FrameProps {
  view: ViewContext;
  title: string;
  /** Shown between 首页 and the page: 用户空间 for the signed-in pages. */
  parent?: { label: string; href: string };
  message?: PageMessage | null;
  assets: { css: string; js: string };
  /** Pages with the proof-of-work challenge load its script. */
  challenge?: boolean;
  children: ReactNode;
}

export function CitizenFrame({ view, title, parent, message, assets, challenge, children }: FrameProps) {
  return (
    <Layout view={view} title={pageTitle(view.site, title)} meta={siteMeta(view.site)} noindex>
      <link rel="stylesheet" href={assets.css} />
      <div className="container citizen-page">
        <Breadcrumbs view={view} trail={[...(parent ? [parent] : []), { label: title }]} />
        <h1>{title}</h1>
        {message ? (
          <p className={`citizen-message ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
            {message.text}
          </p>
        ) : null}
        {children}
      </div>
      {challenge ? <script src={assets.js} defer></script> : null}
    </Layout>
  );
}

export function Field({
  id,
  label,
  hint,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <div className="citizen-field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
    </div>
  );
}

/** The hidden fields every form carries: the CSRF token and, for forms that create something, an idempotency key. */
export function FormTokens({ csrf, idempotencyKey }: { csrf: string; idempotencyKey?: string }) {
  return (
    <>
      <input type="hidden" name="_csrf" value={csrf} />
      {idempotencyKey ? <input type="hidden" name="idempotencyKey" value={idempotencyKey} /> : null}
    </>
  );
}

/** The proof-of-work box: filled by challenge.js; without JavaScript it says the form still works. */
export function ChallengeBox() {
  return (
    <div className="citizen-challenge" data-altcha="/api/citizen/challenge">
      <input type="hidden" name="altcha" value="" />
      <span data-altcha-status="" role="status" aria-live="polite">
        提交时自动进行安全验证，无需操作。
      </span>
      <noscript>您的浏览器未启用脚本，仍可提交；提交会受到更严格的频率限制，部分内容需经人工审核后显示。</noscript>
    </div>
  );
}

/** A channel choice (手机号码 / 电子邮箱) plus the address, kept when the page is shown again. */
export function ContactFields({ channel, target, idPrefix }: { channel: string; target: string; idPrefix: string }) {
  return (
    <>
      <fieldset>
        <legend>验证方式</legend>
        <div className="citizen-choice">
          <label>
            <input type="radio" name="channel" value="sms" defaultChecked={channel !== 'email'} /> 手机号码
          </label>
          <label>
            <input type="radio" name="channel" value="email" defaultChecked={channel === 'email'} /> 电子邮箱
          </label>
        </div>
      </fieldset>
      <Field id={`${idPrefix}-target`} label="手机号码或电子邮箱" hint="外地、境外号码和各类邮箱均可使用。">
        <input
          id={`${idPrefix}-target`}
          type="text"
          name="target"
          defaultValue={target}
          autoComplete="username"
          maxLength={254}
          required
          aria-describedby={`${idPrefix}-target-hint`}
        />
      </Field>
    </>
  );
}

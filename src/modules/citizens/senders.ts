// How messages reach citizens: SMS through a gateway adapter, e-mail through the SMTP setting. The development
// implementation writes the message, verification code included, to the log; tests install capturing senders and
// read the codes from what was "sent", exactly as a citizen reads them from their phone.
import type { Mailer } from '../../platform/mail.ts';
import { maskEmail, maskPhone } from '../../platform/crypto/personal-data.ts';

export type Channel = 'sms' | 'email';

export interface Sender {
  /** Throws when the message could not be handed over (the notice is recorded as failed). */
  send(to: string, subject: string, text: string): Promise<void>;
}

export interface CitizenSenders {
  sms: Sender;
  email: Sender;
}

const maskTarget = (channel: Channel, to: string) => (channel === 'sms' ? maskPhone(to) : maskEmail(to));

/** Development: the message goes to the log (stderr), the target masked, the text (and its code) in full. */
export class LogSender implements Sender {
  constructor(
    private readonly channel: Channel,
    private readonly write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  ) {}

  async send(to: string, subject: string, text: string): Promise<void> {
    const label = this.channel === 'sms' ? '短信（开发，未真实发送）' : '邮件（开发，未配置 SMTP）';
    this.write(`[${label}] ${maskTarget(this.channel, to)} ${subject}：${text}`);
  }
}

/**
 * A generic HTTP SMS gateway: POST {to, text} as JSON, any 2xx is accepted. Provincial 政务短信平台 differ in
 * their fields; an adapter for another shape implements Sender the same way.
 */
export class HttpSmsSender implements Sender {
  constructor(
    private readonly url: string,
    private readonly sign: string,
  ) {}

  async send(to: string, _subject: string, text: string): Promise<void> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to, text: `${this.sign}${text}` }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`短信网关返回 HTTP ${response.status}`);
  }
}

export class MailSender implements Sender {
  constructor(private readonly mailer: Mailer) {}

  async send(to: string, subject: string, text: string): Promise<void> {
    await this.mailer.send({ to: [to], subject, text });
  }
}

export interface SentMessage {
  channel: Channel;
  to: string;
  subject: string;
  text: string;
}

/** Tests: keeps what was sent; `fail` makes the next sends throw (a gateway outage). */
export class CapturingSender implements Sender {
  readonly sent: SentMessage[] = [];
  fail = false;

  constructor(private readonly channel: Channel) {}

  async send(to: string, subject: string, text: string): Promise<void> {
    if (this.fail) throw new Error('gateway unavailable');
    this.sent.push({ channel: this.channel, to, subject, text });
  }

  /** The verification code in the latest message to `to`. */
  lastCode(to: string): string {
    const message = [...this.sent].reverse().find((m) => m.to === to);
    const code = message?.text.match(/验证码[：:]?\s*(\d{6})/)?.[1];
    if (!code) throw new Error(`no verification code was sent to ${to}`);
    return code;
  }
}

// Outgoing e-mail (reminders) through the SMTP server named in GOVPORTAL_SMTP_URL; without it, nothing is sent
// and the reminders stay in the admin console only.
import nodemailer, { type Transporter } from 'nodemailer';

export interface Mail {
  to: string[];
  subject: string;
  text: string;
}

export interface Mailer {
  readonly enabled: boolean;
  send(mail: Mail): Promise<void>;
}

export const disabledMailer: Mailer = { enabled: false, send: async () => {} };

export function createMailer(smtpUrl: string | null, from: string, transport?: Transporter): Mailer {
  if (!smtpUrl && !transport) return disabledMailer;
  const transporter = transport ?? nodemailer.createTransport(smtpUrl!);
  return {
    enabled: true,
    send: async (mail) => {
      if (mail.to.length === 0) return;
      await transporter.sendMail({ from, to: mail.to.join(', '), subject: mail.subject, text: mail.text });
    },
  };
}

// Notices to citizens by SMS and e-mail, each delivery recorded (sent / failed, time, attempts): 补正通知, 延期,
// 答复, 办结 … go to the applicant's phone and mailbox as well as into the user space. Call after the change the
// notice is about has committed; a failed delivery is retried by the citizens.notices job.
import type { Db } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/time.ts';
import { MINUTE } from '../../platform/time.ts';
import { maskEmail, maskPhone } from '../../platform/crypto/personal-data.ts';
import type { CitizenKeys } from './citizen-keys.ts';
import type { Channel, CitizenSenders } from './senders.ts';
import * as repo from './citizens.repository.ts';

export interface NoticeInput {
  citizenId: number;
  /** Names the notice for the sending module: `disclosure.correction`, `services.completed` … */
  kind: string;
  subject: string;
  text: string;
  /** The record it is about, so the record's page can list its deliveries. */
  related?: { type: string; id: string | number };
  /** Defaults to every contact the account has (SMS and e-mail). */
  channels?: Channel[];
}

export interface NoticeDelivery {
  id: number;
  channel: Channel;
  kind: string;
  subject: string;
  target: string;
  status: 'pending' | 'sent' | 'failed';
  error: string | null;
  createdAt: string;
  sentAt: string | null;
}

const MAX_ATTEMPTS = 3;

export class CitizenNotices {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly keys: CitizenKeys,
    private readonly senders: () => CitizenSenders,
  ) {}

  /** Sends a notice to a citizen's phone and/or mailbox; returns one delivery record per channel. */
  async send(input: NoticeInput): Promise<NoticeDelivery[]> {
    const citizen = await repo.findCitizen(this.db, input.citizenId);
    if (!citizen || citizen.status === 'deleted') return [];
    const cipher = await this.keys.cipher();
    const contacts: [Channel, string][] = [];
    if (citizen.phone_enc) contacts.push(['sms', cipher.decrypt(citizen.phone_enc)]);
    if (citizen.email_enc) contacts.push(['email', cipher.decrypt(citizen.email_enc)]);
    const wanted = contacts.filter(([c]) => !input.channels || input.channels.includes(c));
    const out: NoticeDelivery[] = [];
    for (const [channel, to] of wanted) out.push(await this.deliver(channel, to, input));
    return out;
  }

  /**
   * Sends to an address that may not belong to an account yet (verification codes). `redact` is replaced by
   * ****** in the stored text, so codes never sit in the database.
   */
  async sendTo(
    channel: Channel,
    to: string,
    input: Omit<NoticeInput, 'citizenId' | 'channels'> & { citizenId?: number | null; redact?: string },
  ): Promise<NoticeDelivery> {
    return this.deliver(channel, to, { ...input, citizenId: input.citizenId ?? null });
  }

  private async deliver(
    channel: Channel,
    to: string,
    input: { citizenId: number | null; kind: string; subject: string; text: string; redact?: string } & Pick<
      NoticeInput,
      'related'
    >,
  ): Promise<NoticeDelivery> {
    const createdAt = this.clock.now().toISOString();
    const body = input.redact ? input.text.split(input.redact).join('******') : input.text;
    const target = channel === 'sms' ? maskPhone(to) : maskEmail(to);
    const id = await repo.insertNotice(this.db, {
      citizen_id: input.citizenId,
      channel,
      kind: input.kind,
      subject: input.subject,
      body,
      target_masked: target,
      related_type: input.related?.type ?? null,
      related_id: input.related ? String(input.related.id) : null,
      created_at: createdAt,
    });
    const result = await this.attempt(id, channel, to, input.subject, input.text);
    return {
      id,
      channel,
      kind: input.kind,
      subject: input.subject,
      target,
      createdAt,
      ...result,
    };
  }

  private async attempt(id: number, channel: Channel, to: string, subject: string, text: string) {
    try {
      await this.senders()[channel].send(to, subject, text);
      const sentAt = this.clock.now().toISOString();
      await repo.markNotice(this.db, id, { status: 'sent', error: null, sent_at: sentAt });
      return { status: 'sent' as const, error: null, sentAt };
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      await repo.markNotice(this.db, id, { status: 'failed', error: message, sent_at: null });
      return { status: 'failed' as const, error: message, sentAt: null };
    }
  }

  /** Deliveries about one record (e.g. an application), oldest first. */
  async forRecord(type: string, id: string | number): Promise<NoticeDelivery[]> {
    return (await repo.noticesFor(this.db, type, String(id))).map(view);
  }

  async ofCitizen(citizenId: number): Promise<NoticeDelivery[]> {
    return (await repo.noticesOf(this.db, citizenId)).map(view);
  }

  /**
   * Retries failed account notices (not codes: a code is useless by the time a retry would arrive), up to
   * MAX_ATTEMPTS, at least 5 minutes after the last try.
   */
  async retryFailed(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - 5 * MINUTE).toISOString();
    const rows = await this.db
      .selectFrom('citizen_notices')
      .selectAll()
      .where('status', '=', 'failed')
      .where('attempts', '<', MAX_ATTEMPTS)
      .where('kind', '!=', 'citizens.code')
      .where('citizen_id', 'is not', null)
      .where('created_at', '<', before)
      .limit(50)
      .execute();
    const cipher = rows.length ? await this.keys.cipher() : null;
    let sent = 0;
    for (const row of rows) {
      const citizen = await repo.findCitizen(this.db, row.citizen_id!);
      const enc = row.channel === 'sms' ? citizen?.phone_enc : citizen?.email_enc;
      if (!citizen || citizen.status === 'deleted' || !enc) continue;
      const result = await this.attempt(row.id, row.channel as Channel, cipher!.decrypt(enc), row.subject, row.body);
      if (result.status === 'sent') sent++;
    }
    return sent;
  }
}

function view(row: Awaited<ReturnType<typeof repo.noticesOf>>[number]): NoticeDelivery {
  return {
    id: row.id,
    channel: row.channel as Channel,
    kind: row.kind,
    subject: row.subject,
    target: row.target_masked,
    status: row.status as NoticeDelivery['status'],
    error: row.error,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}

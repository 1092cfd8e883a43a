// The message board as citizens use it: a signed-in citizen submits a 咨询, 建议 or 投诉 (with attachments through
// the upload checks, publication consent and how to be told of the reply), gets a tracking number at once, and
// follows it in the user space. Routing happens in the same transaction: a rule's department, or the dispatcher.
// A double click or a resent form creates one message (idempotency key); floods are limited per account and IP.
import { randomUUID } from 'node:crypto';
import { AppError } from '../../platform/errors.ts';
import { validIdempotencyKey } from '../../platform/idempotency.ts';
import type { Actor } from '../../platform/audit/audit.service.ts';
import { shanghaiDate } from '../../platform/time.ts';
import type { CitizenContext } from '../citizens/citizen-auth.service.ts';
import { isBoardCategory, type Category, type Channel } from './policy.ts';
import type { InteractionCore, Trx } from './interaction.core.ts';
import type { CitizenMessageView, MessageSubmit, Submitted } from './interaction.schema.ts';
import { citizenView, deadlineView } from './interaction.presenter.ts';
import { routeMessage, ruleOf, type RouteRule } from './routing.ts';
import { boardListColumn } from './board.ts';
import * as repo from './messages.repository.ts';
import * as replies from './replies.repository.ts';

export const LIMITS = {
  titleMax: 50,
  bodyMin: 5,
  bodyMax: 3000,
  attachments: 5,
  attachmentMb: 10,
} as const;

/** Floods: per account and per address, counted in the database so every node shares them. */
const FLOOD = {
  citizenHour: { bucket: 'message.citizen.hour', max: 10, windowMs: 3_600_000 },
  citizenDay: { bucket: 'message.citizen.day', max: 20, windowMs: 86_400_000 },
  ip: { bucket: 'message.ip.hour', max: 30, windowMs: 3_600_000 },
} as const;

/** A resent form with the same words within this time is the same message. */
const DUPLICATE_WINDOW_MS = 10 * 60_000;

export interface NewMessage {
  siteId: number;
  channel: Channel;
  category: Category;
  citizenId: number | null;
  reporter: string;
  title: string;
  body: string;
  pageUrl?: string | null;
  attachments?: { fileId: number; name: string }[];
  publishConsent: boolean;
  contactPreference: 'sms' | 'email' | 'none';
  externalId?: string | null;
  siteCode?: string | null;
  held?: boolean;
  receivedAt?: string;
}

export interface Routing {
  rules: RouteRule[];
  /** A department's live id (a merged department's successor), null when it is not on the site. */
  live: (departmentId: number) => number | null;
  dispatcherDepartmentId: number | null;
}

const PREFIX: Record<Channel, string> = { board: 'LY', 'local-error': 'JC', 'national-error': 'ZC' };

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Trims, collapses blank lines, checks the lengths (in characters as people count them). */
export function cleanText(value: string, field: string, min: number, max: number): string {
  const text = value
    .replace(/\r\n?/g, '\n')
    // Control characters (other than tab and line breaks) carry nothing a reader can see.
    .replace(CONTROL_CHARACTERS, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if ([...text].length < Math.max(1, min)) {
    if (!text) throw new AppError('MESSAGE_FIELD_REQUIRED', { field });
    throw new AppError('MESSAGE_FIELD_REQUIRED', { field: `不少于 ${min} 个字的${field}` });
  }
  if ([...text].length > max) throw new AppError('MESSAGE_FIELD_TOO_LONG', { field, max });
  return text;
}

export class MessagesService {
  constructor(private readonly core: InteractionCore) {}

  private get deps() {
    return this.core.deps;
  }

  /** What routing needs, read before the transaction that writes the message (one connection on SQLite). */
  async routing(siteId: number): Promise<Routing> {
    const [rules, departments, policy] = await Promise.all([
      replies.routesOf(this.core.db, siteId),
      this.deps.departments.list(siteId),
      this.core.policy(siteId),
    ]);
    const live = (id: number) => {
      let d = departments.find((x) => x.id === id);
      for (let i = 0; d && d.mergedIntoId !== null && i < 10; i++)
        d = departments.find((x) => x.id === d!.mergedIntoId);
      return d?.id ?? null;
    };
    return { rules: rules.map(ruleOf), live, dispatcherDepartmentId: policy.dispatcherDepartmentId };
  }

  /**
   * Writes a message and routes it, inside the caller's transaction: the tracking number, the first steps of the
   * trail, the audit record and the staff's reminder commit together with it.
   */
  async create(
    trx: Trx,
    routing: Routing,
    input: NewMessage,
    actor: Actor,
    actorName: string,
  ): Promise<{ id: number; trackingNo: string }> {
    const at = input.receivedAt ?? this.core.now();
    const routed = input.held ? null : routeMessage(routing.rules, input);
    const departmentId = routed ? routing.live(routed.rule.departmentId) : null;
    const id = await repo.insertMessage(trx, {
      site_id: input.siteId,
      tracking_no: `tmp${randomUUID().replace(/-/g, '').slice(0, 20)}`,
      channel: input.channel,
      category: input.category,
      citizen_id: input.citizenId,
      reporter: input.reporter.slice(0, 100),
      title: input.title,
      body: input.body,
      page_url: input.pageUrl ?? null,
      attachments: JSON.stringify(input.attachments ?? []),
      publish_consent: input.publishConsent ? 1 : 0,
      contact_preference: input.contactPreference,
      external_id: input.externalId ?? null,
      site_code: input.siteCode ?? null,
      state: departmentId ? 'assigned' : 'pending_dispatch',
      held: input.held ? 1 : 0,
      department_id: departmentId,
      round: 1,
      received_at: at,
      assigned_at: departmentId ? at : null,
      signed_at: null,
      replied_at: null,
      closed_at: null,
      invalid_reason: null,
      invalid_at: null,
      published_reply_id: null,
      published_at: null,
      rating: null,
      rating_comment: null,
      rated_at: null,
      second_requested_at: null,
      second_reason: null,
      created_at: at,
      updated_at: at,
    });
    // The number tells the channel and the day, and is unique by the row id: LY20261207000123.
    const trackingNo = `${PREFIX[input.channel]}${shanghaiDate(at).replace(/-/g, '')}${String(id).padStart(6, '0')}`;
    await repo.updateMessage(trx, id, { tracking_no: trackingNo });
    const m = { id, site_id: input.siteId, tracking_no: trackingNo };
    await this.core.record(trx, m, {
      action: input.channel === 'national-error' ? 'import' : 'submit',
      actor,
      actorType: input.citizenId ? 'citizen' : actor.userId ? 'staff' : 'system',
      actorName,
      detail: { channel: input.channel, category: input.category, held: Boolean(input.held) },
    });
    if (routed && departmentId) {
      await this.core.record(trx, m, {
        action: 'route',
        actor: { userId: null, username: 'system', ip: actor.ip },
        actorType: 'system',
        actorName: '系统',
        to: departmentId,
        note: `按分办规则（关键词“${routed.keyword}”）转本部门办理`,
      });
      await this.core.remindStaff(trx, {
        siteId: input.siteId,
        departmentId,
        key: `${id}:assigned:${departmentId}`,
        title: `新的${input.category}：${input.title}`,
        body: `留言（${trackingNo}）已分到本部门，请在 3 个工作日内签收并按时答复。`,
        messageId: id,
      });
    } else if (!input.held) {
      await this.core.remindStaff(trx, {
        siteId: input.siteId,
        departmentId: routing.dispatcherDepartmentId,
        key: `${id}:dispatch`,
        title: `待分办：${input.title}`,
        body: `新的${input.category}（${trackingNo}）等待分办。`,
        messageId: id,
      });
    }
    return { id, trackingNo };
  }

  /** A signed-in citizen's message from the board. */
  async submit(citizen: CitizenContext, siteId: number, input: MessageSubmit, ip: string): Promise<Submitted> {
    const site = await this.deps.sites.get(siteId);
    const tree = await this.deps.columns.tree(site.id);
    if (!boardListColumn(tree.flat)) throw new AppError('MESSAGE_BOARD_CLOSED');
    if (!isBoardCategory(input.category)) throw new AppError('MESSAGE_CATEGORY_INVALID');
    const title = cleanText(input.title, '留言标题', 1, LIMITS.titleMax);
    const body = cleanText(input.body, '留言内容', LIMITS.bodyMin, LIMITS.bodyMax);
    const attachments = await this.checkAttachments(citizen.citizenId, input.attachments ?? []);
    const owner = `citizen:${citizen.citizenId}`;
    await this.deps.rateLimiter.enforce(FLOOD.citizenHour, String(citizen.citizenId));
    await this.deps.rateLimiter.enforce(FLOOD.citizenDay, String(citizen.citizenId));
    await this.deps.rateLimiter.enforce(FLOOD.ip, ip);
    const routing = await this.routing(siteId);
    const { result, repeated } = await this.deps.idempotency.run(
      'message.submit',
      owner,
      input.idempotencyKey,
      async (trx) => {
        const since = new Date(this.deps.clock.now().getTime() - DUPLICATE_WINDOW_MS).toISOString();
        const same = await repo.recentSameMessage(trx, citizen.citizenId, title, body, since);
        if (same) throw new AppError('MESSAGE_DUPLICATE', { trackingNo: same.tracking_no });
        return this.create(
          trx,
          routing,
          {
            siteId,
            channel: 'board',
            category: input.category as Category,
            citizenId: citizen.citizenId,
            reporter: '',
            title,
            body,
            attachments,
            publishConsent: input.publishConsent,
            contactPreference: input.contactPreference,
          },
          citizen.actor,
          citizen.displayName,
        );
      },
    );
    const m = await this.core.message(result.id);
    const clocks = await this.core.clocks(m);
    if (!repeated) {
      await this.core.changed({ siteId, messageId: m.id, public: false });
      await this.receipt(m.citizen_id, m.contact_preference, m.tracking_no, m.id, clocks.reply.due);
    }
    return {
      id: m.id,
      trackingNo: m.tracking_no,
      status: '已受理',
      replyDue: deadlineView(clocks.reply),
      repeated,
    };
  }

  /**
   * The no-JavaScript form: the text is checked before any attachment is stored (a refused form leaves no orphan
   * files), then the files go through the upload checks and the message is submitted with them.
   */
  async submitForm(
    citizen: CitizenContext,
    siteId: number,
    values: { category: string; title: string; body: string; publishConsent: boolean; contactPreference: string },
    files: { name: string; bytes: Buffer }[],
    options: { idempotencyKey: string; ip: string },
  ): Promise<Submitted> {
    if (!isBoardCategory(values.category)) throw new AppError('MESSAGE_CATEGORY_INVALID');
    cleanText(values.title, '留言标题', 1, LIMITS.titleMax);
    cleanText(values.body, '留言内容', LIMITS.bodyMin, LIMITS.bodyMax);
    if (!validIdempotencyKey(options.idempotencyKey)) throw new AppError('IDEMPOTENCY_KEY_INVALID');
    const attachments = [];
    for (const f of files) {
      const receipt = await this.upload(citizen, siteId, f.bytes, f.name);
      attachments.push({ fileId: receipt.fileId, token: receipt.token });
    }
    return this.submit(
      citizen,
      siteId,
      {
        category: values.category,
        title: values.title,
        body: values.body,
        publishConsent: values.publishConsent,
        contactPreference: values.contactPreference as 'sms' | 'email' | 'none',
        attachments,
        idempotencyKey: options.idempotencyKey,
      },
      options.ip,
    );
  }

  private async receipt(
    citizenId: number | null,
    preference: string,
    trackingNo: string,
    id: number,
    due: string | null,
  ): Promise<void> {
    if (!citizenId || preference === 'none') return;
    await this.deps.citizens.notices
      .send({
        citizenId,
        kind: 'message.received',
        subject: '留言已受理',
        text: `您的留言已受理，查询编号 ${trackingNo}${due ? `，将于 ${due} 前答复` : ''}。可在用户空间查看办理进度。`,
        related: { type: 'message', id },
        channels: [preference as 'sms' | 'email'],
      })
      .catch(() => []);
  }

  /** Attachments must be this citizen's own uploads (a receipt signed for them) and within the limits. */
  async checkAttachments(
    citizenId: number,
    refs: readonly { fileId: number; token: string }[],
  ): Promise<{ fileId: number; name: string }[]> {
    if (refs.length > LIMITS.attachments)
      throw new AppError('MESSAGE_ATTACHMENT_LIMIT', { max: LIMITS.attachments, size: LIMITS.attachmentMb });
    const cipher = await this.deps.citizens.keys.cipher();
    const out: { fileId: number; name: string }[] = [];
    for (const ref of refs) {
      if (ref.token !== cipher.sign('message-upload', `${citizenId}:${ref.fileId}`))
        throw new AppError('CITIZEN_FORM_EXPIRED');
      const file = await this.deps.files.get(ref.fileId);
      if (!out.some((a) => a.fileId === file.id)) out.push({ fileId: file.id, name: file.original_name });
    }
    return out;
  }

  /** Stores a citizen's upload through the platform's upload checks and hands back a receipt for the form. */
  async upload(citizen: CitizenContext, siteId: number, bytes: Buffer, name: string) {
    if (bytes.length > LIMITS.attachmentMb * 1024 * 1024)
      throw new AppError('MESSAGE_ATTACHMENT_LIMIT', { max: LIMITS.attachments, size: LIMITS.attachmentMb });
    await this.deps.rateLimiter.enforce(
      { bucket: 'message.upload', max: 30, windowMs: 3_600_000 },
      String(citizen.citizenId),
    );
    const view = await this.deps.files.upload(citizen.actor, siteId, bytes, name).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'UNSUPPORTED_FILE')
        throw new AppError('MESSAGE_ATTACHMENT_TYPE', { name, reason: error.message });
      throw error;
    });
    const cipher = await this.deps.citizens.keys.cipher();
    return {
      fileId: view.id,
      name: view.name,
      size: view.size,
      token: cipher.sign('message-upload', `${citizen.citizenId}:${view.id}`),
    };
  }

  // ───── the citizen's own messages ─────

  async ofCitizen(citizenId: number): Promise<CitizenMessageView[]> {
    const rows = await repo.messagesOfCitizen(this.core.db, citizenId);
    return Promise.all(rows.map((m) => this.citizenMessage(m)));
  }

  async mine(citizenId: number, id: number): Promise<CitizenMessageView> {
    const m = await this.core.message(id);
    if (m.citizen_id !== citizenId) throw new AppError('MESSAGE_NOT_YOURS');
    return this.citizenMessage(m);
  }

  private async citizenMessage(m: Awaited<ReturnType<InteractionCore['message']>>): Promise<CitizenMessageView> {
    const approved = (await replies.repliesOf(this.core.db, m.id)).filter((r) => r.state === 'approved');
    const second = approved.find((r) => r.round === 2)?.approved_at ?? null;
    const clocks = await this.core.clocks(m, second);
    const shown = [];
    for (const r of approved)
      shown.push({
        round: r.round,
        departmentName: (await this.core.departmentName(r.department_id)) ?? '',
        body: r.body,
        repliedAt: r.approved_at!,
      });
    return citizenView(m, clocks, shown, await this.publicUrl(m));
  }

  /** The public page of a published message: the content item's address in the 网上留言 column. */
  async publicUrl(m: { id: number; site_id: number; published_at: string | null }): Promise<string | null> {
    if (!m.published_at) return null;
    const contentId = await replies.contentOfMessage(this.core.db, m.id);
    const column = boardListColumn((await this.deps.columns.tree(m.site_id)).flat);
    return contentId && column ? `${column.path}${contentId}.html` : null;
  }
}

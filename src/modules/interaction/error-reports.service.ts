// 找错 reports as tickets, with the same routing, handling and statistics as messages: the local 纠错 form on every
// page (the page's address and what is wrong; signed in or anonymous, an anonymous report without the proof of
// work waits for a moderator), and the national platform's exports imported by the dispatcher. Each carries both
// clocks the indicators use: a reply within 3 working days and 办结 within one month. The supervisors' 网民监督
// reads the tickets through `tickets()` (the ErrorReportSource of the supervision module).
import { createHash } from 'node:crypto';
import { AppError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/audit/audit.service.ts';
import { localPath } from '../portal/site-resolver.ts';
import type { CitizenContext } from '../citizens/citizen-auth.service.ts';
import type { AuthContext } from '../auth/auth.service.ts';
import type { InteractionCore } from './interaction.core.ts';
import type { ImportResult } from './interaction.schema.ts';
import { cleanText, type MessagesService } from './messages.service.ts';
import { readImport } from './error-import.ts';
import * as repo from './messages.repository.ts';
import type { ErrorReportQuery, ErrorReportSource, ErrorReportTicket } from '../supervision/error-reports.ts';

export interface LocalReport {
  pageUrl: string;
  description: string;
  idempotencyKey: string;
}

export class ErrorReportsService implements ErrorReportSource {
  readonly name = '互动交流：找错留言工单';

  constructor(
    private readonly core: InteractionCore,
    private readonly messages: MessagesService,
  ) {}

  private get deps() {
    return this.core.deps;
  }

  /** The page reported must be on this site: a local path, or an address on one of its domains. */
  private pageOf(siteDomains: readonly string[], raw: string): string {
    const text = raw.trim();
    if (text.startsWith('/') && !text.startsWith('//')) {
      const path = localPath(text);
      if (path) return path.slice(0, 1000);
    }
    try {
      const url = new URL(text);
      const host = url.host.toLowerCase();
      if (/^https?:$/.test(url.protocol) && siteDomains.some((d) => d.toLowerCase() === host))
        return `${url.pathname}${url.search}`.slice(0, 1000);
    } catch {
      // not an absolute URL: refused below
    }
    throw new AppError('ERROR_REPORT_URL_INVALID');
  }

  /**
   * The local 纠错 form. `citizen` when signed in (the reply reaches them); otherwise `anonymous` carries who the
   * form was (hash of the form cookie, for the idempotency key) and whether the proof of work was solved.
   */
  async report(
    siteId: number,
    input: LocalReport,
    who: { citizen: CitizenContext } | { anonymous: { owner: string; held: boolean; ip: string } },
  ): Promise<{ id: number; trackingNo: string; held: boolean; repeated: boolean }> {
    const site = await this.deps.sites.get(siteId);
    const pageUrl = this.pageOf(site.domains, input.pageUrl);
    const description = cleanText(input.description, '错误描述', 5, 1000);
    const citizen = 'citizen' in who ? who.citizen : null;
    const held = 'anonymous' in who ? who.anonymous.held : false;
    const owner = citizen
      ? `citizen:${citizen.citizenId}`
      : `anon:${(who as { anonymous: { owner: string } }).anonymous.owner}`;
    const ip = citizen ? citizen.actor.ip : (who as { anonymous: { ip: string } }).anonymous.ip;
    await this.deps.rateLimiter.enforce({ bucket: 'jiucuo.ip', max: 20, windowMs: 3_600_000 }, ip);
    const routing = await this.messages.routing(siteId);
    const actor: Actor = citizen ? citizen.actor : { userId: null, username: '匿名网民', ip };
    const { result, repeated } = await this.deps.idempotency.run('message.jiucuo', owner, input.idempotencyKey, (trx) =>
      this.messages.create(
        trx,
        routing,
        {
          siteId,
          channel: 'local-error',
          category: '纠错',
          citizenId: citizen?.citizenId ?? null,
          reporter: citizen ? '' : '匿名网民',
          title: `页面纠错：${pageUrl}`.slice(0, 200),
          body: description,
          pageUrl,
          publishConsent: false,
          contactPreference: citizen ? 'sms' : 'none',
          siteCode: site.siteIdCode,
          held,
        },
        actor,
        citizen?.displayName ?? '匿名网民',
      ),
    );
    if (!repeated) await this.core.changed({ siteId, messageId: result.id, public: false });
    return { ...result, held, repeated };
  }

  /** Imports the national platform's export: new reports become tickets, known ones take the later facts. */
  async importFile(auth: AuthContext, siteId: number, bytes: Buffer, fileName: string): Promise<ImportResult> {
    if (!this.core.canDispatch(auth, siteId)) throw new AppError('MESSAGE_DISPATCH_ONLY');
    const site = await this.deps.sites.get(siteId);
    const rows = await readImport(bytes, fileName);
    const routing = await this.messages.routing(siteId);
    const problems: string[] = [];
    let created = 0;
    let updated = 0;
    let skipped = 0;
    const at = this.core.now();
    const importId = await this.core.db.transaction().execute(async (trx) => {
      for (const r of rows) {
        if (r.siteCode && r.siteCode !== site.siteIdCode && !site.siteIdCode.startsWith('bm')) {
          // A report about another (e.g. subordinate) site is kept with that site's code for the supervisors.
          problems.push(`第 ${r.row} 行：网站标识码 ${r.siteCode} 不是本站点，已按所报网站记录`);
        }
        const existing = await repo.findByExternalId(trx, siteId, r.externalId);
        if (existing) {
          const changes = {
            ...(r.repliedAt && !existing.replied_at ? { replied_at: r.repliedAt } : {}),
            ...(r.closedAt && !existing.closed_at ? { closed_at: r.closedAt, state: 'closed' } : {}),
          };
          if (Object.keys(changes).length === 0) {
            skipped += 1;
            continue;
          }
          const state = changes.state ?? (existing.state === 'closed' ? 'closed' : 'replied');
          await repo.updateMessage(trx, existing.id, { ...changes, state, updated_at: at });
          await this.core.record(trx, existing, {
            action: 'import',
            actor: auth.actor,
            actorType: 'staff',
            actorName: auth.displayName,
            note: `全国找错平台导入：${r.closedAt ? '已办结' : '已回复'}${r.replyText ? `。回复：${r.replyText}` : ''}`,
          });
          updated += 1;
          continue;
        }
        const { id } = await this.messages.create(
          trx,
          routing,
          {
            siteId,
            channel: 'national-error',
            category: '纠错',
            citizenId: null,
            reporter: r.reporter || '网民',
            title: `${r.problemType || '找错'}：${r.description}`.slice(0, 50),
            body: r.description,
            pageUrl: r.pageUrl,
            publishConsent: false,
            contactPreference: 'none',
            externalId: r.externalId,
            siteCode: r.siteCode ?? site.siteIdCode,
            receivedAt: r.receivedAt,
          },
          auth.actor,
          auth.displayName,
        );
        if (r.repliedAt || r.closedAt) {
          const m = (await repo.findMessage(trx, id))!;
          await repo.updateMessage(trx, id, {
            state: r.closedAt ? 'closed' : 'replied',
            replied_at: r.repliedAt ?? r.closedAt,
            closed_at: r.closedAt,
            signed_at: r.repliedAt ?? r.closedAt,
            updated_at: at,
          });
          await this.core.record(trx, m, {
            action: 'import',
            actor: auth.actor,
            actorType: 'staff',
            actorName: auth.displayName,
            note: `全国找错平台已${r.closedAt ? '办结' : '回复'}${r.replyText ? `：${r.replyText}` : ''}`,
          });
        }
        created += 1;
      }
      const rowId = await repo.insertImport(trx, {
        site_id: siteId,
        file_name: fileName.slice(0, 255),
        sha256: createHash('sha256').update(bytes).digest('hex'),
        rows_total: rows.length,
        rows_created: created,
        rows_updated: updated,
        rows_skipped: skipped,
        imported_by: auth.userId,
        imported_at: at,
      });
      await this.deps.audit.record(trx, auth.actor, {
        action: 'message.import',
        targetType: 'error_report_import',
        targetId: rowId,
        siteId,
        detail: { fileName, total: rows.length, created, updated, skipped },
      });
      return rowId;
    });
    if (created || updated) await this.core.changed({ siteId, messageId: 0, public: false });
    return { id: importId, total: rows.length, created, updated, skipped, problems };
  }

  async imports(siteId: number) {
    return (await repo.importsOf(this.core.db, siteId)).map((r) => ({
      id: r.id,
      fileName: r.file_name,
      total: r.rows_total,
      created: r.rows_created,
      updated: r.rows_updated,
      skipped: r.rows_skipped,
      importedAt: r.imported_at,
    }));
  }

  /** The supervision module's ErrorReportSource: the 找错 tickets of the sites with these 网站标识码. */
  async tickets(query: ErrorReportQuery): Promise<ErrorReportTicket[]> {
    if (query.siteCodes.length === 0) return [];
    const rows = await repo.errorTickets(this.core.db, query.siteCodes, query.from, query.to);
    return rows.map((r) => ({
      id: r.tracking_no,
      source: r.channel === 'national-error' ? ('national' as const) : ('local' as const),
      siteCode: r.site_code ?? r.site_id_code,
      receivedAt: r.received_at,
      firstReplyAt: r.replied_at,
      closedAt: r.closed_at ?? (r.state === 'invalid' ? r.replied_at : null),
    }));
  }
}

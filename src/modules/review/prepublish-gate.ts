// Runs the pre-publish checks with this site's dictionaries: its own word lists (or the defaults), and the
// current leaders taken from its 领导信息 content, so a leader shown with a wrong post is caught. The item's
// attachments are checked too, by their extracted text (prepublish/attachment-text.ts); one whose text could
// not be read, or only partly, gets a warn finding saying so.
import type { Db } from '../../platform/db/database.ts';
import type { FileStore } from '../../platform/files/file-store.ts';
import type { Actor, AuditService } from '../../platform/audit/audit.service.ts';
import type { Clock } from '../../platform/time.ts';
import { readSetting, writeSetting } from '../../platform/settings/settings.repository.ts';
import type { ColumnsService } from '../columns/columns.service.ts';
import type { ContentSnapshot } from '../content/content-types.ts';
import { linkableItemIds, publishedLeaders } from '../content/content.repository.ts';
import { fileIdsOfSite, findFiles } from '../files/files.repository.ts';
import { AttachmentTexts, CHECK_TIME_BUDGET_MS, uncheckedNote } from '../prepublish/attachment-text.ts';
import { DEFAULT_DICTIONARIES } from '../prepublish/dictionaries.ts';
import { runPrepublishChecks } from '../prepublish/prepublish.service.ts';
import type { Attachment, CheckResult, Dictionaries } from '../prepublish/prepublish.schema.ts';
import type { SitesService } from '../sites/sites.service.ts';

const dictionaryKey = (siteId: number) => `prepublish.dictionaries.${siteId}`;

export class PrepublishGate {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly columns: ColumnsService,
    private readonly sites: SitesService,
    private readonly fileStore: FileStore,
    private readonly texts: AttachmentTexts = new AttachmentTexts(),
  ) {}

  async siteDictionaries(siteId: number): Promise<Dictionaries> {
    return (await readSetting<Dictionaries>(this.db, dictionaryKey(siteId))) ?? DEFAULT_DICTIONARIES;
  }

  /** Replaces the site's lists; the audit record (how many words before and after) commits with them. */
  async saveDictionaries(actor: Actor, siteId: number, dictionaries: Dictionaries): Promise<Dictionaries> {
    const before = await this.siteDictionaries(siteId);
    const size = (d: Dictionaries) => ({
      forbidden: d.forbidden.length,
      errorProne: d.errorProne.length,
      leaders: d.leaders.length,
    });
    await this.db.transaction().execute(async (trx) => {
      await writeSetting(trx, dictionaryKey(siteId), dictionaries, this.clock.now().toISOString());
      await this.audit.record(trx, actor, {
        action: 'prepublish.dictionaries',
        targetType: 'site',
        targetId: siteId,
        siteId,
        detail: { before: size(before), after: size(dictionaries) },
      });
    });
    return this.siteDictionaries(siteId);
  }

  private async leaders(siteId: number): Promise<Dictionaries['leaders']> {
    const rows = await publishedLeaders(this.db, siteId);
    return rows
      .map((r) => ({
        name: r.title.trim(),
        posts: String((JSON.parse(r.fields) as { post?: string }).post ?? '')
          .split(/[、，,；;\s]+/)
          .filter(Boolean),
      }))
      .filter((l) => l.name && l.posts.length);
  }

  private async linkIndex(siteId: number): Promise<(path: string) => boolean> {
    const tree = await this.columns.tree(siteId);
    const paths = new Set(['/', ...tree.flat.map((c) => c.path)]);
    const files = new Set(await fileIdsOfSite(this.db, siteId));
    const items = new Set(await linkableItemIds(this.db, siteId));
    return (path) => {
      const normal = path.endsWith('/') ? path : `${path}/`;
      if (paths.has(normal) || paths.has(path)) return true;
      const file = /^\/files\/(\d+)\//.exec(path);
      if (file) return files.has(Number(file[1]));
      const page = /\/(\d+)\.html$/.exec(path);
      if (page) return items.has(Number(page[1]));
      return /^\/(search|sitemap|assets|site)\b/.test(path);
    };
  }

  /** The text of each attachment, in the item's order, named as the item names it. */
  private async attachments(snapshot: ContentSnapshot): Promise<Attachment[]> {
    const listed = snapshot.attachments ?? [];
    if (listed.length === 0) return [];
    const files = await findFiles(
      this.db,
      listed.map((a) => a.fileId),
    );
    const deadline = Date.now() + CHECK_TIME_BUDGET_MS;
    const out: Attachment[] = [];
    for (const a of listed) {
      const file = files.find((f) => f.id === a.fileId);
      if (!file) {
        out.push({ name: a.name, text: '', unchecked: uncheckedNote({ coverage: 'none', reason: '附件文件不存在' }) });
        continue;
      }
      const result = await this.texts.textOf(file, () => this.fileStore.read(file.storage_key), deadline);
      const unchecked = uncheckedNote(result);
      out.push({ name: a.name, text: result.text, parts: result.parts, ...(unchecked ? { unchecked } : {}) });
    }
    return out;
  }

  async check(siteId: number, snapshot: ContentSnapshot, confirmed: string[]): Promise<CheckResult> {
    const base = await this.siteDictionaries(siteId);
    const leaders = await this.leaders(siteId);
    const site = await this.sites.get(siteId);
    const dictionaries: Dictionaries = { ...base, leaders: [...base.leaders, ...leaders] };
    return runPrepublishChecks(
      {
        title: snapshot.title,
        subtitle: snapshot.subtitle,
        summary: snapshot.summary,
        bodyHtml: snapshot.bodyHtml,
        attachments: await this.attachments(snapshot),
      },
      { dictionaries, internalLinkExists: await this.linkIndex(siteId), siteHosts: site.domains },
      confirmed,
    );
  }

  /**
   * Does ahead of time what the first check of a process would otherwise make an editor wait for (seconds):
   * the attachment-text worker and pdf.js, and the default dictionaries' matchers. Resolves with the time taken.
   */
  async warm(): Promise<number> {
    const started = Date.now();
    runPrepublishChecks(
      { title: '预热', subtitle: '', summary: '', bodyHtml: '<p>预热</p>', attachments: [] },
      { dictionaries: DEFAULT_DICTIONARIES, internalLinkExists: () => true, siteHosts: [] },
      [],
    );
    await this.texts.warm();
    return Date.now() - started;
  }

  /** Stops the attachment text worker. */
  close(): Promise<void> {
    return this.texts.close();
  }
}

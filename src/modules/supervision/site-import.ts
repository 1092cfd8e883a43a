// Moving a site into this installation's cluster (集约化): its pages are crawled, grouped by the section of the
// address they live under, and each section is mapped to a column here; the content pages of mapped sections
// become draft items in those columns (title, body, original date and address noted), which then go through the
// 附件3 review like any publication — publication times are set by the server, never back-dated.
import * as cheerio from 'cheerio';
import type { Db } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/time.ts';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { AppError } from '../../platform/errors.ts';
import type { AuthContext } from '../auth/auth.service.ts';
import type { ContentService } from '../content/content.service.ts';
import type { ColumnsService } from '../columns/columns.service.ts';
import { crawlSite } from '../inspection/crawler/crawler.ts';
import { fetchPage } from '../inspection/crawler/fetcher.ts';
import { HostLimiter } from '../inspection/crawler/pacing.ts';
import type { PageSnapshot } from '../inspection/crawler/types.ts';
import * as repo from './supervision.repository.ts';
import type { ImportPreview, ImportRequest } from './supervision.schema.ts';

/** Where the text of an article usually is on government CMS templates. */
const BODY_SELECTORS = ['#zoom', '.TRS_Editor', '.article-content', '.content', 'article', '#content', '.main', 'main'];

const sectionOf = (url: string): string => {
  const path = new URL(url).pathname;
  const dir = path.slice(0, path.lastIndexOf('/') + 1);
  return `${dir.split('/').slice(0, 2).join('/')}/`;
};

const contentPages = (pages: readonly PageSnapshot[]) => pages.filter((p) => p.facts?.kind === 'content');

export class ImportService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly content: ContentService,
    private readonly columns: ColumnsService,
  ) {}

  /** The sections of the old site (by address) with their column names and number of content pages. */
  async preview(sourceUrl: string, maxPages = 200): Promise<ImportPreview> {
    const snapshot = await crawlSite(sourceUrl, { maxPages, renderer: null });
    const sections = new Map<string, { name: string; pages: number }>();
    for (const page of contentPages(snapshot.pages)) {
      const prefix = sectionOf(page.fetch.finalUrl);
      const known = sections.get(prefix);
      const name = page.facts?.meta.ColumnName || known?.name || prefix;
      sections.set(prefix, { name, pages: (known?.pages ?? 0) + 1 });
    }
    return {
      sections: [...sections]
        .map(([prefix, s]) => ({ prefix, name: s.name, pages: s.pages }))
        .sort((a, b) => b.pages - a.pages),
      pages: snapshot.pages.length,
    };
  }

  /** Starts an import in the background; its progress and result are kept on the import record. */
  async start(auth: AuthContext, input: ImportRequest): Promise<number> {
    const tree = await this.columns.tree(input.targetSiteId);
    for (const m of input.mapping)
      if (!tree.byId.has(m.columnId))
        throw new AppError('SUPERVISION_INVALID', { field: '栏目对应', reason: `栏目 ${m.columnId} 不属于目标站点` });
    const at = this.clock.now().toISOString();
    const id = await this.db.transaction().execute(async (trx) => {
      const importId = await repo.insertImport(trx, {
        target_site_id: input.targetSiteId,
        source_url: input.sourceUrl,
        mapping: JSON.stringify(input.mapping),
        status: 'running',
        progress: JSON.stringify({ done: 0, total: 0, message: '抓取原网站' }),
        result: null,
        created_by: auth.userId,
        created_at: at,
        finished_at: null,
      });
      await this.audit.record(trx, auth.actor, {
        action: 'supervision.import',
        targetType: 'supervision_import',
        targetId: importId,
        siteId: input.targetSiteId,
        detail: { ...input },
      });
      return importId;
    });
    void this.run(auth, id, input).catch(async (error: unknown) => {
      await repo.updateImport(this.db, id, {
        status: 'failed',
        result: JSON.stringify({ error: error instanceof Error ? error.message : String(error) }),
        finished_at: this.clock.now().toISOString(),
      });
    });
    return id;
  }

  /** Crawls, then creates a draft item for every content page of a mapped section. */
  async run(auth: AuthContext, id: number, input: ImportRequest): Promise<{ created: number; skipped: string[] }> {
    const snapshot = await crawlSite(input.sourceUrl, { maxPages: input.maxPages ?? 200, renderer: null });
    const pages = contentPages(snapshot.pages).flatMap((page) => {
      const mapping = input.mapping.find((m) => new URL(page.fetch.finalUrl).pathname.startsWith(m.prefix));
      return mapping ? [{ page, columnId: mapping.columnId }] : [];
    });
    const limiter = new HostLimiter({ perHost: 4, total: 8, minDelayMs: 0 });
    const skipped: string[] = [];
    let created = 0;
    for (const [i, { page, columnId }] of pages.entries()) {
      const url = page.fetch.finalUrl;
      const host = new URL(url).host;
      const fetched = await limiter.run(host, () => fetchPage(url, { readBody: 'text' }));
      const article = fetched.text ? articleOf(fetched.text, page) : null;
      if (!article) skipped.push(url);
      else {
        await this.content.create(auth, input.targetSiteId, {
          type: 'article',
          columnId,
          title: article.title,
          source: article.source,
          bodyHtml: `${article.body}<p>原发布日期：${page.facts?.pubDate ?? page.facts?.dates[0] ?? '未注明'}　原网址：<a href="${url}">${url}</a></p>`,
        });
        created += 1;
      }
      await repo.updateImport(this.db, id, {
        progress: JSON.stringify({ done: i + 1, total: pages.length, message: `已导入 ${created} 条` }),
      });
    }
    const result = { created, skipped };
    await repo.updateImport(this.db, id, {
      status: 'done',
      result: JSON.stringify(result),
      finished_at: this.clock.now().toISOString(),
    });
    return result;
  }

  async get(id: number) {
    const row = await repo.findImport(this.db, id);
    if (!row) throw new AppError('SUPERVISION_NOT_FOUND', { what: '导入任务' });
    return {
      id: row.id,
      status: row.status,
      progress: JSON.parse(row.progress) as unknown,
      result: row.result ? (JSON.parse(row.result) as unknown) : null,
      targetSiteId: row.target_site_id,
    };
  }
}

/** The article of a page: its title (ArticleTitle, else the first heading, else <title>), body and source. */
function articleOf(html: string, page: PageSnapshot): { title: string; body: string; source: string } | null {
  const $ = cheerio.load(html);
  const title = (page.facts?.meta.ArticleTitle || $('h1').first().text() || page.facts?.title || '')
    .trim()
    .slice(0, 200);
  const container = BODY_SELECTORS.map((s) => $(s).first()).find((el) => el.length > 0 && el.text().trim().length > 0);
  if (!title || title.length < 2 || !container) return null;
  container.find('script, style, h1, .info, .crumb').remove();
  return { title, body: container.html() ?? '', source: page.facts?.meta.ContentSource ?? '' };
}

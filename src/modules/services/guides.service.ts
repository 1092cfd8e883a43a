// Structured 办事指南: saved as a new version of the guide's content item (so the 附件3 release review, the
// pre-publish checks, publication and withdrawal are the content module's, unchanged), with the structured data
// stored beside each version; the completeness gate before submission and on the dashboard for every published
// guide; the public site reads the guide of the version publication put online.
import type { Db } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/time.ts';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { AppError } from '../../platform/errors.ts';
import type { ServiceItemRow } from './services.tables.ts';
import type { AuthContext } from '../auth/auth.service.ts';
import type { ColumnsService } from '../columns/columns.service.ts';
import type { ContentService } from '../content/content.service.ts';
import type { ReviewService } from '../review/review.service.ts';
import { plainText } from '../content/sanitize.ts';
import * as repo from './catalogue.repository.ts';
import type { GuideDashboard, GuideView, ItemView } from './catalogue.schema.ts';
import type { CatalogueService } from './catalogue.service.ts';
import { assertItemWriter, type ServiceChanges } from './access.ts';
import { emptyGuide, type GuideData, guideFileIds, isFormMaterial, normaliseGuide } from './guide.ts';
import { checkGuide, costByIndicator, type GateContext, type GuideFinding, type PolicyDocument } from './guide-gate.ts';
import { guideBodyHtml } from './guide-html.ts';

/** A published guide as the public site and the inspection read it. */
export interface PublishedGuide {
  itemId: number;
  contentId: number;
  version: number;
  pubDate: string;
  updatedAt: string | null;
  data: GuideData;
}

export class GuidesService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly catalogue: CatalogueService,
    private readonly columns: ColumnsService,
    private readonly content: ContentService,
    private readonly review: ReviewService,
    private readonly changes: ServiceChanges,
  ) {}

  /** The column guides are published in: the site's 办事指南 column of type 办事服务. */
  async guideColumn(siteId: number) {
    const tree = await this.columns.tree(siteId);
    const column =
      tree.flat.find((c) => c.columnType === '办事服务' && c.name === '办事指南') ??
      tree.flat.find((c) => c.columnType === '办事服务' && c.name.includes('办事指南'));
    if (!column) throw new AppError('SERVICE_NO_GUIDE_COLUMN');
    return column;
  }

  /** The site's policy library, as the gate and the editor see it. */
  async policies(siteId: number) {
    const tree = await this.columns.tree(siteId);
    return (await repo.policyLibrary(this.db, siteId)).map((p) => ({
      id: p.content_id,
      title: p.title,
      docNumber: p.doc_number,
      summary: p.summary,
      url: `${tree.byId.get(p.column_id)?.path ?? '/'}${p.content_id}.html`,
      hasContent: p.body_public === 1 && p.summary.trim() !== '',
    }));
  }

  async gateContext(item: ServiceItemRow, words?: readonly string[]): Promise<GateContext> {
    const library = new Map((await this.policies(item.site_id)).map((p) => [p.id, p]));
    const registered = await this.catalogue.registeredNumbers(item.department_id);
    const vagueWords = words ?? (await this.catalogue.vagueWords(item.site_id)).words;
    return {
      itemName: item.name,
      registered,
      vagueWords,
      policy: (id): PolicyDocument | undefined => {
        const p = library.get(id);
        return p ? { id, title: p.title, published: true, hasContent: p.hasContent } : undefined;
      },
    };
  }

  /** The working copy (the last saved guide) or an empty guide named after the item. */
  async working(item: ServiceItemRow): Promise<{ data: GuideData; version: number | null }> {
    const row = await repo.latestGuide(this.db, item.id);
    return row
      ? { data: JSON.parse(row.data), version: row.content_version }
      : { data: emptyGuide(item.name), version: null };
  }

  async published(siteId: number): Promise<PublishedGuide[]> {
    return (await repo.publishedGuides(this.db, siteId)).map((g) => ({
      itemId: g.itemId,
      contentId: g.contentId,
      version: g.version,
      pubDate: g.pubDate,
      updatedAt: g.updatedAt,
      data: JSON.parse(g.data),
    }));
  }

  async publishedOf(item: ServiceItemRow): Promise<PublishedGuide | null> {
    return (await this.published(item.site_id)).find((g) => g.itemId === item.id) ?? null;
  }

  async view(itemId: number): Promise<GuideView> {
    const row = await this.catalogue.row(itemId);
    const item = await this.catalogue.get(itemId);
    const { data, version } = await this.working(row);
    const published = await this.publishedOf(row);
    const ids = [...new Set([...guideFileIds(data), ...(published ? guideFileIds(published.data) : [])])];
    const files = (await repo.filesByIds(this.db, ids)).map((f) => ({
      id: f.id,
      name: f.original_name,
      url: `/files/${f.id}/${encodeURIComponent(f.original_name)}`,
      size: f.size,
    }));
    const review = row.content_id ? (await repo.latestReviews(this.db, [row.content_id]))[0] : undefined;
    return {
      item,
      data,
      version,
      publishedVersion: published?.version ?? null,
      published: published?.data ?? null,
      findings: checkGuide(data, await this.gateContext(row)),
      files,
      policies: (await this.policies(row.site_id)).map(({ id, title, docNumber, url }) => ({
        id,
        title,
        docNumber,
        url,
      })),
      review: review
        ? { requestId: review.id, state: review.state, outcome: review.outcome, submittedAt: review.submitted_at }
        : null,
    };
  }

  /** The gate on a guide being edited (not saved): what submitting it would meet. */
  async check(itemId: number, data: GuideData): Promise<GuideFinding[]> {
    const row = await this.catalogue.row(itemId);
    return checkGuide(normaliseGuide(data), await this.gateContext(row));
  }

  private async assertReferences(item: ServiceItemRow, g: GuideData): Promise<void> {
    const fileIds = guideFileIds(g);
    const files = await repo.filesByIds(this.db, fileIds);
    for (const id of fileIds) {
      const f = files.find((x) => x.id === id);
      if (!f || f.site_id !== item.site_id) throw new AppError('SERVICE_FILE_INVALID', { name: String(id) });
    }
    const library = new Set((await this.policies(item.site_id)).map((p) => p.id));
    for (const b of g.basis)
      if (b.documentId !== null && !library.has(b.documentId)) throw new AppError('SERVICE_POLICY_INVALID');
  }

  /** Saves the guide as a new version of its content item (creating it on the first save). */
  async save(auth: AuthContext, itemId: number, input: GuideData): Promise<GuideView> {
    const item = await this.catalogue.row(itemId);
    const names = await this.catalogue.departmentNames(item.site_id);
    assertItemWriter(auth, item, names.get(item.department_id) ?? '');
    const data = normaliseGuide(input);
    await this.assertReferences(item, data);
    const tree = await this.columns.tree(item.site_id);
    const library = new Map((await this.policies(item.site_id)).map((p) => [p.id, p.url]));
    const files = new Map((await repo.filesByIds(this.db, guideFileIds(data))).map((f) => [f.id, f]));
    const body = guideBodyHtml(data, { policyPath: (id) => library.get(id) ?? null, file: (id) => files.get(id) });
    const attachments = data.materials
      .filter(isFormMaterial)
      .flatMap((m) => [
        ...(m.blankFileId ? [{ fileId: m.blankFileId, name: `${m.name}（空白表格）` }] : []),
        ...(m.sampleFileId ? [{ fileId: m.sampleFileId, name: `${m.name}（示例样表）` }] : []),
      ])
      .filter((a, i, all) => all.findIndex((b) => b.fileId === a.fileId) === i)
      .map((a) => ({ fileId: a.fileId, name: a.name.slice(0, 200) }));
    const fields = {
      title: `${item.name}办事指南`.slice(0, 200),
      source: names.get(item.department_id) ?? '',
      summary: plainText(data.conditions).slice(0, 300),
      keywords: JSON.parse(item.keywords).join(',').slice(0, 200),
      bodyHtml: body,
      attachments,
    };
    let contentId = item.content_id;
    if (contentId === null) {
      const column = await this.guideColumn(item.site_id);
      contentId = await this.content.create(auth, item.site_id, { type: 'article', columnId: column.id, ...fields });
      await repo.updateItem(this.db, item.id, { content_id: contentId, updated_at: this.clock.now().toISOString() });
    } else {
      const current = await this.content.item(contentId);
      const columnId = tree.byId.has(current.column_id) ? current.column_id : (await this.guideColumn(item.site_id)).id;
      await this.content.update(auth, contentId, { columnId, ...fields, note: '修改办事指南' });
    }
    const version = (await this.content.item(contentId)).version;
    await this.db.transaction().execute(async (trx) => {
      await repo.insertGuideVersion(trx, {
        item_id: item.id,
        content_id: contentId,
        content_version: version,
        data: JSON.stringify(data),
        created_by: auth.userId,
        created_at: this.clock.now().toISOString(),
      });
      await this.audit.record(trx, auth.actor, {
        action: 'services.guide.save',
        targetType: 'service_item',
        targetId: item.id,
        siteId: item.site_id,
        detail: { contentId, version, materials: data.materials.length, online: data.online },
      });
    });
    return this.view(itemId);
  }

  /**
   * Submits the saved guide to the 附件3 release review; the completeness gate must pass first (every finding
   * names what it would cost an inspection, so nothing that costs points goes to review).
   */
  async submit(auth: AuthContext, itemId: number, secret: '是' | '否' | '不明确') {
    const item = await this.catalogue.row(itemId);
    assertItemWriter(auth, item, (await this.catalogue.departmentNames(item.site_id)).get(item.department_id) ?? '');
    const { data, version } = await this.working(item);
    if (version === null || item.content_id === null) throw new AppError('SERVICE_GUIDE_NOT_SAVED');
    const findings = checkGuide(data, await this.gateContext(item));
    if (findings.length) throw new AppError('SERVICE_GUIDE_INCOMPLETE', { count: findings.length }, { findings });
    const request = await this.review.submit(auth, item.content_id, { secret, releaseForm: '网站公开' });
    await this.changes.emit(item.site_id);
    return { requestId: request.id, state: request.state };
  }

  /** Every item with its published guide's findings (the same checks, on what the public sees). */
  async dashboard(siteId: number, items: ItemView[]): Promise<GuideDashboard> {
    const published = new Map((await this.published(siteId)).map((g) => [g.itemId, g]));
    const words = (await this.catalogue.vagueWords(siteId)).words;
    const rows = new Map((await repo.listItems(this.db, siteId, true)).map((r) => [r.id, r]));
    const out: GuideDashboard['items'] = [];
    for (const item of items.filter((i) => i.status === 'active')) {
      const guide = published.get(item.id);
      const row = rows.get(item.id);
      const findings = guide && row ? checkGuide(guide.data, await this.gateContext(row, words)) : [];
      out.push({ item, hasGuide: Boolean(guide), findings, cost: costByIndicator(findings) });
    }
    return {
      checkedAt: this.clock.now().toISOString(),
      items: out,
      totals: {
        items: out.length,
        withoutGuide: out.filter((i) => !i.hasGuide).length,
        withFindings: out.filter((i) => i.findings.length > 0).length,
        impractical: out.filter((i) => i.findings.some((f) => f.code === 'impractical')).length,
      },
    };
  }
}

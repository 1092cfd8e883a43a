// A draft or an old version rendered exactly as its public page would be: the same layout, templates and meta
// tags, the column's frame, 长者模式 when asked. Never cached, never served to the public: the content module's
// preview route checks the signed link and the staff session first, then calls renderPreview.
import { createElement } from 'react';
import type { ContentSnapshot } from '../content/content-types.ts';
import type { SiteView } from '../sites/sites.schema.ts';
import type { StoredFile } from '../../platform/db/schema.ts';
import { plainText } from '../content/sanitize.ts';
import { AppError } from '../../platform/errors.ts';
import { articleMeta, columnMeta, siteMeta } from './meta.ts';
import type { IndexedItem, PublicFile } from './public-content.repository.ts';
import { attachmentLinks, entryMetaRows, photoUrl, policyMetaRows } from './public-pages.ts';
import { pageTitle, type PortalService } from './portal.service.ts';
import { renderDocument } from './views/render.tsx';
import { ContentPage, type ContentView } from './views/content.tsx';
import type { PublicColumn } from './views/types.ts';

export interface PreviewInput {
  site: SiteView;
  contentId: number;
  snapshot: ContentSnapshot;
  /** The item's 索引号 (policy documents). */
  indexNo: string | null;
  /** When the page would say it was published: the first publication, or now for a draft. */
  pubDate: string;
  /** The files the snapshot refers to (drafts' files are served to staff only). */
  files: StoredFile[];
  /** 网站公开 or the catalogue entry only (依申请提供). */
  bodyPublic: boolean;
  care: boolean;
}

export async function renderPreview(portal: PortalService, input: PreviewInput): Promise<Buffer> {
  const { site, snapshot: s } = input;
  // The cached column tree is dropped on every column change (cache-invalidation.ts), so it is current.
  const model = await portal.model(site.id);
  const column: PublicColumn | undefined = model.byId.get(s.columnId) ?? model.flat[0];
  if (!column) throw new AppError('COLUMN_NOT_ON_SITE');
  const ancestry: PublicColumn[] = [];
  for (let c: PublicColumn | undefined = column; c; c = c.parentId === null ? undefined : model.byId.get(c.parentId))
    ancestry.unshift(c);
  const path = `${column.path}${input.contentId}.html`;
  const view = portal.viewContext(site, model, { prefix: '', path }, input.care);
  const entry: IndexedItem = {
    id: input.contentId,
    siteId: site.id,
    columnId: s.columnId,
    columnIds: [s.columnId, ...s.extraColumnIds],
    type: s.type,
    title: s.title,
    summary: s.summary,
    pubDate: input.pubDate,
    updatedAt: null,
    bodyPublic: input.bodyPublic,
    indexNo: input.indexNo,
    docNumber: s.fields.docNumber ?? null,
    issuingOrgan: s.fields.issuingOrgan ?? null,
    writtenDate: s.fields.writtenDate ?? null,
    theme: s.fields.theme ?? null,
    validity: s.fields.validity ?? null,
    sort: s.sort,
  };
  const files: PublicFile[] = input.files.map((f) => ({
    contentId: input.contentId,
    fileId: f.id,
    originalName: f.original_name,
    mime: f.mime,
    size: Number(f.size),
  }));
  const source = s.source || site.sponsor;
  const item: ContentView = {
    id: input.contentId,
    title: s.title,
    subtitle: s.subtitle,
    source,
    author: s.author,
    pubDate: input.pubDate,
    updatedAt: null,
    bodyHtml: input.bodyPublic ? s.bodyHtml : null,
    attachments: input.bodyPublic ? attachmentLinks(s, files) : [],
    docMeta:
      s.type === 'policy'
        ? policyMetaRows(entry, s)
        : entry.indexNo || !input.bodyPublic
          ? entryMetaRows(entry, s, site.sponsor)
          : null,
    related: [],
    prev: null,
    next: null,
    leader:
      s.type === 'leader'
        ? {
            post: s.fields.post ?? '',
            duties: s.fields.duties ?? '',
            resume: s.fields.resume ?? '',
            photo: input.bodyPublic ? photoUrl(s, files) : null,
          }
        : null,
    apply: input.bodyPublic ? null : { href: model.applyColumn?.path ?? null },
  };
  const meta = [
    ...siteMeta(site),
    ...columnMeta(column),
    ...articleMeta({
      title: s.title,
      publishedAt: input.pubDate,
      source,
      keywords: s.keywords || column.keywords || column.name,
      description: (s.summary || plainText(s.bodyHtml).slice(0, 80) || s.title).trim(),
      author: s.author || undefined,
    }),
  ];
  const frame = { view, title: pageTitle(site, s.title, column.name), meta };
  return renderDocument(createElement(ContentPage, { frame, column, ancestry, item }));
}

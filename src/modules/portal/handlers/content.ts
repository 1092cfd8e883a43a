// A published item's page `<column path><id>.html`: body (or the 依申请公开 entry), attachments, the policy
// metadata block, 相关解读 / 解读的文件, previous and next in its column, and the article meta tags.
// An item reached through another path is redirected to its canonical one.
import { createElement } from 'react';
import type { Db } from '../../../platform/db/database.ts';
import type { SiteView } from '../../sites/sites.schema.ts';
import { plainText } from '../../content/sanitize.ts';
import { articleMeta, columnMeta, siteMeta } from '../meta.ts';
import type { PageContext, PageResult, SiteModel } from '../page-context.ts';
import { ancestry, pageFrame, pageTitle, summaryOf } from '../page-kit.ts';
import * as repo from '../public-content.repository.ts';
import type { IndexedItem, PublicFile, PublishedDetail } from '../public-content.repository.ts';
import type { PublicIndex } from '../public-index.ts';
import { attachmentLinks, entryMetaRows, photoUrl, policyMetaRows } from '../public-pages.ts';
import { type ContentView, ContentPage, type RelatedList } from '../views/content.tsx';
import type { PublicColumn } from '../views/types.ts';
import type { PortalRegistry } from '../portal-registry.ts';

export async function contentPage(
  page: PageContext,
  db: Db,
  registry: PortalRegistry,
  id: number,
): Promise<PageResult> {
  const { site, model, match } = page;
  const index = await page.index();
  const entry = index.byId.get(id);
  if (!entry) return { type: 'not-found' };
  const canonical = index.path(entry);
  if (canonical !== match.path) return { type: 'redirect', status: 301, location: `${match.prefix}${canonical}` };
  const own = registry.itemPage(entry.type);
  const custom = own ? await own(page, entry, index.columnOf(entry)) : null;
  if (custom) return custom;
  return page.cached(async () => {
    const found = await repo.findPublished(db, site.id, id);
    if (!found) return { type: 'not-found' };
    const detail: PublishedDetail = found.bodyPublic
      ? {
          ...found,
          snapshot: { ...found.snapshot, bodyHtml: await registry.filterBody(site, found.snapshot.bodyHtml) },
        }
      : found;
    const s = detail.snapshot;
    const column = index.columnOf(entry);
    const [files, links] = await Promise.all([repo.publicFiles(db, [id]), repo.linksOf(db, id)]);
    const item = contentView({ site, model, index, detail, files, links, column });
    const meta = [
      ...siteMeta(site),
      ...columnMeta(column),
      ...articleMeta({
        title: detail.title,
        publishedAt: detail.pubDate,
        source: item.source,
        keywords: s.keywords || column.keywords || column.name,
        description: (
          s.summary ||
          (detail.bodyPublic ? plainText(s.bodyHtml) : '').slice(0, 80) ||
          detail.title
        ).trim(),
        author: s.author || undefined,
        url: `${page.origin}${match.prefix}${canonical}`,
      }),
    ];
    const frame = pageFrame(page, pageTitle(site, detail.title, column.name), meta);
    return page.html(createElement(ContentPage, { frame, column, ancestry: ancestry(model, column), item }));
  });
}

interface ContentParts {
  site: SiteView;
  model: SiteModel;
  index: PublicIndex;
  detail: PublishedDetail;
  files: PublicFile[];
  links: { policyIds: number[]; interpretationIds: number[] };
  column: PublicColumn;
}

/** What the content page shows of a published item. */
function contentView({ site, model, index, detail, files, links, column }: ContentParts): ContentView {
  const s = detail.snapshot;
  const id = detail.id;
  const published = (ids: number[]) =>
    ids
      .map((i) => index.byId.get(i))
      .filter((i): i is IndexedItem => !!i)
      .map((i) => summaryOf(i, index));
  const related: RelatedList[] = [];
  const interpretations = published(links.interpretationIds);
  const policies = published(links.policyIds);
  if (interpretations.length) related.push({ heading: '相关解读', items: interpretations });
  if (policies.length) related.push({ heading: '解读的文件', items: policies });
  const list = index.inColumn(column.id);
  const at = list.findIndex((i) => i.id === id);
  const neighbour = (i: number) => (list[i] ? summaryOf(list[i]!, index) : null);
  return {
    id,
    title: detail.title,
    subtitle: s.subtitle,
    source: s.source || site.sponsor,
    author: s.author,
    pubDate: detail.pubDate,
    updatedAt: detail.updatedAt,
    bodyHtml: detail.bodyPublic ? s.bodyHtml : null,
    attachments: detail.bodyPublic ? attachmentLinks(s, files) : [],
    docMeta:
      detail.type === 'policy'
        ? policyMetaRows(detail, s)
        : detail.indexNo || !detail.bodyPublic
          ? entryMetaRows(detail, s, site.sponsor)
          : null,
    related,
    prev: at > 0 ? neighbour(at - 1) : null,
    next: at >= 0 ? neighbour(at + 1) : null,
    leader:
      detail.type === 'leader'
        ? {
            post: s.fields.post ?? '',
            duties: s.fields.duties ?? '',
            resume: s.fields.resume ?? '',
            photo: detail.bodyPublic ? photoUrl(s, files) : null,
          }
        : null,
    apply: detail.bodyPublic ? null : { href: model.applyColumn?.path ?? null },
  };
}

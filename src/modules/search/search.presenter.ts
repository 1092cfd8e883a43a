// Stored search rows → API views: service cards, and the documents of a result page as result items (URL
// under the site that asked, highlighted title and snippet).
import type { SiteView } from '../sites/sites.schema.ts';
import type { ColumnTree } from '../columns/columns.service.ts';
import type { DocMeta } from './indexer.ts';
import { kindLabel, kindOfKey } from './kinds.ts';
import type { Plan } from './query.ts';
import type { CardLink, CardView, SearchItem } from './search.schema.ts';
import type { SearchCardRow, SearchDoc } from './search.tables.ts';
import { highlight, snippet } from './text.ts';

/** Whose search it is: the site, and the URL prefix its pages are served under ('' or /site/<code>). */
export interface SearchScope {
  siteId: number;
  prefix: string;
}

export function cardView(row: SearchCardRow): CardView {
  return {
    id: row.id,
    siteId: row.site_id,
    title: row.title,
    description: row.description,
    keywords: JSON.parse(row.keywords) as string[],
    links: JSON.parse(row.links) as CardLink[],
    sort: row.sort,
    enabled: row.enabled === 1,
  };
}

/**
 * One result: its content page under the site that asked (a subordinate site's items under /site/<code>/),
 * the title and a snippet of the body (or of its catalogue fields) with the matched terms marked.
 */
export function searchItem(
  d: SearchDoc,
  plan: Plan,
  scope: SearchScope,
  site: SiteView | undefined,
  tree: ColumnTree,
): SearchItem {
  const column = tree.byId.get(d.column_id);
  const path = `${column?.path ?? '/'}${d.content_id}.html`;
  const url = scope.prefix === '' && d.site_id === scope.siteId ? path : `/site/${site?.code ?? ''}${path}`;
  const meta = JSON.parse(d.meta) as DocMeta;
  const text =
    d.body ||
    d.summary ||
    [meta.docNumber, meta.issuingOrgan, meta.indexNo && `索引号：${meta.indexNo}`].filter(Boolean).join('　');
  const kind = kindOfKey(d.doc_key);
  return {
    id: d.content_id,
    title: highlight(d.title, plan.highlights),
    titleText: d.title,
    url,
    kind,
    kindLabel: kindLabel(kind),
    site: { id: d.site_id, name: site?.name ?? '' },
    column: column ? { id: column.id, name: column.name } : null,
    pubDate: d.pub_date,
    snippet: snippet(text, plan.highlights),
    docNumber: meta.docNumber ?? null,
  };
}

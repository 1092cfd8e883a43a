// Documents of a result page → result items, checked against published_items first: an item no longer public
// is never shown, even if its removal from the index failed (it is then removed in the background).
import type { SiteView } from '../sites/sites.schema.ts';
import { publishedVersions } from './index.repository.ts';
import type { Plan } from './query.ts';
import * as repo from './search.repository.ts';
import type { SearchItem } from './search.schema.ts';
import { type SearchScope, searchItem } from './search.presenter.ts';
import type { SearchIndexService } from './search-index.service.ts';
import type { Executor } from './search.tables.ts';

export async function resultItems(
  db: Executor,
  index: SearchIndexService,
  keys: number[],
  plan: Plan,
  scope: SearchScope,
  sites: SiteView[],
): Promise<SearchItem[]> {
  const docs = new Map((await repo.docsByKeys(db, keys)).map((d) => [d.doc_key, d]));
  const live = await publishedVersions(
    db,
    [...docs.values()].map((d) => d.content_id),
  );
  index.dropUnpublished([...docs.values()].filter((d) => !live.has(d.content_id)).map((d) => d.content_id));
  const out: SearchItem[] = [];
  for (const key of keys) {
    const d = docs.get(key);
    if (!d || !live.has(d.content_id)) continue;
    const site = sites.find((s) => s.id === d.site_id);
    out.push(searchItem(d, plan, scope, site, await index.tree(d.site_id)));
  }
  return out;
}

// Which documents fill one page of results. By date: the newest matches. By relevance: exact titles first,
// then the query as a phrase in the title, then all words in the title, then every other match — each tier
// newest first.
import { type MatchNode, and, not } from './match.ts';
import type { Plan } from './query.ts';
import * as repo from './search.repository.ts';
import type { SortOrder } from './search.schema.ts';
import type { Executor } from './search.tables.ts';
import { titleMatches, titleTokens } from './title-match.ts';

/** Up to this many matches, all known, are ranked from their titles (see rankFromTitles). */
export const RANKED_FROM_TITLES = 300;

export interface PageRequest {
  sort: SortOrder;
  page: number;
  pageSize: number;
  site?: number;
  column?: number;
}

/**
 * The keys of one page. `allMatches`: every match of the query with its facets (newest first), when the search already
 * has them all: an empty set needs no walk of the index, by date the page is a slice, and a few are ranked from
 * their titles.
 */
export async function pageKeys(
  db: Executor,
  plan: Plan,
  facets: MatchNode[],
  filter: repo.KeyFilter,
  input: PageRequest,
  siteIds: number[],
  kindCode: number | null,
  allMatches: number[] | null = null,
): Promise<number[]> {
  const withFacets = (n: MatchNode) => and([n, ...facets]);
  const offset = (input.page - 1) * input.pageSize;
  if (allMatches && (allMatches.length === 0 || input.sort === 'date'))
    return allMatches.slice(offset, offset + input.pageSize);
  if (input.sort === 'date') return repo.matchKeys(db, withFacets(plan.match), filter, input.pageSize, offset);

  const exact = (await repo.exactTitle(db, plan.key, siteIds))
    .filter((d) => input.site === undefined || d.site_id === input.site)
    .filter((d) => input.column === undefined || (JSON.parse(d.column_ids) as number[]).includes(input.column))
    .filter((d) => (filter.min === null || d.doc_key >= filter.min) && (filter.max === null || d.doc_key <= filter.max))
    .filter((d) => !kindCode || d.doc_key % 8 === kindCode)
    .map((d) => d.doc_key);
  // The tiers are nested (phrase ⊆ title ⊆ match). An earlier tier whose members are all known (it gave fewer
  // than asked for) is excluded by key; otherwise (deep pages) with NOT, which costs more.
  const tiers: MatchNode[] = [];
  const seen = new Set<string>();
  for (const node of [plan.phrase, plan.title, plan.match]) {
    if (!node || seen.has(JSON.stringify(node))) continue;
    seen.add(JSON.stringify(node));
    tiers.push(node);
  }
  if (allMatches && allMatches.length <= RANKED_FROM_TITLES) {
    const ranked = await rankFromTitles(db, exact, tiers, plan.match, allMatches);
    if (ranked) return ranked.slice(offset, offset + input.pageSize);
  }
  const keys: number[] = [];
  let skip = offset;
  let need = input.pageSize;
  const fromExact = exact.slice(skip, skip + need);
  keys.push(...fromExact);
  need -= fromExact.length;
  skip = Math.max(0, skip - exact.length);
  const known = [...exact];
  // Every tier narrows the last (all matches), whose newest this search usually found already (for its counts).
  const all = withFacets(plan.match);
  let complete = true;
  let earlier: MatchNode | null = null;
  for (const tier of tiers) {
    if (need <= 0) break;
    const node = withFacets(complete || !earlier ? tier : not(tier, earlier));
    const tierFilter = { ...filter, exclude: complete ? known : exact };
    earlier = tier;
    if (skip > 0) {
      // Only whether the tier holds more than the page skips matters: counted up to that.
      const n = await repo.countUpTo(db, node, tierFilter, skip + 1, all);
      if (skip >= n) {
        skip -= n;
        complete = false;
        continue;
      }
    }
    const got = await repo.matchKeys(db, node, tierFilter, need, skip, all);
    keys.push(...got);
    if (skip > 0 || got.length >= need) complete = false;
    else known.push(...got);
    need -= got.length;
    skip = 0;
  }
  return keys;
}

/**
 * Every match in rank order, from all of them known: exact titles, then each tier's members among the rest, then
 * the rest — each newest first, as the walks of the index give them. Null when a tier asks for more than a title
 * (the walks then rank them).
 */
async function rankFromTitles(
  db: Executor,
  exact: number[],
  tiers: MatchNode[],
  match: MatchNode,
  allMatches: number[],
): Promise<number[] | null> {
  const placed = new Set(exact);
  const rest = allMatches.filter((k) => !placed.has(k));
  const titles = await repo.titlesByKeys(db, rest);
  const tokens = new Map([...titles].map(([k, title]) => [k, titleTokens(title)]));
  const out = [...exact];
  for (const tier of tiers) {
    if (JSON.stringify(tier) === JSON.stringify(match)) break;
    const members: number[] = [];
    for (const k of rest) {
      if (placed.has(k)) continue;
      const t = tokens.get(k);
      const hit = t ? titleMatches(tier, t) : false;
      if (hit === null) return null;
      if (hit) members.push(k);
    }
    for (const k of members) placed.add(k);
    out.push(...members);
  }
  out.push(...rest.filter((k) => !placed.has(k)));
  return out;
}

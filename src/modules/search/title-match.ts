// Whether a document's title satisfies a match tree, decided from the title alone: from the title words and
// bigrams the indexer derives from it (indexer.ts), so the answer is the index's own. A small result set whose
// matches are all known is ranked this way (page-keys.ts) without a walk of the index per ranking tier: FTS5
// cannot test one document cheaply (a document that fails sends it on to the next match, however far).
import type { MatchNode } from './match.ts';
import { bigramsOf, normalize, searchTokens, unitsOf } from './text.ts';

export interface TitleTokens {
  title: Set<string>;
  grams: Set<string>;
}

/** The title's tokens as the indexer writes them. */
export function titleTokens(rawTitle: string): TitleTokens {
  const title = normalize(rawTitle);
  return { title: new Set(searchTokens(title)), grams: new Set(bigramsOf(unitsOf(title))) };
}

const has = (set: Set<string>, token: string, prefix: boolean) => {
  if (!prefix) return set.has(token);
  for (const t of set) if (t.startsWith(token)) return true;
  return false;
};

/**
 * True or false; null when the tree asks for more than the title holds (metadata or body words). Only for
 * documents that match the whole query with its facets: a facet holds for them, and a NOT is read as its item
 * (a ranking tier's NOT subtracts what the query's own NOT subtracts, which they already passed).
 */
export function titleMatches(node: MatchNode, t: TitleTokens): boolean | null {
  switch (node.op) {
    case 'term': {
      if (node.fields.every((f) => f === 'facets')) return true;
      if (node.fields.some((f) => f === 'meta' || f === 'body')) return null;
      const prefix = node.prefix === true;
      return (
        (node.fields.includes('title') && has(t.title, node.token, prefix)) ||
        (node.fields.includes('grams') && has(t.grams, node.token, prefix))
      );
    }
    case 'and':
    case 'or': {
      const values = node.items.map((i) => titleMatches(i, t));
      if (values.some((v) => v === null)) return null;
      return node.op === 'and' ? values.every(Boolean) : values.some(Boolean);
    }
    case 'not':
      return titleMatches(node.item, t);
  }
}

// One match language, two engines. A document is indexed as five token streams (title words, title bigrams,
// metadata words, body words, facets); a query is a tree over them. The tree compiles to an FTS5 MATCH
// expression on SQLite and to a tsquery on PostgreSQL, over the same tokens, so both dialects find the same
// documents. No positions are needed: a piece of title text is matched as "all its bigrams in the title"
// (FTS5 detail=column; no phrase operators, so PostgreSQL's GIN index needs no rechecks).

export type Field = 'title' | 'grams' | 'meta' | 'body' | 'facets';

export type MatchNode =
  | { op: 'term'; fields: Field[]; token: string; prefix?: boolean }
  | { op: 'and'; items: MatchNode[] }
  | { op: 'or'; items: MatchNode[] }
  | { op: 'not'; item: MatchNode; minus: MatchNode };

/** Where a word may match: anywhere (a two-character word that is a title bigram is in the title). */
export const TEXT_FIELDS: Field[] = ['title', 'grams', 'meta', 'body'];
export const TITLE_FIELDS: Field[] = ['title'];

export const term = (token: string, fields: Field[] = TEXT_FIELDS, prefix = false): MatchNode => ({
  op: 'term',
  fields,
  token,
  prefix,
});

/**
 * The title contains the text: all its bigrams are title bigrams. (As good as a substring test for title-length
 * text: the bigrams of a query of three or more characters rarely all occur in a title out of order.)
 */
export function gramPhrase(grams: string[]): MatchNode {
  const unique = [...new Set(grams)];
  return and(unique.map((g) => term(g, ['grams'])));
}

export function and(items: MatchNode[]): MatchNode {
  const flat = items.flatMap((i) => (i.op === 'and' ? i.items : [i]));
  return flat.length === 1 ? flat[0]! : { op: 'and', items: flat };
}

const FIELD_ORDER: Field[] = ['title', 'grams', 'meta', 'body', 'facets'];

export function or(items: MatchNode[]): MatchNode {
  const seen = new Set<string>();
  const flat: MatchNode[] = [];
  // The same token in several fields is one lookup (grams:"工作" OR body:"工作" → {grams body}:"工作").
  const terms = new Map<string, Extract<MatchNode, { op: 'term' }>>();
  for (const i of items.flatMap((i) => (i.op === 'or' ? i.items : [i]))) {
    if (i.op === 'term') {
      const key = `${i.prefix ? '*' : ''}${i.token}`;
      const known = terms.get(key);
      if (known) {
        known.fields = FIELD_ORDER.filter((f) => known.fields.includes(f) || i.fields.includes(f));
        continue;
      }
      const copy = { ...i, fields: [...i.fields] };
      terms.set(key, copy);
      flat.push(copy);
      continue;
    }
    const key = JSON.stringify(i);
    if (!seen.has(key)) {
      seen.add(key);
      flat.push(i);
    }
  }
  return flat.length === 1 ? flat[0]! : { op: 'or', items: flat };
}

export const not = (item: MatchNode, minus: MatchNode): MatchNode => ({ op: 'not', item, minus });

/** The same tree with every word match limited to the title (bigram phrases are title-only already). */
export function titleOnly(node: MatchNode): MatchNode | null {
  switch (node.op) {
    case 'term': {
      if (node.fields.includes('facets')) return node;
      const fields = node.fields.filter((f) => f === 'title' || f === 'grams');
      return fields.length ? { ...node, fields } : null;
    }
    case 'and': {
      const items = node.items.map(titleOnly);
      return items.some((i) => i === null) ? null : and(items as MatchNode[]);
    }
    case 'or': {
      const items = node.items.map(titleOnly).filter((i): i is MatchNode => i !== null);
      return items.length ? or(items) : null;
    }
    case 'not': {
      const item = titleOnly(node.item);
      return item ? not(item, node.minus) : null;
    }
  }
}

/**
 * The tree with every prefix match taken as "matches anything": a superset of what the tree matches, or null
 * when nothing is left to look up. (A NOT keeps only what it narrows: its superset is that of its item.)
 */
export function withoutPrefixes(node: MatchNode): MatchNode | null {
  switch (node.op) {
    case 'term':
      return node.prefix ? null : node;
    case 'and': {
      const items = node.items.map(withoutPrefixes).filter((i): i is MatchNode => i !== null);
      return items.length ? and(items) : null;
    }
    case 'or': {
      const items = node.items.map(withoutPrefixes);
      return items.every((i): i is MatchNode => i !== null) ? or(items) : null;
    }
    case 'not':
      return withoutPrefixes(node.item);
  }
}

// ---------- SQLite FTS5 ----------

const quote = (token: string) => `"${token.replace(/"/g, '""')}"`;

/**
 * Title words and title bigrams are written with a one-letter prefix (`t`, `g`), as on PostgreSQL: FTS5 keeps one
 * posting list per token across all columns, so an unprefixed title bigram such as 一步 would share the list of
 * the same text in every body (94% of the documents at a million), and every title-only lookup — the ranking
 * tiers, a query's bigram phrases — would walk it. Prefixed, a title token's list holds titles only.
 */
const FTS5_PREFIX: Partial<Record<Field, string>> = { title: 't', grams: 'g' };

function fts5Term(node: Extract<MatchNode, { op: 'term' }>): string {
  const star = node.prefix ? ' *' : '';
  const parts: string[] = [];
  for (const field of ['title', 'grams'] as const)
    if (node.fields.includes(field)) parts.push(`${field} : ${quote(FTS5_PREFIX[field] + node.token)}${star}`);
  const plain = node.fields.filter((f) => !FTS5_PREFIX[f]);
  if (plain.length)
    parts.push(`${plain.length === 1 ? plain[0] : `{${plain.join(' ')}}`} : ${quote(node.token)}${star}`);
  return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
}

export function toFts5(node: MatchNode): string {
  switch (node.op) {
    case 'term':
      return fts5Term(node);
    case 'and':
      return `(${node.items.map(toFts5).join(' AND ')})`;
    case 'or':
      return `(${node.items.map(toFts5).join(' OR ')})`;
    case 'not':
      return `(${toFts5(node.item)} NOT ${toFts5(node.minus)})`;
  }
}

// ---------- PostgreSQL tsquery / tsvector ----------

/**
 * Lexemes carry a one-letter prefix: `t` title word, `g` title bigram, `f` facet, and `a` for a token anywhere
 * (title, bigrams, metadata, body) — so a word anywhere is one posting list, not an OR of four. Queries only
 * ask for a word anywhere, or within the title (`t`, `g`), or for a facet.
 */
const quoteLexeme = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

function lexemes(fields: Field[], token: string): string[] {
  if (TEXT_FIELDS.every((f) => fields.includes(f))) return [quoteLexeme(`a${token}`)];
  return fields.map((f) => {
    if (f === 'title') return quoteLexeme(`t${token}`);
    if (f === 'grams') return quoteLexeme(`g${token}`);
    if (f === 'facets') return quoteLexeme(`f${token}`);
    throw new Error(`no PostgreSQL lexeme for ${f} alone`);
  });
}

export function toTsquery(node: MatchNode): string {
  switch (node.op) {
    case 'term': {
      const parts = lexemes(node.fields, node.token).map((l) => l + (node.prefix ? ':*' : ''));
      return parts.length === 1 ? parts[0]! : `(${parts.join(' | ')})`;
    }
    case 'and':
      return `(${node.items.map(toTsquery).join(' & ')})`;
    case 'or':
      return `(${node.items.map(toTsquery).join(' | ')})`;
    case 'not':
      return `(${toTsquery(node.item)} & !${toTsquery(node.minus)})`;
  }
}

/** The token streams of one document. */
export interface DocTokens {
  title: string[];
  grams: string[];
  meta: string[];
  body: string[];
  facets: string[];
}

/**
 * FTS5 column values: space-joined tokens (the unicode61 tokenizer splits them back on the spaces); title words
 * and bigrams prefixed (see FTS5_PREFIX).
 */
export function fts5Columns(doc: DocTokens): Record<Field, string> {
  return {
    title: doc.title.map((t) => `t${t}`).join(' '),
    grams: doc.grams.map((t) => `g${t}`).join(' '),
    meta: doc.meta.join(' '),
    body: doc.body.join(' '),
    facets: doc.facets.join(' '),
  };
}

/** A tsvector literal: title words (t), title bigrams (g), every token anywhere (a), facets (f). No positions. */
export function tsvectorLiteral(doc: DocTokens): string {
  const out = new Set<string>();
  for (const t of doc.title) out.add(quoteLexeme(`t${t}`));
  for (const t of doc.grams) out.add(quoteLexeme(`g${t}`));
  for (const field of ['title', 'grams', 'meta', 'body'] as const)
    for (const t of doc[field]) out.add(quoteLexeme(`a${t}`));
  for (const t of doc.facets) out.add(quoteLexeme(`f${t}`));
  return [...out].join(' ');
}

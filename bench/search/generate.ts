// Synthetic Chinese government items for the search benchmark: notices, policy documents, interpretations,
// news, service guides, consultations and other disclosures over 2019–2026, from the same generator as the
// quality set (src/modules/search/quality/corpus.ts), with longer bodies and repeated titles allowed.
import { generateCorpus, type CorpusItem } from '../../src/modules/search/quality/corpus.ts';
import { normalize, words, isHan } from '../../src/modules/search/text.ts';
import { seededRandom } from '../../src/platform/random.ts';

export function generateItems(count: number, seed = 42): CorpusItem[] {
  return generateCorpus(count, seed, { unique: false, extraParagraphs: 8 });
}

/** A query mix drawn from the items' titles: `per` queries of 1, 2 and 4 words each. */
export function queryMix(items: { title: string }[], per: number, seed = 7): { words: number; q: string }[] {
  const r = seededRandom(seed);
  const out: { words: number; q: string }[] = [];
  const wordsOf = (title: string) => [
    ...new Set(words(normalize(title)).filter((w) => isHan(w) && [...w].length >= 2)),
  ];
  for (const n of [1, 2, 4]) {
    let made = 0;
    while (made < per) {
      const ws = wordsOf(items[Math.floor(r() * items.length)]!.title);
      if (ws.length < n) continue;
      const start = Math.floor(r() * (ws.length - n + 1));
      out.push({ words: n, q: ws.slice(start, start + n).join(' ') });
      made += 1;
    }
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[2] ?? 10);
  for (const item of generateItems(n)) console.log(JSON.stringify(item));
}

// Seeded sampling: the indicators say 随机抽查, and a re-run with the same seed must pick the same pages.

/**
 * Up to `count` items chosen at random, in the order chosen. The items are first put in a stable order by
 * `key`, so the choice depends on the seed and the set of items only, not on the order they arrived in.
 */
export function sample<T>(items: readonly T[], count: number, random: () => number, key: (item: T) => string): T[] {
  const pool = [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const chosen: T[] = [];
  while (chosen.length < count && pool.length > 0) {
    chosen.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
  }
  return chosen;
}

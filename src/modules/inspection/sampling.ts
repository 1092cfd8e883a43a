// Random samples that are reproducible: the same seed picks the same items, so a run can be re-checked.
import { seededRandom } from '../../platform/random.ts';

/** Up to `n` items in a seeded random order (all of them when there are fewer, as the indicators say). */
export function sample<T>(items: readonly T[], n: number, seed: number): T[] {
  const random = seededRandom(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, n);
}

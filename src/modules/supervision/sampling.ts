// 抽查: each quarter a random sample of the registered running sites, never below 30% (100% when chosen), drawn
// from a recorded seed so anyone can draw it again and get the same sites.
import { sample } from '../inspection/sampling.ts';

/** 按季度组织开展的网站抽查比例未达到30%的，每次扣5分: no plan may sample less. */
export const MIN_SAMPLE_RATIO = 0.3;

/** How many of `total` a plan checks: at least 30% (rounded up), all of them with full coverage. */
export function sampleSize(total: number, ratio: number, fullCoverage: boolean): number {
  if (fullCoverage || total === 0) return total;
  const share = Math.min(1, Math.max(MIN_SAMPLE_RATIO, ratio));
  // 1e-9: 0.3 × 10 is 3.0000000000000004 in floating point, and must stay 3
  return Math.min(total, Math.ceil(total * share - 1e-9));
}

/**
 * The sample itself: the candidates in the order of their registry ids (so the order they were read in does not
 * matter), shuffled by the seed, the first `size` taken, returned in registry order.
 */
export function drawSample<T extends { id: number }>(candidates: readonly T[], size: number, seed: number): T[] {
  const ordered = [...candidates].sort((a, b) => a.id - b.id);
  return sample(ordered, size, seed).sort((a, b) => a.id - b.id);
}

/** A fresh seed for a new plan (recorded with it). */
export const newSeed = (): number => Math.floor(Math.random() * 2_147_483_647);

// Reproducible randomness: inspections sample pages "at random" (随机抽查) yet a re-run with the same seed must
// pick the same ones, and generated test and benchmark data must be the same on every machine.

/** mulberry32: a small, fast 32-bit PRNG, good enough for sampling and test data. Returns numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

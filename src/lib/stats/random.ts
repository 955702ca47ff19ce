/**
 * A small seeded pseudo-random generator for the bootstrap. Math.random cannot be seeded,
 * and an interval that jitters on every re-render (or differs between the page and its
 * tests) would look like a bug, so every resampling run is driven by an explicit seed.
 *
 * sfc32 (Chris Doty-Humphrey's "small fast counting" generator, 128-bit state) passes
 * PractRand/BigCrush at the sizes we use, is a handful of 32-bit integer ops per output and
 * has no short cycles thanks to the counter. Seeds are spread into the state with splitmix32
 * so that nearby seeds (1, 2, 3 …) give unrelated streams.
 */

export interface Rng {
  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number;
  /** Uniform float in [0, 1) with 32 random bits. */
  nextFloat(): number;
  /** Uniform integer in [0, n) for 1 ≤ n ≤ 2^32 (multiply-shift; bias ≤ n / 2^32, negligible here). */
  nextInt(n: number): number;
}

const TWO_POW_32 = 4294967296;

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Seed: any safe integer (negative and > 2^32 allowed; both 32-bit halves are used). */
export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  const low = seed >>> 0;
  const high = Math.floor(seed / TWO_POW_32) >>> 0;
  const mix = splitmix32(low ^ Math.imul(high, 0x27d4eb2d));
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix() | 1; // the counter; any value works, odd is tradition
  const nextUint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Discard a few outputs so the first draws do not reflect the seeding too directly.
  for (let i = 0; i < 12; i++) nextUint32();
  return {
    nextUint32,
    nextFloat: () => nextUint32() / TWO_POW_32,
    nextInt: (n: number) => Math.floor((nextUint32() * n) / TWO_POW_32),
  };
}

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

/**
 * The initial sfc32 state [a, b, c, counter] for a seed: any safe integer (negative and
 * > 2^32 allowed; both 32-bit halves are used). Exposed so hot loops can step the generator
 * inline (see sfc32Step); createRng(seed) produces exactly the same stream.
 */
export function sfc32State(seed: number): Int32Array {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  const low = seed >>> 0;
  const high = Math.floor(seed / TWO_POW_32) >>> 0;
  const mix = splitmix32(low ^ Math.imul(high, 0x27d4eb2d));
  const state = Int32Array.of(mix(), mix(), mix(), mix() | 1);
  // Discard a few outputs so the first draws do not reflect the seeding too directly.
  for (let i = 0; i < 12; i++) sfc32Step(state);
  return state;
}

/** One sfc32 step on `state` (mutated); returns a uniform 32-bit unsigned integer. */
export function sfc32Step(state: Int32Array): number {
  const a = state[0] as number;
  const b = state[1] as number;
  const c = state[2] as number;
  const d = state[3] as number;
  const t = (((a + b) | 0) + d) | 0;
  state[3] = (d + 1) | 0;
  state[0] = b ^ (b >>> 9);
  state[1] = (c + (c << 3)) | 0;
  state[2] = (((c << 21) | (c >>> 11)) + t) | 0;
  return t >>> 0;
}

export function createRng(seed: number): Rng {
  const state = sfc32State(seed);
  const nextUint32 = (): number => sfc32Step(state);
  return {
    nextUint32,
    nextFloat: () => nextUint32() / TWO_POW_32,
    nextInt: (n: number) => Math.floor((nextUint32() * n) / TWO_POW_32),
  };
}

/** Median and 95th percentile of repeated timings. */
export function summarise(samples: readonly number[]): { median_ms: number; p95_ms: number; runs: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median_ms: round(median), p95_ms: round(at(0.95)), runs: s.length };
}

export function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

export async function timeIt<T>(work: () => Promise<T> | T): Promise<[T, number]> {
  const t0 = performance.now();
  const result = await work();
  return [result, performance.now() - t0];
}

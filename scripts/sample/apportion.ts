/**
 * Splits a whole number into parts proportional to weights (largest remainder). Parts
 * below `min` are raised to it, taking the units from the largest parts.
 */
export function apportion(total: number, weights: readonly number[], min = 0): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  // Ties go to the earlier weight, so the split never depends on sort stability.
  const order = exact.map((x, i) => ({ i, frac: x - parts[i] })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i]++;
    left--;
  }
  for (let i = 0; i < parts.length; i++) {
    while (parts[i] < min) {
      const largest = parts.reduce((best, p, j) => (p > parts[best] ? j : best), 0);
      if (parts[largest] <= min) return parts.map((p) => Math.max(p, min));
      parts[largest]--;
      parts[i]++;
    }
  }
  return parts;
}

/**
 * Holm's step-down adjustment for the family of mentor functions tested in one regression,
 * and intervals that agree with it.
 *
 * Why Holm: eleven functions tested at 5 % each will show a "significant" one by chance in
 * ~43 % of datasets where none matters. Holm (1979) controls that family-wise error at α
 * under any dependence between the tests (the coefficients of one regression are correlated),
 * and is uniformly more powerful than Bonferroni.
 *
 * Why "Holm-compatible" intervals: the page shows an interval per function and words its
 * verdict from the interval. Plain 95 % intervals would contradict Holm (an interval
 * excluding 0 for a function Holm does not reject); Bonferroni intervals (level 1 − α/m) never
 * contradict it but are wider than Holm needs for all but the smallest p. The interval at level
 * 1 − γ_i with γ_i = α·p_i/p̃_i lies between the two (γ_i ∈ [α/m, α]) and excludes 0 exactly when
 * p̃_i < α, because it excludes 0 exactly when p_i < γ_i. (This is the interval that inverts the
 * test at the level Holm effectively used for that term; it is not a simultaneous confidence
 * region — no finite-width one is compatible with Holm in general — and the UI says "adjusted
 * for m comparisons", not "joint 95 %".)
 */
import type { Interval } from './intervals';
import { studentTTwoSidedP, studentTTwoSidedQuantile } from './special';

function checkAlpha(alpha: number): void {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
}

/**
 * Holm-adjusted p-values in the original order: p̃_(i) = max_{j ≤ i} min(1, (m − j + 1)·p_(j))
 * over the ascending order. Ties get equal adjusted values whatever their order.
 */
export function holmAdjust(p: readonly number[]): number[] {
  for (const v of p) if (!(v >= 0 && v <= 1)) throw new RangeError(`p-values must be in [0, 1], got ${v}`);
  const m = p.length;
  const order = p.map((_, i) => i).sort((a, b) => (p[a] as number) - (p[b] as number) || a - b);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach((index, j) => {
    running = Math.max(running, Math.min(1, (m - j) * (p[index] as number)));
    adjusted[index] = running;
  });
  return adjusted;
}

export interface HolmTerm {
  p: number;
  adjusted: number;
  /** γ_i = α·p_i/p̃_i ∈ [α/m, α] (α/m when p_i = 0): the interval's level is 1 − γ_i. */
  gamma: number;
  /** p̃_i < α. */
  rejected: boolean;
}

/** Holm adjustment, the per-term interval levels γ_i, and the rejections at family level α. */
export function holm(p: readonly number[], alpha = 0.05): HolmTerm[] {
  checkAlpha(alpha);
  const adjusted = holmAdjust(p);
  const m = p.length;
  return p.map((pi, i) => {
    const adj = adjusted[i] as number;
    // p = 0 ⇒ p̃ = 0; the limit of p/p̃ as p → 0 for the smallest term is 1/m.
    const gamma = adj === 0 ? alpha / m : Math.min(alpha, Math.max(alpha / m, alpha * (pi / adj)));
    return { p: pi, adjusted: adj, gamma, rejected: adj < alpha };
  });
}

/**
 * β̂ ± t_{df}(1 − γ/2)·se, with the end nearest 0 placed so that the interval excludes 0
 * exactly when `zeroInside` is false. zeroInside defaults to p ≥ γ (the t test at level γ);
 * Holm callers pass p̃ ≥ α. The t quantile and the p-value are separate computations, so
 * at the boundary (p = γ, e.g. p̃ exactly α) rounding could put the end at +1e-17 instead of
 * 0; the end is then snapped to 0 (touching: not excluded), or, in the opposite case, to the
 * smallest double on the estimate's side of 0.
 */
export function tInterval(estimate: number, se: number, df: number, gamma: number, zeroInside?: boolean): Interval {
  if (!(gamma > 0 && gamma <= 1)) throw new RangeError(`gamma must be in (0, 1], got ${gamma}`);
  if (!(se >= 0) || !Number.isFinite(estimate)) throw new RangeError(`need a finite estimate and se ≥ 0, got ${estimate}, ${se}`);
  const half = studentTTwoSidedQuantile(gamma, df) * se;
  let low = estimate - half;
  let high = estimate + half;
  const t = se === 0 ? (estimate === 0 ? 0 : Number.POSITIVE_INFINITY) : estimate / se;
  const inside = zeroInside ?? studentTTwoSidedP(t, df) >= gamma;
  if (inside) {
    if (low > 0) low = 0;
    if (high < 0) high = 0;
  } else if (low <= 0 && high >= 0) {
    if (estimate > 0) low = Number.MIN_VALUE;
    else if (estimate < 0) high = -Number.MIN_VALUE;
  }
  return { low, high };
}

/**
 * Holm-compatible intervals for a family of terms whose p-values are given, with any
 * interval method that can take a level and the decision at 0: `tInterval` for CR1 fits,
 * `wildInterval` for the wild bootstrap.
 */
export function holmIntervals(
  p: readonly number[],
  alpha: number,
  intervalAt: (index: number, gamma: number, zeroInside: boolean) => Interval,
): (HolmTerm & { interval: Interval })[] {
  return holm(p, alpha).map((term, i) => ({ ...term, interval: intervalAt(i, term.gamma, !term.rejected) }));
}

/**
 * p-values and intervals for a family of regression terms — the functions shown on the
 * Findings page — with Holm's control of the family-wise error across them.
 *
 * - 20 or more mentors: CR1 cluster-robust standard errors, Student t with G − 1 degrees of
 *   freedom (regression.ts).
 * - Fewer than 20 (FEW_CLUSTERS): CR1 over-rejects; the wild cluster bootstrap (WCR, Webb
 *   weights; wild-bootstrap.ts) gives the p-values and, by test inversion, the intervals.
 * The terms of one family may come from different fits (the raw comparison fits each
 * function alone); all fits of a family share the clients and so the clusters and the draws.
 *
 * Each term's interval is Holm-compatible (holm.ts): level 1 − γᵢ with γᵢ = α·pᵢ/p̃ᵢ, and it
 * excludes zero exactly when Holm rejects — so the verdict read off the interval is Holm's.
 */
import { holm, tInterval } from '../stats/holm';
import type { Interval } from '../stats/intervals';
import { FEW_CLUSTERS, type ClusteredOlsFit, type DesignMatrix } from '../stats/regression';
import { wildClusterBootstrap, wildInterval, type WildDraws } from '../stats/wild-bootstrap';

export type InferenceMethod = 'cr1' | 'wild';

export interface FamilyMember {
  design: DesignMatrix;
  fit: ClusteredOlsFit;
  /** The column of the term in `design`. */
  name: string;
}

/** One term on the model scale. */
export interface TermInference {
  estimate: number;
  se: number;
  /** Unadjusted two-sided p-value (t with G − 1 df, or the wild bootstrap's). */
  p: number;
  /** Holm-adjusted p-value within the family. */
  pAdjusted: number;
  /** The interval's level is 1 − gamma. */
  gamma: number;
  /** Holm-compatible interval (ends may be ±Infinity with the bootstrap and very few mentors). */
  interval: Interval;
  /** The plain 95 % interval, not adjusted for the family. */
  interval95: Interval;
}

/** CR1 below this many clusters is replaced by the wild bootstrap. */
export function inferenceMethod(clusters: number): InferenceMethod {
  return clusters < FEW_CLUSTERS ? 'wild' : 'cr1';
}

/**
 * Inference for every member of a family, Holm across them at level alpha. `draws` (the
 * bootstrap's cluster weights) are needed when method is 'wild'.
 */
export function inferFamily(members: readonly FamilyMember[], method: InferenceMethod, alpha = 0.05, draws?: WildDraws): TermInference[] {
  if (method === 'wild' && !draws) throw new Error('the wild bootstrap needs its draws');
  const base = members.map((m) => {
    const coefficient = m.fit.coefficients.find((c) => c.name === m.name);
    if (!coefficient || coefficient.estimate === null || coefficient.se === null || coefficient.p === null) {
      throw new RangeError(`term ${m.name} has no estimate`);
    }
    if (method === 'cr1') {
      return {
        estimate: coefficient.estimate,
        se: coefficient.se,
        p: coefficient.p,
        intervalAt: (gamma: number, zeroInside?: boolean) =>
          tInterval(coefficient.estimate!, coefficient.se!, m.fit.dfInference, gamma, zeroInside),
      };
    }
    const [term] = wildClusterBootstrap(m.design, m.fit, [m.name], { draws });
    return {
      estimate: term!.estimate,
      se: term!.se,
      p: term!.p,
      intervalAt: (gamma: number, zeroInside?: boolean) => wildInterval(term!, gamma, zeroInside),
    };
  });
  const adjusted = holm(
    base.map((b) => b.p),
    alpha,
  );
  return base.map((b, i) => {
    const h = adjusted[i]!;
    return {
      estimate: b.estimate,
      se: b.se,
      p: b.p,
      pAdjusted: h.adjusted,
      gamma: h.gamma,
      interval: b.intervalAt(h.gamma, !h.rejected),
      interval95: b.intervalAt(alpha),
    };
  });
}

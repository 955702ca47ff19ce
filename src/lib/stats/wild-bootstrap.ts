/**
 * Wild cluster bootstrap for regression coefficients when there are few clusters (mentors):
 * with G < FEW_CLUSTERS the CR1 t test over-rejects even with G − 1 degrees of freedom
 * (Cameron, Gelbach & Miller 2008; MacKinnon & Webb 2017), and the bootstrap-t below is the
 * standard remedy (Roodman, MacKinnon, Nielsen & Webb 2019, "Fast and wild: bootstrap
 * inference in Stata using boottest").
 *
 * Choices:
 * - Restricted (WCR, "null imposed"), not unrestricted (WCU). For testing β_j = β₀ the
 *   bootstrap samples come from the model estimated under that null. CGM (2008) found WCR
 *   the most reliable of the methods they compared with few clusters, and MacKinnon & Webb
 *   show WCU over-rejecting where WCR stays close to the nominal level; boottest imposes
 *   the null by default for that reason. The interval is then the set of β₀ that the test
 *   does not reject (test inversion, as boottest does), so the p-value and the interval are
 *   one object: the interval at level 1 − γ excludes 0 exactly when p < γ (the search below
 *   guarantees it, including at the rounding boundary; see `wildInterval`).
 * - Webb's six-point weights (±√½, ±1, ±√(3/2), each 1/6). Rademacher (±1) weights give at
 *   most 2^(G−1) distinct |t*|, so with 8 mentors no p-value below 1/128 exists and Holm's
 *   smallest level for eleven functions (0.05/11 ≈ 0.0045) could never be reached; Webb
 *   (2014/2023) designed the six-point distribution for exactly this case. When 6^G ≤ B
 *   (G ≤ 5 at the default B) all 6^G draws are enumerated instead of sampled: no simulation
 *   noise at all.
 * - B = 9999 by default (MacKinnon's advice for p-values that are compared with small levels:
 *   at γ = 0.0045 about 45 replicates lie beyond the critical value). Draws come from the
 *   project's seeded generator, so the result is identical for a given seed; the same draws
 *   are shared by all coefficients of one call.
 *
 * Speed: nothing is re-estimated per replicate. Writing ũ(β₀) = û + δ·r with δ = β̂_j − β₀ and
 * r = M_Z x_j = X(XᵀX)⁻¹e_j / A_jj (Frisch–Waugh), the bootstrap numerator β̂*_j − β₀ and each
 * cluster's contribution to the bootstrap CR1 variance are linear in the G weights and affine
 * in δ. One O(N·K) pass per coefficient builds two G × G matrices; each replicate is then
 * O(G²) and is stored as five numbers, from which t*(β₀) for ANY β₀ costs O(1). The p-value
 * and the interval search (≈ 60 values of β₀) are O(B) each. See the derivation at
 * `precompute`.
 */
import { DEFAULT_SEED, type Interval } from './intervals';
import { sfc32State, sfc32Step } from './random';
import type { ClusteredOlsFit, DesignMatrix } from './regression';

export const DEFAULT_WILD_REPLICATIONS = 9999;

const WEBB_WEIGHTS: readonly number[] = [-Math.sqrt(1.5), -1, -Math.sqrt(0.5), Math.sqrt(0.5), 1, Math.sqrt(1.5)];

/** Bootstrap weights, one per cluster and replicate (row-major replications × clusters). */
export interface WildDraws {
  weights: Float64Array;
  replications: number;
  clusters: number;
  /** true when every one of the 6^G weight vectors appears exactly once. */
  enumerated: boolean;
}

/** Webb six-point weights: all 6^G vectors when 6^G ≤ replications, else `replications` seeded draws. */
export function webbDraws(clusters: number, replications: number = DEFAULT_WILD_REPLICATIONS, seed: number = DEFAULT_SEED): WildDraws {
  if (!Number.isInteger(clusters) || clusters < 2) throw new RangeError(`need at least 2 clusters, got ${clusters}`);
  if (!Number.isInteger(replications) || replications < 1)
    throw new RangeError(`replications must be a positive integer, got ${replications}`);
  const all = 6 ** clusters;
  if (all <= replications) {
    const weights = new Float64Array(all * clusters);
    for (let b = 0; b < all; b++) {
      let code = b;
      for (let g = 0; g < clusters; g++) {
        weights[b * clusters + g] = WEBB_WEIGHTS[code % 6] as number;
        code = Math.floor(code / 6);
      }
    }
    return { weights, replications: all, clusters, enumerated: true };
  }
  const state = sfc32State(seed);
  const weights = new Float64Array(replications * clusters);
  for (let i = 0; i < weights.length; i++) {
    weights[i] = WEBB_WEIGHTS[Math.floor((sfc32Step(state) * 6) / 4294967296)] as number;
  }
  return { weights, replications, clusters, enumerated: false };
}

/**
 * One coefficient's bootstrap, stored as the polynomial coefficients (in δ = β̂ − β₀) of each
 * replicate's numerator and squared denominator:
 *   t*_b(β₀) = (num0_b + δ·num1_b) / √(c·(quad0_b + δ·quad1_b + δ²·quad2_b)),
 * and the observed t(β₀) = δ / √(c·scoreSq). The CR1 factor c cancels in every comparison.
 */
export interface WildBootstrapTerm {
  name: string;
  estimate: number;
  /** CR1 standard error (√(c·scoreSq)), the same as the fit's. */
  se: number;
  scoreSq: number;
  replications: number;
  enumerated: boolean;
  num0: Float64Array;
  num1: Float64Array;
  quad0: Float64Array;
  quad1: Float64Array;
  quad2: Float64Array;
  /** Bootstrap p-value of H₀: β = 0 (share of replicates with |t*| ≥ |t|). */
  p: number;
}

export interface WildBootstrapOptions {
  replications?: number;
  seed?: number;
  /** Pre-made draws (tests; or to share draws between calls). Overrides replications and seed. */
  draws?: WildDraws;
}

/**
 * WCR wild cluster bootstrap-t for the named coefficients of a fit (made by fitClusteredOls
 * on the same design). Throws for unknown or aliased names.
 */
export function wildClusterBootstrap(
  design: DesignMatrix,
  fit: ClusteredOlsFit,
  names: readonly string[],
  options: WildBootstrapOptions = {},
): WildBootstrapTerm[] {
  const draws = options.draws ?? webbDraws(fit.clusters, options.replications ?? DEFAULT_WILD_REPLICATIONS, options.seed ?? DEFAULT_SEED);
  if (draws.clusters !== fit.clusters) throw new RangeError(`draws are for ${draws.clusters} clusters, the fit has ${fit.clusters}`);
  return names.map((name) => {
    const column = design.columns.indexOf(name);
    if (column < 0) throw new RangeError(`no column named ${name}`);
    const k = fit.kept.indexOf(column);
    if (k < 0) throw new RangeError(`column ${name} is aliased and has no estimate`);
    const pre = precompute(design, fit, k);
    const term = replicate(pre, draws);
    const estimate = fit.beta[k] as number;
    const partial: WildBootstrapTerm = {
      name,
      estimate,
      se: Math.sqrt(fit.correction * pre.scoreSq),
      scoreSq: pre.scoreSq,
      replications: draws.replications,
      enumerated: draws.enumerated,
      ...term,
      p: Number.NaN,
    };
    partial.p = wildPValue(partial, 0);
    return partial;
  });
}

interface Precomputed {
  G: number;
  /** p_h = w_hᵀû_h */
  p: Float64Array;
  /** q_h = w_hᵀw_h / A_jj  (= w_hᵀr_h) */
  q: Float64Array;
  /** G × G, row h: C0[h][g] = [h = g]·p_h − a_hᵀ A s_g */
  c0: Float64Array;
  /** G × G, row h: C1[h][g] = [h = g]·q_h − a_hᵀ A a_g / A_jj */
  c1: Float64Array;
  scoreSq: number;
}

/**
 * For coefficient j (position k among the kept columns), with A = (XᵀX)⁻¹, w = X·A·e_j,
 * a_h = X_hᵀw_h and s_g = X_gᵀû_g:
 *
 *   y*      = Xβ̃ + v∘ũ                      (v_g: cluster g's weight; β̃_j = β₀)
 *   β̂*_j − β₀ = e_jᵀA Xᵀ(v∘ũ) = Σ_g v_g·w_gᵀũ_g = Σ_g v_g (p_g + δ q_g)
 *   û*      = M_X (v∘ũ),  and cluster h's term of the bootstrap CR1 variance of β̂*_j is
 *   (w_hᵀû*_h)² with w_hᵀû*_h = Σ_g v_g [ [h = g]·w_hᵀũ_h − a_hᵀ A X_gᵀũ_g ]
 *                              = Σ_g v_g (C0[h][g] + δ·C1[h][g]).
 *
 * With v ≡ 1 this gives back β̂_j − β₀ and the fit's own se, which the tests check.
 */
function precompute(design: DesignMatrix, fit: ClusteredOlsFit, k: number): Precomputed {
  const { values, rows: n, columns } = design;
  const P = columns.length;
  const K = fit.rank;
  const G = fit.clusters;
  const A = fit.bread;
  const kept = fit.kept;
  const of = fit.clusterIndex.of;
  const u = fit.residuals;
  const aCol = new Float64Array(K);
  for (let m = 0; m < K; m++) aCol[m] = A[m * K + k] as number;
  const Ajj = A[k * K + k] as number;

  const p = new Float64Array(G);
  const ww = new Float64Array(G);
  const a = new Float64Array(G * K);
  const x = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    const row = i * P;
    let w = 0;
    for (let m = 0; m < K; m++) {
      const v = values[row + (kept[m] as number)] as number;
      x[m] = v;
      w += v * (aCol[m] as number);
    }
    const h = of[i] as number;
    p[h] = (p[h] as number) + w * (u[i] as number);
    ww[h] = (ww[h] as number) + w * w;
    const base = h * K;
    for (let m = 0; m < K; m++) a[base + m] = (a[base + m] as number) + (x[m] as number) * w;
  }
  const q = ww.map((v) => v / Ajj);
  // A·a_g for every cluster (G × K)
  const Aa = new Float64Array(G * K);
  for (let g = 0; g < G; g++) {
    for (let r = 0; r < K; r++) {
      let s = 0;
      for (let m = 0; m < K; m++) s += (A[r * K + m] as number) * (a[g * K + m] as number);
      Aa[g * K + r] = s;
    }
  }
  const c0 = new Float64Array(G * G);
  const c1 = new Float64Array(G * G);
  const influence = fit.influence; // A·s_g
  for (let h = 0; h < G; h++) {
    for (let g = 0; g < G; g++) {
      let s0 = 0;
      let s1 = 0;
      for (let m = 0; m < K; m++) {
        const am = a[h * K + m] as number;
        s0 += am * (influence[g * K + m] as number);
        s1 += am * (Aa[g * K + m] as number);
      }
      c0[h * G + g] = (h === g ? (p[h] as number) : 0) - s0;
      c1[h * G + g] = (h === g ? (q[h] as number) : 0) - s1 / Ajj;
    }
  }
  let scoreSq = 0;
  for (let h = 0; h < G; h++) scoreSq += (p[h] as number) ** 2;
  return { G, p, q, c0, c1, scoreSq };
}

/** The O(B·G²) loop: five numbers per replicate. */
function replicate(pre: Precomputed, draws: WildDraws): Pick<WildBootstrapTerm, 'num0' | 'num1' | 'quad0' | 'quad1' | 'quad2'> {
  const { G, p, q, c0, c1 } = pre;
  const B = draws.replications;
  const W = draws.weights;
  const num0 = new Float64Array(B);
  const num1 = new Float64Array(B);
  const quad0 = new Float64Array(B);
  const quad1 = new Float64Array(B);
  const quad2 = new Float64Array(B);
  for (let b = 0; b < B; b++) {
    const base = b * G;
    let n0 = 0;
    let n1 = 0;
    for (let g = 0; g < G; g++) {
      const v = W[base + g] as number;
      n0 += v * (p[g] as number);
      n1 += v * (q[g] as number);
    }
    let dd = 0;
    let de = 0;
    let ee = 0;
    for (let h = 0; h < G; h++) {
      const rowH = h * G;
      let d = 0;
      let e = 0;
      for (let g = 0; g < G; g++) {
        const v = W[base + g] as number;
        d += (c0[rowH + g] as number) * v;
        e += (c1[rowH + g] as number) * v;
      }
      dd += d * d;
      de += d * e;
      ee += e * e;
    }
    num0[b] = n0;
    num1[b] = n1;
    quad0[b] = dd;
    quad1[b] = 2 * de;
    quad2[b] = ee;
  }
  return { num0, num1, quad0, quad1, quad2 };
}

/**
 * Number of replicates with |t*_b(β₀)| ≥ |t(β₀)|, compared in squared form
 * (num²·scoreSq ≥ δ²·quad) so that no square root or division can turn a tie into a miss.
 */
function exceedances(term: WildBootstrapTerm, nullValue: number): number {
  const delta = term.estimate - nullValue;
  const d2 = delta * delta;
  const { num0, num1, quad0, quad1, quad2, scoreSq } = term;
  let count = 0;
  for (let b = 0; b < num0.length; b++) {
    const num = (num0[b] as number) + delta * (num1[b] as number);
    const quad = Math.max(0, (quad0[b] as number) + delta * ((quad1[b] as number) + delta * (quad2[b] as number)));
    if (num * num * scoreSq >= d2 * quad) count++;
  }
  return count;
}

/**
 * Bootstrap p-value of H₀: β = nullValue. Every β₀ gets its own restricted (null-imposed)
 * bootstrap: the polynomials in δ already are the WCR replicates for that β₀, so this is the
 * same test boottest runs for that null, not a shifted copy of the test of 0.
 */
export function wildPValue(term: WildBootstrapTerm, nullValue = 0): number {
  return exceedances(term, nullValue) / term.replications;
}

/** The replicates' t*(β₀), for tests and diagnostics. */
export function wildTStatistics(term: WildBootstrapTerm, nullValue = 0): Float64Array {
  const delta = term.estimate - nullValue;
  const out = new Float64Array(term.replications);
  const c = (term.se * term.se) / term.scoreSq;
  for (let b = 0; b < out.length; b++) {
    const num = (term.num0[b] as number) + delta * (term.num1[b] as number);
    const quad = (term.quad0[b] as number) + delta * ((term.quad1[b] as number) + delta * (term.quad2[b] as number));
    out[b] = num / Math.sqrt(c * Math.max(0, quad));
  }
  return out;
}

/**
 * The interval at level 1 − γ: the β₀ around β̂ that the WCR test at level γ does not reject
 * (p(β₀) ≥ γ), each end found by galloping out from β̂ in steps of se·2^i and bisecting the
 * last step to 1e-10·se.
 *
 * Consistency with the p-value: the gallop visits β₀ = 0 itself before stepping over it, and
 * at 0 uses `zeroInside` instead of recomputing p. If 0 is rejected the bisection stays
 * strictly between β̂ and 0, so the interval excludes 0; if accepted, the end lies at or
 * beyond 0 (if the search met a rejection before reaching 0, the end is set to 0). `zeroInside`
 * defaults to p(0) ≥ γ; Holm-compatible intervals pass p̃ ≥ α, so that "excludes 0" and
 * "Holm rejects" are the same statement even when γ = α·p/p̃ rounds.
 *
 * An end is ±Infinity when the test does not reject however far β₀ goes (possible with
 * very few clusters: t*(β₀) stays bounded while the share of |t*| = ∞ replicates ≥ γ).
 * p(β₀) need not be monotone in β₀; the search reports the first rejection on each side.
 */
export function wildInterval(term: WildBootstrapTerm, gamma: number, zeroInside?: boolean): Interval {
  if (!(gamma > 0 && gamma < 1)) throw new RangeError(`gamma must be in (0, 1), got ${gamma}`);
  const includeZero = zeroInside ?? wildPValue(term, 0) >= gamma;
  const accept = (b0: number) => (b0 === 0 ? includeZero : exceedances(term, b0) / term.replications >= gamma);
  return {
    low: searchEnd(term, -1, accept, includeZero),
    high: searchEnd(term, 1, accept, includeZero),
  };
}

function searchEnd(term: WildBootstrapTerm, direction: 1 | -1, accept: (b0: number) => boolean, includeZero: boolean): number {
  const start = term.estimate;
  const unit = term.se > 0 ? term.se : Math.max(Math.abs(start), 1);
  const zeroAhead = direction * (0 - start) > 0;
  let zeroTested = false;
  let inside = start;
  let outside = Number.NaN;
  for (let i = 0, h = unit; i < 80; i++, h *= 2) {
    let candidate = start + direction * h;
    if (zeroAhead && !zeroTested && direction * candidate >= 0) {
      candidate = 0;
      zeroTested = true;
      h /= 2; // after zero, resume the doubling where it was
    }
    if (accept(candidate)) inside = candidate;
    else {
      outside = candidate;
      break;
    }
  }
  if (Number.isNaN(outside)) return direction * Number.POSITIVE_INFINITY;
  const tolerance = 1e-10 * unit;
  while (Math.abs(outside - inside) > tolerance) {
    const mid = inside + (outside - inside) / 2;
    if (mid === inside || mid === outside) break;
    if (accept(mid)) inside = mid;
    else outside = mid;
  }
  // A caller that says 0 is inside (Holm: p̃ ≥ α) while the test at γ rejected before
  // reaching 0 can only differ from it by rounding; the end then touches 0.
  if (zeroAhead && includeZero && direction * inside < 0) return 0;
  return inside;
}
